#include "RewardNetwork.h"

#include <algorithm>
#include <cmath>

namespace plab {

RewardNetwork::RewardNetwork(const Config& c, RandomStream& init, RandomStream& spikes, RandomStream& noise)
    : inputs_(c.inputs, c.dt), synapses_(c.neurons, c.inputs, c.rule, c.thetaInitMean, c.thetaInitSd, init),
      neurons_(c.neurons, c.neuron), dt_(c.dt), fac_(Eigen::VectorXd::Zero(c.inputs)),
      dep_(Eigen::VectorXd::Zero(c.inputs)), y_(Eigen::VectorXd::Zero(c.inputs)), u_(Eigen::VectorXd::Zero(c.neurons)),
      facDecay_(std::exp(-c.dt / c.tauFall)), depDecay_(std::exp(-c.dt / c.tauRise)),
      pspScale_(c.tauFall / (c.tauFall - c.tauRise)),
      updateSteps_(std::max<std::int64_t>(1, std::llround(c.updateInterval / c.dt))), spikeRng_(spikes),
      noiseRng_(noise)
{
    fired_.reserve(std::size_t(c.neurons));
}

const std::vector<int>& RewardNetwork::step(std::int64_t n, double t, SpikeRecorder& spikes)
{
    // Presynaptic PSPs: the difference of two exponential traces, each +1 per spike.
    fac_ *= facDecay_;
    dep_ *= depDecay_;
    for (const std::int32_t i : inputs_.spikesAt(n)) {
        fac_[i] += 1.0;
        dep_[i] += 1.0;
        spikes.record(t, i);
    }
    y_ = pspScale_ * (fac_ - dep_);
    u_.noalias() = synapses_.weights() * y_;
    neurons_.step(u_, t, dt_, spikeRng_, fired_);
    for (const int j : fired_)
        spikes.record(t, neuronColumn(j));
    synapses_.stepEligibility(y_, neurons_.spikeMinusExpected(), dt_);
    synapticEvents_ += synapses_.potential();
    if ((n + 1) % updateSteps_ == 0) {
        const auto [formed, eliminated] = synapses_.update(double(updateSteps_) * dt_, noiseRng_);
        formed_ += formed;
        eliminated_ += eliminated;
    }
    return fired_;
}

} // namespace plab
