#include "LesionEffects.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plab {

void appendLesionEffects(MetricList& metrics, const MetricSeries& series, const std::vector<double>& lesionTimes,
                         const PerformanceMeasure& measure)
{
    const auto column = std::find(series.names.begin(), series.names.end(), measure.series);
    if (column == series.names.end() || lesionTimes.empty())
        return;
    const std::size_t c = std::size_t(column - series.names.begin());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto perf = [&](std::size_t row) {
        const double x = series.rows[row][c];
        return measure.oneMinus ? 1.0 - x : x;
    };
    const double eps = 1e-9;
    // Mean over rows with from < t <= to (NaN rows skipped).
    const auto mean = [&](double from, double to) {
        double sum = 0;
        int n = 0;
        for (std::size_t r = 0; r < series.size(); ++r)
            if (series.times[r] > from + eps && series.times[r] <= to + eps && std::isfinite(perf(r))) {
                sum += perf(r);
                ++n;
            }
        return n ? sum / n : nan;
    };
    const double end = series.size() ? series.times.back() : 0.0;
    for (std::size_t k = 0; k < lesionTimes.size(); ++k) {
        const double at = lesionTimes[k];
        const double until = k + 1 < lesionTimes.size() ? lesionTimes[k + 1] : end;
        // A row at the lesion's own time was taken before it applied (rows close a step).
        const double before = mean(at - measure.window, at);
        double lowest = std::numeric_limits<double>::infinity();
        std::size_t lowestRow = series.size();
        for (std::size_t r = 0; r < series.size(); ++r) {
            const double t = series.times[r];
            if (t > at + eps && t <= std::min(until, at + measure.window) + eps && std::isfinite(perf(r)) && perf(r) < lowest) {
                lowest = perf(r);
                lowestRow = r;
            }
        }
        // Recovered at the end of the first window, wholly after the lesion and ending after
        // the lowest point, whose mean is back to 80 %: single rows scatter.
        double recovery = nan;
        if (lowestRow < series.size() && std::isfinite(before))
            for (std::size_t r = lowestRow; r < series.size() && series.times[r] <= until + eps; ++r) {
                const double t = series.times[r];
                if (t - measure.window >= at - eps && mean(t - measure.window, t) >= 0.8 * before) {
                    recovery = t - at;
                    break;
                }
            }
        const double final = mean(std::max(at, until - measure.window), until);
        const std::string name = "lesion" + std::to_string(k + 1) + "_";
        metrics.push_back({name + "time", at});
        metrics.push_back({name + "before", before});
        metrics.push_back({name + "relative_after", std::isfinite(lowest) ? lowest / before : nan});
        metrics.push_back({name + "recovery_time", recovery});
        metrics.push_back({name + "relative_final", final / before});
    }
}

} // namespace plab
