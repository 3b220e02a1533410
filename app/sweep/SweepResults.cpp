#include "SweepResults.h"

#include "JsonFile.h"

#include "core/Error.h"
#include "core/Parameters.h"

#include <QFile>
#include <QJsonArray>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace plab {

namespace fs = std::filesystem;

namespace {

QByteArray readAll(const fs::path& path)
{
    QFile file(QString::fromStdString(path.string()));
    if (!file.open(QIODevice::ReadOnly))
        throw InputError(path.string() + ": cannot read: " + file.errorString().toStdString());
    return file.readAll();
}

std::vector<std::string> splitCsvLine(const std::string& line)
{
    std::vector<std::string> cells;
    std::stringstream s(line);
    std::string cell;
    while (std::getline(s, cell, ','))
        cells.push_back(cell);
    if (!line.empty() && line.back() == ',')
        cells.emplace_back();
    return cells;
}

/// RFC 4180: a field with a comma, quote or line break is quoted (the points' names have commas).
std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

bool asNumber(const std::string& text, double& value)
{
    return parseNumber(text, value) && std::isfinite(value);
}

void readMetrics(const fs::path& path, SweepRun& run)
{
    std::istringstream in(readAll(path).toStdString());
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            continue;
        std::vector<std::string> cells = splitCsvLine(line);
        if (number == 1) {
            if (cells.empty() || cells.front() != "t")
                throw InputError(path.string() + ":1: not a metrics file (its first column is not t)");
            run.metrics.assign(cells.begin() + 1, cells.end());
            continue;
        }
        if (cells.size() != run.metrics.size() + 1)
            throw InputError(path.string() + ":" + std::to_string(number) + ": " + std::to_string(cells.size())
                             + " cells, the header has " + std::to_string(run.metrics.size() + 1));
        run.times.push_back(cells.front());
        run.values.emplace_back(cells.begin() + 1, cells.end());
    }
    if (number == 0)
        throw InputError(path.string() + ": empty file, not a metrics file");
}

} // namespace

SweepResults SweepResults::load(const std::string& dir)
{
    const fs::path sweepJson = fs::path(dir) / "sweep.json";
    if (!fs::exists(sweepJson))
        throw InputError(dir + ": not a sweep folder (it has no sweep.json; plasticity-lab sweep writes one)");
    const QJsonObject sweep = parseJsonObject(readAll(sweepJson), sweepJson.string(), "sweep file");
    if (sweep.value("format").toString() != "plasticity-lab sweep")
        throw InputError(sweepJson.string() + ": not a Plasticity Lab sweep file");
    if (sweep.value("version").toInt() != 1)
        throw InputError(sweepJson.string() + ": sweep file version " + std::to_string(sweep.value("version").toInt())
                         + "; this program reads version 1");
    SweepResults r;
    r.dir_ = dir;
    r.experiment_ = sweep.value("experiment").toString().toStdString();
    for (const auto& a : sweep.value("axes").toArray())
        r.axisNames_.push_back(a.toString().toStdString());
    std::set<std::string> seenGroups;
    const QJsonArray points = sweep.value("points").toArray();
    r.pointCount_ = std::size_t(points.size());
    for (const auto& v : points) {
        const QJsonObject p = v.toObject();
        SweepRun run;
        run.folder = p.value("folder").toString().toStdString();
        run.group = p.value("point").toString().toStdString();
        run.seed = std::uint64_t(p.value("seed").toDouble());
        const QJsonObject values = p.value("values").toObject();
        for (const auto& a : r.axisNames_)
            run.axes.emplace_back(a, values.value(QString::fromStdString(a)).toString().toStdString());
        if (run.folder.empty() || run.folder.find('/') != std::string::npos || run.folder == "..")
            throw InputError(sweepJson.string() + ": a point's folder must be a plain name, got '" + run.folder + "'");
        if (seenGroups.insert(run.group).second)
            r.groups_.push_back(run.group);
        const fs::path folder = fs::path(dir) / run.folder;
        const fs::path summaryPath = folder / "summary.json";
        if (!fs::exists(summaryPath)) {
            r.unfinished_.push_back(run.folder);
            continue;
        }
        const QJsonObject summary = parseJsonObject(readAll(summaryPath), summaryPath.string(), "run summary");
        if (summary.value("complete").toBool(true) == false) {
            r.unfinished_.push_back(run.folder);
            continue;
        }
        const QJsonObject metrics = summary.value("metrics").toObject();
        for (auto it = metrics.begin(); it != metrics.end(); ++it)
            if (it.value().isDouble())
                run.finals.emplace_back(it.key().toStdString(), it.value().toDouble());
        readMetrics(folder / "metrics.csv", run);
        r.runs_.push_back(std::move(run));
    }
    return r;
}

std::vector<std::string> SweepResults::metrics() const
{
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (const SweepRun& run : runs_)
        for (const auto& m : run.metrics)
            if (seen.insert(m).second)
                names.push_back(m);
    return names;
}

std::vector<SweepBand> SweepResults::bands(const std::string& metric) const
{
    std::vector<SweepBand> out;
    for (const std::string& group : groups_) {
        SweepBand band;
        band.group = group;
        std::map<double, std::vector<double>> byTime;
        for (const SweepRun& run : runs_) {
            if (run.group != group)
                continue;
            const auto column = std::find(run.metrics.begin(), run.metrics.end(), metric);
            if (column == run.metrics.end())
                continue;
            band.runs.push_back(&run);
            const std::size_t c = std::size_t(column - run.metrics.begin());
            for (std::size_t row = 0; row < run.times.size(); ++row) {
                double t = 0, v = 0;
                if (asNumber(run.times[row], t) && asNumber(run.values[row][c], v))
                    byTime[t].push_back(v);
            }
        }
        for (const auto& [t, values] : byTime) {
            band.times.push_back(t);
            band.spread.push_back(spreadOf(values));
        }
        if (!band.runs.empty())
            out.push_back(std::move(band));
    }
    return out;
}

/// "point,<axis>,…" and a point's "name,<value>,…": the columns both CSV files begin with.
std::string SweepResults::pointHeader() const
{
    std::string out = "point";
    for (const auto& a : axisNames_)
        out += "," + csvField(a);
    return out;
}

std::string SweepResults::pointCells(const SweepRun& run)
{
    std::string out = csvField(run.group);
    for (const auto& [name, value] : run.axes)
        out += "," + csvField(value);
    return out;
}

std::string SweepResults::runsCsv() const
{
    std::string out = pointHeader() + ",seed,t,metric,value\n";
    for (const SweepRun& run : runs_) {
        const std::string head = pointCells(run) + "," + std::to_string(run.seed) + ",";
        for (std::size_t row = 0; row < run.times.size(); ++row)
            for (std::size_t c = 0; c < run.metrics.size(); ++c)
                out += head + run.times[row] + "," + csvField(run.metrics[c]) + "," + run.values[row][c] + "\n";
        for (const auto& [name, value] : run.finals)
            out += head + "final," + csvField(name) + "," + formatNumber(value) + "\n";
    }
    return out;
}

std::string SweepResults::summaryCsv() const
{
    std::string out = pointHeader() + ",t,metric,n,mean,sd,ci95_low,ci95_high,min,max\n";
    const auto row = [](const std::string& head, const std::string& t, const std::string& metric, const Spread& s) {
        return head + t + "," + csvField(metric) + "," + std::to_string(s.n) + "," + formatNumber(s.mean) + ","
               + formatNumber(s.sd) + "," + formatNumber(s.ciLow) + "," + formatNumber(s.ciHigh) + ","
               + formatNumber(s.min) + "," + formatNumber(s.max) + "\n";
    };
    std::vector<std::pair<std::string, std::vector<SweepBand>>> bandsByMetric;  // once, in metric order
    for (const std::string& metric : metrics())
        bandsByMetric.emplace_back(metric, bands(metric));
    for (const std::string& group : groups_) {
        const SweepRun* first = nullptr;
        for (const SweepRun& run : runs_)
            if (run.group == group && !first)
                first = &run;
        if (!first)
            continue;
        const std::string head = pointCells(*first) + ",";
        for (const auto& [metric, metricBands] : bandsByMetric)
            for (const SweepBand& band : metricBands)
                if (band.group == group)
                    for (std::size_t i = 0; i < band.times.size(); ++i)
                        out += row(head, formatNumber(band.times[i]), metric, band.spread[i]);
        // Final metrics, in the first run's order.
        for (const auto& [name, unused] : first->finals) {
            std::vector<double> values;
            for (const SweepRun& run : runs_)
                if (run.group == group)
                    for (const auto& [n, v] : run.finals)
                        if (n == name && std::isfinite(v))
                            values.push_back(v);
            out += row(head, "final", name, spreadOf(values));
        }
    }
    return out;
}

} // namespace plab
