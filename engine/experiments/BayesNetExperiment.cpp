#include "BayesNetExperiment.h"

#include "io/StateArchive.h"

#include "analysis/InformationMeasures.h"
#include "bayesnet/BifFormat.h"
#include "bayesnet/VariableElimination.h"
#include "core/Error.h"
#include "io/JsonWriter.h"
#include "io/Resources.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

namespace plab {

namespace {

BayesianNetwork loadNetwork(const std::string& spec)
{
    // A bare name is a network shipped in resources/networks; anything else is a path.
    const bool bareName = spec.find('/') == std::string::npos && spec.find('.') == std::string::npos;
    if (bareName) {
        std::string names;
        for (const auto& file : Resources::list("networks", ".bif")) {
            const std::string name = std::filesystem::path(file).stem().string();
            if (name == spec)
                return readBifFile(file);
            names += (names.empty() ? "" : ", ") + name;
        }
        throw InputError("network '" + spec + "': no network of that name in resources/networks (there are: "
                         + (names.empty() ? "none" : names) + "); or give the path of a BIF file");
    }
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(spec, ec);
    if (!std::filesystem::exists(absolute, ec))
        throw InputError(spec + ": cannot open network file (no such file: " + absolute.string()
                         + "; a relative path counts from the folder the program was started in)");
    return readBifFile(spec);
}

} // namespace

BayesNetExperiment::BayesNetExperiment(const ExperimentInfo& info, const ParameterSet& params, std::uint64_t seed)
    : Experiment(info, params, seed), net_(loadNetwork(params.text("network"))),
      rate_(params.number("module_rate")), tau_(params.number("tau")), biasRate_(params.number("bias_rate")),
      learningSeconds_(params.number("learning_seconds")),
      presentationSteps_(std::max<std::int64_t>(1, std::llround(params.number("presentation") / params.number("dt")))),
      dataRng_(stream("data")), spikeRng_(stream("spikes")), winnerRng_(stream("winners"))
{
    order_ = net_.topologicalOrder();
    evidence_ = parseEvidence(net_, params_.text("evidence"));
    const int n = net_.size();
    if (EnumeratedJoint::feasible(net_))
        joint_ = std::make_unique<EnumeratedJoint>(net_);

    rule_.logC = std::log(params_.number("c"));
    rule_.wMin = params_.number("w_min") + rule_.logC;
    rule_.wMax = 2.0 + rule_.logC;
    biasRule_.bMin = params_.number("w_min");
    biasRule_.bMax = 0.0;
    schedule_.mode = LearningRateSchedule::Mode::Decaying;
    schedule_.eta0 = params_.number("learning_rate");
    schedule_.decayTime = params_.number("learning_rate_decay");
    // A new η restarts the decay from now, as a user moving the slider expects.
    bindLive("learning_rate", &schedule_.eta0, [this] { schedule_.start = time(); });

    // One module per variable; inputs are its Markov blanket (or everything else).
    const bool all = params_.text("markov_blanket") == "all";
    RandomStream init = freshStream("init");
    // A clamped output fires at `rate`: at a hidden spike its trace is active with
    // probability q = 1 − e^{−rate·tau}, the scale of the weights' fixed point c·q·p.
    const double q = 1.0 - std::exp(-rate_ * tau_);
    int next = 0;
    for (int v = 0; v < n; ++v) {
        std::vector<int> inputs;
        if (all) {
            for (int j = 0; j < n; ++j)
                if (j != v)
                    inputs.push_back(j);
        } else {
            inputs = net_.markovBlanket(v);
        }
        std::size_t configs = 1;
        for (int j : inputs)
            configs = std::min<std::size_t>(configs * std::size_t(net_.variables[std::size_t(j)].cardinality()), 1u << 30);
        const int modes = params_.integer("modes") > 0
                              ? params_.integer("modes")
                              : int(std::min<std::size_t>(configs, std::size_t(params_.integer("max_modes"))));
        modules_.emplace_back(net_, v, inputs, modes, rate_);
        SpikingModule& m = modules_.back();
        for (int k = 0; k < m.hiddenSize(); ++k) {
            for (std::size_t j = 0; j < m.inputs.size(); ++j)
                for (int a = 0; a < m.inputValues[j]; ++a)
                    m.hidden.weights()(k, m.inputOffset[j] + a) =
                        std::log(q / m.inputValues[j] * init.uniform(0.5, 1.5)) + rule_.logC;
            m.hidden.biases()[k] = std::log(1.0 / m.hiddenSize());
        }
        outBase_.push_back(next);
        next += m.values;
        hiddenBase_.push_back(next);
        next += m.hiddenSize();
    }
    buildTargets();

    lastValue_.assign(std::size_t(n), 0);
    lastSpike_.assign(std::size_t(n), -std::numeric_limits<double>::infinity());
    clampValue_.assign(std::size_t(n), -1);
    nextOut_.assign(std::size_t(n), std::numeric_limits<double>::infinity());
    nextHidden_.assign(std::size_t(n), std::numeric_limits<double>::infinity());
    int maxHidden = 1, maxInputs = 1;
    for (const auto& m : modules_) {
        maxHidden = std::max(maxHidden, m.hiddenSize());
        maxInputs = std::max(maxInputs, m.inputSize);
    }
    u_.resize(maxHidden);
    dense_.assign(std::size_t(maxInputs), 0.0);
    marginalCounts_.resize(std::size_t(n));
    for (int v = 0; v < n; ++v)
        marginalCounts_[std::size_t(v)].assign(std::size_t(net_.variables[std::size_t(v)].cardinality()), 0.0);
    marginalTotals_.assign(std::size_t(n), 0.0);
    if (joint_)
        jointCounts_.assign(joint_->probabilities().size(), 0.0);
    setEvidence(evidence_);
    if (learningSeconds_ <= 0)
        enterSampling(0.0);
}

void BayesNetExperiment::buildTargets()
{
    // p*(x, mb) per module, exact: by enumeration where the joint is small, by variable
    // elimination where it is too large to enumerate.
    targetJoint_.clear();
    std::vector<std::vector<double>> tables;
    const VariableElimination elimination(net_);
    for (const auto& m : modules_) {
        if (joint_) {
            tables.push_back(joint_->familyTable(m.variable, m.inputs));
            continue;
        }
        if (m.configurations() > (1u << 22))
            throw InputError("module " + net_.variables[std::size_t(m.variable)].name
                             + " has too many input configurations to measure its KL divergence");
        tables.push_back(elimination.familyTable(m.variable, m.inputs));
    }
    targetJoint_ = std::move(tables);
}

std::vector<NeuronGroup> BayesNetExperiment::neuronGroups() const
{
    std::vector<NeuronGroup> groups;
    for (std::size_t v = 0; v < modules_.size(); ++v) {
        const std::string& name = net_.variables[v].name;
        // Both layers of a module share its colour, so a module's activity reads as one band.
        groups.push_back({name + " output", outBase_[v], modules_[v].values, int(v % 10)});
        groups.push_back({name + " hidden", hiddenBase_[v], modules_[v].hiddenSize(), int(v % 10)});
    }
    return groups;
}

std::vector<std::string> BayesNetExperiment::verbHelp() const
{
    return {"evidence VAR=value[,VAR=value...]", "evidence clear"};
}

void BayesNetExperiment::present(double t)
{
    net_.sample(dataRng_, order_, sample_);
    for (int v = 0; v < net_.size(); ++v) {
        clampValue_[std::size_t(v)] = sample_[std::size_t(v)];
        // Clamping starts with a spike of the new value, so no module shows a stale value.
        outputSpike(v, sample_[std::size_t(v)], t);
        nextOut_[std::size_t(v)] = t + spikeRng_.exponential(rate_);
    }
    nextPresentation_ = stepIndex() + presentationSteps_;
}

void BayesNetExperiment::enterSampling(double t)
{
    learning_ = false;
    for (int v = 0; v < net_.size(); ++v) {
        clampValue_[std::size_t(v)] = evidence_[std::size_t(v)];
        nextOut_[std::size_t(v)] = clampValue_[std::size_t(v)] >= 0 ? t : std::numeric_limits<double>::infinity();
        nextHidden_[std::size_t(v)] = clampValue_[std::size_t(v)] >= 0 ? std::numeric_limits<double>::infinity()
                                                                       : t + spikeRng_.exponential(rate_);
    }
    resetSamples();
}

void BayesNetExperiment::advance()
{
    const double t = time();
    const double end = t + dt();
    if (learning_ && t >= learningSeconds_ - 1e-9)
        enterSampling(t);
    if (learning_ && stepIndex() >= nextPresentation_) {
        present(t);
        for (int v = 0; v < net_.size(); ++v)
            if (nextHidden_[std::size_t(v)] == std::numeric_limits<double>::infinity())
                nextHidden_[std::size_t(v)] = t + spikeRng_.exponential(rate_);
    }

    // Events of all modules in time order: clamped output spikes and hidden (WTA) spikes.
    for (;;) {
        int who = -1;
        bool output = false;
        double when = end;
        for (int v = 0; v < net_.size(); ++v) {
            if (nextOut_[std::size_t(v)] < when) {
                when = nextOut_[std::size_t(v)];
                who = v;
                output = true;
            }
            if (nextHidden_[std::size_t(v)] < when) {
                when = nextHidden_[std::size_t(v)];
                who = v;
                output = false;
            }
        }
        if (who < 0)
            break;
        if (output) {
            outputSpike(who, clampValue_[std::size_t(who)], when);
            nextOut_[std::size_t(who)] += spikeRng_.exponential(rate_);
        } else {
            hiddenSpike(who, when);
            nextHidden_[std::size_t(who)] += spikeRng_.exponential(rate_);
        }
    }

    if (!learning_) {
        // Read the state at the end of the step: the value whose output fired within tau.
        ++sampledSteps_;
        bool allValid = true;
        std::uint64_t index = 0;
        for (int v = 0; v < net_.size(); ++v) {
            const bool valid = end - lastSpike_[std::size_t(v)] < tau_;
            allValid = allValid && valid;
            if (valid) {
                marginalCounts_[std::size_t(v)][std::size_t(lastValue_[std::size_t(v)])] += 1;
                marginalTotals_[std::size_t(v)] += 1;
            }
            index = index * std::uint64_t(net_.variables[std::size_t(v)].cardinality())
                    + std::uint64_t(lastValue_[std::size_t(v)]);
        }
        if (allValid) {
            ++validSamples_;
            if (!jointCounts_.empty())
                jointCounts_[std::size_t(index)] += 1;
        }
    }
}

void BayesNetExperiment::outputSpike(int v, int value, double t)
{
    lastValue_[std::size_t(v)] = value;
    lastSpike_[std::size_t(v)] = t;
    spikes_.record(t, outBase_[std::size_t(v)] + value);
}

void BayesNetExperiment::hiddenSpike(int v, double t)
{
    SpikingModule& m = modules_[std::size_t(v)];
    const int H = m.hiddenSize();
    // Active inputs: for each blanket variable, its last output value if it fired within tau.
    activeInputs_.clear();
    for (std::size_t j = 0; j < m.inputs.size(); ++j) {
        const int b = m.inputs[j];
        if (t - lastSpike_[std::size_t(b)] < tau_)
            activeInputs_.push_back(m.inputOffset[j] + lastValue_[std::size_t(b)]);
    }
    auto u = u_.head(H);
    u = m.hidden.biases();
    for (int i : activeInputs_)
        u += m.hidden.weights().col(i);
    synapticEvents_ += std::int64_t(activeInputs_.size()) * H;
    const int teacher = learning_ ? clampValue_[std::size_t(v)] : -1;
    if (teacher >= 0)  // while learning only the hidden neurons of the shown value may fire
        for (int k = 0; k < H; ++k)
            if (m.valueOf(k) != teacher)
                u[k] = -std::numeric_limits<double>::infinity();
    Eigen::VectorXd uk = u;
    const int k = m.hidden.drawWinner(uk, winnerRng_);
    if (k < 0)
        return;
    spikes_.record(t, hiddenBase_[std::size_t(v)] + k);

    if (learning_) {
        const double eta = schedule_.at(t);
        if (eta > 0) {
            for (int i : activeInputs_)
                dense_[std::size_t(i)] = 1.0;
            rule_.updateRow(m.hidden.weights().row(k).data(), dense_.data(), m.inputSize, eta);
            for (int i : activeInputs_)
                dense_[std::size_t(i)] = 0.0;
            // The prior learns ten times slower than the weights by default: a mixture
            // component that has not yet found its Markov-blanket configuration would
            // otherwise lose its prior and never win again (a dead unit, a worse optimum).
            const double etaBias = eta * biasRate_;
            for (int j = 0; j < H; ++j) {
                double& b = m.hidden.biases()[j];
                b = biasRule_.clip(b + biasRule_.delta(b, j == k ? 1.0 : 0.0, etaBias, 1.0 / H));
            }
            synapticEvents_ += m.inputSize;
        }
    } else {
        outputSpike(v, m.valueOf(k), t);
    }
}

void BayesNetExperiment::serialize(StateArchive& a)
{
    for (auto& m : modules_)
        m.hidden.serialize(a);
    a.section("bayesnet");
    a.fixed(lastValue_, "last values");
    a.fixed(lastSpike_, "last spikes");
    a.fixed(clampValue_, "clamped values");
    a.fixed(nextOut_, "output spike times");
    a.fixed(nextHidden_, "hidden spike times");
    a.value(rate_);
    a.value(tau_);
    a.value(biasRate_);
    a.value(learning_);
    a.value(learningSeconds_);
    a.constant(presentationSteps_, "the presentation length");
    a.value(nextPresentation_);
    a.values(sample_);
    a.values(evidence_);
    rule_.serialize(a);
    biasRule_.serialize(a);
    schedule_.serialize(a);
    a.streamOfFormat1(dataRng_);
    a.streamOfFormat1(spikeRng_);
    a.streamOfFormat1(winnerRng_);
    a.fixed(jointCounts_, "joint histogram");
    a.fixed(marginalCounts_, "marginal histograms");
    a.fixed(marginalTotals_, "marginal totals");
    a.value(validSamples_);
    a.value(sampledSteps_);
    a.values(exactConditioned_);
    a.values(exactMarginals_);
    a.value(synapticEvents_);
    if (a.reading()) {
        const auto n = std::size_t(net_.size());
        if ((!sample_.empty() && sample_.size() != n) || (!evidence_.empty() && evidence_.size() != n))
            a.fail("the sample or the evidence does not fit the network");
        for (std::size_t v = 0; v < n; ++v) {
            const int m = net_.variables[v].cardinality();
            if (lastValue_[v] < -1 || lastValue_[v] >= m || clampValue_[v] < -1 || clampValue_[v] >= m
                || (!evidence_.empty() && (evidence_[v] < -1 || evidence_[v] >= m))
                || (!sample_.empty() && (sample_[v] < 0 || sample_[v] >= m)))
                a.fail("a value of variable " + std::to_string(v) + " out of range");
            if (marginalCounts_[v].size() != std::size_t(m))
                a.fail("a marginal histogram does not fit its variable");
        }
        if (presentationSteps_ < 1)
            a.fail("presentation out of range");
        for (std::size_t v = 0; v < n; ++v) {
            a.requireFuture(nextOut_[v], time(), dt(), "an output spike");
            a.requireFuture(nextHidden_[v], time(), dt(), "a hidden spike");
        }
        a.requireRange(rate_, 1e-9, 1e6, "the modules' rate");
        if (joint_ && !exactConditioned_.empty() && exactConditioned_.size() != joint_->probabilities().size())
            a.fail("the conditioned joint does not fit the network");
    }
}

} // namespace plab
