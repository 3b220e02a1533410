#pragma once
// Input neurons and stochastic WTA circuits of hidden neurons, with plastic synapses onto
// the hidden neurons: the step of em-mixture, synaptic-sampling and self-repair, written once.
//
//   columns (presynaptic): [inputs | hidden neurons, when they also drive each other]
//   rows (postsynaptic):   hidden neurons, split into WTA circuits (WtaGroup)
//   Each circuit fires as one Poisson process of rate `wtaRate` (lateral inhibition holds the
//   rate). At a circuit spike its potentials are u = b + drive(y), where EPSPs between hidden
//   neurons are `lateralGain` times input EPSPs; the winner is drawn from softmax(u) over the
//   circuit's neurons that are not lesioned; while plastic, the synapses learn (WtaSynapses).
//
// An experiment adds its protocol: what the inputs show, when the network is plastic, and
// what it records at each winner (setListener).
#include "core/Random.h"
#include "core/SpikeRecorder.h"
#include "network/WtaGroup.h"
#include "network/WtaSynapses.h"
#include "neurons/EpspTraces.h"
#include "neurons/PoissonInputPopulation.h"

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <vector>

namespace plab {

template <WtaSynapses Synapses>
class WtaNetwork {
public:
    struct Config {
        int inputs = 0;
        int hidden = 0;
        bool hiddenPresynaptic = false;  // hidden neurons have traces and synapses onto each other
        double dt = 0.001;
        EpspKernel kernel{EpspKernel::Shape::DoubleExponential, 0.01, 0.002, 0.02};
        double wtaRate = 100.0;  // Hz, per circuit; 0: the circuits never fire
        double lateralGain = 1.0;
    };

    /// `synapses` must have `hidden` rows and a column per trace; `circuit` (the experiment's
    /// stream, kept by reference) draws the circuits' spike times and winners.
    WtaNetwork(const Config& config, Synapses synapses, RandomStream& circuit);
    // Its listener points into the experiment that owns it: a copy would report there too.
    WtaNetwork(const WtaNetwork&) = delete;
    WtaNetwork& operator=(const WtaNetwork&) = delete;

    /// Adds hidden neurons [first, first + count) as one circuit and draws its first spike.
    void addCircuit(int first, int count, int population);
    /// Draws every circuit's next spike again from t (after a change of the rate).
    void restartCircuits(double t);

    /// Called at every circuit spike, after the plasticity.
    using WinnerListener = std::function<void(const WtaGroup& circuit, int winner, double t)>;
    void setListener(WinnerListener listener) { listener_ = std::move(listener); }

    /// Simulates step n, [t, t + dt): input spikes, then the circuits' spikes in time order,
    /// then the synapses' end of step. `plastic` false freezes the synapses and biases.
    void step(std::int64_t n, double t, bool plastic, SpikeRecorder& spikes);

    int hidden() const { return int(bias_.size()); }
    /// The spike recorder's id of hidden neuron k.
    int hiddenColumn(int k) const { return inputs_.size() + k; }
    PoissonInputPopulation& inputs() { return inputs_; }
    const PoissonInputPopulation& inputs() const { return inputs_; }
    EpspTraces& traces() { return traces_; }
    Synapses& synapses() { return synapses_; }
    const Synapses& synapses() const { return synapses_; }
    std::vector<WtaGroup>& circuits() { return circuits_; }
    const std::vector<WtaGroup>& circuits() const { return circuits_; }
    /// The live traces of the last circuit spike (for monitors, inside the listener); the
    /// values only where the synapses read the sparse list (not ReadsDenseInputsOnly).
    const std::vector<std::int32_t>& liveIds() const { return liveIds_; }
    const std::vector<double>& liveValues() const { return liveValues_; }

    void lesion(int k) { lesioned_[std::size_t(k)] = 1; }
    bool isLesioned(int k) const { return lesioned_[std::size_t(k)] != 0; }
    int activeNeurons() const;

    // The state, for the experiments' serialize() (they keep their file layout).
    Eigen::VectorXd& biases() { return bias_; }
    const Eigen::VectorXd& biases() const { return bias_; }
    std::vector<std::uint8_t>& lesionFlags() { return lesioned_; }
    double& wtaRate() { return wtaRate_; }
    double& lateralGain() { return lateralGain_; }
    RandomStream& circuitRng() { return circuitRng_; }
    /// Spike deliveries (rows per input spike) plus plastic updates (columns per post spike).
    std::int64_t& synapticEvents() { return synapticEvents_; }
    std::int64_t synapticEvents() const { return synapticEvents_; }
    /// What the step did since the network was built (not kept in state files): the figures
    /// of bench_scaling's operation-count limit.
    struct OperationCounts {
        std::int64_t inputSpikes = 0, circuitSpikes = 0, liveInputs = 0;  // live: summed over circuit spikes
    };
    const OperationCounts& operationCounts() const { return counts_; }

private:
    void circuitSpike(const WtaGroup& circuit, double t, bool plastic, SpikeRecorder& spikes);
    double firstSpikeAfter(double t);

    PoissonInputPopulation inputs_;
    EpspTraces traces_;
    Synapses synapses_;
    bool hiddenPresynaptic_;
    double dt_;
    Eigen::VectorXd bias_;
    std::vector<std::uint8_t> lesioned_;
    std::vector<WtaGroup> circuits_;
    double wtaRate_, lateralGain_;
    RandomStream &circuitRng_;
    WinnerListener listener_;
    std::int64_t synapticEvents_ = 0;
    OperationCounts counts_;

    // Scratch, all zeros between circuit spikes.
    std::vector<std::int32_t> liveIds_;
    std::vector<double> liveValues_, dense_;
    Eigen::VectorXd u_;
};

// Instantiated once, in WtaNetwork.cpp, for each kind of synapses (declared in their headers).

} // namespace plab
