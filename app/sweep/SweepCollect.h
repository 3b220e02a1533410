#pragma once
// `plasticity-lab collect DIR`: a sweep's runs gathered into DIR/collected/runs.csv (tidy),
// summary.csv (mean, sd, 95 % CI per point and time, and of the final metrics) and
// figures/METRIC.png and .svg (each metric over time, one band per point).
#include "CommandLine.h"

#include "SweepPlot.h"

namespace plab {

class SweepResults;

/// One metric of the sweep as the plot draws it: mean and 95 % band per point, a line per seed.
SweepFigure sweepFigure(const SweepResults& results, const std::string& metric);

/// Returns the exit status: 0 written (unfinished points are listed on stderr and left out).
int collectSweep(const CollectOptions& options);

} // namespace plab
