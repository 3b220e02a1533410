#pragma once
// Small statistics the experiments report: the Kolmogorov–Smirnov distance to a normal
// distribution, least-squares slopes, the autocorrelation time of a series.
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

} // namespace plab
