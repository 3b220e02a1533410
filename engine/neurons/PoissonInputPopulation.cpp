#include "PoissonInputPopulation.h"

#include "io/StateArchive.h"

#include <Eigen/Core>
#include <algorithm>
#include <bit>
#include <cmath>

namespace plab {

PoissonInputPopulation::PoissonInputPopulation(int size, double dt) : dt_(dt), rates_(std::size_t(size), 0.0)
{
}

namespace {
// Distinct rates that get a threshold table; beyond them (e.g. self-repair's grey levels) the
// steps come from one log() per spike. Past e^{-rate·window} ≈ 10^-300 the product underflows.
constexpr std::size_t kMaxTables = 8;
constexpr double kMaxExpectedSpikes = 600.0;

// −log p for p in (0, 1], to about 2e-4: the exponent's bits and a least-squares quartic for log2 of
// the mantissa. Only a first guess of the step; the threshold table then gives the exact one.
double roughMinusLog(double p)
{
    const auto bits = std::bit_cast<std::uint64_t>(p);
    const double exponent = double(std::int64_t(bits >> 52) - 1023);
    const double x = std::bit_cast<double>((bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull) - 1.0;
    const double log2Mantissa = x * (1.4385454 + x * (-0.6780715 + x * (0.3236105 - x * 0.0842732)));
    return -(exponent + log2Mantissa) * 0.6931471805599453;
}
}

const double* PoissonInputPopulation::stepThresholds(double rate, int steps)
{
    if (lastTable_ >= thresholds_.size() || thresholds_[lastTable_].rate != rate) {
        const auto found = std::find_if(thresholds_.begin(), thresholds_.end(), [&](const Thresholds& t) { return t.rate == rate; });
        lastTable_ = std::size_t(found - thresholds_.begin());
        if (lastTable_ == thresholds_.size()) {
            if (thresholds_.size() >= kMaxTables)
                return nullptr;
            thresholds_.push_back({rate, {}});
        }
    }
    auto& values = thresholds_[lastTable_].values;
    for (auto s = values.size(); s <= std::size_t(steps); ++s)
        values.push_back(std::exp(-rate * dt_ * double(s)));
    return values.data();
}

void PoissonInputPopulation::generate(std::int64_t firstStep, int steps, RandomStream& rng)
{
    if (int(buckets_.size()) < steps)
        buckets_.resize(std::size_t(steps));
    for (int s = 0; s < steps_; ++s)
        buckets_[std::size_t(s)].clear();  // keeps capacity: no allocation in steady state
    firstStep_ = firstStep;
    steps_ = steps;
    const double window = steps * dt_;
    bool tables = true;  // until a rate finds no table: then rates are many, and searching costs
    for (std::size_t i = 0; i < rates_.size(); ++i) {
        const double rate = rates_[i];
        if (rate <= 0.0)
            continue;
        if (rate * window >= kMaxExpectedSpikes) {
            // Renewal construction of a Poisson process on [0, window).
            for (double t = rng.exponential(rate); t < window; t += rng.exponential(rate)) {
                const int s = int(t / dt_);
                if (s < steps)
                    buckets_[std::size_t(s)].push_back(std::int32_t(i));
            }
            continue;
        }
        const double* below = tables ? stepThresholds(rate, steps) : nullptr;
        const double stepsPerNat = 1.0 / (rate * dt_);
        int s = 0;
        if (below) {
            // Spike m is in step s where below[s + 1] < u_1 ⋯ u_m ≤ below[s]; none once the
            // product is at or under below[steps] = e^{−rate·window}.
            for (double p = rng.uniformPositive(); p > below[steps]; p *= rng.uniformPositive()) {
                // A guess from a rough −log p, then the table decides: below[s] ≥ p > below[s + 1].
                s = std::clamp(int(roughMinusLog(p) * stepsPerNat), s, steps - 1);
                while (s + 1 < steps && below[s + 1] >= p)
                    ++s;
                while (below[s] < p)
                    --s;
                buckets_[std::size_t(s)].push_back(std::int32_t(i));
            }
            continue;
        }
        if (tables) {
            // Many rates (tuning curves, grey levels): every remaining e^{−rate·window} at
            // once, vectorised; then one log() per spike and none for the draw that ends.
            tables = false;
            ends_.resize(rates_.size());
            const Eigen::Map<const Eigen::ArrayXd> r(rates_.data() + i, Eigen::Index(rates_.size() - i));
            Eigen::Map<Eigen::ArrayXd>(ends_.data() + i, r.size()) = (-window * r).exp();
        }
        for (double p = rng.uniformPositive(); p > ends_[i]; p *= rng.uniformPositive()) {
            s = std::clamp(int(-std::log(p) * stepsPerNat), s, steps - 1);
            buckets_[std::size_t(s)].push_back(std::int32_t(i));
        }
    }
}

std::span<const std::int32_t> PoissonInputPopulation::spikesAt(std::int64_t step) const
{
    const std::int64_t s = step - firstStep_;
    if (s < 0 || s >= steps_)
        return {};
    return buckets_[std::size_t(s)];
}

double PoissonInputPopulation::totalRate() const
{
    double sum = 0;
    for (double r : rates_)
        sum += r;
    return sum;
}

void PoissonInputPopulation::serialize(StateArchive& a)
{
    a.section("inputs");
    a.fixed(rates_, "input rates");
    for (const double r : rates_)
        a.requireRange(r, 0.0, 1e6, "an input rate");
    a.value(firstStep_);
    a.value(steps_);
    a.values(buckets_);
    if (a.reading() && (steps_ < 0 || std::size_t(steps_) > buckets_.size()))
        a.fail("input spike window of " + std::to_string(steps_) + " steps");
    for (const auto& bucket : buckets_)
        for (const auto id : bucket)
            if (id < 0 || id >= size())
                a.fail("an input spike of neuron " + std::to_string(id));
}

} // namespace plab
