#include "LesionEffects.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plab {

std::vector<LesionEffect> lesionEffects(const MetricSeries& series, const std::vector<double>& lesionTimes,
                                        const PerformanceMeasure& measure)
{
    std::vector<LesionEffect> effects;
    const auto column = std::find(series.names.begin(), series.names.end(), measure.series);
    if (column == series.names.end() || lesionTimes.empty())
        return effects;
    const std::size_t c = std::size_t(column - series.names.begin());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::size_t n = series.size();
    std::vector<double> perf(n);
    for (std::size_t r = 0; r < n; ++r) {
        const double x = series.rows[r][c];
        perf[r] = measure.oneMinus ? 1.0 - x : x;
    }
    // Prefix sums over the finite rows: any window's mean in O(log n).
    std::vector<double> sum(n + 1, 0.0);
    std::vector<int> count(n + 1, 0);
    for (std::size_t r = 0; r < n; ++r) {
        const bool ok = std::isfinite(perf[r]);
        sum[r + 1] = sum[r] + (ok ? perf[r] : 0.0);
        count[r + 1] = count[r] + (ok ? 1 : 0);
    }
    const double eps = 1e-9;
    // First row with time > t (+eps): rows up to t are before it.
    const auto after = [&](double t) {
        return std::size_t(std::upper_bound(series.times.begin(), series.times.end(), t + eps) - series.times.begin());
    };
    // Mean over rows with from < t <= to (NaN rows skipped).
    const auto mean = [&](double from, double to) {
        const std::size_t a = after(from), b = after(to);
        if (b <= a || count[b] == count[a])
            return nan;
        return (sum[b] - sum[a]) / (count[b] - count[a]);
    };
    const double end = n ? series.times.back() : 0.0;
    for (std::size_t k = 0; k < lesionTimes.size(); ++k) {
        const double at = lesionTimes[k];
        const double until = k + 1 < lesionTimes.size() ? lesionTimes[k + 1] : end;
        // A row at the lesion's own time was taken before it applied (rows close a step).
        const double before = mean(at - measure.window, at);
        double lowest = std::numeric_limits<double>::infinity();
        std::size_t lowestRow = n;
        for (std::size_t r = after(at); r < n && series.times[r] <= std::min(until, at + measure.window) + eps; ++r)
            if (std::isfinite(perf[r]) && perf[r] < lowest) {
                lowest = perf[r];
                lowestRow = r;
            }
        // Recovered at the end of the first window, wholly after the lesion and ending after
        // the lowest point, whose mean is back to 80 %: single rows scatter.
        double recovery = nan;
        if (lowestRow < n && before > 0)
            for (std::size_t r = lowestRow; r < n && series.times[r] <= until + eps; ++r) {
                const double t = series.times[r];
                if (t - measure.window >= at - eps && mean(t - measure.window, t) >= 0.8 * before) {
                    recovery = t - at;
                    break;
                }
            }
        const double final = mean(std::max(at, until - measure.window), until);
        if (!(before > 0)) {  // no level to be relative to (1 − KL can fall below 0)
            effects.push_back({at, before, nan, nan, nan});
            continue;
        }
        effects.push_back({at, before, std::isfinite(lowest) ? lowest / before : nan, recovery, final / before});
    }
    return effects;
}

double recentPerformance(const MetricSeries& series, const PerformanceMeasure& measure)
{
    const auto column = std::find(series.names.begin(), series.names.end(), measure.series);
    if (column == series.names.end() || series.size() == 0)
        return std::numeric_limits<double>::quiet_NaN();
    const std::size_t c = std::size_t(column - series.names.begin());
    const double from = series.times.back() - measure.window;
    double sum = 0;
    int n = 0;
    for (std::size_t r = series.size(); r-- > 0 && series.times[r] > from + 1e-9;) {
        const double x = measure.oneMinus ? 1.0 - series.rows[r][c] : series.rows[r][c];
        if (std::isfinite(x)) {
            sum += x;
            ++n;
        }
    }
    return n ? sum / n : std::numeric_limits<double>::quiet_NaN();
}

void appendLesionEffects(MetricList& metrics, const MetricSeries& series, const std::vector<double>& lesionTimes,
                         const PerformanceMeasure& measure)
{
    const auto effects = lesionEffects(series, lesionTimes, measure);
    for (std::size_t k = 0; k < effects.size(); ++k) {
        const LesionEffect& e = effects[k];
        const std::string name = "lesion" + std::to_string(k + 1) + "_";
        metrics.push_back({name + "time", e.time});
        metrics.push_back({name + "before", e.before});
        metrics.push_back({name + "relative_after", e.relativeAfter});
        metrics.push_back({name + "recovery_time", e.recoveryTime});
        metrics.push_back({name + "relative_final", e.relativeFinal});
    }
}

} // namespace plab
