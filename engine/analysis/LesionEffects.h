#pragma once
// What each lesion did to an experiment's performance, from its metric series: the level
// before, the drop, the time to recover to 80 % of the level before, and where it ends.
//
//   before:        mean performance over `window` s before the lesion
//   after:         the lowest performance in the `window` s after it (window-based measures,
//                  such as nmi over the last measure_window, show a lesion only gradually)
//   recovery_time: from the lesion to the end of the first `window` wholly after it (and
//                  ending after the lowest point) whose mean is back to 80 % of `before`; so
//                  never below `window`; NaN if it never is
//   final:         mean performance over the last `window` s before the next lesion or the end
// Reported relative to `before` (lesionK_relative_after, lesionK_relative_final) and in s
// (lesionK_recovery_time), with lesionK_time and lesionK_before.
#include "core/Metrics.h"

#include <string>
#include <vector>

namespace plab {

struct PerformanceMeasure {
    std::string series;        // a column of the metric series
    bool oneMinus = false;     // performance = 1 − value (a ratio where 0 is best)
    double window = 60;        // s
};

void appendLesionEffects(MetricList& metrics, const MetricSeries& series, const std::vector<double>& lesionTimes,
                         const PerformanceMeasure& measure);

} // namespace plab
