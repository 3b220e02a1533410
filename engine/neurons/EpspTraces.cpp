#include "EpspTraces.h"

#include "io/StateArchive.h"

#include <cmath>
#include <cstring>
#include <limits>

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#endif

namespace plab {

namespace {
// y = fall·e^{−(t−t0)/τf} − rise·e^{−(t−t0)/τr}, rounded one way in every build: one fused
// multiply–subtract where the CPU has FMA (what the compiler made of the plain expression in
// the x86-64-v3 Release build before), else two roundings. collect() and collectDense() both
// use it, so they agree bit for bit at any optimisation level.
inline double traceValue(double fall, double decayFall, double rise, double decayRise)
{
#if defined(__FMA__)
    return std::fma(fall, decayFall, -(rise * decayRise));
#else
    return fall * decayFall - rise * decayRise;
#endif
}
} // namespace

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

void EpspTraces::cacheGrowth(double t)
{
    if (t != growthTime_) {  // many inputs spike in the same step: one pair of exp() per step
        growthTime_ = t;
        growthFall_ = growth(t, kernel_.tauFall);
        growthRise_ = growth(t, kernel_.tauRise);
    }
}

void EpspTraces::onSpike(int i, double t)
{
    const auto k = std::size_t(i);
    if (kernel_.shape == EpspKernel::Shape::DoubleExponential) {
        rebase(t);
        cacheGrowth(t);
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

EpspTraces::Decays EpspTraces::decaysAt(double t)
{
    if (kernel_.shape == EpspKernel::Shape::Rectangular)
        return {0.0, 0.0};
    rebase(t);
    cacheGrowth(t);
    return {1.0 / growthFall_, 1.0 / growthRise_};
}

void EpspTraces::collect(double t, std::vector<std::int32_t>& ids, std::vector<double>& values)
{
    ids.clear();
    values.clear();
    const bool rectangular = kernel_.shape == EpspKernel::Shape::Rectangular;
    const auto [decayFall, decayRise] = decaysAt(t);
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
        const double y = rectangular ? 1.0 : traceValue(fall_[std::size_t(i)], decayFall, rise_[std::size_t(i)], decayRise);
        if (y > 0.0) {
            ids.push_back(i);
            values.push_back(y);
        }
    }
    live_.resize(keep);
}

int EpspTraces::collectDense(double t, double* dense, int scaledFrom, double scale)
{
    // collect() as one pass over every input instead of the live list, four at a time where
    // the CPU has AVX2 and FMA. Inputs that are not live have a last spike at least the
    // support ago, so they get 0 as before; y is rounded as collect() rounds it (traceValue),
    // so the values are the same bit for bit.
    const bool rectangular = kernel_.shape == EpspKernel::Shape::Rectangular;
    // Plain locals, not a structured binding: the lambda below captures them (clang 14 cannot).
    const Decays decays = decaysAt(t);  // a neuron that wins spikes at t: onSpike reuses them
    const double decayFall = decays.fall, decayRise = decays.rise;
    const double support = support_;
    const double* last = last_.data();
    const double* fall = fall_.data();
    const double* rise = rise_.data();
    const int n = size();
    int nonZero = 0;
    bool expired = false;
    const auto one = [&](int i) {
        const double s = t - last[i];
        const double shape = rectangular ? 1.0 : traceValue(fall[i], decayFall, rise[i], decayRise);
        const bool on = s >= 0 && s < support && shape > 0.0;
        dense[i] = on ? (i >= scaledFrom ? shape * scale : shape) : 0.0;
        nonZero += on ? 1 : 0;
        expired = expired || (s >= support && isLive_[std::size_t(i)]);
    };
    int i = 0;
#if defined(__AVX2__) && defined(__FMA__)
    if (!rectangular) {
        const __m256d vt = _mm256_set1_pd(t), vSupport = _mm256_set1_pd(support), zero = _mm256_setzero_pd();
        const __m256d vFall = _mm256_set1_pd(decayFall), vRise = _mm256_set1_pd(decayRise);
        const char* live = isLive_.data();
        __m256d anyExpired = zero;
        for (; i + 4 <= n; i += 4) {
            const __m256d s = _mm256_sub_pd(vt, _mm256_loadu_pd(last + i));
            const __m256d shape = _mm256_fmsub_pd(_mm256_loadu_pd(fall + i), vFall, _mm256_mul_pd(_mm256_loadu_pd(rise + i), vRise));
            const __m256d on = _mm256_and_pd(_mm256_and_pd(_mm256_cmp_pd(s, zero, _CMP_GE_OQ), _mm256_cmp_pd(s, vSupport, _CMP_LT_OQ)),
                                             _mm256_cmp_pd(shape, zero, _CMP_GT_OQ));
            __m256d y = _mm256_and_pd(on, shape);
            if (i + 4 > scaledFrom) {
                const __m256d index = _mm256_setr_pd(i, i + 1, i + 2, i + 3);
                const __m256d scaled = _mm256_cmp_pd(index, _mm256_set1_pd(scaledFrom), _CMP_GE_OQ);
                y = _mm256_and_pd(on, _mm256_blendv_pd(y, _mm256_mul_pd(y, _mm256_set1_pd(scale)), scaled));
            }
            _mm256_storeu_pd(dense + i, y);
            nonZero += __builtin_popcount(unsigned(_mm256_movemask_pd(on)));
            // Expired: past the support and still on the live list (its flags, four bytes).
            std::int32_t flags;
            std::memcpy(&flags, live + i, sizeof flags);
            const __m256i listed = _mm256_cmpeq_epi64(_mm256_cvtepu8_epi64(_mm_cvtsi32_si128(flags)), _mm256_setzero_si256());
            anyExpired = _mm256_or_pd(anyExpired, _mm256_andnot_pd(_mm256_castsi256_pd(listed), _mm256_cmp_pd(s, vSupport, _CMP_GE_OQ)));
        }
        expired = _mm256_movemask_pd(anyExpired) != 0;
    }
#endif
    for (; i < n; ++i)
        one(i);
    if (expired) {
        // Drop them from the live list as collect() does, keeping its order.
        std::size_t keep = 0;
        for (const std::int32_t k : live_) {
            if (t - last[k] >= support) {
                isLive_[std::size_t(k)] = 0;
                fall_[std::size_t(k)] = rise_[std::size_t(k)] = 0.0;
            } else {
                live_[keep++] = k;
            }
        }
        live_.resize(keep);
    }
    return nonZero;
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
