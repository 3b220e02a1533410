#include "EpspTraces.h"

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
    : kernel_(kernel), last_(std::size_t(size), -std::numeric_limits<double>::infinity()),
      fall_(std::size_t(size), 0.0), rise_(std::size_t(size), 0.0), isLive_(std::size_t(size), 0)
{
}

void EpspTraces::onSpike(int i, double t)
{
    const auto k = std::size_t(i);
    if (kernel_.shape == EpspKernel::Shape::DoubleExponential) {
        const double s = t - last_[k];
        fall_[k] = fall_[k] * std::exp(-s / kernel_.tauFall) + 1.0;
        rise_[k] = rise_[k] * std::exp(-s / kernel_.tauRise) + 1.0;
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
    if (!(s >= 0) || s >= kernel_.support())
        return 0.0;
    if (kernel_.shape == EpspKernel::Shape::Rectangular)
        return 1.0;
    return fall_[k] * std::exp(-s / kernel_.tauFall) - rise_[k] * std::exp(-s / kernel_.tauRise);
}

void EpspTraces::collect(double t, std::vector<std::int32_t>& ids, std::vector<double>& values)
{
    ids.clear();
    values.clear();
    const double support = kernel_.support();
    std::size_t keep = 0;
    for (std::size_t j = 0; j < live_.size(); ++j) {
        const std::int32_t i = live_[j];
        if (t - last_[std::size_t(i)] >= support) {
            isLive_[std::size_t(i)] = 0;
            fall_[std::size_t(i)] = rise_[std::size_t(i)] = 0.0;
            continue;
        }
        live_[keep++] = i;
        const double y = value(i, t);
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

} // namespace plab
