#include "PoissonInputPopulation.h"

#include "io/StateArchive.h"

namespace plab {

PoissonInputPopulation::PoissonInputPopulation(int size, double dt) : dt_(dt), rates_(std::size_t(size), 0.0)
{
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
    for (std::size_t i = 0; i < rates_.size(); ++i) {
        const double rate = rates_[i];
        if (rate <= 0.0)
            continue;
        // Renewal construction of a Poisson process on [0, window).
        for (double t = rng.exponential(rate); t < window; t += rng.exponential(rate)) {
            const int s = int(t / dt_);
            if (s < steps)
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
