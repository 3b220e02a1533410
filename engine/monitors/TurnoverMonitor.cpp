#include "TurnoverMonitor.h"

#include "analysis/Statistics.h"
#include "io/StateArchive.h"

#include <cmath>
#include <limits>

namespace plab {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

TurnoverMonitor::TurnoverMonitor(const Matrix& theta, double refStart, double refEnd, double interval)
    : refStart_(refStart), refEnd_(refEnd), interval_(interval)
{
    const std::size_t synapses = std::size_t(theta.size());
    exists_.resize(synapses);
    for (Eigen::Index r = 0; r < theta.rows(); ++r)
        for (Eigen::Index c = 0; c < theta.cols(); ++c)
            exists_[std::size_t(r) * std::size_t(theta.cols()) + std::size_t(c)] = theta(r, c) > 0;
    formedAt_.assign(synapses, -1.0);
    diedAt_.assign(synapses, std::numeric_limits<double>::infinity());
}

void TurnoverMonitor::snapshot(const Matrix& theta, double t)
{
    const Eigen::Index cols = theta.cols();
    std::int64_t formed = 0, eliminated = 0;
    for (Eigen::Index r = 0; r < theta.rows(); ++r)
        for (Eigen::Index c = 0; c < cols; ++c) {
            const std::size_t i = std::size_t(r) * std::size_t(cols) + std::size_t(c);
            const bool now = theta(r, c) > 0;
            if (now && !exists_[i]) {
                ++formed;
                if (t > refStart_ && t <= refEnd_ + 1e-9)
                    formedAt_[i] = t;
            } else if (!now && exists_[i]) {
                ++eliminated;
                if (formedAt_[i] >= 0 && std::isinf(diedAt_[i]))
                    diedAt_[i] = t;
            }
            exists_[i] = now;
        }
    const double interval = t - lastSnapshot_;
    if (interval > 0) {
        const double potential = double(theta.rows()) * double(cols);
        lastFormationRate_ = double(formed) / potential / (interval / 3600.0);
        lastEliminationRate_ = double(eliminated) / potential / (interval / 3600.0);
        formationSum_ += lastFormationRate_;
        eliminationSum_ += lastEliminationRate_;
        ++rateSamples_;
    }
    lastSnapshot_ = t;
    updateSurvival();
}

double TurnoverMonitor::meanFormationRate() const
{
    return rateSamples_ ? formationSum_ / rateSamples_ : kNaN;
}

double TurnoverMonitor::meanEliminationRate() const
{
    return rateSamples_ ? eliminationSum_ / rateSamples_ : kNaN;
}

std::int64_t TurnoverMonitor::formedInWindow() const
{
    std::int64_t n = 0;
    for (double f : formedAt_)
        n += f >= 0;
    return n;
}

double TurnoverMonitor::survivingFraction(double t) const
{
    if (!(t > refEnd_))
        return kNaN;
    const std::int64_t total = formedInWindow();
    std::int64_t alive = 0;
    for (std::size_t i = 0; i < formedAt_.size(); ++i)
        alive += formedAt_[i] >= 0 && std::isinf(diedAt_[i]);
    return total ? double(alive) / double(total) : kNaN;
}

void TurnoverMonitor::updateSurvival()
{
    survivalAges_.clear();
    survivalFractions_.clear();
    const std::int64_t total = formedInWindow();
    if (total == 0 || lastSnapshot_ <= refEnd_)
        return;
    // Every tracked synapse formed by refEnd, so ages up to lastSnapshot − refEnd are seen for all.
    for (double age = interval_; age <= lastSnapshot_ - refEnd_ + 1e-9; age += interval_) {
        std::int64_t alive = 0;
        for (std::size_t i = 0; i < formedAt_.size(); ++i)
            if (formedAt_[i] >= 0 && diedAt_[i] - formedAt_[i] > age - 1e-9)
                ++alive;
        survivalAges_.push_back(age);
        survivalFractions_.push_back(double(alive) / double(total));
    }
}

double TurnoverMonitor::survivalSlope() const
{
    std::vector<double> lx, ly;
    for (std::size_t i = 0; i < survivalAges_.size(); ++i)
        if (survivalFractions_[i] > 0) {
            lx.push_back(std::log10(survivalAges_[i]));
            ly.push_back(std::log10(survivalFractions_[i]));
        }
    return lx.size() >= 2 ? leastSquaresSlope(lx, ly) : kNaN;
}

void TurnoverMonitor::serializeRates(StateArchive& a)
{
    a.fixed(exists_, "existence snapshot");
    a.fixed(formedAt_, "formation times");
    a.fixed(diedAt_, "elimination times");
    a.value(refStart_);
    a.value(refEnd_);
    a.value(lastFormationRate_);
    a.value(lastEliminationRate_);
    a.value(formationSum_);
    a.value(eliminationSum_);
    a.value(rateSamples_);
    a.value(lastSnapshot_);
}

void TurnoverMonitor::serializeSurvival(StateArchive& a)
{
    a.values(survivalAges_);
    a.values(survivalFractions_);
}

} // namespace plab
