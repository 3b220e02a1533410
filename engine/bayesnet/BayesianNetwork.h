#pragma once
// A discrete Bayesian network: variables with named values, parents, and one conditional
// probability table (CPT) per variable. The engine's spiking modules learn from samples of
// it; the exact answers (conditionals given Markov blankets, posteriors) come from here.
#include "core/Random.h"

#include <cstdint>
#include <string>
#include <vector>

namespace plab {

struct BnVariable {
    std::string name;
    std::string label;                  // what it means ("3-D shape"), optional
    std::vector<std::string> values;
    std::vector<int> parents;           // indices into the network's variables, in CPT order
    /// Rows for every parent configuration (last parent changing fastest), each row one
    /// probability per value: cpt[config * values.size() + value].
    std::vector<double> cpt;

    int cardinality() const { return int(values.size()); }
};

class BayesianNetwork {
public:
    std::string name;
    std::vector<BnVariable> variables;

    int size() const { return int(variables.size()); }
    int find(const std::string& variableName) const;  // −1 if absent
    /// Index of a value given by name or by 1-based number; −1 if neither.
    int findValue(int variable, const std::string& value) const;

    /// Index of a parent configuration in a CPT, given a full state of the network.
    std::size_t parentConfiguration(int variable, const std::vector<int>& state) const;
    double conditional(int variable, const std::vector<int>& state) const;

    std::vector<std::vector<int>> children() const;
    /// Parents, children and the children's other parents, sorted.
    std::vector<int> markovBlanket(int variable) const;
    /// The Markov blanket without the variables on which p(x_v | blanket) does not depend at
    /// all: a merged family's parent, say, is in its co-parents' blankets by the graph, but its
    /// factor cancels from their conditionals. The whole blanket where it has more than 2^16
    /// configurations.
    std::vector<int> relevantBlanket(int variable) const;
    /// Variables in an order where every parent comes before its children; throws
    /// std::invalid_argument naming a variable on a cycle.
    std::vector<int> topologicalOrder() const;

    /// Ancestral sampling of one joint state.
    void sample(RandomStream& rng, const std::vector<int>& order, std::vector<int>& state) const;
    /// p(x_v = k | everything else) for all k, from the local factors of v's Markov blanket.
    void conditionalGivenOthers(int variable, std::vector<int> state, std::vector<double>& out) const;
    double jointProbability(const std::vector<int>& state) const;

    /// Variables each of whose CPT rows puts all its mass on one value: functions of their
    /// parents. Single-variable Gibbs updates cannot change such a variable's parents or
    /// itself alone, so the network's sampling stays in the states it started near.
    std::vector<int> deterministicVariables() const;

    /// Number of joint states (saturates at UINT64_MAX).
    std::uint64_t jointStates() const;

private:
    /// p(x_v = k | parents) · Π over `kids` of their conditionals, for every k, into out; their sum.
    double localFactors(int variable, const std::vector<int>& kids, std::vector<int>& state, std::vector<double>& out) const;
};

/// The state with the given flat index, variables in network order, the last changing fastest.
void decodeState(const BayesianNetwork& net, std::uint64_t index, std::vector<int>& state);
std::uint64_t encodeState(const BayesianNetwork& net, const std::vector<int>& state);

} // namespace plab
