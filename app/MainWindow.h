#pragma once
// The main window: experiment chooser and parameters on the left, the experiment's panel,
// the spike raster and the metric chart in the middle, transport controls in the toolbar.
// Sixty times a second it takes the latest snapshot from the controller and hands each
// view its part; every user action becomes a control call or a time-stamped command.
#include "SimulationController.h"
#include "ViewStyle.h"

#include <QElapsedTimer>
#include <deque>
#include <map>
#include <optional>
#include <QMainWindow>

class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QSettings;
class QPushButton;
class QScreen;
class QScrollArea;
class QSplitter;
class QTimer;
class QVBoxLayout;

namespace plab {

class SweepView;

struct ExperimentInfo;

class ExperimentPanel;
class LessonPanel;
class LiveSlider;
class MetricChartView;
class ParameterPanel;
class SpikeRaster;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    SimulationController& controller() { return controller_; }
    SpikeRaster* raster() const { return raster_; }
    MetricChartView* chart() const { return chart_; }
    LiveSlider* learningRateSlider() const { return learningRate_; }
    LiveSlider* temperatureSlider() const { return temperature_; }
    ExperimentPanel* panel() const { return panel_; }
    QAction* playAction() const { return playAction_; }
    /// The toolbar's speed choice and the status bar's speed, as the user reads them (tests).
    QString speedChoiceText() const;
    QString speedShownText() const;
    LessonPanel* lessonPanel() const { return lessonPanel_; }

    /// Switches to an experiment with its default parameters (returns false on error).
    bool selectExperiment(const QString& name, std::uint64_t seed = 1);
    /// The same with the given parameters.
    bool selectExperiment(const QString& name, const ParameterSet& params, std::uint64_t seed);
    /// Resets with the parameters in the panel.
    bool resetRun();
    void setSpeed(double factor);
    /// Takes the pending snapshot and updates every view now (the frame timer calls it).
    void refresh();
    /// Frames shown so far: snapshots taken and handed to every view (benchmarks).
    std::uint64_t framesShown() const { return framesShown_; }

    /// File → Save run: experiment, parameters, seed, the command log and the time reached.
    bool saveRun(const QString& path);
    /// File → Open run: a new run with the file's experiment, parameters and seed, its
    /// commands scheduled at their times, running until the saved time.
    bool openRun(const QString& path);
    /// File → Open sweep: a sweep's metrics as mean and band per point, a line per seed;
    /// clicking a line replays that run (openRun). Returns the window, or null after an error.
    SweepView* openSweep(const QString& folder);
    /// File → Save results: summary.json, metrics.csv and run.json of the run as it stands,
    /// written into `folder` once the engine has produced them (resultsSaved follows).
    void saveResults(const QString& folder);
    /// File → Save state: the complete engine state, written once the engine has encoded it
    /// (stateSaved follows). The run goes on.
    void saveState(const QString& path);
    /// File → Open state: continue a saved run, paused at its time.
    bool openState(const QString& path);
    /// File → Export figure: the panel, raster and chart as one PNG (.png), or the chart alone
    /// as SVG (.svg). Returns false (and says why) if the file cannot be written.
    bool exportFigure(const QString& path);
    /// File → Export spikes: the spikes of the raster's time window as CSV (t,neuron,group).
    bool exportSpikes(const QString& path);

    /// Lessons → a lesson: opens the lesson panel at its first step. `nameOrPath` is a file
    /// name in resources/lessons/ (with or without .json) or a path. False (and says why) on error.
    bool openLesson(const QString& nameOrPath);
    /// Runs every lesson step at this speed instead of the lesson's own (scripted tests).
    void setLessonSpeedOverride(std::optional<double> speed) { lessonSpeedOverride_ = speed; }

    /// Theme and presentation view (View menu, F11).
    void setViewStyle(const ViewStyle& style);
    const ViewStyle& viewStyle() const { return style_; }
    /// Window geometry, theme, presentation view, experiment, seed, speed and raster window,
    /// remembered between runs. restoreSettings starts the remembered experiment when
    /// `experimentToo`.
    void saveSettings(QSettings& settings) const;
    void restoreSettings(const QSettings& settings, bool experimentToo);

signals:
    void resultsSaved(const QString& folder, const QString& error);
    void stateSaved(const QString& path, const QString& error);

private:
    void buildActions();
    void buildDock();
    void buildLessonMenu();
    void performLessonStep(int index);
    void bindLiveSliders();
    void arrangeSplitter();
    /// The screen the window is on (the primary one before it is shown).
    QScreen* shownOn() const;
    void togglePlay();
    void showAbout();
    void showError(const QString& title, const QString& text);
    void describe(const ExperimentInfo& info);
    void showRun(const std::string& name);
    void writeResults(const RunResults& results);
    void updateStatus(const SimulationSnapshot& s);
    void noteLiveChange(const QString& name, double value);
    void noteUserChange(const QString& command);
    /// A command from a control (slider, field, panel button): sent, and noted by a lesson.
    void sendUserCommand(const QString& command);

    SimulationController controller_;
    QComboBox* experiments_ = nullptr;
    QLabel* description_ = nullptr;
    QLineEdit* seed_ = nullptr;
    ParameterPanel* parameters_ = nullptr;
    QPushButton* applyButton_ = nullptr;
    LiveSlider* learningRate_ = nullptr;
    LiveSlider* temperature_ = nullptr;
    QSplitter* splitter_ = nullptr;
    QScrollArea* panelScroll_ = nullptr;
    ExperimentPanel* panel_ = nullptr;
    SpikeRaster* raster_ = nullptr;
    MetricChartView* chart_ = nullptr;
    QLabel* statusTime_ = nullptr;
    QLabel* statusSpeed_ = nullptr;
    QLabel* statusState_ = nullptr;
    QAction* playAction_ = nullptr;
    QActionGroup* speedGroup_ = nullptr;
    QComboBox* speedBox_ = nullptr;
    QTimer* frameTimer_ = nullptr;
    std::vector<double> pendingTimes_;  // series rows waiting for the next chart update
    std::vector<std::vector<double>> pendingRows_;
    QElapsedTimer chartClock_;
    std::uint64_t framesShown_ = 0;
    QString resultsFolder_;  // where the next results go; empty: none asked for
    QString statePath_;      // where the next state goes
    std::deque<SpikeEvent> recentSpikes_;  // the raster's window, for Export spikes
    double rasterWindow_ = 2.0;
    std::vector<NeuronGroup> neuronGroups_;
    std::map<std::string, ParameterSet> lastParameters_;  // per experiment, what it last ran with
    QDockWidget* lessonDock_ = nullptr;
    LessonPanel* lessonPanel_ = nullptr;
    std::optional<double> lessonSpeedOverride_;
    ViewStyle style_;
    QAction* presentationAction_ = nullptr;
    bool dockBeforePresentation_ = true;
    QRect geometryBeforePresentation_;
    QActionGroup* themeGroup_ = nullptr;
    QActionGroup* windowGroup_ = nullptr;
};

} // namespace plab
