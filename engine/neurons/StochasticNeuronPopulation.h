#pragma once
// Stochastic spiking neurons with an exponential rate, a dead time and a homeostatic
// threshold (the neuron of SPORE, `poisson_dbl_exp_neuron`, with c1 = 0, c2 = c3 = 1):
//
//   rate = exp(u + bias − ϑ),  P(spike in a step) = 1 − exp(−rate · dt)
//   ϑ' = −targetRate · adaptation,  ϑ += adaptation at each spike
//
// so each neuron's mean rate drifts to targetRate. Besides the spikes, each step yields
// z − ρ per neuron — the spike minus its probability, i.e. ∂ log p(spike train)/∂u — which
// the reward-based rule multiplies into its eligibility traces. During the dead time a
// neuron cannot fire, so both z and ρ are 0 there (keeps z − ρ unbiased).
#include "core/Random.h"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace plab {

class StateArchive;

class StochasticNeuronPopulation {
public:
    struct Parameters {
        double deadTime = 0.005;   // s
        double bias = -3.0;        // constant input I_e
        double targetRate = 10.0;  // Hz
        double adaptation = 0.1;   // threshold step per spike
    };

    StochasticNeuronPopulation(int size, const Parameters& p);

    int size() const { return int(threshold_.size()); }
    /// One step from time t with membrane potentials u; the indices of the neurons that fired
    /// go to `fired` (cleared first).
    void step(const Eigen::VectorXd& u, double t, double dt, RandomStream& rng, std::vector<int>& fired);
    /// z − ρ of the last step, per neuron.
    const Eigen::VectorXd& spikeMinusExpected() const { return bap_; }
    const Eigen::VectorXd& threshold() const { return threshold_; }
    /// Lesions: 0 takes part; otherwise (removed, silenced) the neuron neither fires nor adapts.
    std::vector<std::uint8_t>& lesionFlags() { return lesioned_; }
    const std::vector<std::uint8_t>& lesionFlags() const { return lesioned_; }
    void serialize(StateArchive& a);

private:
    Parameters p_;
    Eigen::VectorXd threshold_, bap_;
    std::vector<double> deadUntil_;
    std::vector<std::uint8_t> lesioned_;
};

} // namespace plab
