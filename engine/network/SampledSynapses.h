#pragma once
// Synaptic sampling onto WTA circuits (Kappel et al. 2015), as WtaSynapses: every potential
// synapse has a parameter θ under the SDE of SynapticSampler, the winner's synapses take its
// STDP (likelihood) term, and the circuit's biases the homeostatic step that holds every
// neuron at an equal share of spikes. With a Poisson normaliser of weight c the potentials
// also lose c·Σ α e^w (self-repair). Every `sweepInterval` the lazy OU step brings all
// synapses up to date.
#include "core/Random.h"
#include "network/WtaNetwork.h"
#include "network/WtaSynapses.h"
#include "plasticity/SynapticSampler.h"

#include <limits>

namespace plab {

class SampledSynapses {
public:
    static constexpr bool kReadsDenseInputsOnly = true;  // addDrive and postSpike: live.dense
    struct Config {
        SamplingParameters sampling;
        double homeostasis = 0.005;
        double biasLimit = std::numeric_limits<double>::infinity();
        double normalization = 0.0;  // c, weight of the Poisson normaliser
        double sweepInterval = 1.0;  // s
        double dt = 0.001;
    };

    /// `init` draws the initial θ; `noise` (the experiment's stream, kept by reference) the
    /// parameter noise.
    SampledSynapses(int rows, int cols, const Config& config, RandomStream& init, RandomStream& noise);

    int rows() const { return sampler_.rows(); }
    int cols() const { return sampler_.cols(); }
    void addDrive(const WtaGroup& circuit, const LiveInputs& live, Eigen::Ref<Eigen::VectorXd> u) const;
    void preSpike(int, double) {}
    void postSpike(const WtaGroup& circuit, int winner, const LiveInputs& live, double t, Eigen::VectorXd& bias,
                   const std::vector<std::uint8_t>& lesioned);
    void endStep(std::int64_t n, double end, bool plastic);

    /// Brings every synapse up to time t.
    void advanceAll(double t) { sampler_.advanceAll(t, noiseRng_); }
    /// A live change of one field of sampler().parameters() at time t: the OU step up to t
    /// runs under the old value; the cached weights are recomputed where they depend on it.
    void changeSampling(double* field, double value, double t);

    SynapticSampler& sampler() { return sampler_; }
    const SynapticSampler& sampler() const { return sampler_; }
    // The state, for the experiments' serialize().
    double& homeostasis() { return homeostasis_; }
    double& biasLimit() { return biasLimit_; }
    double& normalization() { return normalization_; }
    std::int64_t& sweepSteps() { return sweepSteps_; }
    RandomStream& noiseRng() { return noiseRng_; }

private:
    SynapticSampler sampler_;
    double homeostasis_, biasLimit_, normalization_;
    std::int64_t sweepSteps_;
    RandomStream &noiseRng_;
};

static_assert(WtaSynapses<SampledSynapses>);
extern template class WtaNetwork<SampledSynapses>;
using SampledWtaNetwork = WtaNetwork<SampledSynapses>;

} // namespace plab
