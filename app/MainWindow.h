#pragma once
// The main window: experiment chooser and parameters on the left, the experiment's panel,
// the spike raster and the metric chart in the middle, transport controls in the toolbar.
// Sixty times a second it takes the latest snapshot from the controller and hands each
// view its part; every user action becomes a control call or a time-stamped command.
#include "FileActions.h"
#include "LessonController.h"
#include "SimulationController.h"
#include "TransportControls.h"
#include "ViewSettings.h"
#include "ViewStyle.h"

#include <QElapsedTimer>
#include <QMenu>
#include <QPointer>
#include <deque>
#include <map>
#include <optional>
#include <QMainWindow>

class QAction;
class QLabel;
class QSettings;
class QScreen;
class QScrollArea;
class QSplitter;
class QTimer;

namespace plab {

class ExperimentDock;
class ExperimentPanel;
class LessonPanel;
class LesionDialog;
class LesionReportView;
class LiveSlider;
class MetricChartView;
class SpikeRaster;
class SweepView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    SimulationController& controller() { return controller_; }
    SpikeRaster* raster() const { return raster_; }
    MetricChartView* chart() const { return chart_; }
    LiveSlider* learningRateSlider() const;
    LiveSlider* temperatureSlider() const;
    ExperimentPanel* panel() const { return panel_; }
    QAction* playAction() const { return transport_->playAction(); }
    /// The toolbar's speed choice and the status bar's speed, as the user reads them (tests).
    QString speedChoiceText() const;
    QString speedShownText() const;
    LessonPanel* lessonPanel() const;
    /// Simulation → Lesion…: the dialog (with neurons preselected by number, from a view).
    void openLesionDialog(const QString& population = {}, const QString& numbers = {}, const QString& pathway = {});
    /// Neurons selected in the raster: a menu offers "Lesion selected…" (the dialog, with them).
    void offerLesionOf(const QString& band, const QList<int>& neurons, QPoint at);
    /// Something chosen in a view (ExperimentPanel::lesionOffered): a menu offers its lesion.
    void offerLesion(const QString& population, const QList<int>& neurons, const QString& pathway, QPoint at);
    /// The menu last offered by a selection (tests pick from it), or null.
    QMenu* lesionMenu() const { return lesionMenu_; }
    /// Applies a lesion command, forking an intact copy first if `compare`.
    void applyLesion(const QString& command, bool compare);
    LesionDialog* lesionDialog() const;

    /// Switches to an experiment with its default parameters (returns false on error).
    bool selectExperiment(const QString& name, std::uint64_t seed = 1);
    /// The same with the given parameters.
    bool selectExperiment(const QString& name, const ParameterSet& params, std::uint64_t seed);
    /// Resets with the parameters in the panel.
    bool resetRun();
    void setSpeed(double factor) { transport_->setSpeed(factor); }
    /// Takes the pending snapshot and updates every view now (the frame timer calls it).
    void refresh();
    /// Frames shown so far: snapshots taken and handed to every view (benchmarks).
    std::uint64_t framesShown() const { return framesShown_; }

    /// File → Save run: experiment, parameters, seed, the command log and the time reached.
    bool saveRun(const QString& path) { return files_->saveRun(path); }
    /// File → Open run: a new run with the file's experiment, parameters and seed, its
    /// commands scheduled at their times, running until the saved time.
    bool openRun(const QString& path) { return files_->openRun(path); }
    /// File → Open sweep: a sweep's metrics as mean and band per point, a line per seed;
    /// clicking a line replays that run (openRun). Returns the window, or null after an error.
    SweepView* openSweep(const QString& folder) { return files_->openSweep(folder); }
    /// File → Save results: summary.json, metrics.csv and run.json of the run as it stands,
    /// written into `folder` once the engine has produced them (resultsSaved follows).
    void saveResults(const QString& folder) { files_->saveResults(folder); }
    /// File → Save state: the complete engine state, written once the engine has encoded it
    /// (stateSaved follows). The run goes on.
    void saveState(const QString& path) { files_->saveState(path); }
    /// File → Open state: continue a saved run, paused at its time.
    bool openState(const QString& path) { return files_->openState(path); }
    /// File → Export figure: the panel, raster and chart as one PNG (.png), or the chart alone
    /// as SVG (.svg). Returns false (and says why) if the file cannot be written.
    bool exportFigure(const QString& path) { return files_->exportFigure(path); }
    /// File → Export spikes: the spikes of the raster's time window as CSV (t,neuron,group).
    bool exportSpikes(const QString& path) { return files_->exportSpikes(path); }

    /// Lessons → a lesson: opens the lesson panel at its first step. `nameOrPath` is a file
    /// name in resources/lessons/ (with or without .json) or a path. False (and says why) on error.
    bool openLesson(const QString& nameOrPath) { return lessons_->openLesson(nameOrPath); }
    /// Runs every lesson step at this speed instead of the lesson's own (scripted tests).
    void setLessonSpeedOverride(std::optional<double> speed) { lessons_->setSpeedOverride(speed); }

    /// Theme and presentation view (View menu, F11).
    void setViewStyle(const ViewStyle& style) { view_->setViewStyle(style); }
    const ViewStyle& viewStyle() const { return view_->viewStyle(); }
    /// Window geometry, theme, presentation view, experiment, seed, speed and raster window,
    /// remembered between runs. restoreSettings starts the remembered experiment when
    /// `experimentToo`.
    void saveSettings(QSettings& settings) const { view_->saveSettings(settings); }
    void restoreSettings(const QSettings& settings, bool experimentToo) { view_->restoreSettings(settings, experimentToo); }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

signals:
    void resultsSaved(const QString& folder, const QString& error);
    void stateSaved(const QString& path, const QString& error);

private:
    // The window's jobs beyond the views: they reach its parts directly.
    friend class FileActions;
    friend class LessonController;
    friend class ViewSettings;

    void buildActions();
    void buildDock();
    void arrangeSplitter();
    /// The screen the window is on (the primary one before it is shown).
    QScreen* shownOn() const;
    void showError(const QString& title, const QString& text);
    void showRun(const std::string& name);
    void updateStatus(const SimulationSnapshot& s);
    void noteLiveChange(const QString& name, double value);
    /// A command from a control (slider, field, panel button): sent, and noted by a lesson.
    void sendUserCommand(const QString& command);

    SimulationController controller_;
    ExperimentDock* dock_ = nullptr;
    QSplitter* splitter_ = nullptr;
    QScrollArea* panelScroll_ = nullptr;
    ExperimentPanel* panel_ = nullptr;
    int arrangedFor_ = -1;  // the panel height the splitter was last arranged for
    SpikeRaster* raster_ = nullptr;
    MetricChartView* chart_ = nullptr;
    LesionReportView* lesionReport_ = nullptr;
    QLabel* statusTime_ = nullptr;
    QLabel* statusSpeed_ = nullptr;
    QLabel* statusState_ = nullptr;
    QTimer* frameTimer_ = nullptr;
    std::vector<double> pendingTimes_;  // series rows waiting for the next chart update
    std::vector<std::vector<double>> pendingRows_;
    std::vector<double> pendingIntactTimes_;  // the same of the intact branch, while comparing
    std::vector<std::vector<double>> pendingIntactRows_;
    QAction* lesionAction_ = nullptr;
    QAction* endComparisonAction_ = nullptr;
    QPointer<LesionDialog> lesionDialog_;
    QPointer<QMenu> lesionMenu_;
    QElapsedTimer chartClock_;
    std::uint64_t framesShown_ = 0;
    std::deque<SpikeEvent> recentSpikes_;  // the raster's window, for Export spikes
    double rasterWindow_ = 2.0;
    std::vector<NeuronGroup> neuronGroups_;
    std::map<std::string, ParameterSet> lastParameters_;  // per experiment, what it last ran with
    std::string shownExperiment_;  // the experiment of the run shown, to notice a change
    double openedAtSpeed_ = -1;    // the speed showRun last chose by itself
    FileActions* files_ = nullptr;
    TransportControls* transport_ = nullptr;
    LessonController* lessons_ = nullptr;
    ViewSettings* view_ = nullptr;
};

} // namespace plab
