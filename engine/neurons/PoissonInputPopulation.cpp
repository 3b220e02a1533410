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

bool PoissonInputPopulation::prepareTables(int steps)
{
    // Which construction serves is decided by the rates of this presentation alone, never by
    // what came before: tables when they take at most kMaxTables distinct rates.
    tableRates_.clear();
    const double window = steps * dt_;
    for (const double rate : rates_)
        if (rate > 0.0 && rate * window < kMaxExpectedSpikes &&
            std::find(tableRates_.begin(), tableRates_.end(), rate) == tableRates_.end()) {
            if (tableRates_.size() == kMaxTables)
                return false;
            tableRates_.push_back(rate);
        }
    // Keep the tables of these rates (a table depends on its rate and dt alone), make the rest.
    std::erase_if(thresholds_, [&](const Thresholds& t) {
        return std::find(tableRates_.begin(), tableRates_.end(), t.rate) == tableRates_.end();
    });
    for (const double rate : tableRates_) {
        auto found = std::find_if(thresholds_.begin(), thresholds_.end(), [&](const Thresholds& t) { return t.rate == rate; });
        if (found == thresholds_.end())
            found = thresholds_.insert(thresholds_.end(), {rate, {}});
        for (auto s = found->values.size(); s <= std::size_t(steps); ++s)
            found->values.push_back(std::exp(-rate * dt_ * double(s)));
    }
    return true;
}

const double* PoissonInputPopulation::table(double rate)
{
    if (lastTable_ >= thresholds_.size() || thresholds_[lastTable_].rate != rate)
        lastTable_ = std::size_t(std::find_if(thresholds_.begin(), thresholds_.end(), [&](const Thresholds& t) { return t.rate == rate; }) -
                                 thresholds_.begin());
    return thresholds_[lastTable_].values.data();
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
    const bool tables = prepareTables(steps);
    if (!tables) {
        // Many rates (tuning curves, grey levels): every e^{−rate·window} at once, vectorised
        // (an Eigen array, so its alignment and so its rounding never depend on the heap).
        ends_.resize(Eigen::Index(rates_.size()));
        ends_ = (-window * Eigen::Map<const Eigen::ArrayXd>(rates_.data(), Eigen::Index(rates_.size()))).exp();
    }
    const double lastStep = double(steps - 1);
    for (std::size_t i = 0; i < rates_.size(); ++i) {
        const double rate = rates_[i];
        if (rate <= 0.0)
            continue;
        if (!(rate * window < kMaxExpectedSpikes)) {
            // Renewal construction of a Poisson process on [0, window) (and a NaN rate, as before).
            for (double t = rng.exponential(rate); t < window; t += rng.exponential(rate)) {
                const int s = int(t / dt_);
                if (s < steps)
                    buckets_[std::size_t(s)].push_back(std::int32_t(i));
            }
            continue;
        }
        const double stepsPerNat = 1.0 / (rate * dt_);
        double s = 0;  // the step, clamped as a double before it becomes an index
        if (tables) {
            // Spike m is in step s where below[s + 1] < u_1 ⋯ u_m ≤ below[s]; none once the
            // product is at or under below[steps] = e^{−rate·window}.
            const double* below = table(rate);
            for (double p = rng.uniformPositive(); p > below[steps]; p *= rng.uniformPositive()) {
                // A guess from a rough −log p, then the table decides: below[k] ≥ p > below[k + 1].
                int k = int(std::clamp(roughMinusLog(p) * stepsPerNat, s, lastStep));
                while (k + 1 < steps && below[k + 1] >= p)
                    ++k;
                while (below[k] < p)
                    --k;
                s = k;
                buckets_[std::size_t(k)].push_back(std::int32_t(i));
            }
            continue;
        }
        // One log() per spike, none for the draw that ends.
        for (double p = rng.uniformPositive(); p > ends_[Eigen::Index(i)]; p *= rng.uniformPositive()) {
            s = std::floor(std::clamp(-std::log(p) * stepsPerNat, s, lastStep));
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
