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

using Spec = ParameterSpec;

std::vector<ParameterSpec> bayesNetParameters()
{
    auto p = commonParameters(5.0);
    const std::vector<ParameterSpec> own = {
        Spec::text("network", "knill-kersten",
                   "the Bayesian network: the name of one in resources/networks (knill-kersten) or the path of a "
                   "BIF file (--network)")
            .withFileFilter("Bayesian networks (*.bif *.BIF);;All files (*)"),
        Spec::choice("markov_blanket", {"graph", "all"}, "graph",
                     "inputs of each module: its Markov blanket from the graph, or all other variables"),
        Spec::integer("modes", 0, 0, 256,
                      "hidden neurons (mixture components) per value; 0 = one per Markov-blanket configuration, "
                      "capped at max_modes"),
        Spec::integer("max_modes", 16, 1, 256, "cap of the automatic number of modes"),
        Spec::real("learning_seconds", 300.0, 0.0, 1e7, "s", "learning phase; sampling follows"),
        Spec::real("presentation", 0.1, 0.005, 10.0, "s", "how long each joint sample is shown while learning"),
        Spec::real("module_rate", 200.0, 1.0, 5000.0, "Hz",
                   "firing rate of each module's hidden WTA circuit, and of a clamped output neuron"),
        Spec::real("tau", 0.03, 0.001, 0.5, "s",
                   "EPSP and STDP window; a variable's state is the value whose output fired within tau"),
        Spec::real("learning_rate", 0.02, 0.0, 1.0, "", "STDP and bias learning rate eta", true).withSymbol("η"),
        Spec::real("learning_rate_decay", 5.0, 0.1, 1e7, "s", "eta decays as eta/(1 + t/decay)"),
        Spec::real("bias_rate", 0.1, 0.0, 10.0, "",
                   "learning rate of the hidden biases (the prior over mixture components), relative to eta"),
        Spec::real("c", 1.0, 1e-3, 1e3, "", "STDP constant c: weights converge to log p + log c"),
        Spec::real("w_min", -10.0, -30.0, 0.0, "", "lower clip of the weights and biases"),
        Spec::text("evidence", "", "evidence clamped while sampling, e.g. Z3=1,Z4=1 (value names or 1-based numbers)"),
    };
    p.insert(p.end(), own.begin(), own.end());
    return p;
}

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

ExperimentInfo BayesNetExperiment::info()
{
    ExperimentInfo i;
    i.name = "bayesnet";
    i.title = "Spiking modules learn a Bayesian network";
    i.description = "one STDP-learning module per variable learns a Bayesian network, then the network samples from it";
    i.paper = "Pecevski & Maass (2016) eNeuro 3(2): ENEURO.0048-15.2016";
    i.seriesHelp = {
        {"kl_module_mean", "mean over the modules of their KL divergence (bits)"},
        {"kl_joint", "KL(p* ‖ histogram of the sampled states), under the evidence if any (bits; sampling phase)"},
        {"posterior_error", "largest |sampled − exact| marginal probability of a variable without evidence "
                            "(sampling phase)"},
        {"kl_*", "KL(p*(x | Markov blanket) ‖ the module's conditional) of one variable's module, averaged over "
                 "its Markov blanket (bits, from the weights; 0 = the table is learned)"},
    };
    i.defaultSeconds = 400;
    i.recordAtStart = true;
    i.parameters = bayesNetParameters;
    i.create = [](const ExperimentInfo& self, const ParameterSet& p, std::uint64_t seed) -> std::unique_ptr<Experiment> {
        return std::make_unique<BayesNetExperiment>(self, p, seed);
    };
    return i;
}

std::vector<int> BayesNetExperiment::parseEvidence(const BayesianNetwork& net, const std::string& text)
{
    std::vector<int> evidence(std::size_t(net.size()), -1);
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t end = std::min(text.find(',', pos), text.size());
        const std::string item = text.substr(pos, end - pos);
        pos = end + 1;
        if (item.empty())
            continue;
        const auto eq = item.find('=');
        if (eq == std::string::npos)
            throw InputError("evidence '" + item + "' is not VAR=value");
        const std::string name = item.substr(0, eq), value = item.substr(eq + 1);
        const int v = net.find(name);
        if (v < 0)
            throw InputError("evidence names '" + name + "', which is not a variable of " + net.name);
        const int k = net.findValue(v, value);
        if (k < 0)
            throw InputError("evidence " + item + ": '" + value + "' is not a value of " + name);
        evidence[std::size_t(v)] = k;
    }
    return evidence;
}

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
    RandomStream init = stream("init");
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

void BayesNetExperiment::setEvidence(std::vector<int> evidence)
{
    evidence_ = std::move(evidence);
    if (joint_) {
        exactConditioned_ = joint_->conditioned(evidence_);
        exactMarginals_ = joint_->marginals(exactConditioned_);
    } else {
        try {
            exactMarginals_ = VariableElimination(net_).marginals(evidence_);
        } catch (const InputError&) {
            exactMarginals_.clear();  // evidence of probability 0: no posterior to compare with
        }
    }
    if (!learning_) {
        const double t = time();
        for (int v = 0; v < net_.size(); ++v) {
            clampValue_[std::size_t(v)] = evidence_[std::size_t(v)];
            nextOut_[std::size_t(v)] = evidence_[std::size_t(v)] >= 0 ? t : std::numeric_limits<double>::infinity();
            if (evidence_[std::size_t(v)] >= 0)
                nextHidden_[std::size_t(v)] = std::numeric_limits<double>::infinity();
            else if (nextHidden_[std::size_t(v)] == std::numeric_limits<double>::infinity())
                nextHidden_[std::size_t(v)] = t + spikeRng_.exponential(rate_);
        }
        resetSamples();
    }
}

void BayesNetExperiment::resetSamples()
{
    std::fill(jointCounts_.begin(), jointCounts_.end(), 0.0);
    for (auto& m : marginalCounts_)
        std::fill(m.begin(), m.end(), 0.0);
    std::fill(marginalTotals_.begin(), marginalTotals_.end(), 0.0);
    validSamples_ = sampledSteps_ = 0;
}

void BayesNetExperiment::validateCommand(const Command& c) const
{
    if (c.verb == "evidence") {
        if (c.args.size() != 1)
            throw InputError("evidence needs one argument: VAR=value[,VAR=value...] or clear");
        if (c.args[0] != "clear")
            parseEvidence(net_, c.args[0]);
        return;
    }
    Experiment::validateCommand(c);
}

void BayesNetExperiment::applyCommand(const Command& c)
{
    if (c.verb == "evidence")
        setEvidence(c.args[0] == "clear" ? std::vector<int>(std::size_t(net_.size()), -1) : parseEvidence(net_, c.args[0]));
}

double BayesNetExperiment::moduleKl(int variable) const
{
    const SpikingModule& m = modules_[std::size_t(variable)];
    const auto& table = targetJoint_[std::size_t(variable)];
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
    const Eigen::Map<const Eigen::VectorXd> p(exactConditioned_.data(), Eigen::Index(exactConditioned_.size()));
    const Eigen::Map<const Eigen::VectorXd> q(jointCounts_.data(), Eigen::Index(jointCounts_.size()));
    return klDivergenceBits(p, q, 1e-5);
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
            const SpikingModule& m = modules_[std::size_t(free[f])];
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
    const Eigen::Map<const Eigen::VectorXd> p(exactConditioned_.data(), Eigen::Index(exactConditioned_.size()));
    const Eigen::Map<const Eigen::VectorXd> q(model.data(), Eigen::Index(model.size()));
    return klDivergenceBits(p, q, 1e-5);
}

double BayesNetExperiment::posteriorError() const
{
    if (exactMarginals_.empty() || validSamples_ == 0)
        return std::numeric_limits<double>::quiet_NaN();
    const auto sampled = sampledMarginals();
    double worst = 0;
    for (std::size_t v = 0; v < sampled.size(); ++v) {
        if (evidence_[v] >= 0)
            continue;
        for (std::size_t k = 0; k < sampled[v].size(); ++k)
            worst = std::max(worst, std::fabs(sampled[v][k] - exactMarginals_[v][k]));
    }
    return worst;
}

std::vector<std::string> BayesNetExperiment::seriesNames() const
{
    std::vector<std::string> names;
    for (const auto& v : net_.variables)
        names.push_back("kl_" + v.name);
    names.insert(names.end(), {"kl_module_mean", "kl_joint", "posterior_error"});
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
    return {
        {"kl_module", kl},
        {"kl_module_mean", mean},
        {"kl_joint", jointKl()},
        {"kl_model_joint", modelKl()},
        {"posterior_error", posteriorError()},
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
    a.value(dataRng_);
    a.value(spikeRng_);
    a.value(winnerRng_);
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
