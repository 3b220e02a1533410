#include "LessonController.h"

#include "BayesNetPanel.h"

#include "ExperimentDock.h"
#include "Lesson.h"
#include "LessonPanel.h"
#include "MainWindow.h"
#include "core/Error.h"
#include "core/ExperimentRegistry.h"

#include <QDockWidget>
#include <QMenu>
#include <QScreen>

namespace plab {

namespace {
// Narrower screens (1280 or 1366 pixels) get the lesson as a tab beside the experiment dock.
constexpr int kWideScreen = 1500;
} // namespace

LessonController::LessonController(MainWindow& window, SimulationController& controller)
    : QObject(&window), w_(window), controller_(controller)
{
}

void LessonController::addTo(QMenu* menu)
{
    panel_ = new LessonPanel;
    dock_ = new QDockWidget(tr("Lesson"), &w_);
    dock_->setObjectName("lesson");
    dock_->setWidget(panel_);
    dock_->setMinimumWidth(300);
    w_.addDockWidget(Qt::RightDockWidgetArea, dock_);
    dock_->hide();
    connect(panel_, &LessonPanel::stepEntered, this, &LessonController::performStep);
    connect(panel_, &LessonPanel::continueRequested, this, [this](double until) { controller_.runUntil(until); });
    connect(panel_, &LessonPanel::finished, dock_, &QDockWidget::hide);

    const QStringList paths = Lesson::available();
    for (const QString& path : paths)
        menu->addAction(Lesson::peekTitle(path), this, [this, path] { openLesson(path); });
    if (paths.isEmpty())
        menu->addAction(tr("(no lessons found in resources/lessons)"))->setEnabled(false);
    menu->addSeparator();
    // Presentation clickers send Page Down; the action exists only while a lesson is shown,
    // so that Page Down scrolls as usual otherwise.
    auto* next = menu->addAction(tr("&Next step"), panel_, &LessonPanel::next);
    next->setShortcuts({QKeySequence(Qt::Key_PageDown), QKeySequence(Qt::CTRL | Qt::Key_Right)});
    next->setToolTip(tr("The lesson's Next button (Page Down, as a presentation clicker sends, or Ctrl+→)"));
    next->setEnabled(false);
    connect(dock_, &QDockWidget::visibilityChanged, next, &QAction::setEnabled);
    menu->addAction(dock_->toggleViewAction());
}

bool LessonController::openLesson(const QString& nameOrPath)
{
    Lesson lesson;
    try {
        lesson = Lesson::read(Lesson::find(nameOrPath));
    } catch (const InputError& e) {
        w_.showError(tr("Cannot open the lesson"), QString::fromStdString(e.what()));
        return false;
    }
    // Beside the experiment dock where the screen is wide; on a projector's 1280 pixels the
    // two share the left side as tabs, so the plots keep their width.
    QDockWidget* experimentDock = w_.dock_;
    const int screenWidth = w_.shownOn()->availableGeometry().width();
    if (screenWidth < kWideScreen && experimentDock->isVisible()) {
        w_.tabifyDockWidget(experimentDock, dock_);
    } else if (w_.dockWidgetArea(dock_) != Qt::RightDockWidgetArea || !w_.tabifiedDockWidgets(dock_).isEmpty()) {
        w_.removeDockWidget(dock_);
        w_.addDockWidget(Qt::RightDockWidgetArea, dock_);
    }
    dock_->show();
    dock_->raise();
    panel_->setLesson(std::move(lesson));
    return true;
}

void LessonController::performStep(int index)
{
    const LessonStep& step = panel_->lesson().steps[std::size_t(index)];
    if (!step.experiment.isEmpty()) {
        // Checked when the lesson was read; a failure here is shown by selectExperiment.
        ParameterSet params = ExperimentRegistry::builtin().defaults(step.experiment.toStdString());
        for (const auto& [name, value] : step.set)
            params.set(name, value);
        controller_.pause();
        if (!w_.selectExperiment(step.experiment, params, step.seed))
            return;
    }
    for (const QString& c : step.commands)
        controller_.send(c.toStdString());
    if (!step.table.isEmpty())
        if (auto* bayesnet = qobject_cast<BayesNetPanel*>(w_.panel_))
            bayesnet->openTable(step.table);
    if (speedOverride_)
        w_.setSpeed(*speedOverride_);
    else if (step.speed)
        w_.setSpeed(*step.speed);
    if (step.runUntil)
        controller_.runUntil(*step.runUntil);
    else if (step.play)
        controller_.play();
}

void LessonController::noteUserChange(const QString& command)
{
    if (panel_->hasLesson() && dock_->isVisible())
        panel_->noteUserChange(tr("%1 at t = %2 s").arg(command).arg(controller_.time(), 0, 'f', 0));
}

void LessonController::showSimulation()
{
    if (panel_->hasLesson())
        panel_->showSimulation(controller_.time(), controller_.isRunning());
}

} // namespace plab
