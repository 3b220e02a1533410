#pragma once
// Learning-rate schedules for the STDP-EM and bias rules.
//
//  constant:  η(t) = η0
//  decaying:  η(t) = η0 / (1 + (t − t0)/τ)  — Robbins–Monro-like, so the weights settle on the
//             fixed point instead of fluctuating around it; t0 is when η0 was last set.
//  adaptive:  variance tracking (Nessler et al. 2009/2013; Kappel's snn_train_stw0.m), one rate
//             per synapse: η_ki = η0 (Q_ki − S_ki²) / (e^{−S_ki} + 1), with running mean S and
//             second moment Q of the weight, both updated with the same η_ki. A weight that
//             still moves keeps a large rate; one that has settled gets a small one.
//  counting:  decaying, but each neuron learns at least at 1/(n0 + n), n its wins so far: a
//             running mean over its own examples, so a component that wins rarely learns
//             from its few examples about as counting them would (n0: a prior count).
//             em-mixture: at least min(η0, g/(n0 + n)) (forNeuronAtMostEta0).
#include <algorithm>
#include <string>

namespace plab {

class StateArchive;

struct LearningRateSchedule {
    enum class Mode { Constant, Decaying, Adaptive, Counting };
    Mode mode = Mode::Decaying;
    double eta0 = 0.02;
    double decayTime = 20.0;  // s
    double start = 0.0;       // s, time η0 was set
    double countPrior = 2.0;  // n0 of the counting mode (from the parameters, not stored)
    double countGain = 1.0;   // g of em-mixture's counting (forNeuronAtMostEta0; from the parameters)

    /// The global rate at time t (for Adaptive: the base rate η0).
    double at(double t) const
    {
        if ((mode == Mode::Decaying || mode == Mode::Counting) && t > start)
            return eta0 / (1.0 + (t - start) / decayTime);
        return eta0;
    }
    /// The rate of a neuron that has won `wins` times (counting mode; else at(t)); 0 while
    /// η0 is 0, which freezes learning in every mode.
    double forNeuron(double t, double wins) const
    {
        const double global = at(t);
        if (mode != Mode::Counting || !(eta0 > 0))
            return global;
        const double counted = 1.0 / (countPrior + wins);
        return counted > global ? counted : global;
    }

    /// em-mixture's counting: at least min(η0, g/(n0 + wins)), g = countGain. Never above η0,
    /// so a neuron starts at the decaying schedule's rate (not 1/n0, which lets one neuron's
    /// first examples take two clusters); g > 1 weighs its recent examples more than a plain
    /// mean (a neuron's examples change while the circuit sorts them out). In a circuit of 4
    /// (25 wins/s each) it stays at η for ~20 s, then about 0.4/t against the decaying
    /// 0.4/(20 s + t): little changes; at 64 and 200 neurons, each winning rarely, the
    /// decaying rate would freeze them.
    double forNeuronAtMostEta0(double t, double wins) const
    {
        const double global = at(t);
        if (mode != Mode::Counting || !(eta0 > 0))
            return global;
        const double counted = std::min(eta0, countGain / (countPrior + wins));
        return counted > global ? counted : global;
    }

    static Mode parseMode(const std::string& text);
    void serialize(StateArchive& a);
};

/// Variance-tracking state for a row of weights (Adaptive mode).
struct VarianceTracker {
    /// η for a weight whose running mean is s and second moment q.
    static double rate(double eta0, double s, double q);
    /// After the weight moved to w under rate eta: S ← S + η (w − S), Q ← Q + η (w² − Q).
    static void track(double& s, double& q, double w, double eta)
    {
        s += eta * (w - s);
        q += eta * (w * w - q);
    }
};

} // namespace plab
