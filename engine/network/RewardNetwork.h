#pragma once
// Poisson inputs onto stochastic spiking neurons (exponential rate, dead time, homeostatic
// threshold) through synapses that learn from reward (Kappel et al. 2018; SPORE's pattern
// task): the time-stepped step of `reward`, written once. Every step: the inputs'
// double-exponential PSPs y, the potentials u = W y, the neurons' spikes, the eligibility
// traces; every `updateInterval` the θ step of the reward-based SDE. The reward itself comes
// from the protocol (deliverReward).
#include "core/Random.h"
#include "core/SpikeRecorder.h"
#include "neurons/PoissonInputPopulation.h"
#include "neurons/StochasticNeuronPopulation.h"
#include "plasticity/RewardSynapses.h"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace plab {

class RewardNetwork {
public:
    struct Config {
        int inputs = 50;
        int neurons = 20;
        double dt = 0.001;
        double tauRise = 0.002, tauFall = 0.020;  // s, excitatory PSP (SPORE)
        double updateInterval = 0.1;              // s between θ updates (SPORE)
        StochasticNeuronPopulation::Parameters neuron;
        RewardRuleParameters rule;
        double thetaInitMean = -0.5, thetaInitSd = 0.5;
    };

    /// `init` draws the initial θ; `spikes` (the neurons' spikes) and `noise` (θ noise) are
    /// the experiment's streams, kept by reference.
    RewardNetwork(const Config& config, RandomStream& init, RandomStream& spikes, RandomStream& noise);
    RewardNetwork(const RewardNetwork&) = delete;
    RewardNetwork& operator=(const RewardNetwork&) = delete;

    /// Simulates step n, [t, t + dt); returns the neurons that fired in it.
    const std::vector<int>& step(std::int64_t n, double t, SpikeRecorder& spikes);

    int inputCount() const { return inputs_.size(); }
    /// The spike recorder's id of neuron j.
    int neuronColumn(int j) const { return inputs_.size() + j; }
    PoissonInputPopulation& inputs() { return inputs_; }
    RewardSynapses& synapses() { return synapses_; }
    const RewardSynapses& synapses() const { return synapses_; }
    StochasticNeuronPopulation& neurons() { return neurons_; }
    const StochasticNeuronPopulation& neurons() const { return neurons_; }

    // The state, for the experiment's serialize() (it keeps its file layout).
    Eigen::VectorXd& facilitating() { return fac_; }  // the two exponential traces of each input
    Eigen::VectorXd& depressing() { return dep_; }
    Eigen::VectorXd& psps() { return y_; }
    /// Synapses formed and eliminated since the protocol last reset them.
    std::int64_t& formed() { return formed_; }
    std::int64_t& eliminated() { return eliminated_; }
    /// Eligibility updates: every potential synapse, every step.
    std::int64_t& synapticEvents() { return synapticEvents_; }
    std::int64_t synapticEvents() const { return synapticEvents_; }

private:
    PoissonInputPopulation inputs_;
    RewardSynapses synapses_;
    StochasticNeuronPopulation neurons_;
    double dt_;
    Eigen::VectorXd fac_, dep_, y_, u_;
    double facDecay_, depDecay_, pspScale_;
    std::int64_t updateSteps_;
    std::vector<int> fired_;
    RandomStream &spikeRng_, &noiseRng_;
    std::int64_t formed_ = 0, eliminated_ = 0, synapticEvents_ = 0;
};

} // namespace plab
