#pragma once
// Lessons: the Lessons menu, the lesson dock beside the plots, and each step carried out
// (experiment, parameters, commands, speed, how far to run). It notes a user's own changes,
// which a lesson's text does not expect.
#include <QObject>
#include <QString>
#include <optional>

class QDockWidget;
class QMenu;

namespace plab {

class LessonPanel;
class MainWindow;
class SimulationController;

class LessonController : public QObject {
    Q_OBJECT
public:
    LessonController(MainWindow& window, SimulationController& controller);

    /// Builds the dock and fills the Lessons menu.
    void addTo(QMenu* menu);
    bool openLesson(const QString& nameOrPath);
    LessonPanel* panel() const { return panel_; }
    QDockWidget* dock() const { return dock_; }
    /// Runs every step at this speed instead of the lesson's own (scripted tests).
    void setSpeedOverride(std::optional<double> speed) { speedOverride_ = speed; }
    /// A change the user made by hand ("set temperature 0"): the lesson says its text assumed otherwise.
    void noteUserChange(const QString& command);
    /// Every frame: the lesson's "run until" steps follow the simulation.
    void showSimulation();

private:
    void performStep(int index);

    MainWindow& w_;
    SimulationController& controller_;
    QDockWidget* dock_ = nullptr;
    LessonPanel* panel_ = nullptr;
    std::optional<double> speedOverride_;
};

} // namespace plab
