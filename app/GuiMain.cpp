#include "GuiMain.h"

#include "MainWindow.h"
#include "core/Error.h"
#include "core/ExperimentRegistry.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <iostream>

namespace plab {

int runGui(const GuiOptions& options, int argc, char** argv)
{
    // Check what does not need a window before opening one.
    if (!options.experiment.empty())
        ExperimentRegistry::builtin().get(options.experiment);

    QApplication app(argc, argv);
    QApplication::setApplicationName("Plasticity Lab");
    QApplication::setOrganizationName("Plasticity Lab");
    QApplication::setApplicationVersion(PLAB_VERSION);

    MainWindow window;
    if (!options.experiment.empty() || options.seed != 1)
        window.selectExperiment(QString::fromStdString(
                                    options.experiment.empty() ? ExperimentRegistry::builtin().all().front().name
                                                               : options.experiment),
                                options.seed);
    window.show();

    if (options.screenshot.empty())
        return app.exec();

    // --screenshot: run `after` simulated seconds as fast as possible, draw, save, quit.
    int status = 0;
    window.setSpeed(0);
    window.controller().runUntil(options.after);
    QElapsedTimer settle;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        window.refresh();
        if (window.controller().isRunning())
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
