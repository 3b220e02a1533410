#include "SynapticSampler.h"

#include <cmath>

namespace plab {

SynapticSampler::SynapticSampler(int rows, int cols, const SamplingParameters& p, RandomStream& init)
    : p_(p), theta_(rows, cols), w_(rows, cols), removed_(rows, cols), last_(std::size_t(rows), 0.0),
      drive_(std::size_t(rows), 0.0), rowHasRemoved_(std::size_t(rows), 0), noise_(cols), scratch_(cols)
{
    removed_.setZero();
    std::vector<double> z(std::size_t(rows) * std::size_t(cols));
    init.fillNormal(z.data(), z.size());
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            theta_(r, c) = std::clamp(p_.mu + p_.sigma * z[std::size_t(r) * std::size_t(cols) + std::size_t(c)],
                                      p_.thetaMin, p_.thetaMax);
    for (int r = 0; r < rows; ++r)
        refreshWeights(r);
}

void SynapticSampler::refreshWeights(int r)
{
    const auto theta = theta_.row(r).array();
    scratch_ = (theta - p_.theta0).exp();
    w_.row(r).array() = scratch_ * (theta > 0.0).cast<double>();
    scratch_ = w_.row(r).array().exp();
    scratch_ = (p_.alpha * scratch_).min(p_.wdMax) * (theta > 0.0).cast<double>();
    drive_[std::size_t(r)] = scratch_.sum();
}

void SynapticSampler::advanceRow(int r, double t, RandomStream& rng)
{
    const double dt = t - last_[std::size_t(r)];
    if (dt <= 0)
        return;
    last_[std::size_t(r)] = t;
    const double k = p_.rate / (p_.sigma * p_.sigma);
    const double decay = std::exp(-k * dt);
    const double sd = std::sqrt(std::max(0.0, p_.temperature) * p_.sigma * p_.sigma * (1.0 - decay * decay));
    auto theta = theta_.row(r).array();
    if (priorOffset_.size()) {
        // θ − μ_i decays: subtract the offsets, step with the shared μ, add them back.
        theta -= priorOffset_.row(r).array();
    }
    if (sd > 0) {
        rng.fillNormal(noise_.data(), std::size_t(noise_.size()));
        theta = p_.mu + (theta - p_.mu) * decay + sd * noise_;
    } else {
        theta = p_.mu + (theta - p_.mu) * decay;
    }
    if (priorOffset_.size())
        theta += priorOffset_.row(r).array();
    theta = theta.max(p_.thetaMin).min(p_.thetaMax);
    if (rowHasRemoved_[std::size_t(r)])
        theta = (removed_.row(r).array() != 0).select(p_.thetaMin, theta);
    refreshWeights(r);
}

void SynapticSampler::advanceAll(double t, RandomStream& rng)
{
    for (int r = 0; r < rows(); ++r)
        advanceRow(r, t, rng);
}

void SynapticSampler::postSpike(int r, const double* y)
{
    // The likelihood term b·N·w·(y − min(w_d_max, α e^{w})), a jump at the spike time (S_post
    // is a train of delta pulses). Retracted synapses have w = 0: no jump.
    auto theta = theta_.row(r).array();
    const auto w = w_.row(r).array();
    const Eigen::Map<const Eigen::Array<double, 1, Eigen::Dynamic>> trace(y, cols());
    scratch_ = w.exp();
    scratch_ = (p_.alpha * scratch_).min(p_.wdMax);
    scratch_ = (p_.rate * p_.n) * w * (trace - scratch_);
    theta = (theta + scratch_).max(p_.thetaMin).min(p_.thetaMax);
    if (rowHasRemoved_[std::size_t(r)])
        theta = (removed_.row(r).array() != 0).select(p_.thetaMin, theta);
    refreshWeights(r);
}

void SynapticSampler::remove(int r, int c)
{
    if (removed_(r, c))
        return;
    removed_(r, c) = 1;
    rowHasRemoved_[std::size_t(r)] = 1;
    ++removedCount_;
    theta_(r, c) = p_.thetaMin;
    setWeight(r, c, 0.0);
}

void SynapticSampler::setTheta(int r, int c, double theta)
{
    theta_(r, c) = std::clamp(theta, p_.thetaMin, p_.thetaMax);
    setWeight(r, c, theta_(r, c) > 0 ? std::exp(theta_(r, c) - p_.theta0) : 0.0);
}

void SynapticSampler::setPriorOffset(int r, int c, double offset)
{
    if (!priorOffset_.size())
        priorOffset_ = Matrix::Zero(theta_.rows(), theta_.cols());
    priorOffset_(r, c) = offset;
}

void SynapticSampler::setWeight(int r, int c, double w)
{
    // One synapse: adjust the row's expected drive by the difference, O(1).
    const auto expected = [this](double x) { return x > 0 ? std::min(p_.wdMax, p_.alpha * std::exp(x)) : 0.0; };
    drive_[std::size_t(r)] += expected(w) - expected(w_(r, c));
    w_(r, c) = w;
}

std::int64_t SynapticSampler::existing() const
{
    return std::int64_t((theta_.array() > 0.0).count());
}

} // namespace plab
