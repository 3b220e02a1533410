#include "SynapticSampler.h"

#include "core/VectorExp.h"
#include "io/StateArchive.h"

#include <cmath>

namespace plab {

SynapticSampler::SynapticSampler(int rows, int cols, const SamplingParameters& p, RandomStream& init)
    : p_(p), theta_(rows, cols), w_(rows, cols), expected_(rows, cols), removed_(rows, cols), last_(std::size_t(rows), 0.0),
      drive_(std::size_t(rows), 0.0), rowHasRemoved_(std::size_t(rows), 0), noise_(cols), scratch_(cols),
      existing_(std::size_t(rows) * std::size_t(cols)), existingCount_(std::size_t(rows), 0),
      listStale_(std::size_t(rows), 1)
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

int* SynapticSampler::existingList(int r)
{
    return existing_.data() + std::size_t(r) * std::size_t(cols());
}

int SynapticSampler::listExisting(int r)
{
    // Branch-free gather: which synapses exist is random, so a branch would mispredict often.
    const auto theta = theta_.row(r);
    int* list = existingList(r);
    int n = 0;
    for (int c = 0; c < cols(); ++c) {
        list[n] = c;
        scratch_[n] = theta[c] - p_.theta0;
        n += theta[c] > 0 ? 1 : 0;
    }
    existingCount_[std::size_t(r)] = n;
    listStale_[std::size_t(r)] = 0;
    return n;
}

void SynapticSampler::refreshWeights(int r)
{
    w_.row(r).setZero();
    expected_.row(r).setZero();
    setExisting(r, listExisting(r));
}

void SynapticSampler::refreshAllWeights()
{
    for (int r = 0; r < rows(); ++r)
        refreshWeights(r);
}

void SynapticSampler::setExisting(int r, int n)
{
    // Only existing synapses (θ > 0, typically a quarter or less) need the two exp(): they
    // were gathered into a contiguous buffer, where Eigen computes exp() four at a time.
    existingCount_[std::size_t(r)] = n;
    const int* list = existingList(r);
    auto x = scratch_.head(n);
    auto e = noise_.head(n);  // free between OU steps
    vectorExp(x.data(), x.data(), n);  // Eigen's exp(), bit for bit, faster
    vectorExp(x.data(), e.data(), n);
    e = (p_.alpha * e).min(p_.wdMax);
    double* w = w_.row(r).data();
    double* expected = expected_.row(r).data();
    const double* xs = x.data();
    const double* es = e.data();
    for (int j = 0; j < n; ++j) {
        w[list[j]] = xs[j];
        expected[list[j]] = es[j];
    }
    drive_[std::size_t(r)] = e.sum();
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
    // is a train of delta pulses). Retracted and removed synapses have w = 0: no jump, so
    // only the row's list of existing synapses is gathered, updated four at a time and
    // scattered back.
    if (listStale_[std::size_t(r)])
        listExisting(r);
    int* list = existingList(r);
    const int n = existingCount_[std::size_t(r)];
    // Local pointers: the stores below could otherwise alias the members they are read from.
    double* theta = theta_.row(r).data();
    double* w = w_.row(r).data();
    double* expected = expected_.row(r).data();
    double* jump = scratch_.data();
    double* next = noise_.data();
    for (int j = 0; j < n; ++j) {
        const int c = list[j];
        jump[j] = w[c] * (y[c] - expected[c]);
        next[j] = theta[c];
    }
    noise_.head(n) = (noise_.head(n) + (p_.rate * p_.n) * scratch_.head(n)).max(p_.thetaMin).min(p_.thetaMax);
    // Those still above zero get their new weights; the others retract.
    const double theta0 = p_.theta0;
    int kept = 0;
    for (int j = 0; j < n; ++j) {
        const int c = list[j];
        const double th = next[j];
        theta[c] = th;
        if (!(th > 0))  // retracts (rare); setExisting rewrites the ones that stay
            w[c] = expected[c] = 0.0;
        list[kept] = c;
        jump[kept] = th - theta0;
        kept += th > 0 ? 1 : 0;
    }
    setExisting(r, kept);
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
    listStale_[std::size_t(r)] = 1;
}

void SynapticSampler::setTheta(int r, int c, double theta)
{
    theta_(r, c) = std::clamp(theta, p_.thetaMin, p_.thetaMax);
    setWeight(r, c, theta_(r, c) > 0 ? std::exp(theta_(r, c) - p_.theta0) : 0.0);
    listStale_[std::size_t(r)] = 1;
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
    drive_[std::size_t(r)] += expected(w) - expected_(r, c);
    expected_(r, c) = expected(w);
    w_(r, c) = w;
}

std::int64_t SynapticSampler::existing() const
{
    return std::int64_t((theta_.array() > 0.0).count());
}

void SynapticSampler::serialize(StateArchive& a)
{
    a.section("synaptic sampler");
    for (double* x : {&p_.temperature, &p_.rate, &p_.mu, &p_.sigma, &p_.n, &p_.theta0, &p_.alpha, &p_.wdMax,
                      &p_.thetaMin, &p_.thetaMax})
        a.value(*x);
    a.fixed(theta_, "θ");
    a.fixed(w_, "weights");
    a.fixed(expected_, "expected weights");
    a.fixed(removed_, "removed synapses");
    a.fixed(last_, "update times");
    a.fixed(drive_, "drives");
    a.resizable(priorOffset_);
    if (a.reading() && priorOffset_.size() != 0 && (priorOffset_.rows() != theta_.rows() || priorOffset_.cols() != theta_.cols()))
        a.fail("prior offsets do not fit the synapses");
    a.fixed(rowHasRemoved_, "removal flags");
    a.value(removedCount_);
    a.fixed(existing_, "existing-synapse lists");
    a.fixed(existingCount_, "existing-synapse counts");
    a.fixed(listStale_, "list flags");
    if (a.reading()) {
        for (std::size_t r = 0; r < existingCount_.size(); ++r)
            if (existingCount_[r] < 0 || existingCount_[r] > cols())
                a.fail("an existing-synapse count of " + std::to_string(existingCount_[r]));
        for (const int c : existing_)
            if (c < 0 || c >= cols())
                a.fail("an existing synapse in column " + std::to_string(c));
    }
}

} // namespace plab
