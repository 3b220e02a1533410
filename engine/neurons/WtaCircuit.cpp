#include "WtaCircuit.h"

#include "io/StateArchive.h"
#include "network/WinnerDraw.h"

#include <cmath>
#include <limits>

namespace plab {

WtaCircuit::WtaCircuit(int neurons, int inputs, double totalRate)
    : weights_(WeightMatrix::Zero(neurons, inputs)), bias_(Eigen::VectorXd::Zero(neurons)),
      lesioned_(std::size_t(neurons), 0), removed_(neurons, inputs), rate_(totalRate), scratch_(neurons)
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
    if (removed_.remove(k, i))
        weights_(k, i) = 0.0;
}

void WtaCircuit::keepRemovedAtZero(int k)
{
    removed_.holdRow(weights_, k, 0.0);
}

void WtaCircuit::serialize(StateArchive& a)
{
    a.section("wta circuit");
    a.fixed(weights_, "weights");
    a.fixed(bias_, "biases");
    a.fixed(lesioned_, "lesion flags");
    removed_.serialize(a);
    a.value(rate_);
    a.requireRange(rate_, 1e-9, 1e6, "the circuit's rate");
}

} // namespace plab
