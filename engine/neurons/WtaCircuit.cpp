#include "WtaCircuit.h"

#include "io/StateArchive.h"
#include "network/WinnerDraw.h"

#include <cmath>
#include <limits>

namespace plab {

WtaCircuit::WtaCircuit(int neurons, int inputs, double totalRate)
    : weights_(WeightMatrix::Zero(neurons, inputs)), bias_(Eigen::VectorXd::Zero(neurons)),
      lesioned_(std::size_t(neurons), 0), removed_(decltype(removed_)::Zero(neurons, inputs)), rate_(totalRate), scratch_(neurons)
{
}

int WtaCircuit::activeNeurons() const
{
    int n = 0;
    for (const std::uint8_t l : lesioned_)
        n += l ? 0 : 1;
    return n;
}

void WtaCircuit::potentials(const std::vector<std::int32_t>& ids, const std::vector<double>& values,
                            Eigen::VectorXd& u) const
{
    u = bias_;
    for (std::size_t j = 0; j < ids.size(); ++j)
        u.noalias() += values[j] * weights_.col(ids[j]);
}

void WtaCircuit::winnerProbabilities(const Eigen::VectorXd& u, Eigen::VectorXd& q) const
{
    q = u;
    const double sum = softmaxWeights(q.data(), lesioned_.data(), int(q.size()));
    if (sum > 0)
        q /= sum;
}

int WtaCircuit::drawWinner(const Eigen::VectorXd& u, RandomStream& rng) const
{
    scratch_ = u;
    return drawSoftmaxWinner(scratch_.data(), lesioned_.data(), int(scratch_.size()), rng);
}

void WtaCircuit::removeSynapse(int k, int i)
{
    if (removed_(k, i))
        return;
    removed_(k, i) = 1;
    ++removedCount_;
    weights_(k, i) = 0.0;
}

void WtaCircuit::keepRemovedAtZero(int k)
{
    if (removedCount_ == 0)
        return;
    for (int i = 0; i < inputs(); ++i)
        if (removed_(k, i))
            weights_(k, i) = 0.0;
}

void WtaCircuit::serialize(StateArchive& a)
{
    a.section("wta circuit");
    a.fixed(weights_, "weights");
    a.fixed(bias_, "biases");
    a.fixed(lesioned_, "lesion flags");
    if (a.format() >= 4) {  // synapse lesions came with format 4
        a.fixed(removed_, "removed synapses");
        if (a.reading())
            removedCount_ = removed_.cast<std::int64_t>().sum();
    }
    a.value(rate_);
    a.requireRange(rate_, 1e-9, 1e6, "the circuit's rate");
}

} // namespace plab
