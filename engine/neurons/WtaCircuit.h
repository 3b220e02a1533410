#pragma once
// Stochastic winner-take-all circuit (Nessler et al. 2013; Kappel et al. 2015 code).
//
//   u_k(t) = w_k0 + Σ_i w_ki y_i(t)
//   The circuit as a whole fires a Poisson process of total rate R (lateral inhibition
//   I(t) = log Σ_j e^{u_j} − log R keeps it there); at each circuit spike the winner is k
//   with probability q_k = e^{u_k} / Σ_j e^{u_j}. Lesioned neurons never win.
//
// Because the total rate is fixed, the potentials are needed only at circuit spikes; they
// are computed then from the live inputs alone.
#include "core/Random.h"
#include "plasticity/RemovedSynapses.h"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace plab {

class StateArchive;

class WtaCircuit {
public:
    using WeightMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    WtaCircuit(int neurons, int inputs, double totalRate);

    int size() const { return int(bias_.size()); }
    int inputs() const { return int(weights_.cols()); }

    WeightMatrix& weights() { return weights_; }  // K × N, row k = synapses onto z_k
    const WeightMatrix& weights() const { return weights_; }
    Eigen::VectorXd& biases() { return bias_; }
    const Eigen::VectorXd& biases() const { return bias_; }

    double totalRate() const { return rate_; }
    void setTotalRate(double hz) { rate_ = hz; }

    void lesion(int k) { lesioned_[std::size_t(k)] = 1; }
    bool isLesioned(int k) const { return lesioned_[std::size_t(k)] != 0; }
    /// 0 takes part; otherwise (removed, silenced) the neuron never wins.
    std::vector<std::uint8_t>& lesionFlags() { return lesioned_; }
    /// Removes synapse (k, i) for good: weight 0 (it adds nothing), kept there by
    /// keepRemovedAtZero() after each learning step.
    void removeSynapse(int k, int i);
    bool synapseRemoved(int k, int i) const { return removed_.contains(k, i); }
    void keepRemovedAtZero(int k);
    int activeNeurons() const;
    void serialize(StateArchive& a);

    /// u = w_0 + W y for a sparse y given as (ids, values).
    void potentials(const std::vector<std::int32_t>& ids, const std::vector<double>& values,
                    Eigen::VectorXd& u) const;
    /// q = softmax(u) over the neurons that are not lesioned (lesioned get 0).
    void winnerProbabilities(const Eigen::VectorXd& u, Eigen::VectorXd& q) const;
    /// Draws the winner from softmax(u); −1 if every neuron is lesioned.
    int drawWinner(const Eigen::VectorXd& u, RandomStream& rng) const;

private:
    WeightMatrix weights_;
    Eigen::VectorXd bias_;
    std::vector<std::uint8_t> lesioned_;
    RemovedSynapses removed_;
    double rate_;
    mutable Eigen::VectorXd scratch_;
};

} // namespace plab
