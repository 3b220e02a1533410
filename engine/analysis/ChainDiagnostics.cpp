#include "ChainDiagnostics.h"

#include "io/StateArchive.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plab {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

ChainDiagnostics::ChainDiagnostics(int chains, std::vector<int> cardinalities)
    : chains_(chains), cardinalities_(std::move(cardinalities))
{
    for (int m : cardinalities_) {
        offsets_.push_back(cells_);
        cells_ += std::size_t(m);
    }
    sums_.assign(std::size_t(chains_) * cells_ * kMaxBatches, 0.0);
    partial_.assign(std::size_t(chains_) * cells_, 0.0);
}

void ChainDiagnostics::reset()
{
    std::fill(sums_.begin(), sums_.end(), 0.0);
    std::fill(partial_.begin(), partial_.end(), 0.0);
    batchLength_ = 1;
    inPartial_ = readings_ = 0;
    batches_ = 0;
}

void ChainDiagnostics::add(const std::vector<std::vector<int>>& values)
{
    for (int c = 0; c < chains_; ++c)
        for (std::size_t v = 0; v < cardinalities_.size(); ++v)
            partial_[std::size_t(c) * cells_ + offsets_[v] + std::size_t(values[std::size_t(c)][v])] += 1;
    ++readings_;
    if (++inPartial_ < batchLength_)
        return;
    for (int c = 0; c < chains_; ++c)
        for (std::size_t cell = 0; cell < cells_; ++cell) {
            batch(c, cell, batches_) = partial_[std::size_t(c) * cells_ + cell];
            partial_[std::size_t(c) * cells_ + cell] = 0;
        }
    inPartial_ = 0;
    if (++batches_ < kMaxBatches)
        return;
    // Full: neighbours merge, the batches are twice as long from now on.
    for (int c = 0; c < chains_; ++c)
        for (std::size_t cell = 0; cell < cells_; ++cell)
            for (int b = 0; b < kMaxBatches / 2; ++b)
                batch(c, cell, b) = batch(c, cell, 2 * b) + batch(c, cell, 2 * b + 1);
    batches_ = kMaxBatches / 2;
    batchLength_ *= 2;
}

double ChainDiagnostics::cellRhat(std::size_t cell) const
{
    // Two halves of each chain, of h batches each: 2K sequences of n readings.
    const int h = batches_ / 2;
    const double n = double(h) * double(batchLength_);
    const int sequences = 2 * chains_;
    double meanOfMeans = 0, within = 0;
    std::vector<double> means;
    for (int c = 0; c < chains_; ++c)
        for (int half = 0; half < 2; ++half) {
            double sum = 0;
            for (int b = half * h; b < (half + 1) * h; ++b)
                sum += batch(c, cell, b);
            const double p = sum / n;
            means.push_back(p);
            meanOfMeans += p;
            within += p * (1 - p) * n / (n - 1) / sequences;  // an indicator's sample variance
        }
    meanOfMeans /= sequences;
    double between = 0;
    for (double p : means)
        between += (p - meanOfMeans) * (p - meanOfMeans);
    between *= n / (sequences - 1);
    if (within <= 0)  // still: apart, or all in one value (rounding aside)
        return between > 1e-12 ? std::numeric_limits<double>::infinity() : kNaN;
    const double pooled = (n - 1) / n * within + between / n;
    return std::sqrt(pooled / within);
}

double ChainDiagnostics::cellEss(std::size_t cell) const
{
    const double L = double(batchLength_);
    double total = 0;
    for (int c = 0; c < chains_; ++c)
        for (int b = 0; b < batches_; ++b)
            total += batch(c, cell, b);
    const double count = double(chains_) * batches_;
    const double readings = count * L;
    const double p = total / readings;
    const double variance = p * (1 - p);
    if (variance <= 0)
        return kNaN;  // the value is never or always taken: nothing to estimate
    double batchVariance = 0;
    for (int c = 0; c < chains_; ++c)
        for (int b = 0; b < batches_; ++b) {
            const double d = batch(c, cell, b) / L - p;
            batchVariance += d * d;
        }
    batchVariance /= count - 1;
    if (batchVariance <= 0)
        return readings;
    return std::min(readings, readings * variance / (L * batchVariance));
}

double ChainDiagnostics::worstOver(int variable, double (ChainDiagnostics::*of)(std::size_t) const, bool largest) const
{
    double worst = kNaN;
    for (int x = 0; x < cardinalities_[std::size_t(variable)]; ++x) {
        const double f = (this->*of)(offsets_[std::size_t(variable)] + std::size_t(x));
        if (!std::isnan(f))
            worst = std::isnan(worst) ? f : largest ? std::max(worst, f) : std::min(worst, f);
    }
    return worst;
}

double ChainDiagnostics::rhat(int variable) const
{
    return chains_ < 2 || batches_ < kMinBatches ? kNaN : worstOver(variable, &ChainDiagnostics::cellRhat, true);
}

double ChainDiagnostics::ess(int variable) const
{
    return chains_ < 1 || batches_ < kMinBatches ? kNaN : worstOver(variable, &ChainDiagnostics::cellEss, false);
}

void ChainDiagnostics::serialize(StateArchive& a)
{
    a.fixed(sums_, "chain batch sums");
    a.fixed(partial_, "chain partial batch");
    a.value(batchLength_);
    a.value(inPartial_);
    a.value(readings_);
    a.value(batches_);
    if (a.reading() && (batchLength_ < 1 || inPartial_ < 0 || inPartial_ >= batchLength_ || readings_ < 0 || batches_ < 0
                        || batches_ >= kMaxBatches))
        a.fail("the chains' batches are out of range");
}

} // namespace plab
