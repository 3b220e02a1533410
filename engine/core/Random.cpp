#include "Random.h"

#include <cmath>
#include <numbers>

namespace plab {

std::uint64_t splitMix64(std::uint64_t& x)
{
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

RandomStream::RandomStream(std::uint64_t seed)
{
    for (auto& word : s_)
        word = splitMix64(seed);
}

double RandomStream::exponential(double rate)
{
    return -std::log(uniformPositive()) / rate;
}

double RandomStream::normal()
{
    const double u1 = uniformPositive();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

namespace {

// Ziggurat tables for the standard normal, 128 layers (Marsaglia & Tsang, J. Stat. Softw.
// 5(8), 2000). Built once; the layer index and the value come from separate bits of one
// 64-bit draw, which avoids the index/value correlation of the original 32-bit version.
struct ZigguratTables {
    double k[128], w[128], f[128];
    ZigguratTables()
    {
        const double m1 = 2147483648.0;  // 2^31
        double dn = 3.442619855899, tn = dn;
        const double vn = 9.91256303526217e-3;
        const double q = vn / std::exp(-0.5 * dn * dn);
        k[0] = (dn / q) * m1;
        k[1] = 0;
        w[0] = q / m1;
        w[127] = dn / m1;
        f[0] = 1.0;
        f[127] = std::exp(-0.5 * dn * dn);
        for (int i = 126; i >= 1; --i) {
            dn = std::sqrt(-2.0 * std::log(vn / dn + std::exp(-0.5 * dn * dn)));
            k[i + 1] = (dn / tn) * m1;
            tn = dn;
            f[i] = std::exp(-0.5 * dn * dn);
            w[i] = dn / m1;
        }
    }
};

const ZigguratTables& ziggurat()
{
    static const ZigguratTables tables;
    return tables;
}

} // namespace

double RandomStream::normalFast()
{
    const ZigguratTables& z = ziggurat();
    for (;;) {
        const std::uint64_t bits = (*this)();
        const auto hz = std::int32_t(std::uint32_t(bits >> 32));
        const int iz = int(bits & 127u);
        const double x = double(hz) * z.w[iz];
        if (std::fabs(double(hz)) < z.k[iz])
            return x;  // inside the layer's rectangle: the common case
        if (double y; zigguratEdge(hz, iz, x, y))
            return y;
    }
}

bool RandomStream::zigguratEdge(std::int32_t hz, int iz, double x, double& out)
{
    const ZigguratTables& z = ziggurat();
    constexpr double r = 3.442619855899;
    if (iz == 0) {
        // The tail beyond r (Marsaglia's method).
        double tx, ty;
        do {
            tx = -std::log(uniformPositive()) / r;
            ty = -std::log(uniformPositive());
        } while (ty + ty < tx * tx);
        out = hz > 0 ? r + tx : -r - tx;
        return true;
    }
    out = x;
    return z.f[iz] + uniform() * (z.f[iz - 1] - z.f[iz]) < std::exp(-0.5 * x * x);
}

void RandomStream::fillNormal(double* out, std::size_t n)
{
    // normalFast() n times, with the generator's state in registers for the common case (the
    // same draws, so the same numbers); the rare edge of a layer goes through the member.
    const ZigguratTables& z = ziggurat();
    State s = s_;
    for (std::size_t i = 0; i < n; ++i) {
        for (;;) {
            const std::uint64_t bits = next(s);
            const auto hz = std::int32_t(std::uint32_t(bits >> 32));
            const int iz = int(bits & 127u);
            const double x = double(hz) * z.w[iz];
            if (std::fabs(double(hz)) < z.k[iz]) {
                out[i] = x;
                break;
            }
            s_ = s;
            const bool accepted = zigguratEdge(hz, iz, x, out[i]);
            s = s_;
            if (accepted)
                break;
        }
    }
    s_ = s;
}

std::uint32_t RandomStream::poisson(double mean)
{
    if (mean <= 0.0)
        return 0;
    if (mean < 12.0) {
        // Inversion by sequential search: exact, cheap for small means.
        const double limit = std::exp(-mean);
        double product = uniformPositive();
        std::uint32_t k = 0;
        while (product > limit) {
            product *= uniformPositive();
            ++k;
        }
        return k;
    }
    // PTRS: transformed rejection with squeeze (Hörmann 1993), exact for mean >= 10.
    const double slam = std::sqrt(mean);
    const double loglam = std::log(mean);
    const double b = 0.931 + 2.53 * slam;
    const double a = -0.059 + 0.02483 * b;
    const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const double vr = 0.9277 - 3.6224 / (b - 2.0);
    for (;;) {
        const double u = uniform() - 0.5;
        const double v = uniformPositive();
        const double us = 0.5 - std::fabs(u);
        const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
        if (us >= 0.07 && v <= vr)
            return std::uint32_t(k);
        if (k < 0.0 || (us < 0.013 && v > us))
            continue;
        if (std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b)
            <= -mean + k * loglam - std::lgamma(k + 1.0))
            return std::uint32_t(k);
    }
}

std::uint64_t RandomStream::index(std::uint64_t n)
{
    // Lemire, "Fast random integer generation in an interval" (2019).
    unsigned __int128 m = (unsigned __int128)(*this)() * n;
    std::uint64_t low = std::uint64_t(m);
    if (low < n) {
        const std::uint64_t threshold = -n % n;
        while (low < threshold) {
            m = (unsigned __int128)(*this)() * n;
            low = std::uint64_t(m);
        }
    }
    return std::uint64_t(m >> 64);
}

std::size_t RandomStream::categorical(const double* weights, std::size_t n, double total)
{
    double target = uniform() * total;
    for (std::size_t i = 0; i < n; ++i) {
        target -= weights[i];
        if (target < 0.0)
            return i;
    }
    // Rounding left a sliver above the last bin: give it to the last positive weight.
    for (std::size_t i = n; i-- > 0;)
        if (weights[i] > 0.0)
            return i;
    return n - 1;
}

RandomStream RandomStreams::stream(std::string_view name) const
{
    // FNV-1a of the name, mixed with the seed: distinct names give unrelated streams.
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : name) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    std::uint64_t x = seed_ ^ h;
    splitMix64(x);
    return RandomStream(splitMix64(x) ^ h);
}

} // namespace plab
