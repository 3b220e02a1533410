#include "Statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>

namespace plab {

double normalCdf(double x, double mean, double sd)
{
    return 0.5 * std::erfc(-(x - mean) / (sd * std::numbers::sqrt2));
}

double ksDistanceToNormal(std::vector<double> sample, double mean, double sd)
{
    if (sample.empty())
        return 1.0;
    std::sort(sample.begin(), sample.end());
    const double n = double(sample.size());
    double d = 0;
    for (std::size_t i = 0; i < sample.size(); ++i) {
        const double f = normalCdf(sample[i], mean, sd);
        d = std::max({d, std::fabs(double(i + 1) / n - f), std::fabs(f - double(i) / n)});
    }
    return d;
}

double leastSquaresSlope(const std::vector<double>& x, const std::vector<double>& y)
{
    const std::size_t n = std::min(x.size(), y.size());
    if (n < 2)
        return std::nan("");
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < n; ++i) {
        mx += x[i] / double(n);
        my += y[i] / double(n);
    }
    double sxy = 0, sxx = 0;
    for (std::size_t i = 0; i < n; ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxx > 0 ? sxy / sxx : std::nan("");
}

double autocorrelationTime(const std::vector<double>& s, int maxLag)
{
    const std::size_t n = s.size();
    if (n < 3)
        return -1;
    double mean = 0;
    for (double x : s)
        mean += x / double(n);
    double var = 0;
    for (double x : s)
        var += (x - mean) * (x - mean);
    if (var <= 0)
        return -1;
    double previous = 1.0;
    for (int lag = 1; lag <= maxLag && std::size_t(lag) < n; ++lag) {
        double c = 0;
        for (std::size_t i = 0; i + std::size_t(lag) < n; ++i)
            c += (s[i] - mean) * (s[i + std::size_t(lag)] - mean);
        const double rho = c / var;
        if (rho < std::exp(-1.0)) {
            const double target = std::exp(-1.0);
            return double(lag - 1) + (previous - target) / (previous - rho);
        }
        previous = rho;
    }
    return -1;
}

namespace {

/// P(0 < T < x) for x ≥ 0: Simpson's rule on the density, which is smooth and bounded, so
/// 4000 panels give about 1e-12 even for df = 1 at the 0.999 quantile.
double studentTMassFromZero(double x, double df)
{
    const double logNorm = std::lgamma(0.5 * (df + 1)) - std::lgamma(0.5 * df) - 0.5 * std::log(df * std::numbers::pi);
    const auto density = [&](double u) { return std::exp(logNorm - 0.5 * (df + 1) * std::log1p(u * u / df)); };
    const int panels = 4000;
    const double h = x / panels;
    double sum = density(0) + density(x);
    for (int i = 1; i < panels; ++i)
        sum += (i % 2 ? 4 : 2) * density(i * h);
    return sum * h / 3;
}

} // namespace

double studentTQuantile(double p, double df)
{
    if (!(p > 0 && p < 1) || !(df > 0))
        return std::numeric_limits<double>::quiet_NaN();
    if (p < 0.5)
        return -studentTQuantile(1 - p, df);
    // Bisection on the monotone CDF; the bracket widens until it holds the quantile.
    double lo = 0, hi = 1;
    while (0.5 + studentTMassFromZero(hi, df) < p && hi < 1e8)
        hi *= 2;
    for (int i = 0; i < 100 && hi - lo > 1e-12 * hi; ++i) {
        const double mid = 0.5 * (lo + hi);
        (0.5 + studentTMassFromZero(mid, df) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

Spread spreadOf(const std::vector<double>& values)
{
    Spread s;
    s.n = values.size();
    if (s.n == 0)
        return s;
    double sum = 0;
    for (double v : values)
        sum += v;
    s.mean = sum / double(s.n);
    s.ciLow = s.ciHigh = s.mean;
    s.min = *std::min_element(values.begin(), values.end());
    s.max = *std::max_element(values.begin(), values.end());
    if (s.n < 2)
        return s;
    double squares = 0;
    for (double v : values)
        squares += (v - s.mean) * (v - s.mean);
    s.sd = std::sqrt(squares / double(s.n - 1));
    // The quantile costs milliseconds (bisection on a numerical integral); a sweep's summary asks
    // for the same few degrees of freedom thousands of times.
    thread_local std::map<std::size_t, double> quantiles;
    auto q = quantiles.find(s.n - 1);
    if (q == quantiles.end())
        q = quantiles.emplace(s.n - 1, studentTQuantile(0.975, double(s.n - 1))).first;
    const double half = q->second * s.sd / std::sqrt(double(s.n));
    s.ciLow = s.mean - half;
    s.ciHigh = s.mean + half;
    return s;
}

} // namespace plab
