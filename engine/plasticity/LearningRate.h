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
#include <string>

namespace plab {

class StateArchive;

struct LearningRateSchedule {
    enum class Mode { Constant, Decaying, Adaptive };
    Mode mode = Mode::Decaying;
    double eta0 = 0.02;
    double decayTime = 20.0;  // s
    double start = 0.0;       // s, time η0 was set

    /// The global rate at time t (for Adaptive: the base rate η0).
    double at(double t) const
    {
        if (mode == Mode::Decaying && t > start)
            return eta0 / (1.0 + (t - start) / decayTime);
        return eta0;
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
