#pragma once
// `plasticity-lab collect DIR`: a sweep's runs gathered into DIR/collected/runs.csv (tidy),
// summary.csv (mean, sd, 95 % CI per point and time, and of the final metrics) and
// figures/METRIC.png and .svg (each metric over time, one band per point), and for each
// numeric axis figures/against-AXIS/METRIC.png and .svg (each final metric against it).
#include "CommandLine.h"

#include "SweepPlot.h"

namespace plab {

class SweepResults;

/// One metric of the sweep as the plot draws it: mean and 95 % band per point, a line per seed.
SweepFigure sweepFigure(const SweepResults& results, const std::string& metric);

/// The sweep's numeric axes with at least three values: what a dose–response figure can be
/// drawn against.
std::vector<std::string> doseAxes(const SweepResults& results);

/// A final metric (summary.json) against a numeric axis, e.g. performance against the fraction
/// lesioned: a line per value of the other axes (mean and 95 % band over seeds), a thin line
/// per seed.
SweepFigure doseResponseFigure(const SweepResults& results, const std::string& axis, const std::string& metric);

/// The final metrics some run reported as a number, in the first run's order.
std::vector<std::string> finalMetrics(const SweepResults& results);

/// Returns the exit status: 0 written (unfinished points are listed on stderr and left out).
int collectSweep(const CollectOptions& options);

} // namespace plab
