#pragma once
// A sweep: one experiment run at every point of a set of parameter axes, for every seed.
//
//   {"experiment": "em-mixture", "seconds": 30, "set": {"data": "synthetic"},
//    "grid": {"learning_rate": [0.01, 0.02]}, "seeds": [1, 2, 3]}
//
// `set` is fixed for every point; `grid` is a cartesian product; `zip` holds lists that vary
// together (equal lengths); `list` is an array of objects, each one combination; `seeds` is a
// list or a range text ("1-20", "1-5,9"). An axis may also be a placeholder of the commands
// template ("commands": ["{lesion_at} lesion zv-digit 2"] or a file name), e.g. a lesion's time.
// The points are the product list × grid × zip × seeds, seeds varying fastest.
#include <QByteArray>
#include <QJsonObject>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace plab {

using AxisValues = std::vector<std::pair<std::string, std::string>>;  // name, value text

struct SweepPoint {
    std::string folder;       // "learning_rate=0.01,seed=1": parameters and seed
    std::string group;        // "learning_rate=0.01": the point without its seed ("all": no axes)
    AxisValues axes;          // this point's value of every axis, in the sweep's axis order
    std::uint64_t seed = 1;
    std::vector<std::string> assignments;  // "name=value" for run --set: `set` and parameter axes
    std::string commands;     // the commands file for this point ("" when the sweep has none)
};

struct SweepSpec {
    std::string source;       // the spec file, for messages
    std::string experiment;
    std::optional<double> seconds;
    std::vector<std::string> axisNames;
    std::vector<std::uint64_t> seeds;
    std::vector<SweepPoint> points;
    QJsonObject json;         // the spec as read, a commands file's text inlined

    /// Reads and checks a spec: every value against the experiment's parameter ranges, the
    /// commands of the first point against the experiment. InputError "FILE: PLACE: why"
    /// (PLACE as "grid.learning_rate[1]"), or FILE:LINE:COLUMN for JSON syntax.
    static SweepSpec read(const std::string& path);
    static SweepSpec parse(const QByteArray& text, const std::string& source, const std::string& folder);

    /// DIR/sweep.json: the spec and every point, the same bytes for the same spec.
    QByteArray sweepJson() const;
};

/// A text as part of a file or folder name: letters, digits and . + - _ = stay, anything else
/// (a path's '/', a space) becomes '_'.
std::string folderSafe(const std::string& text);

/// "1-20", "1-5,9" → the seeds; InputError on anything else.
std::vector<std::uint64_t> parseSeedRanges(const std::string& text);

} // namespace plab
