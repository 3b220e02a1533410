#pragma once
// Exact inference by variable elimination: posterior marginals under evidence and the family
// tables p*(x, mb) the module KLs need, for networks far too large to enumerate (bnlearn's
// medium networks, 20–40 variables, 10⁹ and more joint states). The cost is set by the largest
// factor an elimination order creates; the order is chosen greedily, smallest new factor first.
// EnumeratedJoint stays the oracle the tests compare with.
#include "BayesianNetwork.h"

#include <cstddef>
#include <vector>

namespace plab {

class VariableElimination {
public:
    /// Factors larger than this are refused (InputError) rather than filling the memory.
    static constexpr std::size_t kMaxFactor = std::size_t(1) << 26;

    explicit VariableElimination(const BayesianNetwork& net) : net_(net) {}

    /// p*(x_v | evidence) for every variable; an observed variable's is a point mass.
    /// evidence[v] = value index or −1. InputError if the evidence has probability 0.
    std::vector<std::vector<double>> marginals(const std::vector<int>& evidence) const;
    /// p*(x = value, inputs = configuration), rows the configurations of `inputs` (last input
    /// fastest), columns the values of `variable` — the layout of EnumeratedJoint::familyTable.
    std::vector<double> familyTable(int variable, const std::vector<int>& inputs) const;
    /// p*(x = value, inputs = configuration | evidence), same layout; zero where the evidence
    /// disagrees. InputError if the evidence has probability 0.
    std::vector<double> familyTable(int variable, const std::vector<int>& inputs, const std::vector<int>& evidence) const;

    /// A table over some variables (ascending), last variable fastest.
    struct Factor {
        std::vector<int> vars;
        std::vector<double> values;
    };

private:
    Factor cptFactor(int variable, const std::vector<int>& evidence) const;
    Factor multiply(const Factor& a, const Factor& b) const;
    Factor sumOut(const Factor& f, int variable) const;
    /// Multiplies the CPTs (reduced by the evidence) and sums out every variable not in `keep`.
    Factor eliminateAllBut(const std::vector<int>& keep, const std::vector<int>& evidence) const;
    std::size_t sizeOf(const std::vector<int>& vars) const;

    const BayesianNetwork& net_;
};

} // namespace plab
