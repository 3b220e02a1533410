#pragma once
// Input neurons that fire Poisson spike trains at piecewise-constant rates.
//
// Rates change only when a new input is presented (or a `set` changes them), so all spikes of
// a presentation are drawn at its onset, one exponential waiting time per spike, and filed
// into per-step buckets. The step loop then reads the spikes of its step and never looks at
// a silent neuron: cost is proportional to spikes, not to neurons × steps.
//
// The waiting times are not summed as logarithms: spike m falls at t_m = −log(u_1 ⋯ u_m)/rate,
// so the running product of the uniforms is compared with e^{−rate·s·dt}, from a table per
// rate for the few rates a presentation uses. With many rates (tuning curves, grey levels),
// one log() per spike finds the step and a vectorised e^{−rate·window} per neuron ends the
// draws. The same uniforms give the same steps as the renewal sum, up to rounding at a step
// boundary (tst_epsp_traces compares the two, construction by construction).
#include "core/Random.h"

#include <Eigen/Core>

#include <cstdint>
#include <span>
#include <vector>

namespace plab {

class StateArchive;

class PoissonInputPopulation {
public:
    PoissonInputPopulation(int size, double dt);

    int size() const { return int(rates_.size()); }
    std::vector<double>& rates() { return rates_; }  // Hz, one per neuron
    const std::vector<double>& rates() const { return rates_; }

    /// Draws every spike in steps [firstStep, firstStep + steps) for the current rates,
    /// replacing whatever was drawn before.
    void generate(std::int64_t firstStep, int steps, RandomStream& rng);
    /// Spikes in step `step` (empty outside the generated window).
    std::span<const std::int32_t> spikesAt(std::int64_t step) const;

    /// Writes or reads the drawn spikes and the rates (state files).
    void serialize(StateArchive& a);

    /// Sum of rates (Hz): the expected number of spikes per second.
    double totalRate() const;

private:
    /// Makes the tables of the current rates; false if there are too many distinct rates.
    bool prepareTables(int steps);
    /// e^{−rate·s·dt} for s = 0 … steps, made by prepareTables.
    const double* table(double rate);

    double dt_;
    std::vector<double> rates_;
    std::int64_t firstStep_ = 0;
    std::vector<std::vector<std::int32_t>> buckets_;  // one per step of the window, reused
    int steps_ = 0;
    struct Thresholds {
        double rate;
        std::vector<double> values;
    };
    std::vector<Thresholds> thresholds_;  // a cache: not state, its values the same for any history
    std::vector<double> tableRates_;      // scratch: the distinct rates of this presentation
    std::size_t lastTable_ = 0;
    Eigen::ArrayXd ends_;  // e^{−rate·window} per neuron, when rates are many (scratch)
};

} // namespace plab
