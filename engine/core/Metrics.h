#pragma once
// What an experiment reports: time series (metrics.csv, the GUI's charts) and a summary
// (summary.json's "metrics").
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace plab {

class StateArchive;

using MetricValue = std::variant<double, std::vector<double>>;
using MetricList = std::vector<std::pair<std::string, MetricValue>>;

/// Rows of (t, values...) sampled at the recording interval.
struct MetricSeries {
    std::vector<std::string> names;  // without "t"
    std::vector<double> times;
    std::vector<std::vector<double>> rows;

    void clear() { times.clear(); rows.clear(); }
    std::size_t size() const { return times.size(); }
    void serialize(StateArchive& a);
};

} // namespace plab
