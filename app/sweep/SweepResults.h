#pragma once
// A sweep's finished runs, read back from its folder: what `collect` writes as tidy CSV and
// statistics, and what the application's sweep view draws.
#include "SweepSpec.h"

#include "analysis/Statistics.h"

#include <string>
#include <vector>

namespace plab {

struct SweepRun {
    std::string folder;   // DIR/folder holds the run's files
    std::string group;    // the point without its seed
    AxisValues axes;
    std::uint64_t seed = 0;
    std::vector<std::string> metrics;               // metrics.csv's columns after t
    std::vector<std::string> times;                 // as written
    std::vector<std::vector<std::string>> values;   // [row][metric], as written
    std::vector<std::pair<std::string, double>> finals;  // summary.json's numeric metrics
};

/// One point's spread over seeds of one metric, at each time some run of it recorded.
struct SweepBand {
    std::string group;
    std::vector<double> times;
    std::vector<Spread> spread;
    std::vector<const SweepRun*> runs;
};

class SweepResults {
public:
    /// Reads DIR/sweep.json and every finished point (summary.json present). InputError when DIR
    /// is not a sweep or a finished run's files are malformed (FILE:LINE).
    static SweepResults load(const std::string& dir);

    const std::string& dir() const { return dir_; }
    const std::string& experiment() const { return experiment_; }
    const std::vector<std::string>& axisNames() const { return axisNames_; }
    const std::vector<SweepRun>& runs() const { return runs_; }
    std::size_t pointCount() const { return pointCount_; }
    /// Folders of the points without a finished run.
    const std::vector<std::string>& unfinished() const { return unfinished_; }
    /// The points without their seeds, in the sweep's order.
    const std::vector<std::string>& groups() const { return groups_; }
    /// Every metric some run recorded over time, in the first run's column order.
    std::vector<std::string> metrics() const;

    std::vector<SweepBand> bands(const std::string& metric) const;

    /// point,<axes>,seed,t,metric,value: one row per run, time and metric; the summary's final
    /// metrics with t = "final".
    std::string runsCsv() const;
    /// point,<axes>,t,metric,n,mean,sd,ci95_low,ci95_high,min,max: over the seeds of each point, at each
    /// time and for the final metrics (t = "final").
    std::string summaryCsv() const;

private:
    std::string pointHeader() const;
    static std::string pointCells(const SweepRun& run);

    std::string dir_, experiment_;
    std::vector<std::string> axisNames_;
    std::vector<SweepRun> runs_;
    std::vector<std::string> unfinished_, groups_;
    std::size_t pointCount_ = 0;
};

} // namespace plab
