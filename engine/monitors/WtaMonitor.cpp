#include "WtaMonitor.h"

#include "io/StateArchive.h"

#include <cmath>
#include <limits>

namespace plab {

WtaMonitor::WtaMonitor(int neurons, int inputs, int labels, int windowBlocks)
    : neurons_(neurons), inputs_(inputs), labels_(labels), windowBlocks_(std::max(1, windowBlocks)), current_(empty())
{
}

WtaMonitor::Block WtaMonitor::empty() const
{
    return {Eigen::VectorXd::Zero(neurons_), Eigen::MatrixXd::Zero(neurons_, inputs_),
            Eigen::MatrixXd::Zero(labels_, neurons_)};
}

void WtaMonitor::recordSpike(int k, const std::vector<std::int32_t>& ids, const std::vector<double>& values)
{
    current_.spikes[k] += 1.0;
    for (std::size_t j = 0; j < ids.size(); ++j)
        current_.coactivation(k, ids[j]) += values[j];
}

void WtaMonitor::closeBlock()
{
    closed_.push_back(std::move(current_));
    while (int(closed_.size()) > windowBlocks_)
        closed_.pop_front();
    current_ = empty();
}

WtaMonitor::Window WtaMonitor::window() const
{
    Window w{current_.spikes, current_.coactivation, current_.labels};
    const bool openCounts = current_.spikes.sum() > 0;
    const int take = std::min<int>(int(closed_.size()), windowBlocks_ - (openCounts ? 1 : 0));
    for (int b = 0; b < take; ++b) {
        const Block& block = closed_[closed_.size() - 1 - std::size_t(b)];
        w.spikes += block.spikes;
        w.coactivation += block.coactivation;
        w.labels += block.labels;
    }
    return w;
}

double WtaMonitor::equilibriumError(const Window& w, const Eigen::Ref<const Eigen::MatrixXd>& weights, double logC,
                                    double minSpikes)
{
    double sum = 0;
    long count = 0;
    for (Eigen::Index k = 0; k < w.spikes.size(); ++k) {
        if (w.spikes[k] < minSpikes)
            continue;
        for (Eigen::Index i = 0; i < weights.cols(); ++i) {
            const double measured = w.coactivation(k, i) / w.spikes[k];
            sum += std::fabs(std::exp(weights(k, i) - logC) - measured);
            ++count;
        }
    }
    return count ? sum / double(count) : std::numeric_limits<double>::quiet_NaN();
}

double WtaMonitor::biasError(const Window& w, const Eigen::Ref<const Eigen::VectorXd>& biases)
{
    const double total = w.spikes.sum();
    if (!(total > 0))
        return std::numeric_limits<double>::quiet_NaN();
    double sum = 0;
    for (Eigen::Index k = 0; k < biases.size(); ++k)
        sum += std::fabs(std::exp(biases[k]) - w.spikes[k] / total);
    return sum / double(biases.size());
}

void WtaMonitor::Block::serialize(StateArchive& a)
{
    a.fixed(spikes, "monitor counts");
    a.fixed(coactivation, "monitor coactivations");
    a.fixed(labels, "monitor labels");
}

void WtaMonitor::serialize(StateArchive& a)
{
    a.section("wta monitor");
    current_.serialize(a);
    std::uint64_t n = closed_.size();
    a.value(n);
    if (a.reading()) {
        if (n > std::uint64_t(windowBlocks_) + 1)
            a.fail("a monitor window of " + std::to_string(n) + " blocks");
        closed_.assign(std::size_t(n), empty());
    }
    for (auto& block : closed_)
        block.serialize(a);
}

} // namespace plab
