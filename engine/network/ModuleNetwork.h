#pragma once
// The network of spiking modules of Pecevski & Maass (2016), one module per random variable:
// its hidden layer a WTA circuit over the outputs of the modules in its Markov blanket, its
// output neurons one per value. Every module fires as a Poisson process of rate `rate`:
//   - a clamped module (a training sample's value, or evidence) fires its output neuron of
//     the clamped value;
//   - a free one draws a hidden winner from softmax(b + Σ w over the blanket outputs that
//     fired within τ) and fires the output of the winner's value.
// While learning, each module's clamped value is its teacher: only hidden neurons of that
// value may win, and the winner's weights and the biases take the STDP-EM step (StdpEmRule,
// BiasRule, the biases `biasRate` times slower), at the schedule's rate; in its counting mode
// the winner learns at least at 1/(n0 + its wins) and the biases at 1/(n0 + the module's).
//
// The protocol — what is shown, when learning ends, what the evidence is, what is counted —
// is the experiment's (BayesNetExperiment).
#include "bayesnet/SpikingModule.h"
#include "core/Random.h"
#include "core/SpikeRecorder.h"
#include "plasticity/LearningRate.h"
#include "plasticity/StdpEmRule.h"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace plab {

class ModuleNetwork {
public:
    struct Config {
        double rate = 100.0;  // Hz, of every module
        double tau = 0.02;    // s, an output spike stays "on" this long
        double biasRate = 0.1;
        StdpEmRule rule;
        BiasRule biasRule;
        LearningRateSchedule schedule;
    };

    /// `spikes` draws the modules' spike times, `winners` the hidden winners (the
    /// experiment's streams, kept by reference). Spike ids: each module's outputs, then its
    /// hidden neurons, module after module.
    ModuleNetwork(std::vector<SpikingModule> modules, const Config& config, RandomStream& spikes,
                  RandomStream& winners);
    ModuleNetwork(const ModuleNetwork&) = delete;
    ModuleNetwork& operator=(const ModuleNetwork&) = delete;

    int size() const { return int(modules_.size()); }
    const std::vector<SpikingModule>& modules() const { return modules_; }
    int outputBase(int v) const { return outBase_[std::size_t(v)]; }
    int hiddenBase(int v) const { return hiddenBase_[std::size_t(v)]; }

    /// The dynamic state of one sampling chain: each module's last value and spike, its clamp,
    /// the values it may take, its next spikes, and the streams it draws from. The network's
    /// own chain learns and samples; further chains (samplingChain) share its weights, frozen
    /// while sampling, so that their disagreement measures the sampling (R-hat, ESS).
    struct Chain {
        std::vector<int> lastValue;     // value of the last output spike of each module
        std::vector<double> lastSpike;  // its time
        std::vector<int> clampValue;    // −1 = free
        std::vector<std::vector<char>> allowed;  // per module, empty = every value
        std::vector<double> nextOut, nextHidden;
        RandomStream* spikes = nullptr;
        RandomStream* winners = nullptr;
    };

    /// Simulates up to `end`: clamped outputs and hidden spikes of all modules in time order.
    void advanceUntil(double end, bool learning, SpikeRecorder& spikes);

    /// A training sample at t: every module clamped to its value fires it now; a module
    /// whose hidden layer was asleep starts firing again.
    void showSample(const std::vector<int>& values, double t, SpikeRecorder& spikes);
    /// Learning ends at t: the evidence (−1 = free) is clamped, the free modules sample.
    void startSampling(const std::vector<int>& evidence, double t);
    /// New evidence while sampling, at t.
    void changeEvidence(const std::vector<int>& evidence, double t);
    /// While sampling, free module v's winners only among the values allowed[v] marks (empty:
    /// all): evidence that leaves a merged family several values (MergedFamilies). A module
    /// whose last value is no longer allowed draws a new one at t.
    void restrictValues(std::vector<std::vector<char>> allowed, double t);

    /// Another chain of the sampling network, at t: every module starts on `start` (as if it
    /// had just fired it) and draws from the streams given (kept by reference).
    Chain samplingChain(const std::vector<int>& start, const std::vector<int>& evidence, double t,
                        RandomStream& spikes, RandomStream& winners) const;
    /// The same for such a chain: run it (no spikes recorded, nothing learned), new evidence,
    /// restricted values.
    void advanceChain(Chain& chain, double end);
    void changeEvidence(Chain& chain, const std::vector<int>& evidence, double t) const;
    void restrictValues(Chain& chain, std::vector<std::vector<char>> allowed, double t) const;
    static bool isOn(const Chain& chain, int v, double t, double tau) { return t - chain.lastSpike[std::size_t(v)] < tau; }

    /// The value of module v's last output spike, and whether it fired within τ before t.
    int lastValue(int v) const { return main_.lastValue[std::size_t(v)]; }
    bool isOn(int v, double t) const { return isOn(main_, v, t, tau_); }

    // The state, for the experiment's serialize() (it keeps its file layout).
    std::vector<SpikingModule>& modules() { return modules_; }
    std::vector<int>& lastValues() { return main_.lastValue; }
    std::vector<double>& lastSpikes() { return main_.lastSpike; }
    std::vector<int>& clampValues() { return main_.clampValue; }
    std::vector<double>& nextOutputSpikes() { return main_.nextOut; }
    std::vector<double>& nextHiddenSpikes() { return main_.nextHidden; }
    double& rate() { return rate_; }
    double& tau() { return tau_; }
    double& biasRate() { return biasRate_; }
    StdpEmRule& rule() { return rule_; }
    BiasRule& biasRule() { return biasRule_; }
    LearningRateSchedule& schedule() { return schedule_; }
    /// Wins of each hidden neuron while learning, per module, and of each module (counted in
    /// the counting mode only).
    std::vector<std::vector<double>>& hiddenWins() { return hiddenWins_; }
    std::vector<double>& moduleWins() { return moduleWins_; }
    /// Spike deliveries to hidden neurons plus plastic updates.
    std::int64_t& synapticEvents() { return synapticEvents_; }
    std::int64_t synapticEvents() const { return synapticEvents_; }

private:
    void advance(Chain& chain, double end, bool learning, SpikeRecorder* spikes);
    void outputSpike(Chain& chain, int v, int value, double t, SpikeRecorder* spikes) const;
    void hiddenSpike(Chain& chain, int v, double t, bool learning, SpikeRecorder* spikes);

    std::vector<SpikingModule> modules_;
    std::vector<int> outBase_, hiddenBase_;
    Chain main_;
    double rate_, tau_, biasRate_;
    StdpEmRule rule_;
    BiasRule biasRule_;
    LearningRateSchedule schedule_;
    std::int64_t synapticEvents_ = 0;
    std::vector<std::vector<double>> hiddenWins_;
    std::vector<double> moduleWins_;

    // Scratch (no allocation per spike).
    Eigen::VectorXd u_;
    std::vector<double> dense_;
    std::vector<int> activeInputs_;
};

} // namespace plab
