#include "MainWindow.h"

#include "LesionDialog.h"
#include "LesionReportView.h"

#include "ExperimentDock.h"
#include "ExperimentPanels.h"
#include "HelpMenu.h"
#include "LessonPanel.h"
#include "LiveSlider.h"
#include "MetricChartView.h"
#include "ParameterPanel.h"
#include "SpeedChoices.h"
#include "SpikeRaster.h"
#include "core/Error.h"
#include "core/ExperimentRegistry.h"

#include <QApplication>
#include <algorithm>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace plab {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Plasticity Lab"));
    // 1400×900 where the screen has room, else what it has (a projector's 1280×720): the
    // window frame and the desktop's panels must fit too.
    const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
    resize(std::min(1400, screen.width() - 16), std::min(900, screen.height() - 48));

    splitter_ = new QSplitter(Qt::Vertical);
    splitter_->setChildrenCollapsible(false);
    // The experiment's panel scrolls when the screen is too small for it, rather than
    // pushing the raster and the chart off the screen.
    panelScroll_ = new QScrollArea;
    panelScroll_->setObjectName("panel scroll");
    panelScroll_->setWidgetResizable(true);
    panelScroll_->setFrameShape(QFrame::NoFrame);
    panelScroll_->setMinimumHeight(120);
    raster_ = new SpikeRaster;
    connect(raster_, &SpikeRaster::neuronsSelected, this, &MainWindow::offerLesionOf);
    chart_ = new MetricChartView;
    lesionReport_ = new LesionReportView;
    auto* chartArea = new QWidget;  // the chart, and under it what the lesions did
    auto* chartLayout = new QVBoxLayout(chartArea);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->setSpacing(0);
    chartLayout->addWidget(chart_, 1);
    chartLayout->addWidget(lesionReport_);
    splitter_->addWidget(panelScroll_);
    splitter_->addWidget(raster_);
    splitter_->addWidget(chartArea);
    setCentralWidget(splitter_);

    files_ = new FileActions(*this, controller_);
    transport_ = new TransportControls(*this, controller_);
    lessons_ = new LessonController(*this, controller_);
    view_ = new ViewSettings(*this);
    buildDock();
    buildActions();

    statusTime_ = new QLabel;
    statusSpeed_ = new QLabel;
    statusState_ = new QLabel;
    statusBar()->addPermanentWidget(statusState_);
    statusBar()->addPermanentWidget(statusSpeed_);
    statusBar()->addPermanentWidget(statusTime_);

    connect(&controller_, &SimulationController::runningChanged, this,
            [this](bool running) { statusState_->setText(running ? tr("running") : tr("paused")); });

    frameTimer_ = new QTimer(this);
    frameTimer_->setInterval(16);
    frameTimer_->setTimerType(Qt::PreciseTimer);
    connect(frameTimer_, &QTimer::timeout, this, &MainWindow::refresh);
    frameTimer_->start();
    selectExperiment(QString::fromStdString(ExperimentRegistry::builtin().all().front().name));
}

void MainWindow::buildDock()
{
    dock_ = new ExperimentDock(this);
    addDockWidget(Qt::LeftDockWidgetArea, dock_);
    // Slider → controller → engine, the number as it is; the window only notes the change.
    for (LiveSlider* slider : {dock_->learningRate(), dock_->temperature()}) {
        connect(slider, &LiveSlider::parameterCommitted, &controller_, &SimulationController::setParameter);
        connect(slider, &LiveSlider::parameterCommitted, this, &MainWindow::noteLiveChange);
    }
    connect(dock_, &ExperimentDock::experimentChosen, this, [this](const QString& name) {
        std::uint64_t seed = 1;
        dock_->seed(seed);
        // Coming back to an experiment brings back what it was run with (its network, its
        // evidence), not its defaults.
        const auto remembered = lastParameters_.find(name.toStdString());
        if (remembered != lastParameters_.end())
            selectExperiment(name, remembered->second, seed);
        else
            selectExperiment(name, seed);
    });
    connect(dock_, &ExperimentDock::applyRequested, this, &MainWindow::resetRun);
    connect(dock_, &ExperimentDock::liveParameterTyped, this,
            [this](const QString& name, const QString& value) { sendUserCommand("set " + name + " " + value); });
}

void MainWindow::buildActions()
{
    auto* toolbar = addToolBar(tr("Simulation"));
    toolbar->setObjectName("simulation");
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto* file = menuBar()->addMenu(tr("&File"));
    files_->addTo(file);
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    auto* sim = menuBar()->addMenu(tr("&Simulation"));
    transport_->addTo(sim, toolbar);
    sim->addSeparator();
    lesionAction_ = sim->addAction(tr("&Lesion…"), this, [this] { openLesionDialog(); });
    lesionAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    lesionAction_->setToolTip(tr("Remove or silence neurons, remove synapses, add weight noise or scale the weights; "
                                 "optionally beside an intact copy of the run"));
    endComparisonAction_ = sim->addAction(tr("&End comparison"), this, [this] {
        controller_.endComparison();
        endComparisonAction_->setEnabled(false);
    });
    endComparisonAction_->setEnabled(false);

    view_->addTo(menuBar()->addMenu(tr("&View")));
    lessons_->addTo(menuBar()->addMenu(tr("&Lessons")));
    addHelpMenu(this, menuBar()->addMenu(tr("&Help")), toolbar);
}

LiveSlider* MainWindow::learningRateSlider() const
{
    return dock_->learningRate();
}

LiveSlider* MainWindow::temperatureSlider() const
{
    return dock_->temperature();
}

LessonPanel* MainWindow::lessonPanel() const
{
    return lessons_->panel();
}

QString MainWindow::speedChoiceText() const
{
    return transport_->speedChoiceText();
}

QString MainWindow::speedShownText() const
{
    return statusSpeed_->text();
}

bool MainWindow::selectExperiment(const QString& name, std::uint64_t seed)
{
    const auto* info = ExperimentRegistry::builtin().find(name.toStdString());
    return info ? selectExperiment(name, ExperimentRegistry::builtin().defaults(info->name), seed)
                : selectExperiment(name, ParameterSet({}), seed);
}

bool MainWindow::selectExperiment(const QString& name, const ParameterSet& params, std::uint64_t seed)
{
    const auto* info = ExperimentRegistry::builtin().find(name.toStdString());
    if (!info) {
        QMessageBox::warning(this, tr("Unknown experiment"), tr("There is no experiment named '%1'.").arg(name));
        return false;
    }
    dock_->describe(*info);
    dock_->parameters()->setParameters(params);
    dock_->setSeed(seed);
    return resetRun();
}

bool MainWindow::resetRun()
{
    const std::string name = dock_->experiment().toStdString();
    std::uint64_t seed = 0;
    if (!dock_->seed(seed)) {
        QMessageBox::warning(this, tr("Cannot start this run"), tr("The seed must be a whole number from 0 to 2^64 − 1."));
        return false;
    }
    try {
        controller_.reset(name, dock_->parameters()->values(), seed);
    } catch (const InputError& e) {
        // The old run goes on: the panel shows what it runs with, not the refused values.
        if (const auto* running = ExperimentRegistry::builtin().find(controller_.experimentName())) {
            dock_->describe(*running);
            dock_->parameters()->setParameters(controller_.parameters());
            dock_->setSeed(controller_.seed());
        }
        QMessageBox::warning(this, tr("Cannot start this run"), QString::fromStdString(e.what()));
        return false;
    }
    lastParameters_.insert_or_assign(name, controller_.parameters());
    showRun(name);
    return true;
}

void MainWindow::showRun(const std::string& name)
{
    dock_->parameters()->setParameters(controller_.parameters());
    // A new run has no intact copy to compare with.
    if (endComparisonAction_)
        endComparisonAction_->setEnabled(false);
    pendingIntactTimes_.clear();
    pendingIntactRows_.clear();

    // Panel, raster layout and chart series follow the experiment.
    delete panelScroll_->takeWidget();  // at once: a panel still shown would skew the sizes
    panel_ = createPanelFor(name);
    panelScroll_->setVisible(panel_ != nullptr);
    if (panel_) {
        panelScroll_->setWidget(panel_);
        panel_->installEventFilter(this);  // a panel that learns its size later (a network laid out) asks again
        connect(panel_, &ExperimentPanel::commandRequested, this, &MainWindow::sendUserCommand);
        connect(panel_, &ExperimentPanel::lesionOffered, this, &MainWindow::offerLesion);
    }
    const auto probe = ExperimentRegistry::builtin().create(name, controller_.parameters(), controller_.seed());
    // Another experiment opens at the speed at which its default run takes about a minute.
    // So does a new run of the same one (another network, a longer learning phase) unless
    // the user has picked a speed of their own since; a lesson sets its own after this.
    if (name != shownExperiment_ || controller_.speed() == openedAtSpeed_) {
        openedAtSpeed_ = openingSpeed(probe->duration());
        setSpeed(openedAtSpeed_);
    }
    shownExperiment_ = name;
    const auto groups = probe->neuronGroups();
    neuronGroups_ = groups;
    raster_->setLayout(groups);
    raster_->setVisible(!groups.empty());  // fokker-planck has particles, not neurons
    arrangeSplitter();
    QTimer::singleShot(0, this, &MainWindow::arrangeSplitter);  // again once laid out
    const std::vector<std::string> series = probe->seriesNames();
    std::vector<std::string> descriptions;
    for (const auto& s : series)
        descriptions.push_back(seriesDescription(probe->info(), s));
    std::vector<std::string> shown = probe->info().headlineSeries;
    if (shown.empty() && !probe->info().hiddenSeries.empty())
        for (const auto& s : series)
            if (std::find(probe->info().hiddenSeries.begin(), probe->info().hiddenSeries.end(), s) == probe->info().hiddenSeries.end())
                shown.push_back(s);
    chart_->setSeries(series, shown, descriptions);
    pendingTimes_.clear();
    pendingRows_.clear();
    chart_->setTitle(QString::fromStdString(ExperimentRegistry::builtin().get(name).title));
    recentSpikes_.clear();
    dock_->bindLiveSliders(controller_.parameters());
    styleCharts(this, view_->viewStyle());
    explainWhatsThis(this);
    statusState_->setText(tr("paused"));
    statusTime_->setText(tr("t = %1 s").arg(controller_.time(), 0, 'f', 1));
    statusSpeed_->clear();
}

QScreen* MainWindow::shownOn() const
{
    return screen() ? screen() : QGuiApplication::primaryScreen();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    // Re-arranged only when what the panel needs changes by more than a line of text (a network
    // laid out, another loaded), so a splitter the user dragged stays where it is.
    if (watched == panel_ && event->type() == QEvent::LayoutRequest) {
        QTimer::singleShot(0, this, [this] {
            if (panel_ && std::abs(panel_->sizeHint().height() - arrangedFor_) > 40)
                arrangeSplitter();
        });
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::arrangeSplitter()
{
    // The panel gets what it needs where the screen has room; on a small screen the raster
    // and then the chart give up height down to their minimum, and the panel scrolls.
    const int handles = 2 * splitter_->handleWidth();
    const int h = std::max(splitter_->height(), 400) - handles;
    const bool hasRaster = raster_->isVisibleTo(this);
    int chart = std::max(chart_->minimumHeight(), int(0.26 * h));
    int raster = hasRaster ? std::max(raster_->minimumHeight(), int(0.24 * h)) : 0;
    const int need = panel_ ? std::max({panel_->minimumHeight(), panel_->minimumSizeHint().height(), panel_->sizeHint().height()}) : 0;
    arrangedFor_ = panel_ ? panel_->sizeHint().height() : -1;
    int panel = h - chart - raster;
    const auto giveUp = [&panel, need](int& part, int minimum) {
        const int give = std::max(0, std::min(need - panel, part - minimum));
        part -= give;
        panel += give;
    };
    if (hasRaster)
        giveUp(raster, raster_->minimumHeight());
    giveUp(chart, chart_->minimumHeight());
    if (panel_ && panel > need) {  // room to spare goes to the raster and the chart
        const int spare = panel - need;
        panel = need;
        raster += hasRaster ? spare / 2 : 0;
        chart += hasRaster ? spare - spare / 2 : spare;
    }
    splitter_->setSizes({panel_ ? panel : 0, raster, chart});
}

void MainWindow::openLesionDialog(const QString& population, const QString& numbers, const QString& pathway)
{
    if (controller_.lesionPopulations().empty() && controller_.lesionPathways().empty()) {
        statusBar()->showMessage(tr("%1 has no neurons or synapses to lesion")
                                     .arg(QString::fromStdString(controller_.experimentName())),
                                 6000);
        return;
    }
    auto* dialog = new LesionDialog(controller_.lesionPopulations(), controller_.lesionPathways(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!numbers.isEmpty())
        dialog->selectNeurons(population, numbers);
    else if (!population.isEmpty())
        dialog->selectPopulation(population);
    else if (!pathway.isEmpty())
        dialog->selectPathway(pathway);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applyLesion(dialog->command(), dialog->compare()); });
    lesionDialog_ = dialog;
    dialog->open();  // not modal for the simulation: it goes on
}

void MainWindow::offerLesionOf(const QString& band, const QList<int>& neurons, QPoint at)
{
    const auto& pops = controller_.lesionPopulations();
    const auto pop = std::find_if(pops.begin(), pops.end(), [&](const LesionPopulation& p) {
        return QString::fromStdString(p.group) == band;
    });
    if (pop == pops.end() || neurons.isEmpty()) {
        statusBar()->showMessage(tr("%1: these neurons cannot be lesioned (only the network's own can)").arg(band), 6000);
        return;
    }
    offerLesion(QString::fromStdString(pop->name), neurons, {}, at);
}

void MainWindow::offerLesion(const QString& population, const QList<int>& neurons, const QString& pathway, QPoint at)
{
    const auto& pops = controller_.lesionPopulations();
    const auto& ways = controller_.lesionPathways();
    const bool knownPopulation = std::any_of(pops.begin(), pops.end(), [&](const LesionPopulation& p) {
        return QString::fromStdString(p.name) == population;
    });
    const bool knownPathway = std::any_of(ways.begin(), ways.end(), [&](const LesionPathway& p) {
        return QString::fromStdString(p.name) == pathway;
    });
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (knownPopulation && !neurons.isEmpty()) {
        // Numbers from 1, runs written as ranges: "1-4,7".
        QList<int> sorted = neurons;
        std::sort(sorted.begin(), sorted.end());
        sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
        QStringList parts;
        for (int i = 0; i < sorted.size();) {
            int j = i;
            while (j + 1 < sorted.size() && sorted[j + 1] == sorted[j] + 1)
                ++j;
            parts << (j > i ? QStringLiteral("%1-%2").arg(sorted[i] + 1).arg(sorted[j] + 1) : QString::number(sorted[i] + 1));
            i = j + 1;
        }
        const QString count = sorted.size() == 1 ? tr("1 neuron") : tr("%1 neurons").arg(sorted.size());
        menu->addAction(tr("Lesion selected (%1 of %2)…").arg(count, population), this,
                        [this, population, numbers = parts.join(',')] { openLesionDialog(population, numbers); });
    } else if (knownPopulation) {
        menu->addAction(tr("Lesion neurons of %1…").arg(population), this,
                        [this, population] { openLesionDialog(population); });
    }
    if (knownPathway)
        menu->addAction(tr("Lesion synapses of %1…").arg(pathway), this,
                        [this, pathway] { openLesionDialog({}, {}, pathway); });
    if (menu->isEmpty()) {
        delete menu;
        return;
    }
    menu->popup(at);
    lesionMenu_ = menu;
}

LesionDialog* MainWindow::lesionDialog() const
{
    return lesionDialog_;
}

void MainWindow::applyLesion(const QString& command, bool compare)
{
    if (compare) {
        controller_.forkAndApply({command.toStdString()});
        lessons_->noteUserChange(command);
        endComparisonAction_->setEnabled(true);
        statusBar()->showMessage(tr("Forked: %1 in the running copy; the intact copy is drawn dashed").arg(command), 6000);
    } else {
        sendUserCommand(command);
    }
}

void MainWindow::sendUserCommand(const QString& command)
{
    controller_.send(command.toStdString());
    lessons_->noteUserChange(command);
}

void MainWindow::noteLiveChange(const QString& name, double value)
{
    lessons_->noteUserChange("set " + name + " " + QString::fromStdString(formatNumber(value)));
    dock_->parameters()->showLiveValue(name.toStdString(), value);
}

void MainWindow::refresh()
{
    SimulationSnapshot s = controller_.takeSnapshot();
    if (s.generation != controller_.generation())
        return;
    raster_->addSpikes(s.spikes, s.time);
    recentSpikes_.insert(recentSpikes_.end(), s.spikes.begin(), s.spikes.end());
    while (!recentSpikes_.empty()
           && (recentSpikes_.front().t < s.time - rasterWindow_ || recentSpikes_.size() > raster_->model().capacity()))
        recentSpikes_.pop_front();
    // Curves change slowly: redrawing them ten times a second is plenty, and stroking a
    // chart costs more than drawing thousands of spikes.
    if (s.forked) {
        // The branches part now: the chart's curves up to here are both branches' (rows
        // recorded before the fork, still pending or in this snapshot, go in first).
        const auto before = std::ptrdiff_t(std::min(s.rowsBeforeFork, s.seriesRows.size()));
        pendingTimes_.insert(pendingTimes_.end(), s.seriesTimes.begin(), s.seriesTimes.begin() + before);
        pendingRows_.insert(pendingRows_.end(), s.seriesRows.begin(), s.seriesRows.begin() + before);
        s.seriesTimes.erase(s.seriesTimes.begin(), s.seriesTimes.begin() + before);
        s.seriesRows.erase(s.seriesRows.begin(), s.seriesRows.begin() + before);
        chart_->append(pendingTimes_, pendingRows_);
        pendingTimes_.clear();
        pendingRows_.clear();
        chart_->startComparison();
        if (panel_)
            panel_->showIntactState(nullptr);  // a new comparison: the last one's curves go
        if (!chart_->chart()->title().contains(tr("dashed:")))
            chart_->setTitle(chart_->chart()->title() + tr(" — dashed: the intact copy, without the lesion"));
        pendingIntactTimes_.clear();
        pendingIntactRows_.clear();
    }
    pendingTimes_.insert(pendingTimes_.end(), s.seriesTimes.begin(), s.seriesTimes.end());
    for (auto& row : s.seriesRows)
        pendingRows_.push_back(std::move(row));
    pendingIntactTimes_.insert(pendingIntactTimes_.end(), s.intactTimes.begin(), s.intactTimes.end());
    for (auto& row : s.intactRows)
        pendingIntactRows_.push_back(std::move(row));
    if ((!pendingTimes_.empty() || !pendingIntactTimes_.empty())
        && (!chartClock_.isValid() || chartClock_.elapsed() >= 100 || !s.running)) {
        chart_->append(pendingTimes_, pendingRows_);
        if (controller_.comparing())
            chart_->appendIntact(pendingIntactTimes_, pendingIntactRows_);
        pendingTimes_.clear();
        pendingRows_.clear();
        pendingIntactTimes_.clear();
        pendingIntactRows_.clear();
        chartClock_.start();
    }
    if (s.panel) {
        if (!s.panel->rasterColors.empty())
            raster_->setNeuronColors(s.panel->rasterColors);
        if (panel_) {
            panel_->showState(s.panel);
            panel_->showIntactState(s.intactPanel);
        }
        lesionReport_->showReport(s.lesions);
    }
    if (!s.error.empty())
        statusBar()->showMessage(tr("Refused: %1").arg(QString::fromStdString(s.error)), 8000);
    for (const auto& c : s.applied) {
        statusBar()->showMessage(tr("t = %1 s: %2").arg(c.time, 0, 'f', 3).arg(QString::fromStdString(c.text())), 4000);
        // Evidence set by clicking a node is the experiment's evidence now: the field says so.
        if (c.verb == "evidence") {
            std::string evidence;
            for (const auto& a : c.args)
                evidence += (evidence.empty() ? "" : " ") + a;
            if (evidence == "clear")
                evidence.clear();
            dock_->parameters()->showText("evidence", QString::fromStdString(evidence));
            if (auto it = lastParameters_.find(controller_.experimentName()); it != lastParameters_.end())
                it->second.set("evidence", evidence);
        }
        // Interventions that change the network are marked on the time chart.
        // Every verb but `set` is one; of the settings, the temperature is.
        if (c.verb != "set" || (!c.args.empty() && c.args[0] == "temperature")) {
            chart_->addMarker(c.time, QString::fromStdString(c.text()));
            styleChart(chart_->chart(), view_->viewStyle());
        }
    }
    updateStatus(s);
    lessons_->showSimulation();
    ++framesShown_;
}

void MainWindow::updateStatus(const SimulationSnapshot& s)
{
    statusTime_->setText(tr("t = %1 s").arg(s.time, 0, 'f', 1));
    if (s.running && s.speed > 0) {
        QString text = tr("%1× real time").arg(s.speed, 0, 'f', s.speed < 10 ? 1 : 0);
        // Paced below what the machine can do: say so, a lecturer may want it faster.
        if (controller_.speed() > 0 && s.capacity > 1.5 * s.speed)
            text += tr(" (up to %1×)").arg(s.capacity, 0, 'f', 0);
        statusSpeed_->setText(text);
        statusSpeed_->setToolTip(tr("Simulated seconds per wall-clock second over the last half second, pauses "
                                    "for pacing included; in brackets how fast the engine could go."));
    } else if (!s.running) {
        statusSpeed_->clear();
    }
}

void MainWindow::showError(const QString& title, const QString& text)
{
    // Not modal: the simulation and the frame timer go on, and scripted tests are not stuck.
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    statusBar()->showMessage(title + ": " + text, 10000);
}

} // namespace plab
