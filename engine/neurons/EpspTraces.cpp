#include "EpspTraces.h"

#include "io/StateArchive.h"

#include <cmath>
#include <limits>

namespace plab {

double EpspKernel::support() const
{
    if (shape == Shape::Rectangular)
        return sigma;
    // e^{−s/τf} < 1e-4: the cut-off SPORE uses for its traces.
    return tauFall * std::log(1e4);
}

double EpspKernel::value(double s) const
{
    if (s < 0)
        return 0;
    if (shape == Shape::Rectangular)
        return s < sigma ? 1.0 : 0.0;
    return std::exp(-s / tauFall) - std::exp(-s / tauRise);
}

EpspTraces::EpspTraces(int size, EpspKernel kernel)
    : kernel_(kernel), support_(kernel.support()), last_(std::size_t(size), -std::numeric_limits<double>::infinity()),
      fall_(std::size_t(size), 0.0), rise_(std::size_t(size), 0.0), isLive_(std::size_t(size), 0)
{
}

void EpspTraces::rebase(double t)
{
    // e^{(t − t0)/τr} stays below e^{250} for t − t0 < 0.5 s at τr = 2 ms.
    constexpr double kRebaseAfter = 0.5;
    if (t - epoch_ < kRebaseAfter)
        return;
    const double f = std::exp(-(t - epoch_) / kernel_.tauFall);
    const double r = std::exp(-(t - epoch_) / kernel_.tauRise);
    for (const std::int32_t i : live_) {
        fall_[std::size_t(i)] *= f;
        rise_[std::size_t(i)] *= r;
    }
    epoch_ = t;
    growthTime_ = std::numeric_limits<double>::quiet_NaN();  // cached growth() was relative to the old t0
}

void EpspTraces::onSpike(int i, double t)
{
    const auto k = std::size_t(i);
    if (kernel_.shape == EpspKernel::Shape::DoubleExponential) {
        rebase(t);
        if (t != growthTime_) {  // many inputs spike in the same step: one pair of exp() per step
            growthTime_ = t;
            growthFall_ = growth(t, kernel_.tauFall);
            growthRise_ = growth(t, kernel_.tauRise);
        }
        fall_[k] += growthFall_;
        rise_[k] += growthRise_;
    }
    last_[k] = t;
    if (!isLive_[k]) {
        isLive_[k] = 1;
        live_.push_back(std::int32_t(i));
    }
}

double EpspTraces::value(int i, double t) const
{
    const auto k = std::size_t(i);
    const double s = t - last_[k];
    if (!(s >= 0) || s >= support_)
        return 0.0;
    if (kernel_.shape == EpspKernel::Shape::Rectangular)
        return 1.0;
    return fall_[k] / growth(t, kernel_.tauFall) - rise_[k] / growth(t, kernel_.tauRise);
}

void EpspTraces::collect(double t, std::vector<std::int32_t>& ids, std::vector<double>& values)
{
    ids.clear();
    values.clear();
    const bool rectangular = kernel_.shape == EpspKernel::Shape::Rectangular;
    if (!rectangular)
        rebase(t);
    const double decayFall = rectangular ? 0.0 : 1.0 / growth(t, kernel_.tauFall);
    const double decayRise = rectangular ? 0.0 : 1.0 / growth(t, kernel_.tauRise);
    const double support = support_;  // a local: the stores below could alias a member
    std::size_t keep = 0;
    for (std::size_t j = 0; j < live_.size(); ++j) {
        const std::int32_t i = live_[j];
        const double s = t - last_[std::size_t(i)];
        if (s >= support) {
            isLive_[std::size_t(i)] = 0;
            fall_[std::size_t(i)] = rise_[std::size_t(i)] = 0.0;
            continue;
        }
        live_[keep++] = i;
        if (!(s >= 0))
            continue;
        const double y = rectangular ? 1.0 : fall_[std::size_t(i)] * decayFall - rise_[std::size_t(i)] * decayRise;
        if (y > 0.0) {
            ids.push_back(i);
            values.push_back(y);
        }
    }
    live_.resize(keep);
}

void EpspTraces::clear()
{
    for (std::int32_t i : live_) {
        isLive_[std::size_t(i)] = 0;
        fall_[std::size_t(i)] = rise_[std::size_t(i)] = 0.0;
        last_[std::size_t(i)] = -std::numeric_limits<double>::infinity();
    }
    live_.clear();
}

void EpspTraces::serialize(StateArchive& a)
{
    a.section("epsp traces");
    a.value(epoch_);
    a.value(growthTime_);
    a.value(growthFall_);
    a.value(growthRise_);
    a.fixed(last_, "EPSP spike times");
    a.fixed(fall_, "EPSP traces");
    a.fixed(rise_, "EPSP traces");
    a.fixed(isLive_, "EPSP live flags");
    a.values(live_);
    if (a.reading())
        for (const auto i : live_)
            if (i < 0 || i >= size() || !isLive_[std::size_t(i)])
                a.fail("a live EPSP trace of input " + std::to_string(i));
}

} // namespace plab
