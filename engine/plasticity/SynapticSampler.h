#pragma once
// Synaptic sampling (Kappel, Habenschuss, Legenstein & Maass 2015; Kappel's Matlab code).
//
// Every potential synapse i has a parameter θ_i; its weight is w_i = exp(θ_i − θ0) if θ_i > 0,
// otherwise the synapse does not exist (w = 0). θ follows
//     dθ_i = b [ (μ − θ_i)/σ² + N · w_i · S_post(t) · (y_i(t) − α e^{w_i}) ] dt + √(2 T b) dW_i
// (α e^{w} clipped at w_d_max). Between postsynaptic spikes θ is an Ornstein–Uhlenbeck process,
// stationary N(μ, Tσ²), relaxation time σ²/b; it is advanced exactly and lazily, a whole row
// (all synapses onto one neuron) at a time, at sweeps (every second by default) and when read:
//     θ ← μ + (θ − μ) e^{−kΔt} + √(Tσ²(1 − e^{−2kΔt})) ξ,   k = b/σ².
// The likelihood jumps at postsynaptic spikes land on θ as of the row's last update: the OU
// part of the intervening ≤ 1 s (10⁻⁴ of the relaxation time) is applied at the next sweep,
// which changes the result by a factor e^{−bΔt/σ²} ≈ 1 − 10⁻⁴ on each jump — and saves a
// Gaussian per synapse per spike. Temperature
// multiplies the noise variance (paper and SPORE form). A synapse removed by a lesion is gone
// for good: its θ is pinned below zero and never updated again; a retracted one (θ ≤ 0)
// keeps diffusing and may reconnect.
#include "core/Random.h"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace plab {

class StateArchive;

struct SamplingParameters {
    double temperature = 1.0;  // T
    double rate = 1e-4;        // b, 1/s
    double mu = 0.5;           // prior mean of θ
    double sigma = 1.0;        // prior standard deviation of θ
    double n = 100.0;          // N: weight of the likelihood against the prior
    double theta0 = 3.0;       // w = exp(θ − θ0)
    double alpha = 0.1353352832366127;  // e^{−2}
    double wdMax = 5.0;        // clip of α e^{w}
    double thetaMin = -5.0;
    double thetaMax = 5.0;
};

class SynapticSampler {
public:
    using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    /// rows = postsynaptic neurons, cols = presynaptic neurons; θ starts from N(μ, σ²).
    SynapticSampler(int rows, int cols, const SamplingParameters& p, RandomStream& init);

    int rows() const { return int(theta_.rows()); }
    int cols() const { return int(theta_.cols()); }
    SamplingParameters& parameters() { return p_; }
    const SamplingParameters& parameters() const { return p_; }
    void serialize(StateArchive& a);

    const Matrix& theta() const { return theta_; }
    /// Transmitted weights (0 where θ ≤ 0), up to date for every row's last update.
    const Matrix& weights() const { return w_; }
    double lastUpdate(int row) const { return last_[std::size_t(row)]; }
    /// Σ over row r's existing synapses of min(w_d_max, α e^{w}): the trace each synapse
    /// expects at a spike of its neuron. It is the normaliser of a Poisson-mixture
    /// likelihood, u_k = Σ_i w_ki y_i − Σ_i α e^{w_ki}, which keeps a neuron with large
    /// weights on every input from winning everything.
    double expectedDrive(int row) const { return drive_[std::size_t(row)]; }

    /// Brings row r to time t (exact OU step).
    void advanceRow(int r, double t, RandomStream& rng);
    /// Brings every row to time t (a sweep).
    void advanceAll(double t, RandomStream& rng);
    /// At a spike of neuron r: the likelihood step for its existing synapses with presynaptic
    /// traces y (dense, one per column).
    void postSpike(int r, const double* y);

    /// Removes a synapse for good (lesion).
    void remove(int r, int c);
    bool removed(int r, int c) const { return removed_(r, c) != 0; }
    std::int64_t removedCount() const { return removedCount_; }
    /// Pins a synapse's θ (tests, and the initial state of cross-modal pathways).
    void setTheta(int r, int c, double theta);
    /// Gives one synapse its own prior mean, offset from μ (a pathway that is a priori rare).
    /// Until the first call every synapse shares μ.
    void setPriorOffset(int r, int c, double offset);

    std::int64_t existing() const;  // synapses with θ > 0
    /// Recomputes every cached weight and expected drive: after θ0, α or the clip changed.
    void refreshAllWeights();

private:
    void refreshWeights(int r);
    /// Lists row r's existing synapses (θ > 0) and leaves θ − θ0 for each in scratch_.
    int listExisting(int r);
    /// Weights of the first n listed synapses of row r from scratch_ = θ − θ0 (the others are 0).
    void setExisting(int r, int n);
    int* existingList(int r);
    void setWeight(int r, int c, double w);

    SamplingParameters p_;
    Matrix theta_;
    Matrix w_;
    Matrix expected_;  // min(w_d_max, α e^{w}) per existing synapse, 0 otherwise: spares an exp per synapse per spike
    Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> removed_;
    std::vector<double> last_;
    std::vector<double> drive_;
    Matrix priorOffset_;  // empty, or one offset of the prior mean per synapse
    std::vector<std::uint8_t> rowHasRemoved_;
    std::int64_t removedCount_ = 0;
    // Scratch rows (Eigen rows mix only with rows). Separate statements keep every
    // expression simple enough for Eigen to vectorise its exp().
    Eigen::Array<double, 1, Eigen::Dynamic> noise_, scratch_;
    std::vector<int> existing_;  // per row, the columns with θ > 0 (the first existingCount_[r])
    std::vector<int> existingCount_;
    std::vector<std::uint8_t> listStale_;  // setTheta/remove changed the row: relist before the next spike
};

} // namespace plab
