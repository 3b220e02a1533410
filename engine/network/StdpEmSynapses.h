#pragma once
// STDP as the M-step of online EM onto a WTA circuit (Nessler et al. 2013), as WtaSynapses:
// at each circuit spike the winner's weights move towards log p(input | winner) + log c
// (StdpEmRule) and the biases towards the prior log p(winner) (BiasRule, or homeostatic),
// at the rate of the learning-rate schedule; in adaptive mode each weight and bias has its
// own rate from variance tracking. With window depression, a presynaptic spike within σ
// after a winner's spike depresses that synapse instead.
#include "network/WtaNetwork.h"
#include "network/WtaSynapses.h"
#include "plasticity/LearningRate.h"
#include "plasticity/RemovedSynapses.h"
#include "plasticity/StdpEmRule.h"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace plab {

class StateArchive;

class StdpEmSynapses {
public:
    /// Input-major: the synapses of one input onto every neuron are contiguous, which is how
    /// the potentials read them (one column per live input, at every circuit spike).
    using WeightMatrix = Eigen::MatrixXd;
    using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    /// Weights start at 0 (set weights() after); `window` is σ, the STDP window.
    StdpEmSynapses(int rows, int cols, const StdpEmRule& rule, const BiasRule& biasRule,
                   const LearningRateSchedule& schedule, double window);

    int rows() const { return int(w_.rows()); }
    int cols() const { return int(w_.cols()); }
    void addDrive(const WtaGroup& circuit, const LiveInputs& live, Eigen::Ref<Eigen::VectorXd> u) const;
    void preSpike(int column, double t);
    void postSpike(const WtaGroup& circuit, int winner, const LiveInputs& live, double t, Eigen::VectorXd& bias,
                   const std::vector<std::uint8_t>& lesioned);
    void endStep(std::int64_t, double, bool) {}

    /// Removes synapse (k, i) for good: weight 0 (it adds nothing), and it no longer learns.
    void remove(int k, int i);
    bool removed(int k, int i) const { return removed_.contains(k, i); }
    std::int64_t removedCount() const { return removed_.count(); }

    WeightMatrix& weights() { return w_; }  // (k, i): from input i onto hidden neuron k
    const WeightMatrix& weights() const { return w_; }
    /// Writes or reads the weights neuron by neuron (the layout of state files).
    void serializeWeights(StateArchive& a);
    StdpEmRule& rule() { return rule_; }
    const StdpEmRule& rule() const { return rule_; }
    BiasRule& biasRule() { return biasRule_; }
    LearningRateSchedule& schedule() { return schedule_; }
    const LearningRateSchedule& schedule() const { return schedule_; }
    // The state, for the experiment's serialize(): variance tracking (adaptive mode, else
    // empty) and each neuron's last spike (window depression).
    RowMajorMatrix& trackS() { return trackS_; }
    RowMajorMatrix& trackQ() { return trackQ_; }
    Eigen::VectorXd& trackS0() { return trackS0_; }
    Eigen::VectorXd& trackQ0() { return trackQ0_; }
    std::vector<double>& lastPost() { return lastPost_; }
    /// Each neuron's wins so far (counting mode; zeros otherwise).
    std::vector<double>& wins() { return wins_; }
    /// Writes or reads the removed synapses (state files from format 4 on).
    void serializeRemoved(StateArchive& a) { removed_.serialize(a); }

private:
    WeightMatrix w_;
    StdpEmRule rule_;
    BiasRule biasRule_;
    LearningRateSchedule schedule_;
    double window_;
    RowMajorMatrix trackS_, trackQ_;     // running mean and second moment of each weight
    Eigen::VectorXd trackS0_, trackQ0_;  // ... and of each bias
    std::vector<double> lastPost_;
    std::vector<double> wins_;
    RemovedSynapses removed_;
    std::vector<double> row_;  // the winner's weights, contiguous while they learn
};

static_assert(WtaSynapses<StdpEmSynapses>);
extern template class WtaNetwork<StdpEmSynapses>;
using StdpEmWtaNetwork = WtaNetwork<StdpEmSynapses>;

} // namespace plab
