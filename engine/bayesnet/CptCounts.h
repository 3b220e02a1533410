#pragma once
// How often each entry of each CPT occurred in the training examples, and the network that
// simply counting them estimates. Its posteriors are the "counting floor": what the examples
// the spiking modules saw allow a learner that knows the graph, so a user can tell whether the
// spiking learning reached its data or fell short of it.
#include "BayesianNetwork.h"

#include <cstdint>
#include <vector>

namespace plab {

class CptCounts {
public:
    CptCounts() = default;
    /// Zero counts shaped like the network's CPTs.
    explicit CptCounts(const BayesianNetwork& net);

    void add(const BayesianNetwork& net, const std::vector<int>& state);
    std::int64_t examples() const { return examples_; }
    /// The network with each CPT row estimated as (n(x, pa) + alpha) / (n(pa) + alpha·K): the
    /// posterior mean under a uniform Dirichlet prior for alpha = 1 (Laplace's rule).
    BayesianNetwork estimate(const BayesianNetwork& net, double alpha = 1.0) const;

    // For the state file.
    std::vector<std::vector<double>>& counts() { return counts_; }
    std::int64_t& examplesRef() { return examples_; }
    /// True when the counts have the shape of the network's CPTs.
    bool fits(const BayesianNetwork& net) const;

private:
    std::vector<std::vector<double>> counts_;  // per variable, laid out like its cpt
    std::int64_t examples_ = 0;
};

} // namespace plab
