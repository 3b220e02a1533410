#include "BayesNetExperiment.h"

#include "io/StateArchive.h"

#include "analysis/InformationMeasures.h"
#include "bayesnet/BifFormat.h"
#include "bayesnet/HuginFormat.h"
#include "bayesnet/VariableElimination.h"
#include "core/Error.h"
#include "io/JsonWriter.h"
#include "io/Resources.h"
#include "plasticity/StdpEmSpecs.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

namespace plab {

namespace {

/// A tuned hidden neuron's start: this share of its input's probability on its configuration's value.
constexpr double kTunedShare = 0.99;

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
    return readNetworkFile(spec);
}

} // namespace

ModuleNetwork BayesNetExperiment::spikingNetwork(const BayesianNetwork& net, bool merged, const ParameterSet& params,
                                                 RandomStream init, RandomStream& spikes, RandomStream& winners)
{
    const StdpEmSettings stdp = stdpEmFrom(params, stdpEmOptions());
    ModuleNetwork::Config c;
    c.rate = params.number("module_rate");
    c.tau = params.number("tau");
    c.biasRate = stdp.biasRate;
    c.rule = stdp.rule;
    c.biasRule = stdp.biasRule;
    c.schedule = stdp.schedule;

    // One module per variable; inputs are its Markov blanket (or everything else).
    const int n = net.size();
    const bool all = params.text("markov_blanket") == "all";
    // A clamped output fires at `rate`: at a hidden spike its trace is active with
    // probability q = 1 − e^{−rate·tau}, the scale of the weights' fixed point c·q·p.
    const double q = 1.0 - std::exp(-c.rate * c.tau);
    std::vector<SpikingModule> modules;
    for (int v = 0; v < n; ++v) {
        std::vector<int> inputs;
        if (all) {
            for (int j = 0; j < n; ++j)
                if (j != v)
                    inputs.push_back(j);
        } else if (merged) {
            // Merging a family puts its parents into its co-parents' blankets (asia into smoke's,
            // through tub+lung), where their factor cancels: left out, the module need not learn
            // from the few examples of a rare parent value that it does not matter.
            inputs = net.relevantBlanket(v);
        } else {
            inputs = net.markovBlanket(v);
        }
        std::size_t configs = 1;
        for (int j : inputs)
            configs = std::min<std::size_t>(configs * std::size_t(net.variables[std::size_t(j)].cardinality()), 1u << 30);
        const int modes = params.integer("modes") > 0
                              ? params.integer("modes")
                              : int(std::min<std::size_t>(configs, std::size_t(params.integer("max_modes"))));
        modules.emplace_back(net, v, inputs, modes, c.rate);
        SpikingModule& m = modules.back();
        // A random start lets EM settle with two components on one common configuration and
        // none on a rare one, whose conditional then stays wrong however long it learns (Pearl's
        // burglary alarm given both calls: posterior errors up to 0.13 after 20 000 s). Started
        // one per configuration, each component only has to sharpen on its own.
        const bool tuned = params.text("hidden_start") == "configurations" && std::size_t(modes) >= configs;
        std::vector<int> config;
        for (int k = 0; k < m.hiddenSize(); ++k) {
            const std::size_t mode = std::size_t(k % modes);
            const bool own = tuned && mode < configs;
            if (own)
                m.decodeConfiguration(mode, config);
            for (std::size_t j = 0; j < m.inputs.size(); ++j)
                for (int a = 0; a < m.inputValues[j]; ++a) {
                    const double share = own ? (a == config[j] ? kTunedShare : (1.0 - kTunedShare) / (m.inputValues[j] - 1))
                                             : init.uniform(0.5, 1.5) / m.inputValues[j];
                    m.hidden.weights()(k, m.inputOffset[j] + a) = std::log(q * share) + c.rule.logC;
                }
            m.hidden.biases()[k] = std::log(1.0 / m.hiddenSize());
        }
    }
    return ModuleNetwork(std::move(modules), c, spikes, winners);
}

BayesNetExperiment::BayesNetExperiment(const ExperimentInfo& info, const ParameterSet& params, std::uint64_t seed)
    : Experiment(info, params, seed), net_(loadNetwork(params.text("network"))),
      families_(net_, params.text("families") == "joint"),
      dataRng_(stream("data")), spikeRng_(stream("spikes")), winnerRng_(stream("winners")),
      spiking_(spikingNetwork(families_.network(), families_.mergesAnything(), params, freshStream("init"), spikeRng_, winnerRng_)),
      learningSeconds_(params.number("learning_seconds")),
      presentationSteps_(std::max<std::int64_t>(1, std::llround(params.number("presentation") / params.number("dt"))))
{
    order_ = net_.topologicalOrder();
    evidence_ = parseEvidence(net_, params_.text("evidence"));
    const int n = net_.size();
    if (EnumeratedJoint::feasible(net_))
        joint_ = std::make_unique<EnumeratedJoint>(net_);
    // A new η restarts the decay from now, as a user moving the slider expects.
    LearningRateSchedule& schedule = spiking_.schedule();
    bindLive("learning_rate", &schedule.eta0, [this, &schedule] { schedule.start = time(); });
    buildTargets();
    counts_ = CptCounts(net_);
    if (learningSeconds_ == 0)
        learningSeconds_ = automaticLearningSeconds();

    marginalCounts_.resize(std::size_t(n));
    for (int v = 0; v < n; ++v)
        marginalCounts_[std::size_t(v)].assign(std::size_t(net_.variables[std::size_t(v)].cardinality()), 0.0);
    marginalTotals_.assign(std::size_t(n), 0.0);
    if (joint_)
        jointCounts_.assign(joint_->probabilities().size(), 0.0);
    requirePossible(evidence_, params_.text("evidence"));
    // The further chains and their streams (not among the named ones: files from before them
    // hold as many streams as the experiment had then).
    const int chains = int(params_.integer("chains"));
    std::vector<int> cardinalities;
    for (const auto& v : net_.variables)
        cardinalities.push_back(v.cardinality());
    diagnostics_ = ChainDiagnostics(chains, cardinalities);
    chainReadings_.assign(std::size_t(chains), std::vector<int>(std::size_t(n), 0));
    chainStreams_.reserve(2 * std::size_t(chains));
    for (int c = 1; c < chains; ++c) {
        chainStreams_.push_back(freshStream("chain " + std::to_string(c + 1) + " spikes"));
        chainStreams_.push_back(freshStream("chain " + std::to_string(c + 1) + " winners"));
    }
    for (int c = 1; c < chains; ++c)
        chains_.push_back(spiking_.samplingChain(std::vector<int>(std::size_t(spiking_.size()), 0),
                                                 std::vector<int>(std::size_t(spiking_.size()), -1), 0.0,
                                                 chainStreams_[2 * std::size_t(c - 1)], chainStreams_[2 * std::size_t(c - 1) + 1]));
    setEvidence(evidence_);
    if (learningSeconds_ <= 0)
        enterSampling(0.0);

    // Lesions: each module's hidden neurons (each codes one value of its variable) and the
    // synapses onto them, both named by the variable.
    std::vector<std::string> names;
    std::vector<std::vector<std::string>> values;
    for (const BnVariable& v : families_.network().variables) {
        names.push_back(v.name);
        values.push_back(v.values);
    }
    lesionSite_ = std::make_unique<ModuleLesionSite>(spiking_, std::move(names), std::move(values));
    setLesionSite(lesionSite_.get());
}

void BayesNetExperiment::buildTargets()
{
    // p*(x, mb) per module, exact: by enumeration where the joint is small, by variable
    // elimination where it is too large to enumerate. A merged family's table is the joint
    // table of its members, which is laid out as the merged variable's.
    targetJoint_.clear();
    std::vector<std::vector<double>> tables;
    const VariableElimination elimination(net_);
    for (const auto& m : spiking_.modules()) {
        std::vector<int> inputs = familyVariables(m);
        const int own = inputs.back();
        inputs.pop_back();
        if (joint_) {
            tables.push_back(joint_->familyTable(own, inputs));
            continue;
        }
        if (m.configurations() > (1u << 22))
            throw InputError("module " + families_.network().variables[std::size_t(m.variable)].name
                             + " has too many input configurations to measure its KL divergence");
        tables.push_back(elimination.familyTable(own, inputs));
    }
    targetJoint_ = std::move(tables);
}

std::vector<int> BayesNetExperiment::familyVariables(const SpikingModule& m) const
{
    std::vector<int> vars;
    for (int j : m.inputs)
        vars.insert(vars.end(), families_.members(j).begin(), families_.members(j).end());
    vars.insert(vars.end(), families_.members(m.variable).begin(), families_.members(m.variable).end());
    return vars;
}

double BayesNetExperiment::automaticLearningSeconds() const
{
    const double floor = kConfigurationFloor, per = params_.number("examples_per_configuration");
    // The entries p*(x, mb) of the modules' tables, not only their blanket configurations: a
    // posterior can hang on how often a rare value comes up in a common configuration.
    double rarest = 1.0;
    for (const auto& table : targetJoint_)
        for (double mass : table)
            if (mass >= floor)
                rarest = std::min(rarest, mass);
    const double presentation = double(presentationSteps_) * dt();
    const double seconds = per / rarest * presentation;
    // Whole hundreds (a round figure to show), and no longer than learning_seconds may be set.
    return std::clamp(std::ceil(seconds / 100.0) * 100.0, kMinimumLearning, 1e7);
}

void BayesNetExperiment::buildEvidenceTargets()
{
    // p*(x, mb | evidence) per module: where the sampling under this evidence puts its weight.
    if (std::all_of(evidence_.begin(), evidence_.end(), [](int e) { return e < 0; })) {
        evidenceTargets_ = targetJoint_;
        return;
    }
    evidenceTargets_.clear();
    const VariableElimination elimination(net_);
    for (const auto& m : spiking_.modules()) {
        if (moduleClamp_[std::size_t(m.variable)] >= 0) {
            evidenceTargets_.emplace_back();  // an observed variable's module is not sampled
            continue;
        }
        std::vector<int> inputs = familyVariables(m);
        const int own = inputs.back();
        inputs.pop_back();
        try {
            evidenceTargets_.push_back(joint_ ? joint_->familyTable(own, inputs, exactConditioned_)
                                              : elimination.familyTable(own, inputs, evidence_));
        } catch (const InputError&) {
            evidenceTargets_.emplace_back();  // evidence of probability 0
        }
    }
}

void BayesNetExperiment::measureCountingFloor()
{
    countedMarginals_.clear();
    countedJointKl_ = std::numeric_limits<double>::quiet_NaN();
    if (!counts_.fits(net_) || counts_.examples() == 0 || exactMarginals_.empty())
        return;
    const BayesianNetwork counted = counts_.estimate(net_);
    try {
        countedMarginals_ = VariableElimination(counted).marginals(evidence_);
    } catch (const InputError&) {
        return;  // the evidence has probability 0 in the counted network: cannot happen with alpha > 0
    }
    if (joint_ && exactConditioned_.size() <= 65536) {
        countedJointKl_ = klDivergenceBits(exactConditioned_, EnumeratedJoint(counted).conditioned(evidence_), 1e-5);
    }
}

std::vector<NeuronGroup> BayesNetExperiment::neuronGroups() const
{
    std::vector<NeuronGroup> groups;
    for (int v = 0; v < spiking_.size(); ++v) {
        const std::string& name = families_.network().variables[std::size_t(v)].name;
        const SpikingModule& m = spiking_.modules()[std::size_t(v)];
        // Both layers of a module share its colour, so a module's activity reads as one band.
        groups.push_back({name + " output", spiking_.outputBase(v), m.values, v % 10});
        groups.push_back({name + " hidden", spiking_.hiddenBase(v), m.hiddenSize(), v % 10});
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
    if (counts_.fits(net_))
        counts_.add(net_, sample_);
    families_.toMerged(sample_, mergedScratch_);
    spiking_.showSample(mergedScratch_, t, spikes_);
    nextPresentation_ = stepIndex() + presentationSteps_;
}

void BayesNetExperiment::enterSampling(double t)
{
    learning_ = false;
    spiking_.startSampling(moduleClamp_, t);
    spiking_.restrictValues(moduleAllowed_, t);
    resetSamples();
    startChains(t);
    measureCountingFloor();
}

void BayesNetExperiment::startChains(double t)
{
    // Over-dispersed starts, as R-hat wants them: each free module at a value drawn uniformly
    // from those the evidence allows, whatever the network's own chain is doing.
    std::vector<int> start(std::size_t(spiking_.size()));
    for (std::size_t k = 0; k < chains_.size(); ++k) {
        RandomStream& draw = chainStreams_[2 * k];
        for (int m = 0; m < spiking_.size(); ++m) {
            const int clamp = moduleClamp_[std::size_t(m)];
            const auto& allowed = moduleAllowed_[std::size_t(m)];
            std::vector<int> choices;
            for (int x = 0; x < spiking_.modules()[std::size_t(m)].values; ++x)
                if (allowed.empty() || allowed[std::size_t(x)])
                    choices.push_back(x);
            start[std::size_t(m)] = clamp >= 0 ? clamp : choices[std::size_t(draw.index(choices.size()))];
        }
        chains_[k] = spiking_.samplingChain(start, moduleClamp_, t, chainStreams_[2 * k], chainStreams_[2 * k + 1]);
        spiking_.restrictValues(chains_[k], moduleAllowed_, t);
    }
    diagnostics_.reset();
}

double BayesNetExperiment::rhat(int variable) const
{
    return learning_ || evidence_[std::size_t(variable)] >= 0 ? std::numeric_limits<double>::quiet_NaN()
                                                             : diagnostics_.rhat(variable);
}

double BayesNetExperiment::effectiveSamples(int variable) const
{
    return learning_ || evidence_[std::size_t(variable)] >= 0 ? std::numeric_limits<double>::quiet_NaN()
                                                             : diagnostics_.ess(variable);
}

void BayesNetExperiment::advance()
{
    const double t = time();
    const double end = t + dt();
    if (learning_ && t >= learningSeconds_ - 1e-9)
        enterSampling(t);
    if (learning_ && stepIndex() >= nextPresentation_)
        present(t);
    spiking_.advanceUntil(end, learning_, spikes_);

    if (!learning_) {
        // Read the state at the end of the step: the value whose output fired within tau, of
        // each module, as values of the original variables.
        ++sampledSteps_;
        bool allValid = true;
        mergedScratch_.resize(std::size_t(spiking_.size()));
        for (int m = 0; m < spiking_.size(); ++m) {
            mergedScratch_[std::size_t(m)] = spiking_.lastValue(m);
            allValid = allValid && spiking_.isOn(m, end);
        }
        families_.toOriginal(mergedScratch_, originalScratch_);
        std::uint64_t index = 0;
        for (int v = 0; v < net_.size(); ++v) {
            const int value = originalScratch_[std::size_t(v)];
            if (spiking_.isOn(moduleOf(v), end)) {
                marginalCounts_[std::size_t(v)][std::size_t(value)] += 1;
                marginalTotals_[std::size_t(v)] += 1;
            }
            index = index * std::uint64_t(net_.variables[std::size_t(v)].cardinality()) + std::uint64_t(value);
        }
        if (allValid) {
            ++validSamples_;
            if (!jointCounts_.empty())
                jointCounts_[std::size_t(index)] += 1;
        }
        // The further chains, read the same way (every step, each module's last value).
        chainReadings_[0] = originalScratch_;
        for (std::size_t k = 0; k < chains_.size(); ++k) {
            spiking_.advanceChain(chains_[k], end);
            families_.toOriginal(chains_[k].lastValue, chainReadings_[k + 1]);
        }
        diagnostics_.add(chainReadings_);
    }
}

void BayesNetExperiment::serialize(StateArchive& a)
{
    for (auto& m : spiking_.modules())
        m.hidden.serialize(a);
    a.section("bayesnet");
    std::vector<int>& lastValue = spiking_.lastValues();
    std::vector<int>& clampValue = spiking_.clampValues();
    a.fixed(lastValue, "last values");
    a.fixed(spiking_.lastSpikes(), "last spikes");
    a.fixed(clampValue, "clamped values");
    a.fixed(spiking_.nextOutputSpikes(), "output spike times");
    a.fixed(spiking_.nextHiddenSpikes(), "hidden spike times");
    a.value(spiking_.rate());
    a.value(spiking_.tau());
    a.value(spiking_.biasRate());
    a.value(learning_);
    a.value(learningSeconds_);
    a.constant(presentationSteps_, "the presentation length");
    a.value(nextPresentation_);
    a.values(sample_);
    a.values(evidence_);
    spiking_.rule().serialize(a);
    spiking_.biasRule().serialize(a);
    spiking_.schedule().serialize(a);
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
    a.value(spiking_.synapticEvents());
    if (a.format() >= 2) {  // format 1 had no counting mode
        for (auto& wins : spiking_.hiddenWins())
            a.fixed(wins, "hidden wins");
        a.fixed(spiking_.moduleWins(), "module wins");
    }
    // The training examples' counts, for the counting floor; unknown (empty) after a file of a
    // format before 3, and in every file saved after such a one.
    bool counted = a.format() >= 3 && counts_.fits(net_);
    if (a.format() >= 3)
        a.value(counted);
    if (!counted && a.reading())
        counts_ = CptCounts();
    if (counted) {
        if (a.reading() && !counts_.fits(net_))
            counts_ = CptCounts(net_);
        for (auto& c : counts_.counts())
            a.fixed(c, "training counts");
        a.value(counts_.examplesRef());
    }
    // The further chains (format 5 on); after an older file they start afresh where it goes on.
    if (a.format() >= 5) {
        a.section("bayesnet chains");
        std::uint64_t chains = chains_.size() + 1;
        a.value(chains);
        if (a.reading() && chains != chains_.size() + 1)
            a.fail("the file has " + std::to_string(chains) + " sampling chains, its parameters " + std::to_string(chains_.size() + 1));
        for (std::size_t k = 0; k < chains_.size(); ++k) {
            ModuleNetwork::Chain& c = chains_[k];
            a.fixed(c.lastValue, "a chain's last values");
            a.fixed(c.lastSpike, "a chain's last spikes");
            a.fixed(c.clampValue, "a chain's clamped values");
            a.fixed(c.nextOut, "a chain's output spike times");
            a.fixed(c.nextHidden, "a chain's hidden spike times");
            a.value(chainStreams_[2 * k]);
            a.value(chainStreams_[2 * k + 1]);
        }
        diagnostics_.serialize(a);
    }
    if (a.reading()) {
        const auto n = std::size_t(net_.size()), modules = std::size_t(spiking_.size());
        for (const auto& c : chains_)
            for (std::size_t v = 0; v < modules; ++v) {
                const int m = spiking_.modules()[v].values;
                if (c.lastValue[v] < 0 || c.lastValue[v] >= m || c.clampValue[v] < -1 || c.clampValue[v] >= m)
                    a.fail("a sampling chain's value of module " + std::to_string(v) + " out of range");
                if (a.format() >= 5 && !learning_) {  // (while learning the chains wait)
                    a.requireFuture(c.nextOut[v], time(), dt(), "a chain's output spike");
                    a.requireFuture(c.nextHidden[v], time(), dt(), "a chain's hidden spike");
                }
            }
        if ((!sample_.empty() && sample_.size() != n) || (!evidence_.empty() && evidence_.size() != n))
            a.fail("the sample or the evidence does not fit the network");
        for (std::size_t v = 0; v < n; ++v) {
            const int m = net_.variables[v].cardinality();
            if ((!evidence_.empty() && (evidence_[v] < -1 || evidence_[v] >= m))
                || (!sample_.empty() && (sample_[v] < 0 || sample_[v] >= m)))
                a.fail("a value of variable " + std::to_string(v) + " out of range");
            if (marginalCounts_[v].size() != std::size_t(m))
                a.fail("a marginal histogram does not fit its variable");
        }
        for (std::size_t v = 0; v < modules; ++v) {
            const int m = spiking_.modules()[v].values;
            if (lastValue[v] < 0 || lastValue[v] >= m || clampValue[v] < -1 || clampValue[v] >= m)
                a.fail("a value of module " + std::to_string(v) + " out of range");
        }
        if (presentationSteps_ < 1)
            a.fail("presentation out of range");
        for (std::size_t v = 0; v < modules; ++v) {
            a.requireFuture(spiking_.nextOutputSpikes()[v], time(), dt(), "an output spike");
            a.requireFuture(spiking_.nextHiddenSpikes()[v], time(), dt(), "a hidden spike");
        }
        a.requireRange(spiking_.rate(), 1e-9, 1e6, "the modules' rate");
        if (joint_ && !exactConditioned_.empty() && exactConditioned_.size() != joint_->probabilities().size())
            a.fail("the conditioned joint does not fit the network");
        if (counts_.examplesRef() < 0)
            a.fail("a negative number of training examples");
        if (!evidence_.empty()) {
            try {
                requirePossible(evidence_, "in the file");
            } catch (const InputError& e) {
                a.fail(e.what());
            }
        }
        translateEvidence();
        if (!learning_) {  // (while learning nothing is restricted: enterSampling does it)
            spiking_.restrictValues(moduleAllowed_, time());
            if (a.format() < 5)
                startChains(time());
            else
                for (auto& c : chains_)
                    spiking_.restrictValues(c, moduleAllowed_, time());
        }
        buildEvidenceTargets();
        if (!learning_)
            measureCountingFloor();
    }
}

} // namespace plab
