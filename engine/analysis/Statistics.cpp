#include "Statistics.h"

#include <algorithm>
#include <cmath>
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

} // namespace plab
