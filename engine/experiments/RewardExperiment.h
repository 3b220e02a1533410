#pragma once
// reward: reward-based synaptic sampling learns a task (Kappel, Legenstein, Habenschuss, Hsieh
// & Maass 2018; the "pattern matching" example of SPORE). Each trial, 50 Poisson inputs show
// one of two rate patterns; two populations of 10 stochastic neurons (double-exponential
// PSPs, dead time, homeostatic threshold) listen to all of them through potential synapses
// under the reward-based SDE. At the end of a trial the reward says how much more the
// target population of that pattern fired than the other. `switch-task` swaps the targets;
// temperature is live and can be annealed.
#include "analysis/AnnealingSchedule.h"
#include "core/Experiment.h"
#include "lesion/NetworkLesionSites.h"
#include "network/RewardNetwork.h"

#include <array>

namespace plab {

class RewardExperiment : public Experiment {
public:
    static ExperimentInfo info();
    RewardExperiment(const ExperimentInfo& info, const ParameterSet& params, std::uint64_t seed);

    std::vector<std::string> seriesNames() const override;
    std::vector<double> sampleSeries() override;
    MetricList summary() const override;
    /// The reward per trial, over 100 s (a window of trials: one trial's reward scatters).
    std::optional<PerformanceMeasure> performanceMeasure() const override { return PerformanceMeasure{"reward", false, 100}; }
    std::vector<NeuronGroup> neuronGroups() const override;
    std::vector<Command> scheduledCommands() const override;
    std::int64_t synapticEvents() const override { return net_.synapticEvents(); }

    /// The task's reward for a trial in which the target population fired `carry` Hz more
    /// than the other: sigmoid(slope · (carry − offset)), between 0 and 1.
    double rewardFor(double carry) const;

    // Read by views and tests.
    const RewardSynapses& synapses() const { return net_.synapses(); }
    const StochasticNeuronPopulation& neurons() const { return net_.neurons(); }
    double temperature() const { return net_.synapses().parameters().temperature; }
    /// Running mean of the trials' rewards (τ = 50 s): the chart's curve.
    double rewardMean() const { return rewardMean_; }
    int pattern() const { return pattern_; }
    int inputs() const { return inputs_; }
    int populationSize() const { return popSize_; }
    bool switched() const { return switched_; }
    /// The population that should win for `pattern` now.
    int targetOf(int pattern) const { return switched_ ? 1 - pattern : pattern; }
    /// Mean rate (Hz) of population `pop` while pattern `pattern` is shown (recent trials).
    double populationRate(int pop, int pattern) const { return popRate_[std::size_t(pop)][std::size_t(pattern)]; }
    double lastReward() const { return lastReward_; }
    const std::vector<double>& patternRates(int pattern) const { return patterns_[std::size_t(pattern)]; }
    bool annealing() const { return schedule_.active; }

protected:
    std::vector<std::string> verbHelp() const override;
    void advance() override;
    void validateCommand(const Command& command) const override;
    void applyCommand(const Command& command) override;
    void serialize(StateArchive& a) override;

private:
    void startTrial(std::int64_t step);
    void endTrial();

    int inputs_, popSize_;
    std::array<std::vector<double>, 2> patterns_;  // rate of each input, per pattern
    RandomStream &patternRng_, &inputRng_;
    RewardNetwork net_;
    std::unique_ptr<RewardLesionSite> lesionSite_;
    double rewardSlope_, rewardOffset_;
    enum class Baseline { None, Mean, PerPattern } baseline_;
    std::int64_t trialSteps_, nextTrial_ = 0;
    int pattern_ = 0;
    bool switched_ = false;
    std::array<int, 2> trialSpikes_{0, 0};
    std::array<RewardNormalizer, 2> normalizers_;  // one per pattern with Baseline::PerPattern
    double lastReward_ = 0, rewardMean_ = 0;
    std::array<std::array<double, 2>, 2> popRate_{};
    AnnealingSchedule schedule_;
    struct Trial {
        float end;     // s
        float reward;  // what the network earned
        void serialize(StateArchive& a);
    };
    std::vector<Trial> trials_;
};

} // namespace plab
