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
// (lesionK_recovery_time), with lesionK_time and lesionK_before; the relative figures are NaN
// where `before` is not above 0.
#include "core/Metrics.h"

#include <string>
#include <vector>

namespace plab {

struct PerformanceMeasure {
    std::string series;        // a column of the metric series
    bool oneMinus = false;     // performance = 1 − value (a ratio where 0 is best)
    double window = 60;        // s
};

struct LesionEffect {
    double time = 0;           // when the lesion applied (s)
    double before = 0;         // performance before it
    double relativeAfter = 0;  // its lowest point after, relative to before
    double recoveryTime = 0;   // s from the lesion to 80 % of before; NaN: not (yet)
    double relativeFinal = 0;  // the last window's mean before the next lesion or the end, relative to before
};

/// One effect per lesion time; empty if the series lacks the measure's column. Linear in
/// the series' length per lesion, so the GUI can recompute it as rows arrive.
std::vector<LesionEffect> lesionEffects(const MetricSeries& series, const std::vector<double>& lesionTimes,
                                        const PerformanceMeasure& measure);

/// Mean performance over the last `window` s of the series; NaN if there is none.
double recentPerformance(const MetricSeries& series, const PerformanceMeasure& measure);

void appendLesionEffects(MetricList& metrics, const MetricSeries& series, const std::vector<double>& lesionTimes,
                         const PerformanceMeasure& measure);

} // namespace plab
