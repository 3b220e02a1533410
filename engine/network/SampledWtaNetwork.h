#pragma once
// Input neurons and stochastic WTA circuits whose every potential synapse is sampled
// (Kappel et al. 2015): the step of synaptic-sampling and self-repair, written once.
//
//   columns (presynaptic): [inputs | hidden neurons, when they also drive each other]
//   rows (postsynaptic):   hidden neurons, split into WTA circuits (WtaGroup)
//   At a circuit spike: u = b − c·Σ α e^w + W y, where EPSPs between hidden neurons are
//   `lateralGain` times input EPSPs; the winner is drawn from softmax(u) over the circuit's
//   neurons that are not lesioned. While plastic, the winner's synapses take the STDP term
//   and the circuit's biases the homeostatic step (every neuron an equal share of spikes).
//   Every `sweepInterval` the lazy OU step brings all synapses up to date.
//
// An experiment adds its protocol: what the inputs show, when the network is plastic, and
// what it records at each winner (setListener).
#include "core/Random.h"
#include "core/SpikeRecorder.h"
#include "network/WtaGroup.h"
#include "neurons/EpspTraces.h"
#include "neurons/PoissonInputPopulation.h"
#include "plasticity/SynapticSampler.h"

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace plab {

class SampledWtaNetwork {
public:
    struct Config {
        int inputs = 0;
        int hidden = 0;
        bool hiddenPresynaptic = false;  // hidden neurons have traces and synapses onto each other
        double dt = 0.001;
        EpspKernel kernel{EpspKernel::Shape::DoubleExponential, 0.01, 0.002, 0.02};
        SamplingParameters sampling;
        double wtaRate = 100.0;  // Hz, per circuit; 0: the circuits never fire
        double homeostasis = 0.005;
        double biasLimit = std::numeric_limits<double>::infinity();
        double lateralGain = 1.0;
        double normalization = 0.0;  // c, weight of the Poisson normaliser
        double sweepInterval = 1.0;  // s
    };

    /// `init` draws the initial θ; `circuit` the circuits' spike times and winners; `noise`
    /// the parameter noise.
    SampledWtaNetwork(const Config& config, RandomStream& init, RandomStream circuit, RandomStream noise);
    // Its listener points into the experiment that owns it: a copy would report there too.
    SampledWtaNetwork(const SampledWtaNetwork&) = delete;
    SampledWtaNetwork& operator=(const SampledWtaNetwork&) = delete;

    /// Adds hidden neurons [first, first + count) as one circuit and draws its first spike.
    void addCircuit(int first, int count, int population);

    /// Called at every circuit spike, after the plasticity, with the winner's row.
    using WinnerListener = std::function<void(const WtaGroup& circuit, int winner, double t)>;
    void setListener(WinnerListener listener) { listener_ = std::move(listener); }

    /// Simulates step n, [t, t + dt): input spikes, then the circuits' spikes in time order,
    /// then the sweep. `plastic` false freezes θ and the biases (test blocks).
    void step(std::int64_t n, double t, bool plastic, SpikeRecorder& spikes);
    /// Brings every synapse up to time t.
    void advanceAll(double t) { sampler_.advanceAll(t, noiseRng_); }
    /// A live change of one field of sampler().parameters() at time t: the OU step up to t
    /// runs under the old value; the cached weights are recomputed where they depend on it.
    void changeSampling(double* field, double value, double t);

    /// The spike recorder's id of hidden neuron k.
    int hiddenColumn(int k) const { return inputs_.size() + k; }
    PoissonInputPopulation& inputs() { return inputs_; }
    const PoissonInputPopulation& inputs() const { return inputs_; }
    EpspTraces& traces() { return traces_; }
    SynapticSampler& sampler() { return sampler_; }
    const SynapticSampler& sampler() const { return sampler_; }
    std::vector<WtaGroup>& circuits() { return circuits_; }
    const std::vector<WtaGroup>& circuits() const { return circuits_; }

    void lesion(int k) { lesioned_[std::size_t(k)] = 1; }
    bool isLesioned(int k) const { return lesioned_[std::size_t(k)] != 0; }

    // The state, for the experiments' serialize() (they keep their file layout).
    Eigen::VectorXd& biases() { return bias_; }
    std::vector<std::uint8_t>& lesionFlags() { return lesioned_; }
    double& wtaRate() { return wtaRate_; }
    double& homeostasis() { return homeostasis_; }
    double& biasLimit() { return biasLimit_; }
    double& lateralGain() { return lateralGain_; }
    double& normalization() { return normalization_; }
    std::int64_t& sweepSteps() { return sweepSteps_; }
    RandomStream& circuitRng() { return circuitRng_; }
    RandomStream& noiseRng() { return noiseRng_; }
    std::int64_t& synapticEvents() { return synapticEvents_; }
    std::int64_t synapticEvents() const { return synapticEvents_; }

private:
    void circuitSpike(const WtaGroup& circuit, double t, bool plastic, SpikeRecorder& spikes);

    PoissonInputPopulation inputs_;
    EpspTraces traces_;
    SynapticSampler sampler_;
    bool hiddenPresynaptic_;
    double dt_, biasLimit_;
    Eigen::VectorXd bias_;
    std::vector<std::uint8_t> lesioned_;
    std::vector<WtaGroup> circuits_;
    double wtaRate_, homeostasis_, lateralGain_, normalization_;
    std::int64_t sweepSteps_;
    RandomStream circuitRng_, noiseRng_;
    WinnerListener listener_;
    std::int64_t synapticEvents_ = 0;

    // Scratch, all zeros between circuit spikes.
    std::vector<std::int32_t> liveIds_;
    std::vector<double> liveValues_, dense_;
    Eigen::VectorXd u_;
};

} // namespace plab
