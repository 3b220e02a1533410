#include "GuiMain.h"

#include "Lesson.h"
#include "LessonPanel.h"
#include "ScatterTrajectoryView.h"
#include "MainWindow.h"
#include "RunFile.h"
#include "io/Resources.h"
#include "io/StateFile.h"
#include "core/Error.h"
#include "core/ExperimentRegistry.h"
#include "core/Parameters.h"

#include <QApplication>
#include <QIcon>
#include <QSettings>
#include <QElapsedTimer>
#include <QTimer>
#include <iostream>

namespace plab {

int runGui(const GuiOptions& options, int argc, char** argv)
{
    // --fork-at T --branch FILE: the branch's commands, checked before any window; applied at T.
    std::vector<Command> branch;
    if (options.forkAt) {
        try {
            branch = readCommandsFile(options.branch);
            for (const Command& c : branch)
                if (c.time < *options.forkAt - 1e-9)
                    throw InputError(c.origin + ": at t = " + formatNumber(c.time) + " s, before the fork at "
                                     + formatNumber(*options.forkAt) + " s");
        } catch (const InputError& e) {
            std::cerr << "plasticity-lab: " << e.what() << "\n";
            return 2;
        }
    }
    // Check what does not need a window before opening one: a bad name or value is a
    // one-line error and exit status 2, as on the headless path.
    const std::string experiment =
        options.experiment.empty() ? ExperimentRegistry::builtin().all().front().name : options.experiment;
    ParameterSet params = ExperimentRegistry::builtin().defaults(experiment);
    for (const auto& a : options.assignments) {
        try {
            params.setAssignment(a);
        } catch (const InputError& e) {
            throw InputError(std::string("--set ") + a + ": " + e.what());
        }
    }

    // The run itself too: parameters that are each fine may not go together (evidence the
    // network gives probability 0, a network file that does not parse).
    if (!options.experiment.empty() || !options.assignments.empty())
        (void)ExperimentRegistry::builtin().create(experiment, params, options.seed);
    if (!options.replayFile.empty())
        RunFile::read(options.replayFile).parameterSet();  // a broken file is a one-line error, no window
    if (!options.loadState.empty())
        loadStateFile(options.loadState);
    QString lessonPath;
    if (!options.lesson.empty()) {
        lessonPath = Lesson::find(QString::fromStdString(options.lesson));
        const Lesson lesson = Lesson::read(lessonPath);
        if (options.lessonStep > int(lesson.steps.size()))
            throw InputError("--lesson " + options.lesson + ":" + std::to_string(options.lessonStep) + ": the lesson has "
                             + std::to_string(lesson.steps.size()) + " steps");
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName("Plasticity Lab");
    QApplication::setOrganizationName("Plasticity Lab");
    QApplication::setApplicationVersion(PLAB_VERSION);
    try {
        QApplication::setWindowIcon(QIcon(QString::fromStdString(Resources::path("icons/plasticity-lab.svg"))));
    } catch (const InputError&) {
        // No icon is no reason not to start.
    }

    MainWindow window;
    // Remembered settings (theme, presentation view, geometry, the last experiment) apply to
    // an interactive start; a screenshot is made with defaults so that it is reproducible.
    QSettings settings;
    const bool interactive = options.screenshot.empty();
    const bool startsOwnRun = !options.experiment.empty() || options.seed != 1 || !options.assignments.empty()
                              || !options.replayFile.empty() || !options.loadState.empty() || !options.lesson.empty();
    if (interactive)
        window.restoreSettings(settings, !startsOwnRun);
    if (!options.theme.empty() || options.presentation) {
        ViewStyle style = window.viewStyle();
        if (!options.theme.empty())
            style.theme = ViewStyle::themeFromName(QString::fromStdString(options.theme));
        style.presentation = style.presentation || options.presentation;
        window.setViewStyle(style);
    }
    if (!options.experiment.empty() || options.seed != 1 || !options.assignments.empty())
        if (!window.selectExperiment(QString::fromStdString(experiment), params, options.seed))
            return 2;
    if (!options.replayFile.empty() && !window.openRun(QString::fromStdString(options.replayFile)))
        return 2;
    if (!options.loadState.empty() && !window.openState(QString::fromStdString(options.loadState)))
        return 2;
    if (!options.screenshot.empty() && !lessonPath.isEmpty())
        window.setLessonSpeedOverride(0);
    if (!lessonPath.isEmpty() && !window.openLesson(lessonPath))
        return 2;
    if (options.forkAt)
        window.controller().runUntil(*options.forkAt);
    bool forkPending = options.forkAt.has_value();
    const auto forkWhenThere = [&] {
        // At T: paused there by runUntil (a pause before T by hand is not the fork).
        if (!forkPending || window.controller().isRunning()
            || window.controller().time() < *options.forkAt - 0.5 * window.controller().dt())
            return;
        forkPending = false;
        std::vector<std::string> now;
        std::vector<Command> later;
        for (const Command& c : branch)
            if (c.time <= *options.forkAt + 1e-9)
                now.push_back(c.text());
            else
                later.push_back(c);
        window.controller().forkAndApply(now);
        for (const Command& c : later)  // after the fork: in the running copy only
            window.controller().scheduleInLesioned(c);
        if (options.screenshot.empty())
            window.controller().play();
        else
            window.controller().runUntil(options.after);
    };
    QTimer forkTimer;
    forkTimer.setInterval(20);
    QObject::connect(&forkTimer, &QTimer::timeout, &app, [&] {
        forkWhenThere();
        if (!forkPending)
            forkTimer.stop();
    });
    if (forkPending)
        forkTimer.start();
    window.show();

    // --lesson NAME:STEP goes through the steps before STEP as if Next were pressed.
    LessonPanel* lesson = window.lessonPanel();
    const int targetStep = options.lessonStep - 1;
    const auto lessonAtTarget = [&] {
        return lessonPath.isEmpty() || (lesson->currentStep() == targetStep && lesson->stepReached());
    };
    QTimer advance;
    advance.setInterval(50);
    QObject::connect(&advance, &QTimer::timeout, &app, [&] {
        if (lessonAtTarget())
            advance.stop();
        else if (lesson->stepReached() && !window.controller().isRunning() && lesson->currentStep() < targetStep)
            lesson->next();
    });
    if (!lessonPath.isEmpty() && targetStep > 0)
        advance.start();

    if (interactive) {
        const int status = app.exec();
        window.saveSettings(settings);
        return status;
    }

    // --screenshot: run `after` simulated seconds as fast as possible (or reach the lesson's
    // step), draw, save, quit.
    int status = 0;
    window.setSpeed(0);
    if (lessonPath.isEmpty() && !forkPending)
        window.controller().runUntil(options.after);
    QElapsedTimer settle;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        window.refresh();
        if (forkPending || window.controller().isRunning() || !lessonAtTarget())
            return;
        if (!settle.isValid()) {
            settle.start();  // let the last snapshot reach every view and be painted
            return;
        }
        if (settle.elapsed() < 400)
            return;
        window.refresh();
        const QPixmap shot = window.grab();
        if (!shot.save(QString::fromStdString(options.screenshot))) {
            std::cerr << "plasticity-lab: cannot write screenshot " << options.screenshot << "\n";
            status = 2;
        }
        app.quit();
    });
    poll.start();
    app.exec();
    return status;
}

} // namespace plab
