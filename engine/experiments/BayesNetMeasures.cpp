// bayesnet: what is measured: each module's KL to its true table, the sampled and the model's joint,
// posteriors under evidence, and the series and summary built from them.
#include "BayesNetExperiment.h"

#include "analysis/InformationMeasures.h"
#include "io/JsonWriter.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plab {

double BayesNetExperiment::moduleKl(int variable) const
{
    return moduleKl(variable, targetJoint_[std::size_t(variable)]);
}

double BayesNetExperiment::moduleKlUnderEvidence(int variable) const
{
    const auto& table = evidenceTargets_[std::size_t(variable)];
    return table.empty() ? std::numeric_limits<double>::quiet_NaN() : moduleKl(variable, table);
}

double BayesNetExperiment::moduleKl(int variable, const std::vector<double>& table) const
{
    const SpikingModule& m = modules()[std::size_t(variable)];
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
        m.conditional(config, q);
        for (std::size_t x = 0; x < values; ++x) {
            const double p = table[c * values + x] / pc;
            if (p > 0)
                kl += pc * p * std::log2(p / std::max(q[x], 1e-300));
        }
    }
    return std::max(0.0, kl);
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
    if (!joint_ || joint_->probabilities().size() > 65536)
        return {};
    const std::size_t S = joint_->probabilities().size();
    const int n = net_.size();
    // Transition of one random-scan Gibbs update: pick a free variable uniformly, resample it
    // from its module's conditional given the rest. Evidence variables stay fixed.
    std::vector<int> free;
    for (int v = 0; v < n; ++v)
        if (evidence_[std::size_t(v)] < 0)
            free.push_back(v);
    if (free.empty())
        return exactConditioned_;
    // Conditional tables of every free module at every state, computed once.
    std::vector<std::vector<double>> cond(S * free.size());
    std::vector<int> state, config;
    std::vector<double> q;
    for (std::size_t s = 0; s < S; ++s) {
        decodeState(net_, s, state);
        for (std::size_t f = 0; f < free.size(); ++f) {
            const SpikingModule& m = modules()[std::size_t(free[f])];
            config.clear();
            for (int j : m.inputs)
                config.push_back(state[std::size_t(j)]);
            m.conditional(config, q);
            cond[s * free.size() + f] = q;
        }
    }
    // Strides of each variable in the flat index (last variable fastest).
    std::vector<std::size_t> stride(std::size_t(n), 1);
    for (int v = n - 2; v >= 0; --v)
        stride[std::size_t(v)] = stride[std::size_t(v + 1)] * std::size_t(net_.variables[std::size_t(v + 1)].cardinality());
    std::vector<double> pi = exactConditioned_, next(S);
    for (int iteration = 0; iteration < 5000; ++iteration) {
        std::fill(next.begin(), next.end(), 0.0);
        for (std::size_t s = 0; s < S; ++s) {
            if (pi[s] == 0)
                continue;
            decodeState(net_, s, state);
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
    return pi;
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
    for (int v = 0; v < net_.size(); ++v)
        kl.push_back(moduleKlUnderEvidence(v));
    return kl;
}

std::vector<std::string> BayesNetExperiment::seriesNames() const
{
    std::vector<std::string> names;
    for (const auto& v : net_.variables)
        names.push_back("kl_" + v.name);
    names.insert(names.end(), {"kl_module_mean", "kl_joint", "posterior_error", "kl_module_evidence_max",
                               "posterior_kl_max", "posterior_relative_error", "counting_floor"});
    return names;
}

std::vector<double> BayesNetExperiment::sampleSeries()
{
    std::vector<double> row;
    double sum = 0;
    for (int v = 0; v < net_.size(); ++v) {
        row.push_back(moduleKl(v));
        sum += row.back();
    }
    row.push_back(sum / net_.size());
    row.push_back(jointKl());
    row.push_back(posteriorError());
    row.push_back(largest(moduleKlsUnderEvidence()));
    row.push_back(largest(posteriorKl()));
    row.push_back(posteriorRelativeError());
    row.push_back(countingFloor());
    return row;
}

MetricList BayesNetExperiment::summary() const
{
    std::vector<double> kl;
    for (int v = 0; v < net_.size(); ++v)
        kl.push_back(moduleKl(v));
    double mean = 0;
    for (double x : kl)
        mean += x / double(kl.size());
    const auto underEvidence = moduleKlsUnderEvidence();
    const auto posteriorKls = posteriorKl();
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
