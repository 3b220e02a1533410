#pragma once
// Reward-based synaptic sampling (Kappel, Legenstein, Habenschuss, Hsieh & Maass 2018; the
// rule of the SPORE NEST module). For every potential synapse i → j:
//
//   e' = −e/τe + w · y_i(t) · (z_j(t) − ρ_j(t))        eligibility (τe = 1 s)
//   g' = −g/τg + r̃(t) · e                               reward gradient (τg = 50 s)
//   dθ = β [ (μ − θ)/σ² + g ] dt + √(2 T β) dW          (T multiplies the noise variance)
//   w  = exp(θ − θ0) if θ ≥ 0, else 0                   (θ < 0: the synapse is retracted)
//
// y_i is the presynaptic PSP, z_j − ρ_j the postsynaptic spike minus its probability, r̃ the
// normalised reward. Our tasks give the reward once per trial, so r̃(t) is a pulse: g jumps by
// r̃ · e at the end of a trial. e runs every step; g decays and θ moves every update interval
// (100 ms, as in SPORE), the gradient term clipped at ±maxChange. A synapse that retracts
// loses e and g; a retracted synapse only diffuses under its prior and may grow back.
#include "core/Random.h"
#include "plasticity/RemovedSynapses.h"

#include <Eigen/Core>
#include <cstdint>
#include <utility>

namespace plab {

class StateArchive;

struct RewardRuleParameters {
    double beta = 1e-4;          // 1/s: speed of the θ dynamics
    double temperature = 0.1;
    double mu = 0.0;             // prior mean
    double sigma = 2.0;          // prior standard deviation
    double theta0 = 3.0;
    double tauE = 1.0;           // s
    double tauG = 50.0;          // s
    double thetaMin = -2.0, thetaMax = 5.0;
    double maxChange = 40.0;
    double gradientScale = 1.0;  // c_g: g jumps by c_g · r̃ · e at a reward
};

class RewardSynapses {
public:
    using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    /// rows = postsynaptic neurons, cols = presynaptic; θ starts from N(initMean, initSd²).
    RewardSynapses(int rows, int cols, const RewardRuleParameters& p, double initMean, double initSd,
                   RandomStream& rng);

    RewardRuleParameters& parameters() { return p_; }
    const RewardRuleParameters& parameters() const { return p_; }
    const Matrix& theta() const { return theta_; }
    const Matrix& weights() const { return w_; }
    const Matrix& eligibility() const { return e_; }
    const Matrix& gradient() const { return g_; }
    std::int64_t existing() const { return existing_; }
    std::int64_t potential() const { return theta_.size(); }

    /// One step of the eligibility traces: y per presynaptic, z − ρ per postsynaptic neuron.
    void stepEligibility(const Eigen::VectorXd& y, const Eigen::VectorXd& spikeMinusExpected, double dt);
    /// A reward pulse: g += c_g · r̃ · e.
    void deliverReward(double normalizedReward);
    /// Decay of g and the θ step over `interval` seconds; returns (formed, eliminated).
    std::pair<int, int> update(double interval, RandomStream& rng);

    void serialize(StateArchive& a);

    /// Sets one synapse's θ (tests and lesions); w, e and g follow.
    void setTheta(int row, int col, double theta);
    /// Removes a synapse for good (a lesion): θ held at θmin, w = e = g = 0 from now on.
    void remove(int row, int col);
    bool removed(int row, int col) const { return removed_.contains(row, col); }
    std::int64_t removedCount() const { return removed_.count(); }

private:
    void refreshWeights();

    RewardRuleParameters p_;
    Matrix theta_, w_, e_, g_;
    Matrix noise_;  // scratch, one normal per synapse per update
    RemovedSynapses removed_;
    std::int64_t existing_ = 0;
};

/// The reward's normalisation (SPORE's examples): a running mean r̄ over τ (50 s) floored at
/// `floor`; r̃ = r / r̄ divides out the reward's scale (∂ log V = ∂V / V), and with a baseline
/// r̃ = r / r̄ − 1, which has the same expected gradient but far less noise.
class RewardNormalizer {
public:
    explicit RewardNormalizer(double tau = 50.0, double floor = 0.02) : tau_(tau), floor_(floor), mean_(floor) {}
    /// Takes a reward r that arrived `elapsed` seconds after the previous one; returns r̃.
    double normalize(double r, double elapsed, bool baseline);
    double mean() const { return mean_; }
    void serialize(StateArchive& a);

private:
    double tau_, floor_, mean_;
    bool started_ = false;
};

} // namespace plab
