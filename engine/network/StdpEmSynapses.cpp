#include "StdpEmSynapses.h"

#include "io/StateArchive.h"

#include <algorithm>

namespace plab {

StdpEmSynapses::StdpEmSynapses(int rows, int cols, const StdpEmRule& rule, const BiasRule& biasRule,
                               const LearningRateSchedule& schedule, double window)
    : w_(WeightMatrix::Zero(rows, cols)), rule_(rule), biasRule_(biasRule), schedule_(schedule), window_(window),
      lastPost_(std::size_t(rows), -1e9), wins_(std::size_t(rows), 0.0), removed_(rows, cols), row_(std::size_t(cols), 0.0)
{
    if (schedule_.mode == LearningRateSchedule::Mode::Adaptive) {
        // Kappel's initialisation: running mean 0, second moment 1 (variance 1).
        trackS_ = RowMajorMatrix::Zero(rows, cols);
        trackQ_ = RowMajorMatrix::Ones(rows, cols);
        trackS0_ = Eigen::VectorXd::Zero(rows);
        trackQ0_ = Eigen::VectorXd::Ones(rows);
    }
}

void StdpEmSynapses::addDrive(const WtaGroup& circuit, const LiveInputs& live, Eigen::Ref<Eigen::VectorXd> u) const
{
    for (std::size_t j = 0; j < live.ids.size(); ++j)
        u.noalias() += live.values[j] * w_.col(live.ids[j]).segment(circuit.first, circuit.count);
}

void StdpEmSynapses::preSpike(int i, double t)
{
    if (rule_.depression != StdpEmRule::Depression::Window)
        return;
    // Timing-dependent LTD: the presynaptic spike follows a winner's spike within σ, at the
    // rate that neuron's potentiation has (counting: its own).
    for (int k = 0; k < rows(); ++k)
        if (t - lastPost_[std::size_t(k)] < window_)
            w_(k, i) = removed(k, i) ? 0.0 : rule_.clip(w_(k, i) - schedule_.forNeuronAtMostEta0(t, wins_[std::size_t(k)]));
}

void StdpEmSynapses::postSpike(const WtaGroup& circuit, int k, const LiveInputs& live, double t, Eigen::VectorXd& bias,
                               const std::vector<std::uint8_t>& lesioned)
{
    lastPost_[std::size_t(k)] = t;
    if (!(schedule_.eta0 > 0))
        return;
    // The rule works on a contiguous row: copy the winner's weights out and back (N numbers,
    // against live inputs × neurons for the potentials).
    const int N = cols();
    Eigen::Map<Eigen::RowVectorXd> row(row_.data(), N);
    row = w_.row(k);
    double* w = row_.data();
    const int first = circuit.first;
    const int last = first + circuit.count;
    int alive = 0;
    for (int j = first; j < last; ++j)
        alive += lesioned[std::size_t(j)] ? 0 : 1;
    const double share = 1.0 / std::max(1, alive);
    if (schedule_.mode == LearningRateSchedule::Mode::Adaptive) {
        rule_.updateRowAdaptive(w, live.dense, N, schedule_.eta0, trackS_.row(k).data(), trackQ_.row(k).data());
        for (int j = first; j < last; ++j) {
            if (lesioned[std::size_t(j)])
                continue;
            const double eta = VarianceTracker::rate(schedule_.eta0, trackS0_[j], trackQ0_[j]);
            double& b = bias[j];
            b = biasRule_.clip(b + biasRule_.delta(b, j == k ? 1.0 : 0.0, eta, share));
            VarianceTracker::track(trackS0_[j], trackQ0_[j], b, eta);
        }
    } else {
        // Counting: the winner's weights learn at least at min(η, g/(n0 + its wins)), the
        // biases at least at min(η, g/(n0 + the circuit's wins)); else at(t).
        const double eta = schedule_.forNeuronAtMostEta0(t, wins_[std::size_t(k)]);
        double etaBias = eta;
        if (schedule_.mode == LearningRateSchedule::Mode::Counting) {
            double circuitWins = 0;
            for (int j = first; j < last; ++j)
                circuitWins += wins_[std::size_t(j)];
            etaBias = schedule_.forNeuronAtMostEta0(t, circuitWins);
            wins_[std::size_t(k)] += 1;
        }
        rule_.updateRow(w, live.dense, N, eta);
        for (int j = first; j < last; ++j) {
            if (lesioned[std::size_t(j)])
                continue;
            double& b = bias[j];
            b = biasRule_.clip(b + biasRule_.delta(b, j == k ? 1.0 : 0.0, etaBias, share));
        }
    }
    w_.row(k) = row;
    removed_.holdRow(w_, k, 0.0);
}

void StdpEmSynapses::remove(int k, int i)
{
    if (removed_.remove(k, i))
        w_(k, i) = 0.0;
}

void StdpEmSynapses::serializeWeights(StateArchive& a)
{
    RowMajorMatrix rows = w_;
    a.fixed(rows, "weights");
    if (a.reading())
        w_ = rows;
}

} // namespace plab
