#include "MergedFamilies.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace plab {

namespace {

int findRoot(std::vector<int>& parent, int v)
{
    while (parent[std::size_t(v)] != v)
        v = parent[std::size_t(v)] = parent[std::size_t(parent[std::size_t(v)])];
    return v;
}

std::string joined(const BayesianNetwork& net, const std::vector<int>& vars, const char* separator)
{
    std::string s;
    for (int v : vars)
        s += (s.empty() ? "" : separator) + net.variables[std::size_t(v)].name;
    return s;
}

} // namespace

MergedFamilies::MergedFamilies(const BayesianNetwork& net, bool merge) : net_(net)
{
    const std::vector<int> functions = net.deterministicVariables();
    identity(net);
    if (functions.empty())
        return;
    if (!merge) {
        unhandled_ = "families=separate";
        return;
    }
    // A function and its parents are one family; families that share a variable are one.
    std::vector<int> parent(std::size_t(net.size()));
    std::iota(parent.begin(), parent.end(), 0);
    for (int f : functions)
        for (int p : net.variables[std::size_t(f)].parents)
            parent[std::size_t(findRoot(parent, p))] = findRoot(parent, f);
    std::vector<std::vector<int>> groups;
    std::vector<int> groupOfRoot(std::size_t(net.size()), -1);
    for (int f : functions) {
        const int root = findRoot(parent, f);
        if (groupOfRoot[std::size_t(root)] < 0) {
            groupOfRoot[std::size_t(root)] = int(groups.size());
            groups.emplace_back();
        }
    }
    for (int v = 0; v < net.size(); ++v) {
        const int g = groupOfRoot[std::size_t(findRoot(parent, v))];
        if (g >= 0)
            groups[std::size_t(g)].push_back(v);  // ascending
    }
    try {
        build(net, groups);
        merges_ = true;
    } catch (const std::invalid_argument& e) {
        identity(net);
        unhandled_ = e.what();
    }
}

void MergedFamilies::identity(const BayesianNetwork& net)
{
    merged_ = net;
    merges_ = false;
    members_.clear();
    computed_.assign(std::size_t(net.size()), {});
    home_.clear();
    for (int v = 0; v < net.size(); ++v) {
        members_.push_back({v});
        home_.push_back(v);
    }
}

void MergedFamilies::build(const BayesianNetwork& net, const std::vector<std::vector<int>>& groups)
{
    const std::vector<int> functions = net.deterministicVariables();
    const auto isFunction = [&](int v) { return std::binary_search(functions.begin(), functions.end(), v); };
    const std::vector<int> order = net.topologicalOrder();
    std::vector<int> groupOf(std::size_t(net.size()), -1);
    for (std::size_t g = 0; g < groups.size(); ++g)
        for (int v : groups[g])
            groupOf[std::size_t(v)] = int(g);

    // Merged variables in the original order: a family where its first member stood.
    members_.clear();
    computed_.clear();
    home_.assign(std::size_t(net.size()), -1);
    for (int v = 0; v < net.size(); ++v) {
        if (home_[std::size_t(v)] >= 0)
            continue;
        const int m = int(members_.size());
        if (groupOf[std::size_t(v)] < 0) {
            members_.push_back({v});
            computed_.emplace_back();
            home_[std::size_t(v)] = m;
            continue;
        }
        std::vector<int> free, functionsHere;
        for (int u : groups[std::size_t(groupOf[std::size_t(v)])])
            (isFunction(u) ? functionsHere : free).push_back(u);
        // The functions in an order where each follows what it is computed from.
        std::vector<int> ordered;
        for (int u : order)
            if (std::find(functionsHere.begin(), functionsHere.end(), u) != functionsHere.end())
                ordered.push_back(u);
        for (int u : groups[std::size_t(groupOf[std::size_t(v)])])
            home_[std::size_t(u)] = m;
        members_.push_back(free);
        computed_.push_back(ordered);
    }

    BayesianNetwork merged;
    merged.name = net.name;
    for (std::size_t m = 0; m < members_.size(); ++m) {
        BnVariable var;
        const auto& own = members_[m];
        if (computed_[m].empty()) {
            var = net.variables[std::size_t(own[0])];
            var.parents.clear();
            var.cpt.clear();
        } else {
            var.name = joined(net, own, "+");
            var.label = "joint value of " + joined(net, own, ", ") + "; " + joined(net, computed_[m], ", ")
                        + " computed from it";
            std::size_t values = 1;
            for (int u : own)
                values = std::min(values * std::size_t(net.variables[std::size_t(u)].cardinality()),
                                  std::size_t(kMaxValues) + 1);  // no overflow however many members
            if (values > std::size_t(kMaxValues))
                throw std::invalid_argument("merging " + joined(net, own, ", ") + " would give one variable of "
                                            "more than " + std::to_string(kMaxValues) + " values");
            for (std::size_t k = 0; k < values; ++k) {
                std::string name;
                std::size_t rest = k;
                std::vector<std::string> parts(own.size());
                for (std::size_t i = own.size(); i-- > 0;) {
                    const auto& vals = net.variables[std::size_t(own[i])].values;
                    parts[i] = vals[rest % vals.size()];
                    rest /= vals.size();
                }
                for (const auto& p : parts)
                    name += (name.empty() ? "" : "+") + p;
                var.values.push_back(name);
            }
        }
        // Parents: the merged variables of the original parents of every member and function.
        std::vector<int> everyone = own;
        everyone.insert(everyone.end(), computed_[m].begin(), computed_[m].end());
        for (int u : everyone)
            for (int p : net.variables[std::size_t(u)].parents) {
                const int hp = home_[std::size_t(p)];
                if (hp != int(m) && std::find(var.parents.begin(), var.parents.end(), hp) == var.parents.end())
                    var.parents.push_back(hp);
            }
        merged.variables.push_back(std::move(var));
    }
    // A family whose members are linked through another variable would be that variable's
    // parent and child.
    try {
        merged.topologicalOrder();
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("merging a deterministic family would make a cycle through " + std::string(e.what()));
    }
    merged_ = std::move(merged);

    // Tables: a merged variable's value given its merged parents is the product of its
    // members' and functions' conditionals (the functions' are 1 where they agree).
    std::vector<int> state(std::size_t(net.size()), 0);
    for (std::size_t m = 0; m < members_.size(); ++m) {
        BnVariable& var = merged_.variables[m];
        std::size_t configs = 1;
        for (int p : var.parents)
            configs = std::min(configs * std::size_t(merged_.variables[std::size_t(p)].cardinality()),
                               std::size_t(1) << 25);
        const std::size_t values = std::size_t(var.cardinality());
        if (configs * values > (std::size_t(1) << 24))
            throw std::invalid_argument("the merged table of " + var.name + " would be too large");
        var.cpt.assign(configs * values, 0.0);
        std::vector<int> everyone = members_[m];
        everyone.insert(everyone.end(), computed_[m].begin(), computed_[m].end());
        for (std::size_t c = 0; c < configs; ++c) {
            std::size_t rest = c;
            for (std::size_t i = var.parents.size(); i-- > 0;) {
                const int p = var.parents[i];
                const int card = merged_.variables[std::size_t(p)].cardinality();
                expand(p, int(rest % std::size_t(card)), state);
                rest /= std::size_t(card);
            }
            for (std::size_t x = 0; x < values; ++x) {
                expand(int(m), int(x), state);
                double p = 1;
                for (int u : everyone)
                    p *= net.conditional(u, state);
                var.cpt[c * values + x] = p;
            }
        }
    }
}

void MergedFamilies::expand(int m, int value, std::vector<int>& original) const
{
    const auto& own = members_[std::size_t(m)];
    for (std::size_t i = own.size(); i-- > 0;) {
        const int card = net_.variables[std::size_t(own[i])].cardinality();
        original[std::size_t(own[i])] = value % card;
        value /= card;
    }
    // Each function takes the value its row gives probability 1.
    for (int f : computed_[std::size_t(m)]) {
        const BnVariable& var = net_.variables[std::size_t(f)];
        const std::size_t k = std::size_t(var.cardinality());
        const auto row = var.cpt.begin() + std::ptrdiff_t(net_.parentConfiguration(f, original) * k);
        original[std::size_t(f)] = int(std::max_element(row, row + std::ptrdiff_t(k)) - row);
    }
}

void MergedFamilies::toMerged(const std::vector<int>& original, std::vector<int>& merged) const
{
    merged.resize(members_.size());
    for (std::size_t m = 0; m < members_.size(); ++m) {
        int value = 0;
        for (int u : members_[m])
            value = value * net_.variables[std::size_t(u)].cardinality() + original[std::size_t(u)];
        merged[m] = value;
    }
}

void MergedFamilies::toOriginal(const std::vector<int>& merged, std::vector<int>& original) const
{
    original.resize(std::size_t(net_.size()));
    for (std::size_t m = 0; m < members_.size(); ++m)
        expand(int(m), merged[m], original);
}

void MergedFamilies::evidence(const std::vector<int>& original, std::vector<int>& clamp,
                              std::vector<std::vector<char>>& allowed) const
{
    clamp.assign(members_.size(), -1);
    allowed.assign(members_.size(), {});
    std::vector<int> state(std::size_t(net_.size()), 0);
    for (std::size_t m = 0; m < members_.size(); ++m) {
        std::vector<int> observed;
        for (int u : members_[m])
            if (original[std::size_t(u)] >= 0)
                observed.push_back(u);
        for (int u : computed_[m])
            if (original[std::size_t(u)] >= 0)
                observed.push_back(u);
        if (observed.empty())
            continue;
        const int values = merged_.variables[m].cardinality();
        if (computed_[m].empty()) {  // an ordinary variable: clamped as before
            clamp[m] = original[std::size_t(members_[m][0])];
            continue;
        }
        auto& ok = allowed[m];
        ok.assign(std::size_t(values), 0);
        int count = 0, last = -1;
        for (int x = 0; x < values; ++x) {
            expand(int(m), x, state);
            bool agrees = true;
            for (int u : observed)
                agrees = agrees && state[std::size_t(u)] == original[std::size_t(u)];
            if (agrees) {
                ok[std::size_t(x)] = 1;
                ++count;
                last = x;
            }
        }
        if (count == 1)
            clamp[m] = last;
    }
}

} // namespace plab
