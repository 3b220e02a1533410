#include "ExactInference.h"

#include "core/Error.h"

namespace plab {

EnumeratedJoint::EnumeratedJoint(const BayesianNetwork& net) : net_(net)
{
    const std::uint64_t n = net.jointStates();
    if (n > kMaxStates)
        throw InputError("network '" + net.name + "' has " + (n == UINT64_MAX ? std::string("too many") : std::to_string(n))
                         + " joint states; exact inference here enumerates at most " + std::to_string(kMaxStates));
    p_.resize(std::size_t(n));
    std::vector<int> state;
    for (std::uint64_t i = 0; i < n; ++i) {
        decodeState(net, i, state);
        p_[std::size_t(i)] = net.jointProbability(state);
    }
}

std::vector<double> EnumeratedJoint::conditioned(const std::vector<int>& evidence) const
{
    std::vector<double> q(p_.size(), 0.0);
    std::vector<int> state;
    double total = 0;
    for (std::size_t i = 0; i < p_.size(); ++i) {
        decodeState(net_, i, state);
        bool agrees = true;
        for (std::size_t v = 0; v < evidence.size() && agrees; ++v)
            agrees = evidence[v] < 0 || evidence[v] == state[v];
        if (agrees) {
            q[i] = p_[i];
            total += p_[i];
        }
    }
    if (total > 0)
        for (double& x : q)
            x /= total;
    return q;
}

std::vector<std::vector<double>> EnumeratedJoint::marginals(const std::vector<double>& joint) const
{
    std::vector<std::vector<double>> m(std::size_t(net_.size()));
    for (int v = 0; v < net_.size(); ++v)
        m[std::size_t(v)].assign(std::size_t(net_.variables[std::size_t(v)].cardinality()), 0.0);
    std::vector<int> state;
    for (std::size_t i = 0; i < joint.size(); ++i) {
        if (joint[i] == 0)
            continue;
        decodeState(net_, i, state);
        for (int v = 0; v < net_.size(); ++v)
            m[std::size_t(v)][std::size_t(state[std::size_t(v)])] += joint[i];
    }
    return m;
}

std::vector<double> EnumeratedJoint::familyTable(int variable, const std::vector<int>& inputs) const
{
    return familyTable(variable, inputs, p_);
}

std::vector<double> EnumeratedJoint::familyTable(int variable, const std::vector<int>& inputs,
                                                 const std::vector<double>& joint) const
{
    const std::size_t m = std::size_t(net_.variables[std::size_t(variable)].cardinality());
    std::size_t configs = 1;
    for (int j : inputs)
        configs *= std::size_t(net_.variables[std::size_t(j)].cardinality());
    std::vector<double> table(configs * m, 0.0);
    std::vector<int> state;
    for (std::size_t i = 0; i < joint.size(); ++i) {
        if (joint[i] == 0)
            continue;
        decodeState(net_, i, state);
        std::size_t c = 0;
        for (int j : inputs)
            c = c * std::size_t(net_.variables[std::size_t(j)].cardinality()) + std::size_t(state[std::size_t(j)]);
        table[c * m + std::size_t(state[std::size_t(variable)])] += joint[i];
    }
    return table;
}

} // namespace plab
