#include "BayesianNetwork.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace plab {

int BayesianNetwork::find(const std::string& variableName) const
{
    for (int i = 0; i < size(); ++i)
        if (variables[std::size_t(i)].name == variableName)
            return i;
    return -1;
}

int BayesianNetwork::findValue(int variable, const std::string& value) const
{
    const auto& values = variables[std::size_t(variable)].values;
    for (std::size_t k = 0; k < values.size(); ++k)
        if (values[k] == value)
            return int(k);
    // A 1-based number names the value at that position ("Z3=1" is the first value).
    if (!value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })
        && value.size() < 6) {
        const int k = std::stoi(value);
        if (k >= 1 && k <= int(values.size()))
            return k - 1;
    }
    return -1;
}

std::size_t BayesianNetwork::parentConfiguration(int variable, const std::vector<int>& state) const
{
    std::size_t config = 0;
    for (int p : variables[std::size_t(variable)].parents)
        config = config * std::size_t(variables[std::size_t(p)].cardinality()) + std::size_t(state[std::size_t(p)]);
    return config;
}

double BayesianNetwork::conditional(int variable, const std::vector<int>& state) const
{
    const BnVariable& v = variables[std::size_t(variable)];
    return v.cpt[parentConfiguration(variable, state) * std::size_t(v.cardinality()) + std::size_t(state[std::size_t(variable)])];
}

std::vector<std::vector<int>> BayesianNetwork::children() const
{
    std::vector<std::vector<int>> c(variables.size());
    for (int i = 0; i < size(); ++i)
        for (int p : variables[std::size_t(i)].parents)
            c[std::size_t(p)].push_back(i);
    return c;
}

std::vector<int> BayesianNetwork::markovBlanket(int variable) const
{
    std::vector<int> mb = variables[std::size_t(variable)].parents;
    const auto kids = children();  // a local: a range-for over children()[v] would dangle
    for (int child : kids[std::size_t(variable)]) {
        mb.push_back(child);
        for (int p : variables[std::size_t(child)].parents)
            if (p != variable)
                mb.push_back(p);
    }
    std::sort(mb.begin(), mb.end());
    mb.erase(std::unique(mb.begin(), mb.end()), mb.end());
    return mb;
}

std::vector<int> BayesianNetwork::topologicalOrder() const
{
    // Depth-first search with colours: grey = on the current path, so meeting one is a cycle.
    std::vector<int> colour(variables.size(), 0), order;
    std::vector<std::pair<int, std::size_t>> stack;
    for (int start = 0; start < size(); ++start) {
        if (colour[std::size_t(start)])
            continue;
        stack.push_back({start, 0});
        colour[std::size_t(start)] = 1;
        while (!stack.empty()) {
            auto& [v, next] = stack.back();
            const auto& parents = variables[std::size_t(v)].parents;
            if (next < parents.size()) {
                const int p = parents[next++];
                if (colour[std::size_t(p)] == 1)
                    throw std::invalid_argument(variables[std::size_t(p)].name);
                if (colour[std::size_t(p)] == 0) {
                    colour[std::size_t(p)] = 1;
                    stack.push_back({p, 0});
                }
            } else {
                colour[std::size_t(v)] = 2;
                order.push_back(v);
                stack.pop_back();
            }
        }
    }
    return order;
}

void BayesianNetwork::sample(RandomStream& rng, const std::vector<int>& order, std::vector<int>& state) const
{
    state.assign(variables.size(), 0);
    for (int v : order) {
        const BnVariable& var = variables[std::size_t(v)];
        const double* row = var.cpt.data() + parentConfiguration(v, state) * std::size_t(var.cardinality());
        state[std::size_t(v)] = int(rng.categorical(row, std::size_t(var.cardinality()), 1.0));
    }
}

double BayesianNetwork::localFactors(int variable, const std::vector<int>& kids, std::vector<int>& state,
                                     std::vector<double>& out) const
{
    const int m = variables[std::size_t(variable)].cardinality();
    out.assign(std::size_t(m), 0.0);
    double total = 0;
    for (int k = 0; k < m; ++k) {
        state[std::size_t(variable)] = k;
        double p = conditional(variable, state);
        for (int c : kids)
            p *= conditional(c, state);
        out[std::size_t(k)] = p;
        total += p;
    }
    return total;
}

void BayesianNetwork::conditionalGivenOthers(int variable, std::vector<int> state, std::vector<double>& out) const
{
    const double total = localFactors(variable, children()[std::size_t(variable)], state, out);
    for (double& p : out)
        p = total > 0 ? p / total : 1.0 / double(out.size());
}

std::vector<int> BayesianNetwork::relevantBlanket(int variable) const
{
    const std::vector<int> mb = markovBlanket(variable);
    std::size_t configs = 1;
    for (int u : mb) {
        configs *= std::size_t(variables[std::size_t(u)].cardinality());
        if (configs > (std::size_t(1) << 16))
            return mb;
    }
    const auto kids = children()[std::size_t(variable)];
    const int m = variables[std::size_t(variable)].cardinality();
    // The conditional at a state, normalised; false where the blanket has probability 0.
    const auto local = [&](std::vector<int>& state, std::vector<double>& out) {
        const double total = localFactors(variable, kids, state, out);
        for (double& p : out)
            p /= total;
        return total > 0;
    };
    std::vector<char> relevant(mb.size(), 0);
    std::vector<int> state(std::size_t(size()), 0);
    std::vector<double> here, there;
    for (std::size_t c = 0; c < configs; ++c) {
        std::size_t rest = c;
        for (std::size_t i = mb.size(); i-- > 0;) {
            const auto card = std::size_t(variables[std::size_t(mb[i])].cardinality());
            state[std::size_t(mb[i])] = int(rest % card);
            rest /= card;
        }
        if (!local(state, here))
            continue;
        for (std::size_t i = 0; i < mb.size(); ++i) {
            if (relevant[i])
                continue;
            const int own = state[std::size_t(mb[i])];
            for (int a = 0; a < variables[std::size_t(mb[i])].cardinality() && !relevant[i]; ++a) {
                if (a == own)
                    continue;
                state[std::size_t(mb[i])] = a;
                if (local(state, there))
                    for (int k = 0; k < m; ++k)
                        if (std::fabs(here[std::size_t(k)] - there[std::size_t(k)]) > 1e-12 * std::max(1.0, here[std::size_t(k)]))
                            relevant[i] = 1;
            }
            state[std::size_t(mb[i])] = own;
        }
    }
    std::vector<int> out;
    for (std::size_t i = 0; i < mb.size(); ++i)
        if (relevant[i])
            out.push_back(mb[i]);
    return out;
}

double BayesianNetwork::jointProbability(const std::vector<int>& state) const
{
    double p = 1;
    for (int i = 0; i < size(); ++i)
        p *= conditional(i, state);
    return p;
}

std::uint64_t BayesianNetwork::jointStates() const
{
    std::uint64_t n = 1;
    for (const auto& v : variables) {
        if (n > UINT64_MAX / std::uint64_t(v.cardinality()))
            return UINT64_MAX;
        n *= std::uint64_t(v.cardinality());
    }
    return n;
}

void decodeState(const BayesianNetwork& net, std::uint64_t index, std::vector<int>& state)
{
    state.assign(std::size_t(net.size()), 0);
    for (int i = net.size() - 1; i >= 0; --i) {
        const auto m = std::uint64_t(net.variables[std::size_t(i)].cardinality());
        state[std::size_t(i)] = int(index % m);
        index /= m;
    }
}

std::uint64_t encodeState(const BayesianNetwork& net, const std::vector<int>& state)
{
    std::uint64_t index = 0;
    for (int i = 0; i < net.size(); ++i)
        index = index * std::uint64_t(net.variables[std::size_t(i)].cardinality()) + std::uint64_t(state[std::size_t(i)]);
    return index;
}

std::vector<int> BayesianNetwork::deterministicVariables() const
{
    std::vector<int> out;
    for (int v = 0; v < size(); ++v) {
        const BnVariable& var = variables[std::size_t(v)];
        const std::size_t k = std::size_t(var.cardinality());
        bool deterministic = !var.parents.empty();
        for (std::size_t row = 0; deterministic && row < var.cpt.size(); row += k)
            deterministic = *std::max_element(var.cpt.begin() + std::ptrdiff_t(row), var.cpt.begin() + std::ptrdiff_t(row + k)) == 1.0;
        if (deterministic)
            out.push_back(v);
    }
    return out;
}

} // namespace plab
