#pragma once
// The side panel of a guided lesson: the current step's text, its equation and what to do
// now, with Next and Restart. Entering a step asks the main window to perform its actions
// (stepEntered); Next waits until the simulation has reached the step's time.
#include "Lesson.h"

#include <QStringList>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTextBrowser;

namespace plab {

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(QWidget* parent = nullptr);

    /// Starts a lesson at its first step (stepEntered(0) follows).
    void setLesson(Lesson lesson);
    bool hasLesson() const { return !lesson_.steps.empty(); }
    const Lesson& lesson() const { return lesson_; }
    int currentStep() const { return step_; }
    /// Whether the current step's simulation has reached its time (steps without one: yes).
    bool stepReached() const { return reached_; }
    QPushButton* nextButton() const { return next_; }

    /// The simulation as the main window last saw it.
    void showSimulation(double time, bool running);
    /// The user changed the run by hand ("set temperature 0.001 at t = 35 s"): the panel
    /// says that what the text describes assumes the lesson's settings. Cleared when a
    /// step starts a new run.
    void noteUserChange(const QString& what);
    QStringList userChanges() const { return changes_; }

public slots:
    void next();
    void restart();

signals:
    /// Perform step `index`'s actions (new run, commands, run to its time).
    void stepEntered(int index);
    /// The user paused before the step's time and asks to go on to it.
    void continueRequested(double until);
    void finished();

private:
    void enter(int index);
    void updateButtons();

    Lesson lesson_;
    int step_ = -1;
    bool reached_ = true;
    double time_ = 0;
    bool running_ = false;
    QLabel* title_ = nullptr;
    QLabel* counter_ = nullptr;
    QTextBrowser* text_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QPushButton* restart_ = nullptr;
    QPushButton* next_ = nullptr;
    QLabel* changed_ = nullptr;
    QStringList changes_;
};

} // namespace plab
