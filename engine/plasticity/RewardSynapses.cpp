#include "RewardSynapses.h"

#include "io/StateArchive.h"

#include <algorithm>
#include <cmath>

namespace plab {

RewardSynapses::RewardSynapses(int rows, int cols, const RewardRuleParameters& p, double initMean, double initSd,
                               RandomStream& rng)
    : p_(p), theta_(rows, cols), w_(rows, cols), e_(Matrix::Zero(rows, cols)), g_(Matrix::Zero(rows, cols)),
      noise_(rows, cols), removed_(rows, cols)
{
    rng.fillNormal(theta_.data(), std::size_t(theta_.size()));
    theta_ = (initMean + initSd * theta_.array()).max(p_.thetaMin).min(p_.thetaMax);
    refreshWeights();
}

void RewardSynapses::refreshWeights()
{
    const auto exists = (theta_.array() >= 0.0);
    w_ = ((theta_.array() - p_.theta0).exp() * exists.cast<double>()).matrix();
    existing_ = exists.count();
}

void RewardSynapses::setTheta(int row, int col, double theta)
{
    if (removed(row, col))
        return;
    theta_(row, col) = std::clamp(theta, p_.thetaMin, p_.thetaMax);
    if (theta_(row, col) < 0)
        e_(row, col) = g_(row, col) = 0.0;
    refreshWeights();
}

void RewardSynapses::remove(int row, int col)
{
    if (!removed_.remove(row, col))
        return;
    theta_(row, col) = p_.thetaMin;
    e_(row, col) = g_(row, col) = 0.0;
    refreshWeights();
}

void RewardSynapses::stepEligibility(const Eigen::VectorXd& y, const Eigen::VectorXd& spikeMinusExpected, double dt)
{
    // Exact decay over the step, then the step's increment (SPORE's scheme at 1 ms). The
    // outer product is 20 × 50 numbers: dense and vectorised beats bookkeeping here; one pass
    // per row, with no outer product stored. Bit for bit the run of the two-pass form only
    // because the compiler fuses both alike (x86-64-v3 Release; tst_state_file checks).
    const double decay = std::exp(-dt / p_.tauE);
    for (Eigen::Index r = 0; r < e_.rows(); ++r) {
        const double s = spikeMinusExpected[r];
        e_.row(r).array() = e_.row(r).array() * decay + w_.row(r).array() * (s * y.transpose().array());
    }
}

void RewardSynapses::deliverReward(double normalizedReward)
{
    g_ += (p_.gradientScale * normalizedReward) * e_;
}

std::pair<int, int> RewardSynapses::update(double interval, RandomStream& rng)
{
    g_ *= std::exp(-interval / p_.tauG);
    const double rate = interval * p_.beta;
    const double precision = 1.0 / (p_.sigma * p_.sigma);
    const double noise = std::sqrt(2.0 * std::max(0.0, p_.temperature) * rate);
    rng.fillNormal(noise_.data(), std::size_t(noise_.size()));
    int formed = 0, eliminated = 0;
    for (Eigen::Index k = 0; k < theta_.size(); ++k) {
        double& th = theta_.data()[k];
        const bool was = th >= 0.0;
        const double gradient = std::clamp(g_.data()[k], -p_.maxChange, p_.maxChange);
        th = std::clamp(th + rate * (precision * (p_.mu - th) + gradient) + noise * noise_.data()[k], p_.thetaMin,
                        p_.thetaMax);
        const bool now = th >= 0.0;
        formed += now && !was;
        eliminated += was && !now;
        if (!now)
            e_.data()[k] = g_.data()[k] = 0.0;
    }
    if (removed_.count() > 0)  // removed synapses stay retracted: no diffusion grows them back
        for (int r = 0; r < int(theta_.rows()); ++r)
            for (int c = 0; c < int(theta_.cols()); ++c)
                if (removed_.contains(r, c)) {
                    formed -= theta_(r, c) >= 0.0;
                    theta_(r, c) = p_.thetaMin;
                }
    refreshWeights();
    return {formed, eliminated};
}

double RewardNormalizer::normalize(double r, double elapsed, bool baseline)
{
    // The first reward starts the mean; afterwards r is compared with the mean of the rewards
    // before it, so that a reward does not count against itself.
    if (!started_) {
        mean_ = std::max(r, floor_);
        started_ = true;
    }
    const double normalized = baseline ? r / mean_ - 1.0 : r / mean_;
    const double gamma = std::exp(-elapsed / tau_);
    mean_ = std::max(gamma * mean_ + (1.0 - gamma) * r, floor_);
    return normalized;
}

void RewardSynapses::serialize(StateArchive& a)
{
    a.section("reward synapses");
    for (double* x : {&p_.beta, &p_.temperature, &p_.mu, &p_.sigma, &p_.theta0, &p_.tauE, &p_.tauG, &p_.thetaMin,
                      &p_.thetaMax, &p_.maxChange, &p_.gradientScale})
        a.value(*x);
    a.fixed(theta_, "θ");
    a.fixed(e_, "eligibility traces");
    a.fixed(g_, "reward gradients");
    removed_.serialize(a);
    if (a.reading())
        refreshWeights();
}

void RewardNormalizer::serialize(StateArchive& a)
{
    a.value(tau_);
    a.value(floor_);
    a.value(mean_);
    a.value(started_);
}

} // namespace plab
