#include "SweepCollect.h"

#include "SweepResults.h"
#include "SweepSpec.h"

#include "core/Error.h"
#include "core/ExperimentRegistry.h"
#include "core/Parameters.h"
#include "io/RunOutput.h"

#include <QGuiApplication>
#include <QSize>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <memory>

namespace plab {

namespace fs = std::filesystem;

SweepFigure sweepFigure(const SweepResults& results, const std::string& metric)
{
    SweepFigure figure;
    figure.title = QString::fromStdString(metric);
    std::size_t seeds = 0;
    for (const SweepBand& band : results.bands(metric)) {
        SweepFigure::Point point;
        point.name = QString::fromStdString(band.group);
        point.t = band.times;
        for (const Spread& s : band.spread) {
            point.mean.push_back(s.mean);
            point.low.push_back(s.ciLow);
            point.high.push_back(s.ciHigh);
        }
        for (const SweepRun* run : band.runs) {
            SweepFigure::Run line;
            line.label = QStringLiteral("seed %1").arg(run->seed);
            line.runFile = QString::fromStdString((fs::path(results.dir()) / run->folder / "run.json").string());
            const std::size_t c = std::size_t(std::find(run->metrics.begin(), run->metrics.end(), metric) - run->metrics.begin());
            for (std::size_t row = 0; row < run->times.size(); ++row) {
                double t = 0, v = 0;
                if (parseNumber(run->times[row], t) && parseNumber(run->values[row][c], v) && std::isfinite(v)) {
                    line.t.push_back(t);
                    line.v.push_back(v);
                }
            }
            point.runs.push_back(std::move(line));
        }
        seeds = std::max(seeds, band.runs.size());
        figure.points.push_back(std::move(point));
    }
    figure.subtitle = QStringLiteral("%1 · up to %2 seeds per point · thick: mean, band: 95 % CI of the mean, thin: "
                                     "single seeds")
                          .arg(QString::fromStdString(results.experiment()))
                          .arg(seeds);
    return figure;
}

std::vector<std::string> doseAxes(const SweepResults& results)
{
    std::vector<std::string> out;
    for (const std::string& axis : results.axisNames()) {
        std::set<double> values;
        bool numeric = true;
        for (const SweepRun& run : results.runs())
            for (const auto& [name, text] : run.axes)
                if (name == axis) {
                    double x = 0;
                    numeric = numeric && parseNumber(text, x);
                    values.insert(x);
                }
        if (numeric && values.size() >= 3)
            out.push_back(axis);
    }
    return out;
}

std::vector<std::string> finalMetrics(const SweepResults& results)
{
    std::vector<std::string> out;
    for (const SweepRun& run : results.runs())
        for (const auto& [name, value] : run.finals)
            if (std::find(out.begin(), out.end(), name) == out.end())
                out.push_back(name);
    return out;
}

SweepFigure doseResponseFigure(const SweepResults& results, const std::string& axis, const std::string& metric)
{
    // Lines: the points' other axes; along a line: the axis's values; over seeds: the band.
    struct Line {
        std::map<double, std::vector<double>> values;              // x -> one per seed
        std::map<std::uint64_t, std::map<double, double>> seeds;  // seed -> x -> value
        std::map<std::uint64_t, std::string> runFiles;
    };
    std::vector<std::pair<std::string, Line>> lines;
    for (const SweepRun& run : results.runs()) {
        double x = 0;
        std::string label;
        bool found = false;
        for (const auto& [name, text] : run.axes) {
            if (name == axis)
                found = parseNumber(text, x);
            else
                label += (label.empty() ? "" : ", ") + name + "=" + text;
        }
        const auto value = std::find_if(run.finals.begin(), run.finals.end(), [&](const auto& f) { return f.first == metric; });
        if (!found || value == run.finals.end() || !std::isfinite(value->second))
            continue;
        auto line = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.first == label; });
        if (line == lines.end()) {
            lines.push_back({label, {}});
            line = lines.end() - 1;
        }
        line->second.values[x].push_back(value->second);
        line->second.seeds[run.seed][x] = value->second;
        line->second.runFiles[run.seed] = (fs::path(results.dir()) / run.folder / "run.json").string();
    }
    SweepFigure figure;
    figure.title = QString::fromStdString(metric);
    figure.xLabel = QString::fromStdString(axis);
    std::size_t seeds = 0;
    for (const auto& [label, line] : lines) {
        SweepFigure::Point point;
        point.name = label.empty() ? QStringLiteral("all") : QString::fromStdString(label);
        for (const auto& [x, values] : line.values) {
            const Spread s = spreadOf(values);
            point.t.push_back(x);
            point.mean.push_back(s.mean);
            point.low.push_back(s.ciLow);
            point.high.push_back(s.ciHigh);
            seeds = std::max(seeds, values.size());
        }
        for (const auto& [seed, byX] : line.seeds) {
            SweepFigure::Run run;
            run.label = QStringLiteral("seed %1").arg(seed);
            run.runFile = QString::fromStdString(line.runFiles.at(seed));  // the last of its points
            for (const auto& [x, v] : byX) {
                run.t.push_back(x);
                run.v.push_back(v);
            }
            point.runs.push_back(std::move(run));
        }
        figure.points.push_back(std::move(point));
    }
    figure.subtitle = QStringLiteral("%1 · final value against %2 · up to %3 seeds per point · thick: mean, band: "
                                     "95 % CI of the mean, thin: single seeds")
                          .arg(QString::fromStdString(results.experiment()), QString::fromStdString(axis))
                          .arg(seeds);
    return figure;
}

int collectSweep(const CollectOptions& options)
{
    const SweepResults results = SweepResults::load(options.dir);
    if (results.runs().empty())
        throw InputError(options.dir + ": none of its " + std::to_string(results.pointCount())
                         + " runs has finished yet (no summary.json)");
    const fs::path out = fs::path(options.dir) / "collected";
    const fs::path figures = out / "figures";
    std::error_code ec;
    fs::create_directories(figures, ec);
    if (ec)
        throw InputError(figures.string() + ": cannot create folder: " + ec.message());
    writeFileAtomically((out / "runs.csv").string(), results.runsCsv());
    writeFileAtomically((out / "summary.csv").string(), results.summaryCsv());

    // Figures need fonts, hence a QGuiApplication; the offscreen platform needs no display.
    std::unique_ptr<QGuiApplication> app;
    if (!QGuiApplication::instance()) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // Qt's note that XDG_RUNTIME_DIR is unset concerns a folder collect never uses.
        qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& text) {
            if (!text.startsWith(QLatin1String("QStandardPaths:")))
                std::fprintf(stderr, "%s%s\n", type == QtWarningMsg ? "collect: Qt: " : "", qPrintable(text));
        });
        static int argc = 1;
        static char name[] = "plasticity-lab";
        static char* argv[] = {name, nullptr};
        app = std::make_unique<QGuiApplication>(argc, argv);
    }
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(15);
    const QSize size(1280, 720);
    int written = 0;
    for (const std::string& metric : results.metrics()) {
        const SweepFigure figure = sweepFigure(results, metric);
        const SweepPlot plot(figure);
        for (const char* extension : {".png", ".svg"}) {
            const fs::path file = figures / (folderSafe(metric) + extension);  // kl_<variable>: any name
            if (!plot.save(QString::fromStdString(file.string()), size, font))
                throw InputError(file.string() + ": cannot write the figure");
        }
        ++written;
    }
    for (const std::string& axis : doseAxes(results)) {
        const fs::path folder = figures / ("against-" + folderSafe(axis));
        fs::create_directories(folder, ec);
        if (ec)
            throw InputError(folder.string() + ": cannot create folder: " + ec.message());
        for (const std::string& metric : finalMetrics(results)) {
            const SweepFigure figure = doseResponseFigure(results, axis, metric);
            if (figure.points.empty())
                continue;
            const SweepPlot plot(figure);
            for (const char* extension : {".png", ".svg"}) {
                const fs::path file = folder / (folderSafe(metric) + extension);
                if (!plot.save(QString::fromStdString(file.string()), size, font))
                    throw InputError(file.string() + ": cannot write the figure");
            }
            ++written;
        }
    }
    if (!options.quiet) {
        std::fprintf(stderr, "collect: %zu of %zu runs finished", results.runs().size(), results.pointCount());
        if (!results.unfinished().empty()) {
            std::fprintf(stderr, "; left out, not finished:");
            for (std::size_t i = 0; i < results.unfinished().size() && i < 10; ++i)
                std::fprintf(stderr, " %s", results.unfinished()[i].c_str());
            if (results.unfinished().size() > 10)
                std::fprintf(stderr, " and %zu more", results.unfinished().size() - 10);
        }
        std::fprintf(stderr, "\ncollect: wrote %s/runs.csv, summary.csv and %d figures (PNG and SVG) in %s\n",
                     out.c_str(), written, figures.c_str());
    }
    return 0;
}

} // namespace plab
