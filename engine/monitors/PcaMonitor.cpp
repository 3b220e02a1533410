#include "PcaMonitor.h"

#include "analysis/Pca.h"
#include "io/StateArchive.h"

namespace plab {

PcaMonitor::PcaMonitor(std::vector<std::pair<int, int>> synapses) : synapses_(std::move(synapses))
{
}

void PcaMonitor::record(const Matrix& theta, int phase)
{
    Eigen::VectorXd sample(Eigen::Index(synapses_.size()));
    for (std::size_t i = 0; i < synapses_.size(); ++i)
        sample[Eigen::Index(i)] = theta(synapses_[i].first, synapses_[i].second);
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
    if (cachedRows_ != samples_.size()) {
        cache_ = principalComponentsFromGram(gram_, 3).scores;
        cachedRows_ = samples_.size();
    }
    scores = cache_;
    phases = phases_;
}

void PcaMonitor::serialize(StateArchive& a, int rows, int cols)
{
    a.values(synapses_);
    a.values(samples_);
    a.values(phases_);
    a.resizable(gram_);
    if (!a.reading())
        return;
    cache_.resize(0, 0);
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
