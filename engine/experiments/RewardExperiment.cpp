#include "RewardExperiment.h"

#include "io/StateArchive.h"

#include "core/Error.h"
#include "plasticity/RewardSpecs.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plab {

namespace {

using Spec = ParameterSpec;

constexpr double kChanceSeconds = 50.0;               // the untrained network's reward is measured here

std::vector<ParameterSpec> rewardParameters()
{
    auto p = commonParameters(10.0);
    const std::vector<ParameterSpec> own = {
        Spec::choice("task", {"pattern"}, "pattern",
                     "pattern: two input rate patterns; each should make its own output population fire most"),
        Spec::integer("inputs", 50, 2, 5000, "input neurons"),
        Spec::integer("population", 10, 1, 500, "neurons in each of the two output populations"),
        Spec::real("pattern_fraction", 0.5, 0.0, 1.0, "", "share of the inputs that fire fast in a pattern"),
        Spec::real("pattern_rate", 60.0, 0.0, 500.0, "Hz", "rate of an input that belongs to the pattern shown"),
        Spec::real("background_rate", 2.0, 0.0, 100.0, "Hz", "rate of the other inputs"),
        Spec::real("trial", 0.5, 0.05, 100.0, "s", "how long each pattern is shown; the reward comes at its end"),
        Spec::real("reward_offset", 5.0, -100.0, 500.0, "Hz",
                   "reward = sigmoid(slope · (carry − offset)); carry = target minus other population's rate"),
        Spec::real("reward_slope", 0.5, 0.0, 100.0, "1/Hz", "slope of that sigmoid"),
        Spec::choice("reward_baseline", {"pattern", "mean", "off"}, "pattern",
                     "r̃ = r / r̄ − 1 with r̄ the running mean of the rewards of the same pattern (pattern) or of all "
                     "trials (mean): the same expected gradient as SPORE's r̃ = r / r̄ (off), with far less noise"),
    };
    // The rule's parameters, declared beside it, between the task's and the neurons' (the
    // order of help texts and run files).
    const std::vector<ParameterSpec> rule = rewardRuleSpecs();
    const std::vector<ParameterSpec> neuronsAndSchedule = {
        Spec::real("dead_time", 0.005, 0.0, 0.1, "s", "refractory time of an output neuron"),
        Spec::real("input_current", -3.0, -100.0, 100.0, "", "constant input of the output neurons (I_e)"),
        Spec::real("target_rate", 10.0, 0.1, 200.0, "Hz", "the homeostatic threshold holds this mean rate"),
        Spec::real("adaptation", 0.1, 0.0, 10.0, "", "threshold step per spike (speed of homeostasis)"),
        Spec::real("switch_at", -1.0, -1.0, 1e7, "s", "time of a 'switch-task' (−1: none)"),
        Spec::real("anneal_start", -1.0, -1.0, 1e7, "s", "start of an annealing schedule (−1: none)"),
        Spec::real("anneal_seconds", 2000.0, 0.001, 1e7, "s", "duration of the annealing schedule"),
        Spec::real("anneal_from", 0.1, 0.0, 10.0, "", "temperature at the start of annealing"),
        Spec::real("anneal_to", 0.001, 0.0, 10.0, "", "temperature at the end of annealing"),
        Spec::choice("anneal_shape", {"exponential", "linear"}, "exponential", "how the temperature falls"),
    };
    for (const auto* part : {&own, &rule, &neuronsAndSchedule})
        p.insert(p.end(), part->begin(), part->end());
    return p;
}

RewardNetwork::Config networkFrom(const ParameterSet& p)
{
    RewardNetwork::Config c;
    c.inputs = p.integer("inputs");
    c.neurons = 2 * p.integer("population");
    c.dt = p.number("dt");
    c.neuron = {p.number("dead_time"), p.number("input_current"), p.number("target_rate"), p.number("adaptation")};
    c.rule = rewardRuleFrom(p);
    c.thetaInitMean = p.number("theta_init_mean");
    c.thetaInitSd = p.number("theta_init_sd");
    return c;
}

std::int64_t stepsOf(double seconds, double dt)
{
    return std::max<std::int64_t>(1, std::llround(seconds / dt));
}

} // namespace

ExperimentInfo RewardExperiment::info()
{
    ExperimentInfo i;
    i.name = "reward";
    i.title = "Reward-based synaptic sampling";
    i.description = "reward-gated synaptic sampling learns which of two populations should answer which pattern";
    i.paper = "Kappel, Legenstein, Habenschuss, Hsieh & Maass (2018) eNeuro 5(2): ENEURO.0301-17.2018";
    i.seriesHelp = {
        {"reward", "mean trial reward over the last 50 s (0–1; about 0.1 when both populations fire alike)"},
        {"temperature", "T now (dimensionless; scales the variance of the θ noise)"},
        {"active_fraction", "fraction of the potential synapses that exist now (θ > 0)"},
        {"turnover", "synapses formed plus eliminated per potential synapse and hour (1/h)"},
        {"rate_*", "mean rate of a population while a pattern is shown (Hz)"},
        {"task_switched", "1 after a switch-task command, else 0"},
    };
    i.defaultSeconds = 5000;
    i.recordAtStart = true;
    i.headlineSeries = {"reward", "temperature", "active_fraction"};
    i.parameters = rewardParameters;
    i.create = [](const ExperimentInfo& self, const ParameterSet& p, std::uint64_t seed) -> std::unique_ptr<Experiment> {
        return std::make_unique<RewardExperiment>(self, p, seed);
    };
    return i;
}

RewardExperiment::RewardExperiment(const ExperimentInfo& info, const ParameterSet& params, std::uint64_t seed)
    : Experiment(info, params, seed), inputs_(params.integer("inputs")), popSize_(params.integer("population")),
      patternRng_(stream("patterns")), inputRng_(stream("input")),
      net_([&] {
          RandomStream init = freshStream("init");
          return RewardNetwork(networkFrom(params), init, stream("spikes"), stream("noise"));
      }()),
      rewardSlope_(params.number("reward_slope")), rewardOffset_(params.number("reward_offset")),
      baseline_(params.text("reward_baseline") == "pattern" ? Baseline::PerPattern
                : params.text("reward_baseline") == "mean"  ? Baseline::Mean
                                                            : Baseline::None),
      trialSteps_(stepsOf(params.number("trial"), dt()))
{
    RandomStream truth = freshStream("truth");
    for (auto& rates : patterns_) {
        rates.resize(std::size_t(inputs_));
        for (auto& r : rates)
            r = truth.bernoulli(params_.number("pattern_fraction")) ? params_.number("pattern_rate")
                                                                     : params_.number("background_rate");
    }
    trials_.reserve(4096);
    for (const auto& [name, field] : rewardRuleFields(net_.synapses().parameters())) {
        if (!params_.find(name)->live)
            continue;
        if (std::string_view(name) == "temperature")  // a hand on the slider overrides the schedule
            bindLive(name, field, [this] { schedule_.active = false; });
        else
            bindLive(name, field);
    }
    lesionSite_ = std::make_unique<RewardLesionSite>(net_, popSize_);
    setLesionSite(lesionSite_.get());
}

double RewardExperiment::rewardFor(double carry) const
{
    return 1.0 / (1.0 + std::exp(-rewardSlope_ * (carry - rewardOffset_)));
}

std::vector<NeuronGroup> RewardExperiment::neuronGroups() const
{
    return {{"inputs", 0, inputs_, 10}, {"population A", inputs_, popSize_, 0},
            {"population B", inputs_ + popSize_, popSize_, 1}};
}

std::vector<std::string> RewardExperiment::verbHelp() const
{
    return {"switch-task  (swap which population is the target of which pattern)",
            "anneal T0 T1 SECONDS [linear|exponential]  (temperature from T0 to T1 over SECONDS)"};
}

std::vector<Command> RewardExperiment::scheduledCommands() const
{
    std::vector<Command> c;
    if (params_.number("switch_at") >= 0)
        c.push_back(Command::fromText(params_.number("switch_at"), "switch-task"));
    if (params_.number("anneal_start") >= 0)
        c.push_back(Command::fromText(params_.number("anneal_start"),
                                      "anneal " + params_.formatted("anneal_from") + " " + params_.formatted("anneal_to")
                                          + " " + params_.formatted("anneal_seconds") + " "
                                          + params_.text("anneal_shape")));
    return c;
}

void RewardExperiment::startTrial(std::int64_t step)
{
    pattern_ = int(patternRng_.index(2));
    net_.inputs().rates() = patterns_[std::size_t(pattern_)];
    net_.inputs().generate(step, int(trialSteps_), inputRng_);
    trialSpikes_ = {0, 0};
    nextTrial_ = step + trialSteps_;
}

void RewardExperiment::endTrial()
{
    const double seconds = double(trialSteps_) * dt();
    const double rateA = trialSpikes_[0] / (popSize_ * seconds), rateB = trialSpikes_[1] / (popSize_ * seconds);
    const double carry = targetOf(pattern_) == 0 ? rateA - rateB : rateB - rateA;
    lastReward_ = rewardFor(carry);
    trials_.push_back({float(time()), float(lastReward_)});
    // A baseline that depends on the pattern shown is still a baseline (it does not bias the
    // gradient) and takes out the reward's largest predictable part.
    RewardNormalizer& normalizer = normalizers_[baseline_ == Baseline::PerPattern ? std::size_t(pattern_) : 0];
    net_.synapses().deliverReward(normalizer.normalize(lastReward_, seconds, baseline_ != Baseline::None));
    const double keep = std::exp(-seconds / 50.0);
    rewardMean_ = trials_.size() == 1 ? lastReward_ : keep * rewardMean_ + (1 - keep) * lastReward_;
    // Rates per pattern, averaged over the last ~10 trials of that pattern.
    popRate_[0][std::size_t(pattern_)] += 0.1 * (rateA - popRate_[0][std::size_t(pattern_)]);
    popRate_[1][std::size_t(pattern_)] += 0.1 * (rateB - popRate_[1][std::size_t(pattern_)]);
}

void RewardExperiment::advance()
{
    const std::int64_t n = stepIndex();
    const double t = time();
    if (n == nextTrial_) {
        if (n > 0)
            endTrial();
        startTrial(n);
    }
    if (schedule_.active) {
        net_.synapses().parameters().temperature = schedule_.at(t);
        if (t >= schedule_.start + schedule_.duration) {
            schedule_.active = false;
            params_.set("temperature", formatNumber(schedule_.to));
        }
    }
    for (const int j : net_.step(n, t, spikes_))
        ++trialSpikes_[j < popSize_ ? 0 : 1];
}

void RewardExperiment::validateCommand(const Command& c) const
{
    if (c.verb == "switch-task") {
        if (!c.args.empty())
            throw InputError("switch-task takes no arguments");
        return;
    }
    if (c.verb == "anneal") {
        // The schedule writes its end value into the `temperature` parameter: stay in its range.
        AnnealingSchedule::checkCommand(c, params_.find("temperature")->maximum);
        return;
    }
    Experiment::validateCommand(c);
}

void RewardExperiment::applyCommand(const Command& c)
{
    if (c.verb == "switch-task") {
        switched_ = !switched_;
        return;
    }
    if (c.verb == "anneal")
        schedule_ = AnnealingSchedule::fromCommand(c, time());
    else
        Experiment::applyCommand(c);  // the lesions
}

std::vector<std::string> RewardExperiment::seriesNames() const
{
    return {"reward",           "temperature",      "active_fraction",  "turnover",        "rate_A_pattern1",
            "rate_B_pattern1",  "rate_A_pattern2",  "rate_B_pattern2",  "task_switched"};
}

std::vector<double> RewardExperiment::sampleSeries()
{
    // Turnover: synapses formed plus eliminated since the last row, per potential synapse and hour.
    const double interval = double(recordEverySteps()) * dt();
    const RewardSynapses& synapses = net_.synapses();
    const double turnover = double(net_.formed() + net_.eliminated()) / double(synapses.potential()) * 3600.0 / interval;
    net_.formed() = net_.eliminated() = 0;
    return {rewardMean_,    temperature(),  double(synapses.existing()) / double(synapses.potential()),
            turnover,       popRate_[0][0], popRate_[1][0],
            popRate_[0][1], popRate_[1][1], switched_ ? 1.0 : 0.0};
}

MetricList RewardExperiment::summary() const
{
    // reward_chance: the untrained network, over the first 50 s (learning takes hundreds of
    // seconds); reward_final: the mean reward over the last fifth of the run.
    const double end = time();
    double chance = 0, final = 0;
    int nc = 0, nf = 0;
    for (const auto& trial : trials_) {
        if (trial.end <= std::min(kChanceSeconds, 0.2 * end)) {
            chance += trial.reward;
            ++nc;
        }
        if (trial.end >= 0.8 * end) {
            final += trial.reward;
            ++nf;
        }
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {{"reward_final", nf ? final / nf : nan},
            {"reward_chance", nc ? chance / nc : nan},
            {"reward_max", 1.0},
            {"temperature", temperature()},
            {"active_fraction", double(synapses().existing()) / double(synapses().potential())},
            {"task_switched", switched_ ? 1.0 : 0.0}};
}

void RewardExperiment::Trial::serialize(StateArchive& a)
{
    a.value(end);
    a.value(reward);
}

void RewardExperiment::serialize(StateArchive& a)
{
    net_.inputs().serialize(a);
    net_.synapses().serialize(a);
    net_.neurons().serialize(a);
    a.section("reward");
    a.fixed(net_.facilitating(), "PSP traces");
    a.fixed(net_.depressing(), "PSP traces");
    a.fixed(net_.psps(), "PSPs");
    a.value(rewardSlope_);
    a.value(rewardOffset_);
    int baseline = int(baseline_);
    a.value(baseline);
    a.constant(trialSteps_, "the trial length");
    a.value(nextTrial_);
    a.value(pattern_);
    a.value(switched_);
    a.value(trialSpikes_[0]);
    a.value(trialSpikes_[1]);
    normalizers_[0].serialize(a);
    normalizers_[1].serialize(a);
    a.value(lastReward_);
    a.value(rewardMean_);
    for (auto& pop : popRate_)
        for (auto& r : pop)
            a.value(r);
    schedule_.serialize(a);
    a.values(trials_);
    if (a.reading()) {
        if (baseline < 0 || baseline > 2 || trialSteps_ < 1 || (pattern_ != 0 && pattern_ != 1))
            a.fail("reward trial state out of range");
        a.requireRange(double(nextTrial_), double(stepIndex()), double(stepIndex() + trialSteps_), "the next trial");
        baseline_ = Baseline(baseline);
    }
    a.value(net_.formed());
    a.value(net_.eliminated());
    a.streamOfFormat1(patternRng_);
    a.streamOfFormat1(inputRng_);
    a.streamOfFormat1(stream("spikes"));
    a.streamOfFormat1(stream("noise"));
    a.value(net_.synapticEvents());
}

} // namespace plab
