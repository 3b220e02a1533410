// bayesnet: what is measured: each module's KL to its true table, the sampled and the model's joint,
// posteriors under evidence, and the series and summary built from them.
#include "BayesNetExperiment.h"

#include "analysis/InformationMeasures.h"
#include "io/JsonWriter.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plab {

double BayesNetExperiment::moduleKl(int module) const
{
    return moduleKl(module, targetJoint_[std::size_t(module)], false);
}

double BayesNetExperiment::moduleKlUnderEvidence(int module) const
{
    const auto& table = evidenceTargets_[std::size_t(module)];
    return table.empty() ? std::numeric_limits<double>::quiet_NaN() : moduleKl(module, table, true);
}

void BayesNetExperiment::moduleConditional(int module, const std::vector<int>& blanket, bool underEvidence,
                                           std::vector<double>& q) const
{
    modules()[std::size_t(module)].conditional(blanket, q);
    // Under evidence that leaves a merged family only some values, the module draws among those
    // (ModuleNetwork::restrictValues): what it samples is its conditional renormalised over them.
    const auto& allowed = moduleAllowed_.size() > std::size_t(module) ? moduleAllowed_[std::size_t(module)]
                                                                       : std::vector<char>{};
    if (!underEvidence || allowed.empty())
        return;
    double sum = 0;
    for (std::size_t x = 0; x < q.size(); ++x)
        sum += allowed[x] ? q[x] : 0.0;
    for (std::size_t x = 0; x < q.size(); ++x)
        q[x] = allowed[x] && sum > 0 ? q[x] / sum : 0.0;
}

double BayesNetExperiment::moduleKl(int module, const std::vector<double>& table, bool underEvidence) const
{
    const SpikingModule& m = modules()[std::size_t(module)];
    const std::size_t values = std::size_t(m.values);
    std::vector<int> config;
    std::vector<double> q;
    double kl = 0;
    for (std::size_t c = 0; c < m.configurations(); ++c) {
        double pc = 0;
        for (std::size_t x = 0; x < values; ++x)
            pc += table[c * values + x];
        if (pc <= 0)
            continue;
        m.decodeConfiguration(c, config);
        moduleConditional(module, config, underEvidence, q);
        for (std::size_t x = 0; x < values; ++x) {
            const double p = table[c * values + x] / pc;
            if (p > 0)
                kl += pc * p * std::log2(p / std::max(q[x], 1e-300));
        }
    }
    return std::max(0.0, kl);
}

ModuleTable BayesNetExperiment::moduleTable(int module, std::size_t maxRows) const
{
    const SpikingModule& m = modules()[std::size_t(module)];
    const auto& table = targetJoint_[std::size_t(module)];
    const auto& underEvidence = evidenceTargets_.size() > std::size_t(module) ? evidenceTargets_[std::size_t(module)]
                                                                                : std::vector<double>{};
    const bool anyEvidence = std::any_of(evidence_.begin(), evidence_.end(), [](int e) { return e >= 0; });
    ModuleTable t;
    t.module = module;
    t.inputs = m.inputs;
    t.configurations = m.configurations();
    t.underEvidence = anyEvidence && !underEvidence.empty();
    const std::size_t values = std::size_t(m.values);
    const auto massOf = [&](const std::vector<double>& p, std::size_t c) {
        double sum = 0;
        for (std::size_t x = 0; x < values; ++x)
            sum += p[c * values + x];
        return sum;
    };
    // Order by the weighting the user looks at; show the heaviest first.
    std::vector<std::pair<double, std::size_t>> order;
    for (std::size_t c = 0; c < t.configurations; ++c) {
        const double w = massOf(t.underEvidence ? underEvidence : table, c);
        if (w > 0)
            order.emplace_back(w, c);
    }
    t.possible = order.size();
    const std::size_t shown = std::min(maxRows, order.size());
    std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(shown), order.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
    std::vector<int> config;
    for (std::size_t r = 0; r < shown; ++r) {
        const std::size_t c = order[r].second;
        ModuleTable::Row row;
        m.decodeConfiguration(c, config);
        row.blanket = config;
        row.mass = massOf(table, c);
        row.massUnderEvidence = t.underEvidence ? order[r].first : row.mass;
        moduleConditional(module, config, t.underEvidence, row.learned);
        // Under evidence, the truth of the sampling's law: p*(x | mb, evidence), which differs
        // from p*(x | mb) where the evidence is on the module's own family (a merged one).
        const auto& truthTable = t.underEvidence ? underEvidence : table;
        const double truthMass = t.underEvidence ? row.massUnderEvidence : row.mass;
        row.truth.resize(values);
        for (std::size_t x = 0; x < values; ++x) {
            row.truth[x] = truthMass > 0 ? truthTable[c * values + x] / truthMass : 0.0;
            if (row.truth[x] > 0)
                row.kl += row.truth[x] * std::log2(row.truth[x] / std::max(row.learned[x], 1e-300));
        }
        row.kl = std::max(0.0, row.kl);
        t.shownWeight += order[r].first;
        t.rows.push_back(std::move(row));
    }
    return t;
}

std::vector<std::vector<double>> BayesNetExperiment::sampledMarginals() const
{
    std::vector<std::vector<double>> m = marginalCounts_;
    for (std::size_t v = 0; v < m.size(); ++v)
        for (double& x : m[v])
            x = marginalTotals_[v] > 0 ? x / marginalTotals_[v] : std::numeric_limits<double>::quiet_NaN();
    return m;
}

std::vector<std::vector<double>> BayesNetExperiment::exactMarginals() const
{
    return exactMarginals_;
}

std::vector<double> BayesNetExperiment::sampledJoint() const
{
    std::vector<double> p = jointCounts_;
    const double total = double(validSamples_);
    for (double& x : p)
        x = total > 0 ? x / total : 0.0;
    return p;
}

double BayesNetExperiment::jointKl() const
{
    if (!joint_ || validSamples_ == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return klDivergenceBits(exactConditioned_, jointCounts_, 1e-5);
}

std::vector<double> BayesNetExperiment::modelJoint() const
{
    // Over the modules' network (the merged one where families are merged), mapped back to
    // the original states at the end.
    const BayesianNetwork& sampled = families_.network();
    if (!joint_ || joint_->probabilities().size() > 65536)
        return {};
    const std::size_t S = std::size_t(sampled.jointStates());
    const int n = sampled.size();
    // Transition of one random-scan Gibbs update: pick a free module uniformly, resample it
    // from its conditional given the rest (among the values the evidence allows). Clamped
    // modules stay fixed.
    std::vector<int> free;
    for (int v = 0; v < n; ++v)
        if (moduleClamp_[std::size_t(v)] < 0)
            free.push_back(v);
    if (free.empty())
        return exactConditioned_;
    // Conditional tables of every free module at every state, computed once.
    std::vector<std::vector<double>> cond(S * free.size());
    std::vector<int> state, config, original;
    std::vector<double> q;
    for (std::size_t s = 0; s < S; ++s) {
        decodeState(sampled, s, state);
        for (std::size_t f = 0; f < free.size(); ++f) {
            const SpikingModule& m = modules()[std::size_t(free[f])];
            config.clear();
            for (int j : m.inputs)
                config.push_back(state[std::size_t(j)]);
            m.conditional(config, q);
            if (const auto& allowed = moduleAllowed_[std::size_t(free[f])]; !allowed.empty()) {
                double total = 0;
                for (std::size_t x = 0; x < q.size(); ++x)
                    total += q[x] *= allowed[x];
                for (double& x : q)
                    x = total > 0 ? x / total : 0.0;
            }
            cond[s * free.size() + f] = q;
        }
    }
    // Strides of each variable in the flat index (last variable fastest).
    std::vector<std::size_t> stride(std::size_t(n), 1);
    for (int v = n - 2; v >= 0; --v)
        stride[std::size_t(v)] = stride[std::size_t(v + 1)] * std::size_t(sampled.variables[std::size_t(v + 1)].cardinality());
    std::vector<double> pi(S, 0.0), next(S);
    if (!families_.mergesAnything()) {
        pi = exactConditioned_;
    } else {
        for (std::size_t s = 0; s < exactConditioned_.size(); ++s)
            if (exactConditioned_[s] > 0) {
                decodeState(net_, s, original);
                families_.toMerged(original, state);
                pi[std::size_t(encodeState(sampled, state))] += exactConditioned_[s];
            }
    }
    for (int iteration = 0; iteration < 5000; ++iteration) {
        std::fill(next.begin(), next.end(), 0.0);
        for (std::size_t s = 0; s < S; ++s) {
            if (pi[s] == 0)
                continue;
            decodeState(sampled, s, state);
            for (std::size_t f = 0; f < free.size(); ++f) {
                const int v = free[f];
                const std::size_t base = s - std::size_t(state[std::size_t(v)]) * stride[std::size_t(v)];
                const auto& qv = cond[s * free.size() + f];
                for (std::size_t x = 0; x < qv.size(); ++x)
                    next[base + x * stride[std::size_t(v)]] += pi[s] * qv[x] / double(free.size());
            }
        }
        double change = 0;
        for (std::size_t s = 0; s < S; ++s)
            change += std::fabs(next[s] - pi[s]);
        pi.swap(next);
        if (change < 1e-12)
            break;
    }
    if (!families_.mergesAnything())
        return pi;
    std::vector<double> out(exactConditioned_.size(), 0.0);
    for (std::size_t s = 0; s < S; ++s)
        if (pi[s] > 0) {
            decodeState(sampled, s, state);
            families_.toOriginal(state, original);
            out[std::size_t(encodeState(net_, original))] += pi[s];
        }
    return out;
}

double BayesNetExperiment::modelKl() const
{
    const auto model = modelJoint();
    if (model.empty())
        return std::numeric_limits<double>::quiet_NaN();
    return klDivergenceBits(exactConditioned_, model, 1e-5);
}

namespace {

using Marginals = std::vector<std::vector<double>>;

/// The largest error of `marginals` against `exact` over the values of the variables without
/// evidence: absolute, or (relativeFloor > 0) relative to the exact probability where that is
/// at least relativeFloor.
double largestError(const Marginals& marginals, const Marginals& exact, const std::vector<int>& evidence,
                    double relativeFloor = 0)
{
    double worst = 0;
    for (std::size_t v = 0; v < marginals.size(); ++v) {
        if (evidence[v] >= 0)
            continue;
        for (std::size_t k = 0; k < marginals[v].size(); ++k) {
            const double e = exact[v][k], error = std::fabs(marginals[v][k] - e);
            if (relativeFloor <= 0)
                worst = std::max(worst, error);
            else if (e >= relativeFloor)
                worst = std::max(worst, error / e);
        }
    }
    return worst;
}

/// The largest of the numbers that are not NaN; NaN if none is.
double largest(const std::vector<double>& xs)
{
    double m = std::numeric_limits<double>::quiet_NaN();
    for (double x : xs)
        if (!std::isnan(x) && !(x <= m))
            m = x;
    return m;
}

} // namespace

double BayesNetExperiment::posteriorError() const
{
    if (exactMarginals_.empty() || validSamples_ == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return largestError(sampledMarginals(), exactMarginals_, evidence_);
}

std::vector<double> BayesNetExperiment::posteriorKl() const
{
    std::vector<double> kl(std::size_t(net_.size()), std::numeric_limits<double>::quiet_NaN());
    if (exactMarginals_.empty() || validSamples_ == 0)
        return kl;
    const auto sampled = sampledMarginals();
    for (std::size_t v = 0; v < kl.size(); ++v) {
        if (evidence_[v] >= 0 || !(marginalTotals_[v] > 0))
            continue;
        kl[v] = klDivergenceBits(exactMarginals_[v], sampled[v], 1e-5);
    }
    return kl;
}

double BayesNetExperiment::posteriorRelativeError() const
{
    if (exactMarginals_.empty() || validSamples_ == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return largestError(sampledMarginals(), exactMarginals_, evidence_, kRelativeFloor);
}

double BayesNetExperiment::countingFloor() const
{
    if (countedMarginals_.empty())
        return std::numeric_limits<double>::quiet_NaN();
    return largestError(countedMarginals_, exactMarginals_, evidence_);
}

std::vector<double> BayesNetExperiment::moduleKlsUnderEvidence() const
{
    std::vector<double> kl;
    for (int v = 0; v < spiking_.size(); ++v)
        kl.push_back(moduleKlUnderEvidence(v));
    return kl;
}

std::vector<std::string> BayesNetExperiment::seriesNames() const
{
    std::vector<std::string> names;
    for (const auto& v : families_.network().variables)
        names.push_back("kl_" + v.name);
    names.insert(names.end(), {"kl_module_mean", "kl_joint", "posterior_error", "kl_module_evidence_max",
                               "posterior_kl_max", "posterior_relative_error", "counting_floor", "rhat_max"});
    return names;
}

std::vector<double> BayesNetExperiment::sampleSeries()
{
    std::vector<double> row;
    double sum = 0;
    for (int v = 0; v < spiking_.size(); ++v) {
        row.push_back(moduleKl(v));
        sum += row.back();
    }
    row.push_back(sum / spiking_.size());
    row.push_back(jointKl());
    row.push_back(posteriorError());
    row.push_back(largest(moduleKlsUnderEvidence()));
    row.push_back(largest(posteriorKl()));
    row.push_back(posteriorRelativeError());
    row.push_back(countingFloor());
    // R-hat only: effective sample sizes run to the hundred thousands, which a chart of KLs and
    // probabilities cannot share (summary.json and the panel have them).
    row.push_back(worstDiagnostics().first);
    return row;
}

std::pair<double, double> BayesNetExperiment::worstDiagnostics() const
{
    double r = std::numeric_limits<double>::quiet_NaN(), n = r;
    for (int v = 0; v < net_.size(); ++v) {
        const double rv = rhat(v), nv = effectiveSamples(v);
        if (!std::isnan(rv))
            r = std::isnan(r) ? rv : std::max(r, rv);
        if (!std::isnan(nv))
            n = std::isnan(n) ? nv : std::min(n, nv);
    }
    return {r, n};
}

MetricList BayesNetExperiment::summary() const
{
    std::vector<double> kl;
    for (int v = 0; v < spiking_.size(); ++v)
        kl.push_back(moduleKl(v));
    double mean = 0;
    for (double x : kl)
        mean += x / double(kl.size());
    const auto underEvidence = moduleKlsUnderEvidence();
    const auto posteriorKls = posteriorKl();
    const auto [worstRhat, leastEss] = worstDiagnostics();
    return {
        {"kl_module", kl},
        {"kl_module_mean", mean},
        {"kl_module_under_evidence", underEvidence},
        {"kl_module_evidence_max", largest(underEvidence)},
        {"kl_joint", jointKl()},
        {"kl_model_joint", modelKl()},
        {"posterior_error", posteriorError()},
        {"posterior_kl", posteriorKls},
        {"posterior_kl_max", largest(posteriorKls)},
        {"posterior_relative_error", posteriorRelativeError()},
        {"counting_floor", countingFloor()},
        {"counting_floor_kl_joint", countingFloorJointKl()},
        {"training_examples", double(counts_.examples())},
        {"chains", double(chainCount())},
        {"rhat", perVariable([this](int v) { return rhat(v); })},
        {"rhat_max", worstRhat},
        {"ess", perVariable([this](int v) { return effectiveSamples(v); })},
        {"ess_min", leastEss},
        {"learning_seconds", learningSeconds_},
        {"samples", double(validSamples_)},
        {"invalid_fraction", sampledSteps_ ? 1.0 - double(validSamples_) / double(sampledSteps_)
                                           : std::numeric_limits<double>::quiet_NaN()},
    };
}

void BayesNetExperiment::writeSummaryExtras(JsonWriter& w) const
{
    w.key("variables").beginArray();
    for (const auto& v : net_.variables) {
        w.beginObject();
        w.key("name").value(v.name);
        if (!v.label.empty())
            w.key("label").value(v.label);
        w.key("values").beginArray();
        for (const auto& value : v.values)
            w.value(value);
        w.endArray();
        w.endObject();
    }
    w.endArray();
    // Functions of their parents, which trap single-variable Gibbs updates (see the README).
    w.key("deterministic").beginArray();
    for (int v : net_.deterministicVariables())
        w.value(net_.variables[std::size_t(v)].name);
    w.endArray();
    // Which modules sample a family jointly (families=joint), or why none does.
    w.key("modules").beginArray();
    for (const auto& v : families_.network().variables)
        w.value(v.name);
    w.endArray();
    if (!families_.unhandled().empty())
        w.key("families_unmerged").value(families_.unhandled());
    w.key("evidence").beginObject();
    for (int v = 0; v < net_.size(); ++v)
        if (evidence_[std::size_t(v)] >= 0)
            w.key(net_.variables[std::size_t(v)].name).value(net_.variables[std::size_t(v)].values[std::size_t(evidence_[std::size_t(v)])]);
    w.endObject();
    w.key("marginals").beginArray();
    for (const auto& m : sampledMarginals())
        w.value(m);
    w.endArray();
    if (!exactMarginals_.empty()) {
        w.key("exact_marginals").beginArray();
        for (const auto& m : exactMarginals_)
            w.value(m);
        w.endArray();
    }
    if (joint_ && jointCounts_.size() <= 4096) {
        w.key("joint").value(sampledJoint());
        w.key("exact_joint").value(exactConditioned_);
        w.key("model_joint").value(modelJoint());
    }
}

} // namespace plab
