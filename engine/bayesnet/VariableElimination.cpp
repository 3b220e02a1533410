#include "VariableElimination.h"

#include "core/Error.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>

namespace plab {

namespace {

/// Steps through every assignment of some variables (the last fastest) and keeps, for each of
/// several tables, the offset of the current assignment (stride 0: the table lacks that variable).
class Odometer {
public:
    Odometer(std::vector<int> cards, std::vector<std::vector<std::size_t>> strides)
        : cards_(std::move(cards)), strides_(std::move(strides)), digits_(cards_.size(), 0), offsets_(strides_.size(), 0)
    {
    }
    std::size_t offset(std::size_t table) const { return offsets_[table]; }
    int digit(std::size_t i) const { return digits_[i]; }
    /// The next assignment; false after the last.
    bool next()
    {
        for (std::size_t i = cards_.size(); i-- > 0;) {
            if (++digits_[i] < cards_[i]) {
                for (std::size_t t = 0; t < strides_.size(); ++t)
                    offsets_[t] += strides_[t][i];
                return true;
            }
            for (std::size_t t = 0; t < strides_.size(); ++t)
                offsets_[t] -= std::size_t(cards_[i] - 1) * strides_[t][i];
            digits_[i] = 0;
        }
        return false;
    }

private:
    std::vector<int> cards_;
    std::vector<std::vector<std::size_t>> strides_;
    std::vector<int> digits_;
    std::vector<std::size_t> offsets_;
};

/// Strides of `vars` (ascending, last fastest) for each variable of `over`; 0 where absent.
std::vector<std::size_t> stridesIn(const std::vector<int>& vars, const std::vector<int>& over,
                                   const BayesianNetwork& net)
{
    std::vector<std::size_t> own(vars.size(), 1);
    for (std::size_t i = vars.size(); i-- > 1;)
        own[i - 1] = own[i] * std::size_t(net.variables[std::size_t(vars[i])].cardinality());
    std::vector<std::size_t> out(over.size(), 0);
    for (std::size_t i = 0; i < over.size(); ++i) {
        const auto it = std::lower_bound(vars.begin(), vars.end(), over[i]);
        if (it != vars.end() && *it == over[i])
            out[i] = own[std::size_t(it - vars.begin())];
    }
    return out;
}

std::vector<int> cardsOf(const std::vector<int>& vars, const BayesianNetwork& net)
{
    std::vector<int> cards;
    for (int v : vars)
        cards.push_back(net.variables[std::size_t(v)].cardinality());
    return cards;
}

} // namespace

std::size_t VariableElimination::sizeOf(const std::vector<int>& vars) const
{
    std::size_t size = 1;
    for (int v : vars) {
        size *= std::size_t(net_.variables[std::size_t(v)].cardinality());
        if (size > kMaxFactor)
            return kMaxFactor + 1;
    }
    return size;
}

VariableElimination::Factor VariableElimination::cptFactor(int variable, const std::vector<int>& evidence) const
{
    const BnVariable& var = net_.variables[std::size_t(variable)];
    std::vector<int> scope = var.parents;
    scope.push_back(variable);
    std::sort(scope.begin(), scope.end());
    Factor f;
    for (int v : scope)
        if (evidence[std::size_t(v)] < 0)
            f.vars.push_back(v);
    if (sizeOf(f.vars) > kMaxFactor)
        throw InputError("the table of '" + var.name + "' is too large for exact inference here (more than "
                         + std::to_string(kMaxFactor) + " entries)");
    f.values.assign(sizeOf(f.vars), 0.0);
    std::vector<int> state(std::size_t(net_.size()), 0);
    for (int v : scope)
        if (evidence[std::size_t(v)] >= 0)
            state[std::size_t(v)] = evidence[std::size_t(v)];
    Odometer o(cardsOf(f.vars, net_), {stridesIn(f.vars, f.vars, net_)});
    do {
        for (std::size_t i = 0; i < f.vars.size(); ++i)
            state[std::size_t(f.vars[i])] = o.digit(i);
        f.values[o.offset(0)] = net_.conditional(variable, state);
    } while (o.next());
    return f;
}

VariableElimination::Factor VariableElimination::multiply(const Factor& a, const Factor& b) const
{
    Factor f;
    std::set_union(a.vars.begin(), a.vars.end(), b.vars.begin(), b.vars.end(), std::back_inserter(f.vars));
    const std::size_t size = sizeOf(f.vars);
    if (size > kMaxFactor)
        throw InputError("network '" + net_.name + "' is too densely connected for exact inference here (a factor of "
                         "more than " + std::to_string(kMaxFactor) + " entries)");
    f.values.resize(size);
    Odometer o(cardsOf(f.vars, net_), {stridesIn(a.vars, f.vars, net_), stridesIn(b.vars, f.vars, net_)});
    std::size_t i = 0;
    do {
        f.values[i++] = a.values[o.offset(0)] * b.values[o.offset(1)];
    } while (o.next());
    return f;
}

VariableElimination::Factor VariableElimination::sumOut(const Factor& f, int variable) const
{
    Factor r;
    for (int v : f.vars)
        if (v != variable)
            r.vars.push_back(v);
    r.values.assign(sizeOf(r.vars), 0.0);
    Odometer o(cardsOf(f.vars, net_), {stridesIn(r.vars, f.vars, net_)});
    std::size_t i = 0;
    do {
        r.values[o.offset(0)] += f.values[i++];
    } while (o.next());
    return r;
}

VariableElimination::Factor VariableElimination::eliminateAllBut(const std::vector<int>& keep,
                                                                 const std::vector<int>& evidence) const
{
    // Only the ancestors of what is kept or observed matter: every other CPT sums to 1.
    const int n = net_.size();
    std::vector<char> relevant(std::size_t(n), 0);
    std::vector<int> todo = keep;
    for (int v = 0; v < n; ++v)
        if (evidence[std::size_t(v)] >= 0)
            todo.push_back(v);
    while (!todo.empty()) {
        const int v = todo.back();
        todo.pop_back();
        if (relevant[std::size_t(v)])
            continue;
        relevant[std::size_t(v)] = 1;
        for (int p : net_.variables[std::size_t(v)].parents)
            todo.push_back(p);
    }
    std::vector<Factor> factors;
    std::vector<int> eliminate;
    for (int v = 0; v < n; ++v) {
        if (!relevant[std::size_t(v)])
            continue;
        factors.push_back(cptFactor(v, evidence));
        if (evidence[std::size_t(v)] < 0 && std::find(keep.begin(), keep.end(), v) == keep.end())
            eliminate.push_back(v);
    }
    // Greedy order: next the variable whose product of factors is smallest.
    while (!eliminate.empty()) {
        std::size_t best = 0, bestSize = kMaxFactor + 2;
        for (std::size_t i = 0; i < eliminate.size(); ++i) {
            std::vector<int> scope;
            for (const Factor& f : factors)
                if (std::binary_search(f.vars.begin(), f.vars.end(), eliminate[i])) {
                    std::vector<int> merged;
                    std::set_union(scope.begin(), scope.end(), f.vars.begin(), f.vars.end(), std::back_inserter(merged));
                    scope.swap(merged);
                }
            const std::size_t size = sizeOf(scope);
            if (size < bestSize) {
                bestSize = size;
                best = i;
            }
        }
        const int v = eliminate[best];
        eliminate.erase(eliminate.begin() + std::ptrdiff_t(best));
        Factor product{{}, {1.0}};
        std::vector<Factor> rest;
        for (Factor& f : factors) {
            if (std::binary_search(f.vars.begin(), f.vars.end(), v))
                product = multiply(product, f);
            else
                rest.push_back(std::move(f));
        }
        rest.push_back(sumOut(product, v));
        factors.swap(rest);
    }
    Factor result{{}, {1.0}};
    for (const Factor& f : factors)
        result = multiply(result, f);
    return result;
}

std::vector<std::vector<double>> VariableElimination::marginals(const std::vector<int>& evidence) const
{
    std::vector<std::vector<double>> out(std::size_t(net_.size()));
    for (int v = 0; v < net_.size(); ++v) {
        auto& m = out[std::size_t(v)];
        m.assign(std::size_t(net_.variables[std::size_t(v)].cardinality()), 0.0);
        if (evidence[std::size_t(v)] >= 0) {
            m[std::size_t(evidence[std::size_t(v)])] = 1.0;
            continue;
        }
        const Factor f = eliminateAllBut({v}, evidence);
        double total = 0;
        for (double x : f.values)
            total += x;
        if (!(total > 0))
            throw InputError("the evidence has probability 0 in network '" + net_.name + "'");
        for (std::size_t k = 0; k < m.size(); ++k)
            m[k] = f.values[k] / total;
    }
    return out;
}

std::vector<double> VariableElimination::familyTable(int variable, const std::vector<int>& inputs) const
{
    return familyTable(variable, inputs, std::vector<int>(std::size_t(net_.size()), -1));
}

std::vector<double> VariableElimination::familyTable(int variable, const std::vector<int>& inputs,
                                                     const std::vector<int>& evidence) const
{
    std::vector<int> keep = inputs;
    keep.push_back(variable);
    std::vector<int> sorted = keep;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
        throw std::invalid_argument("familyTable: the inputs repeat a variable or hold the variable itself");
    const Factor f = eliminateAllBut(keep, evidence);
    // Re-lay the factor (ascending variables, the observed ones left out) as rows of input
    // configurations × values; an entry that disagrees with the evidence is 0.
    std::vector<int> order = inputs;
    order.push_back(variable);
    std::vector<double> table(sizeOf(order));
    Odometer o(cardsOf(order, net_), {stridesIn(f.vars, order, net_)});
    std::size_t i = 0;
    double total = 0;
    do {
        bool agrees = true;
        for (std::size_t k = 0; k < order.size(); ++k) {
            const int e = evidence[std::size_t(order[k])];
            agrees = agrees && (e < 0 || e == o.digit(k));
        }
        table[i] = agrees ? f.values[o.offset(0)] : 0.0;
        total += table[i++];
    } while (o.next());
    bool anyEvidence = false;
    for (int e : evidence)
        anyEvidence = anyEvidence || e >= 0;
    if (anyEvidence) {  // without evidence the table is the joint's own, left as it is
        if (!(total > 0))
            throw InputError("the evidence has probability 0 in network '" + net_.name + "'");
        for (double& x : table)
            x /= total;
    }
    return table;
}

} // namespace plab
