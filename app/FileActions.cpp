#include "FileActions.h"

#include "MainWindow.h"
#include "ExperimentDock.h"
#include "ExperimentPanel.h"
#include "MetricChartView.h"
#include "RunFile.h"
#include "SlideFigure.h"
#include "SpikeRaster.h"
#include "SweepViewer.h"
#include "core/Error.h"
#include "io/RunOutput.h"
#include "io/StateFile.h"

#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QStatusBar>
#include <QStyle>
#include <optional>
#include <utility>

namespace plab {

FileActions::FileActions(MainWindow& window, SimulationController& controller)
    : QObject(&window), w_(window), controller_(controller)
{
    connect(&controller_, &SimulationController::resultsReady, this,
            [this](std::shared_ptr<const RunResults> r) { writeResults(*r); });
    connect(&controller_, &SimulationController::stateReady, this,
            [this](std::shared_ptr<const EncodedState> s) { writeState(*s); });
}

void FileActions::addTo(QMenu* menu)
{
    auto* open = menu->addAction(w_.style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open run…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(&w_, tr("Open run"), {}, tr("Run files (*.json);;All files (*)"));
        if (!path.isEmpty())
            openRun(path);
    });
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Replay a saved run live: its experiment, parameters, seed and commands (Ctrl+O)"));
    menu->addAction(tr("Open s&weep…"), this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(&w_, tr("Open sweep (the folder of plasticity-lab sweep)"));
        if (!folder.isEmpty())
            openSweep(folder);
    })->setToolTip(tr("Show a sweep's metrics over its seeds: mean and 95 % band per point, a line per seed; "
                      "click a line to replay that run"));
    auto* save = menu->addAction(w_.style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save run…"), this, [this] {
        const QString name = QString::fromStdString(controller_.experimentName()) + "-run.json";
        const QString path = QFileDialog::getSaveFileName(&w_, tr("Save run"), name, tr("Run files (*.json)"));
        if (!path.isEmpty())
            saveRun(path);
    });
    save->setShortcut(QKeySequence::Save);
    save->setToolTip(tr("Save what makes this run: experiment, parameters, seed and every intervention with its "
                        "time (Ctrl+S).\n`plasticity-lab run --replay FILE` repeats it headless."));
    auto* results = menu->addAction(tr("Save &results…"), this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(&w_, tr("Save results into folder"));
        if (!folder.isEmpty())
            saveResults(folder);
    });
    results->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
    results->setToolTip(tr("Write summary.json, metrics.csv and run.json of the run so far, as the headless runner "
                           "does"));
    menu->addSeparator();
    auto* openState = menu->addAction(tr("Open s&tate…"), this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(&w_, tr("Open state"), {}, tr("State files (*.state);;All files (*)"));
        if (!path.isEmpty())
            this->openState(path);
    });
    openState->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_O);
    openState->setToolTip(tr("Continue a saved run exactly where it was saved (Ctrl+Shift+O)"));
    auto* saveState = menu->addAction(tr("Save st&ate…"), this, [this] {
        const QString name = QString::fromStdString(controller_.experimentName()) + ".state";
        const QString path = QFileDialog::getSaveFileName(&w_, tr("Save state"), name, tr("State files (*.state)"));
        if (!path.isEmpty())
            this->saveState(path);
    });
    saveState->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key_S);
    saveState->setToolTip(tr("Save the complete engine state — weights, θ, traces, random generators, the recorded "
                             "series —\nto continue later from here, in the application or with "
                             "`plasticity-lab run --load-state FILE` (Ctrl+Alt+S)"));
    menu->addSeparator();
    auto* figure = menu->addAction(tr("&Export figure…"), this, [this] {
        const QString name = QString::fromStdString(controller_.experimentName());
        const QString path = QFileDialog::getSaveFileName(
            &w_, tr("Export figure"), name + ".png",
            tr("Slide: panel, raster and chart, 16:9 at 2× (*.png);;Chart as vector graphics, 16:9 (*.svg);;"
               "Chart as picture, 16:9 at 2× (*-chart.png)"));
        if (!path.isEmpty())
            exportFigure(path);
    });
    figure->setShortcut(Qt::CTRL | Qt::Key_E);
    figure->setToolTip(tr("Save the view as a slide (PNG, 16:9 at twice the resolution, without buttons), or the chart "
                          "alone as SVG or PNG (16:9) for a paper (Ctrl+E)"));
    menu->addAction(tr("Export s&pikes…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(&w_, tr("Export spikes"),
                                                          QString::fromStdString(controller_.experimentName()) + "-spikes.csv",
                                                          tr("CSV (*.csv)"));
        if (!path.isEmpty())
            exportSpikes(path);
    })->setToolTip(tr("The spikes of the raster's time window as CSV: t, neuron, group.\n"
                      "For a longer range use `plasticity-lab run EXPERIMENT --spikes FROM:TO`."));
}

bool FileActions::saveRun(const QString& path)
{
    const RunFile run = RunFile::fromRun(controller_.experimentName(), controller_.parameters(), controller_.seed(),
                                         controller_.time(), controller_.commandLog());
    try {
        run.write(path.toStdString());
    } catch (const InputError& e) {
        w_.showError(tr("Cannot save the run"), QString::fromStdString(e.what()));
        return false;
    }
    w_.statusBar()->showMessage(tr("Saved the run (t = %1 s, %2 commands) to %3")
                                 .arg(run.simSeconds, 0, 'f', 1)
                                 .arg(run.commands.size())
                                 .arg(QDir::toNativeSeparators(path)),
                             6000);
    return true;
}

SweepView* FileActions::openSweep(const QString& folder)
{
    try {
        SweepView* view = openSweepView(folder, &w_);
        connect(view, &SweepView::runChosen, this, [this](const QString& run) { openRun(run); });
        view->show();
        return view;
    } catch (const InputError& e) {
        w_.showError(tr("Cannot open the sweep"), QString::fromStdString(e.what()));
        return nullptr;
    }
}

bool FileActions::openRun(const QString& path)
{
    RunFile run;
    std::optional<ParameterSet> params;
    try {
        run = RunFile::read(path.toStdString());
        params = run.parameterSet();
    } catch (const InputError& e) {
        w_.showError(tr("Cannot open the run"), QString::fromStdString(e.what()));
        return false;
    }
    if (!w_.selectExperiment(QString::fromStdString(run.experiment), *params, run.seed))
        return false;
    for (const auto& c : run.commands)
        controller_.schedule(c);
    if (run.simSeconds > 0)
        controller_.runUntil(run.simSeconds);
    w_.statusBar()->showMessage(tr("Replaying %1: %2 commands, until t = %3 s")
                                 .arg(QDir::toNativeSeparators(path))
                                 .arg(run.commands.size())
                                 .arg(run.simSeconds),
                             6000);
    return true;
}

void FileActions::saveResults(const QString& folder)
{
    resultsFolder_ = folder;
    controller_.requestResults();
    w_.statusBar()->showMessage(tr("Collecting the results…"));
}

void FileActions::writeResults(const RunResults& results)
{
    const QString folder = std::exchange(resultsFolder_, QString());
    if (folder.isEmpty())
        return;
    // The run file must describe the state the results come from: commands applied after
    // it (the log can be a snapshot ahead) are left out.
    std::vector<Command> log;
    for (const auto& c : controller_.commandLog())
        if (c.time < results.time - 0.5 * controller_.dt())
            log.push_back(c);
    QString error;
    try {
        if (!QDir().mkpath(folder))
            throw InputError(folder.toStdString() + ": cannot create the folder");
        const std::string dir = folder.toStdString();
        writeFileAtomically(dir + "/summary.json", results.summaryJson);
        writeFileAtomically(dir + "/metrics.csv", results.metricsCsv);
        RunFile::fromRun(controller_.experimentName(), controller_.parameters(), controller_.seed(), results.time, log)
            .write(dir + "/run.json");
        w_.statusBar()->showMessage(tr("Wrote summary.json, metrics.csv and run.json (t = %1 s) to %2")
                                     .arg(results.time, 0, 'f', 1)
                                     .arg(QDir::toNativeSeparators(folder)),
                                 8000);
    } catch (const InputError& e) {
        error = QString::fromStdString(e.what());
        w_.showError(tr("Cannot save the results"), error);
    }
    emit w_.resultsSaved(folder, error);
}

void FileActions::saveState(const QString& path)
{
    statePath_ = path;
    controller_.requestState();
    w_.statusBar()->showMessage(tr("Saving the state…"));
}

bool FileActions::openState(const QString& path)
{
    std::unique_ptr<Simulation> sim;
    try {
        sim = loadStateFile(path.toStdString());
    } catch (const InputError& e) {
        w_.showError(tr("Cannot open the state"), QString::fromStdString(e.what()));
        return false;
    }
    const std::string name = sim->experiment().info().name;
    const double t = sim->time();
    w_.dock_->describe(sim->experiment().info());
    w_.dock_->setSeed(sim->experiment().seed());
    controller_.resume(std::move(sim));
    w_.showRun(name);
    w_.statusBar()->showMessage(tr("Opened %1 at t = %2 s").arg(QDir::toNativeSeparators(path)).arg(t, 0, 'f', 1), 6000);
    return true;
}

bool FileActions::exportFigure(const QString& path)
{
    bool ok = false;
    if (path.endsWith(".svg", Qt::CaseInsensitive) || path.endsWith("-chart.png", Qt::CaseInsensitive)) {
        ok = w_.chart_->exportTo(path);
    } else {
        // A slide: the whole panel (also where it scrolls), raster and chart, no buttons,
        // 16:9 at twice the resolution.
        ok = slideFigure({w_.panel_, w_.raster_, w_.chart_}, w_.palette().color(QPalette::Window)).save(path);
    }
    if (!ok) {
        w_.showError(tr("Cannot export the figure"), tr("%1: cannot write this file").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    w_.statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 6000);
    return true;
}

bool FileActions::exportSpikes(const QString& path)
{
    const std::vector<SpikeEvent> spikes(w_.recentSpikes_.begin(), w_.recentSpikes_.end());
    try {
        writeFileAtomically(path.toStdString(), spikesCsv(spikes, w_.neuronGroups_));
    } catch (const InputError& e) {
        w_.showError(tr("Cannot export the spikes"), QString::fromStdString(e.what()));
        return false;
    }
    w_.statusBar()->showMessage(tr("Exported %1 spikes to %2").arg(spikes.size()).arg(QDir::toNativeSeparators(path)), 6000);
    return true;
}

void FileActions::writeState(const EncodedState& s)
{
    const QString path = std::exchange(statePath_, QString());
    if (path.isEmpty())
        return;
    QString error;
    try {
        writeFileAtomically(path.toStdString(), s.bytes);
        w_.statusBar()->showMessage(tr("Saved the state at t = %1 s to %2 (%3 kB)")
                                        .arg(s.time, 0, 'f', 1)
                                        .arg(QDir::toNativeSeparators(path))
                                        .arg(s.bytes.size() / 1024),
                                    8000);
    } catch (const InputError& e) {
        error = QString::fromStdString(e.what());
        w_.showError(tr("Cannot save the state"), error);
    }
    emit w_.stateSaved(path, error);
}

} // namespace plab
