#pragma once
// Small statistics the experiments report: the Kolmogorov–Smirnov distance to a normal
// distribution, least-squares slopes, the autocorrelation time of a series, and the spread of
// a metric over seeds (mean, sd, 95 % confidence interval) that sweeps report.
#include <cstddef>
#include <vector>

namespace plab {

double normalCdf(double x, double mean, double sd);
/// sup_x |F_empirical(x) − Φ((x − mean)/sd)| over the sample (sorted inside).
double ksDistanceToNormal(std::vector<double> sample, double mean, double sd);
/// Slope of the least-squares line through (x, y).
double leastSquaresSlope(const std::vector<double>& x, const std::vector<double>& y);
/// Lag (in samples) at which the autocorrelation of a stationary series first falls below
/// 1/e, linearly interpolated; −1 if it never does within maxLag.
double autocorrelationTime(const std::vector<double>& series, int maxLag);

/// The p-quantile of Student's t distribution with df degrees of freedom (df > 0, 0 < p < 1).
double studentTQuantile(double p, double df);

/// A metric over n runs: mean, sample sd, and the 95 % confidence interval of the mean
/// (mean ± t(0.975, n−1) · sd / √n), and the smallest and largest value. With one run, sd is 0
/// and the interval is the value itself.
struct Spread {
    std::size_t n = 0;
    double mean = 0, sd = 0, ciLow = 0, ciHigh = 0, min = 0, max = 0;
};
Spread spreadOf(const std::vector<double>& values);

} // namespace plab
