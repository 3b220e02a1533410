#pragma once
// STDP as the M-step of online EM (Nessler et al. 2013, Eq. 5; NEVESIM PopulCodeSEMSynapse).
//
// At each spike of z_k, for every input i:
//     Δw_ki = η (c · y_i · e^{−w_ki} − 1)
// i.e. weight-dependent potentiation if i fired within the EPSP window before the post spike,
// constant depression otherwise. Expected change is zero at
//     e^{w_ki} = c · p(y_i = 1 | z_k fired),   w_ki = log p(y_i = 1 | z_k) + log c.
//
// Written with w' = w − log c as  Δw = η (y − e^{w'}) / max(η, e^{w'})  (Kappel's hmm-stdp
// guard): identical wherever e^{w'} > η, but the step stays bounded when e^{w'} is tiny, where
// η e^{−w} would overflow. Weights are clipped to [wMin, wMax].
//
// The "window" depression mode replaces the constant −η by timing-dependent LTD: −η when a
// presynaptic spike follows the postsynaptic one within σ (Nessler 2013, Fig 9, red curve).
// Its fixed point is no longer log p + log c; it is offered to compare.
#include "LearningRate.h"

namespace plab {

class StateArchive;

struct StdpEmRule {
    enum class Depression { Constant, Window };

    double logC = 0.0;
    double wMin = -8.0;
    double wMax = 2.0;
    Depression depression = Depression::Constant;

    double clip(double w) const { return w < wMin ? wMin : (w > wMax ? wMax : w); }
    void serialize(StateArchive& a);

    /// Weight change for one synapse with trace y and rate eta, at a post spike.
    double delta(double w, double y, double eta) const;
    /// Potentiation only (Window mode): η c y e^{−w}, guarded the same way.
    double potentiation(double w, double y, double eta) const;

    /// Updates a row of n weights; y is dense (0 for inputs that did not fire).
    void updateRow(double* w, const double* y, int n, double eta) const;
    /// The same with variance tracking: one rate per synapse from (s, q).
    void updateRowAdaptive(double* w, const double* y, int n, double eta0, double* s, double* q) const;
};

/// Excitability (bias) as the prior (Nessler 2013; Kappel's snn_train_stw0.m):
/// at every circuit spike, Δw_k0 = η (z_k − e^{w_k0}) / max(η, e^{w_k0}) with z the one-hot
/// winner: +η(e^{−w_k0} − 1) for the winner, ≈ −η for the others. Fixed point e^{w_k0} = p(z_k).
///
/// Homeostatic alternative (Habenschuss et al. 2013): Δw_k0 = η (1/K − z_k) holds every
/// neuron at the same share of the circuit's spikes instead of learning the prior.
struct BiasRule {
    enum class Mode { Learned, Homeostatic, Fixed };
    Mode mode = Mode::Learned;
    double bMin = -8.0;
    double bMax = 2.0;

    /// Change of one bias at a circuit spike: z = 1 for the winner, 0 for the others;
    /// share = 1/(number of neurons that can win), used by the homeostatic mode.
    double delta(double b, double z, double eta, double share) const;
    double clip(double b) const { return b < bMin ? bMin : (b > bMax ? bMax : b); }
    void serialize(StateArchive& a);
};

} // namespace plab
