#include "StdpEmRule.h"

#include "core/VectorExp.h"
#include "io/StateArchive.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

namespace plab {

double StdpEmRule::delta(double w, double y, double eta) const
{
    const double ew = std::exp(w - logC);
    return eta * (y - ew) / std::max(eta, ew);
}

double StdpEmRule::potentiation(double w, double y, double eta) const
{
    const double ew = std::exp(w - logC);
    return eta * y / std::max(eta, ew);
}

void StdpEmRule::updateRow(double* w, const double* y, int n, double eta) const
{
    if (depression == Depression::Constant) {
        // Δw = η (y − e^{w'}) / max(η, e^{w'}), four synapses at a time with Eigen's vectorised
        // exp (a row is every input, most of which did not fire: there Δw = −min(η, e^{w'})).
        constexpr int kChunk = 256;
        alignas(64) double ew[kChunk];
        for (int from = 0; from < n; from += kChunk) {
            const int m = std::min(kChunk, n - from);
            Eigen::Map<Eigen::ArrayXd> wa(w + from, m);
            const Eigen::Map<const Eigen::ArrayXd> ya(y + from, m);
            Eigen::Map<Eigen::ArrayXd> e(ew, m);
            e = wa - logC;
            vectorExp(ew, ew, m);  // Eigen's exp(), bit for bit, faster
            wa = (wa + eta * (ya - e) / e.max(eta)).max(wMin).min(wMax);
        }
    } else {
        for (int i = 0; i < n; ++i)
            if (y[i] > 0)
                w[i] = clip(w[i] + potentiation(w[i], y[i], eta));
    }
}

void StdpEmRule::updateRowAdaptive(double* w, const double* y, int n, double eta0, double* s, double* q) const
{
    for (int i = 0; i < n; ++i) {
        const double eta = VarianceTracker::rate(eta0, s[i], q[i]);
        if (depression == Depression::Constant)
            w[i] = clip(w[i] + delta(w[i], y[i], eta));
        else if (y[i] > 0)
            w[i] = clip(w[i] + potentiation(w[i], y[i], eta));
        VarianceTracker::track(s[i], q[i], w[i], eta);
    }
}

double BiasRule::delta(double b, double z, double eta, double share) const
{
    switch (mode) {
    case Mode::Fixed:
        return 0.0;
    case Mode::Learned: {
        const double eb = std::exp(b);
        return eta * (z - eb) / std::max(eta, eb);
    }
    case Mode::Homeostatic:
        return eta * (share - z);
    }
    return 0.0;
}

void StdpEmRule::serialize(StateArchive& a)
{
    a.value(logC);
    a.value(wMin);
    a.value(wMax);
    int d = int(depression);
    a.value(d);
    if (a.reading() && (d < 0 || d > 1))
        a.fail("depression mode " + std::to_string(d));
    depression = Depression(d);
}

void BiasRule::serialize(StateArchive& a)
{
    int m = int(mode);
    a.value(m);
    if (a.reading() && (m < 0 || m > 2))
        a.fail("bias mode " + std::to_string(m));
    mode = Mode(m);
    a.value(bMin);
    a.value(bMax);
}

} // namespace plab
