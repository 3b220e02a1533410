#include "PcaMonitor.h"

#include "analysis/Pca.h"
#include "io/StateArchive.h"

#include <algorithm>

namespace plab {

PcaMonitor::PcaMonitor(std::vector<std::pair<int, int>> synapses) : synapses_(std::move(synapses))
{
}

void PcaMonitor::record(const Matrix& theta, int phase, const Removed& removed, bool existingOnly)
{
    Eigen::VectorXd sample(Eigen::Index(synapses_.size()));
    for (std::size_t i = 0; i < synapses_.size(); ++i) {
        const auto [r, c] = synapses_[i];
        const auto at = Eigen::Index(i);
        if (removed && !samples_.empty() && removed(r, c))
            sample[at] = samples_.back()[at];
        else
            sample[at] = existingOnly ? std::max(theta(r, c), 0.0) : theta(r, c);
    }
    const Eigen::Index T = Eigen::Index(samples_.size());
    gram_.conservativeResize(T + 1, T + 1);
    for (Eigen::Index i = 0; i < T; ++i)
        gram_(i, T) = gram_(T, i) = samples_[std::size_t(i)].dot(sample);
    gram_(T, T) = sample.squaredNorm();
    samples_.push_back(std::move(sample));
    phases_.push_back(phase);
}

void PcaMonitor::trajectory(Eigen::MatrixXd& scores, std::vector<int>& phases) const
{
    scores = components().scores;
    phases = phases_;
}

const PcaResult& PcaMonitor::components() const
{
    // One eigenproblem per new recording, for the trajectory and the explained variance.
    if (cachedRows_ != samples_.size()) {
        cache_ = principalComponentsFromGram(gram_, 3);
        cachedRows_ = samples_.size();
    }
    return cache_;
}

double PcaMonitor::stepSquared(std::size_t i) const
{
    const auto a = Eigen::Index(i - 1), b = Eigen::Index(i);
    return gram_(a, a) + gram_(b, b) - 2 * gram_(a, b);
}

Eigen::VectorXd PcaMonitor::explained() const
{
    return samples_.size() < 2 ? Eigen::VectorXd() : components().explained;
}

void PcaMonitor::serialize(StateArchive& a, int rows, int cols)
{
    a.values(synapses_);
    a.values(samples_);
    a.values(phases_);
    a.resizable(gram_);
    if (!a.reading())
        return;
    cache_ = PcaResult();
    cachedRows_ = 0;
    for (const auto& [row, col] : synapses_)
        if (row < 0 || row >= rows || col < 0 || col >= cols)
            a.fail("a PCA synapse out of range");
    const auto n = samples_.size();
    if (phases_.size() != n || std::size_t(gram_.rows()) != n || std::size_t(gram_.cols()) != n)
        a.fail("the PCA record is inconsistent");
    for (const auto& sample : samples_)
        if (std::size_t(sample.size()) != synapses_.size())
            a.fail("a PCA sample does not fit the tracked synapses");
}

} // namespace plab
