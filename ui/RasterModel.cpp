#include "RasterModel.h"

#include "Palette.h"

#include <algorithm>
#include <cmath>

namespace plab {

RasterModel::RasterModel(std::size_t capacity) : ring_(capacity) {}

void RasterModel::setLayout(const std::vector<NeuronGroup>& groups)
{
    bands_.clear();
    int total = 0;
    for (const auto& g : groups)
        total = std::max(total, g.first + g.count);
    neuronY_.assign(std::size_t(total), 0.5f);
    groupColor_.assign(std::size_t(total), palette::kNetwork);
    neuronColor_.assign(std::size_t(total), -1);
    // Band heights follow the group sizes, but a small group (the WTA circuit) still gets a
    // quarter of the total so its spikes are visible; the first group is at the bottom.
    double weightSum = 0;
    std::vector<double> weights;
    for (const auto& g : groups) {
        weights.push_back(std::max<double>(g.count, 0.25 * total));
        weightSum += weights.back();
    }
    const float gap = 0.02f;
    float bottom = 0;
    for (std::size_t b = 0; b < groups.size(); ++b) {
        const auto& g = groups[b];
        const float height = float(weights[b] / weightSum) * (1.0f - gap * float(groups.size() - 1));
        bands_.push_back({QString::fromStdString(g.name), bottom, bottom + height, g.first, g.count, g.color});
        for (int i = 0; i < g.count; ++i) {
            neuronY_[std::size_t(g.first + i)] = bottom + height * (float(i) + 0.5f) / float(g.count);
            groupColor_[std::size_t(g.first + i)] =
                g.color >= 0 ? g.color : (b == 0 && groups.size() > 1 ? palette::kInput : palette::kNetwork);
        }
        bottom += height + gap;
    }
    clear();
}

void RasterModel::setNeuronColors(const std::vector<int>& colors)
{
    const std::size_t n = std::min(colors.size(), neuronColor_.size());
    std::copy_n(colors.begin(), n, neuronColor_.begin());
}

void RasterModel::clear()
{
    written_ = 0;
    received_ = 0;
    now_ = 0;
    origin_ = 0;
    ++epoch_;
}

std::vector<int> RasterModel::neuronsBetween(int band, float low, float high) const
{
    std::vector<int> out;
    if (band < 0 || std::size_t(band) >= bands_.size())
        return out;
    const Band& b = bands_[std::size_t(band)];
    for (int i = 0; i < b.count; ++i) {
        const float y = yOf(b.first + i);
        if (y >= low && y <= high)
            out.push_back(i);
    }
    return out;
}

float RasterModel::yOf(int neuron) const
{
    return neuron >= 0 && std::size_t(neuron) < neuronY_.size() ? neuronY_[std::size_t(neuron)] : 0.5f;
}

int RasterModel::colorOf(int neuron) const
{
    if (neuron < 0 || std::size_t(neuron) >= neuronColor_.size())
        return palette::kNetwork;
    const int c = neuronColor_[std::size_t(neuron)];
    return c >= 0 ? c : groupColor_[std::size_t(neuron)];
}

void RasterModel::rebase(double newOrigin)
{
    // Floats keep ~7 digits: times are stored relative to an origin that follows the clock,
    // so an hour-long run still places spikes to the microsecond.
    const float shift = float(newOrigin - origin_);
    const std::uint64_t first = written_ > ring_.size() ? written_ - ring_.size() : 0;
    for (std::uint64_t i = first; i < written_; ++i)
        ring_[i % ring_.size()].t -= shift;
    origin_ = newOrigin;
    ++epoch_;
}

void RasterModel::add(const std::vector<SpikeEvent>& spikes)
{
    if (spikes.empty())
        return;
    if (spikes.back().t - origin_ > 1000.0)
        rebase(std::floor(spikes.back().t) - 10.0);
    for (const auto& s : spikes) {
        ring_[written_ % ring_.size()] = {float(s.t - origin_), yOf(s.neuron), float(colorOf(s.neuron))};
        ++written_;
    }
    received_ += spikes.size();
    now_ = std::max(now_, spikes.back().t);
}

std::uint64_t RasterModel::firstVisible() const
{
    std::uint64_t lo = written_ > ring_.size() ? written_ - ring_.size() : 0;
    std::uint64_t hi = written_;
    const float t0 = float(now_ - window_ - origin_);
    while (lo < hi) {
        const std::uint64_t mid = lo + (hi - lo) / 2;
        if (ring_[mid % ring_.size()].t < t0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

} // namespace plab
