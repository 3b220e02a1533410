#pragma once
// Exact answers for a Bayesian network by enumerating its joint distribution: marginals and
// posteriors under evidence, and for each variable the table p*(x, mb) over the values of
// its (chosen) Markov blanket. Enumeration is exact and simple; it is used for networks up
// to kMaxStates joint states, which covers the lab's networks and test fixtures.
#include "BayesianNetwork.h"

#include <cstdint>
#include <vector>

namespace plab {

class EnumeratedJoint {
public:
    static constexpr std::uint64_t kMaxStates = 1ull << 22;
    static bool feasible(const BayesianNetwork& net) { return net.jointStates() <= kMaxStates; }

    /// Throws InputError when the network has more than kMaxStates joint states.
    explicit EnumeratedJoint(const BayesianNetwork& net);

    const std::vector<double>& probabilities() const { return p_; }
    /// p*(state | evidence) over all joint states (zero where the evidence disagrees);
    /// evidence[v] = value index or −1.
    std::vector<double> conditioned(const std::vector<int>& evidence) const;
    /// Marginal of every variable from a distribution over joint states.
    std::vector<std::vector<double>> marginals(const std::vector<double>& joint) const;
    /// Table of p*(x = value, inputs = configuration): rows are configurations of `inputs`
    /// (last input fastest), columns the values of `variable`.
    std::vector<double> familyTable(int variable, const std::vector<int>& inputs) const;
    /// The same table from another distribution over the joint states (e.g. conditioned()).
    std::vector<double> familyTable(int variable, const std::vector<int>& inputs, const std::vector<double>& joint) const;

private:
    const BayesianNetwork& net_;
    std::vector<double> p_;
};

} // namespace plab
