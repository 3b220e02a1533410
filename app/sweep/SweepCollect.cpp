#include "SweepCollect.h"

#include "SweepResults.h"
#include "SweepSpec.h"

#include "core/Error.h"
#include "core/ExperimentRegistry.h"
#include "io/RunOutput.h"

#include <QGuiApplication>
#include <QSize>
#include <filesystem>
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
