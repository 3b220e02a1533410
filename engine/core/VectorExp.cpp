#include "VectorExp.h"

#include <Eigen/Core>
#include <cmath>
#include <cstdint>

namespace plab {

// Only where Eigen's own exp() is the 3.4.0 code for four doubles that this mirrors: with
// AVX-512 Eigen uses eight-wide packets and 64-byte peeling, and later releases may change it.
#if defined(__AVX2__) && defined(__FMA__) && !defined(EIGEN_VECTORIZE_AVX512) && EIGEN_VERSION_AT_LEAST(3, 4, 0) && \
    !EIGEN_VERSION_AT_LEAST(3, 4, 1)
namespace {

using Eigen::internal::Packet4d;

// Eigen's pexp_double (GenericPacketMathFunctions.h, 3.4), step for step with its own packet
// operations so that the rounding is its rounding, up to the final scaling.
Packet4d expPacket(const Packet4d input)
{
    using namespace Eigen::internal;
    Packet4d x = pmax(pmin(input, pset1<Packet4d>(709.784)), pset1<Packet4d>(-709.784));
    Packet4d fx = pfloor(pmadd(pset1<Packet4d>(1.4426950408889634073599), x, pset1<Packet4d>(0.5)));
    const Packet4d tmp = pmul(fx, pset1<Packet4d>(0.693145751953125));
    const Packet4d z = pmul(fx, pset1<Packet4d>(1.42860682030941723212e-6));
    x = psub(x, tmp);
    x = psub(x, z);
    const Packet4d x2 = pmul(x, x);
    Packet4d px = pset1<Packet4d>(1.26177193074810590878e-4);
    px = pmadd(px, x2, pset1<Packet4d>(3.02994407707441961300e-2));
    px = pmadd(px, x2, pset1<Packet4d>(9.99999999999999999910e-1));
    px = pmul(px, x);
    Packet4d qx = pset1<Packet4d>(3.00198505138664455042e-6);
    qx = pmadd(qx, x2, pset1<Packet4d>(2.52448340349684104192e-3));
    qx = pmadd(qx, x2, pset1<Packet4d>(2.27265548208155028766e-1));
    qx = pmadd(qx, x2, pset1<Packet4d>(2.00000000000000000009e0));
    x = pdiv(px, psub(qx, px));
    x = pmadd(pset1<Packet4d>(2.0), x, pset1<Packet4d>(1.0));
    // 2^fx from its bits: for |x| < 700, fx is an integer in [−1010, 1010], a normal exponent.
    const __m256i bits = _mm256_slli_epi64(
        _mm256_add_epi64(_mm256_cvtepi32_epi64(_mm256_cvtpd_epi32(fx)), _mm256_set1_epi64x(1023)), 52);
    return pmax(pmul(x, _mm256_castsi256_pd(bits)), input);
}

} // namespace

void vectorExp(const double* in, double* out, int n)
{
    using namespace Eigen::internal;
    // Eigen peels scalars until the destination is 32-byte aligned.
    int i = 0;
    while (i < n && (reinterpret_cast<std::uintptr_t>(out + i) % 32) != 0) {
        out[i] = std::exp(in[i]);
        ++i;
    }
    const Packet4d limit = pset1<Packet4d>(700.0);
    for (; i + 4 <= n; i += 4) {
        const Packet4d x = ploadu<Packet4d>(in + i);
        // |x| < 700 in every lane (false for NaN): the fast scaling is exact.
        const bool normal = _mm256_movemask_pd(_mm256_cmp_pd(pabs(x), limit, _CMP_LT_OQ)) == 0xF;
        pstore(out + i, normal ? expPacket(x) : pexp(x));
    }
    for (; i < n; ++i)
        out[i] = std::exp(in[i]);
}
#else
void vectorExp(const double* in, double* out, int n)
{
    Eigen::Map<Eigen::ArrayXd>(out, n) = Eigen::Map<const Eigen::ArrayXd>(in, n).exp();
}
#endif

} // namespace plab
