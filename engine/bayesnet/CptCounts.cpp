#include "CptCounts.h"

namespace plab {

CptCounts::CptCounts(const BayesianNetwork& net)
{
    for (const auto& v : net.variables)
        counts_.emplace_back(v.cpt.size(), 0.0);
}

void CptCounts::add(const BayesianNetwork& net, const std::vector<int>& state)
{
    for (int v = 0; v < net.size(); ++v) {
        const std::size_t k = std::size_t(net.variables[std::size_t(v)].cardinality());
        counts_[std::size_t(v)][net.parentConfiguration(v, state) * k + std::size_t(state[std::size_t(v)])] += 1;
    }
    ++examples_;
}

BayesianNetwork CptCounts::estimate(const BayesianNetwork& net, double alpha) const
{
    BayesianNetwork counted = net;
    for (std::size_t v = 0; v < counted.variables.size(); ++v) {
        auto& cpt = counted.variables[v].cpt;
        const std::size_t k = std::size_t(counted.variables[v].cardinality());
        for (std::size_t row = 0; row < cpt.size(); row += k) {
            double n = 0;
            for (std::size_t x = 0; x < k; ++x)
                n += counts_[v][row + x];
            for (std::size_t x = 0; x < k; ++x)
                cpt[row + x] = (counts_[v][row + x] + alpha) / (n + alpha * double(k));
        }
    }
    return counted;
}

bool CptCounts::fits(const BayesianNetwork& net) const
{
    if (counts_.size() != net.variables.size())
        return false;
    for (std::size_t v = 0; v < counts_.size(); ++v)
        if (counts_[v].size() != net.variables[v].cpt.size())
            return false;
    return true;
}

} // namespace plab
