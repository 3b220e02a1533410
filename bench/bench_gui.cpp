// GUI responsiveness with the engine running as fast as possible, for every registered
// experiment and its panel: frames per second (window, raster, panel repaints), event-loop
// lateness, and the time from a click on Play/Pause to the GUI's reaction and to the engine's
// acknowledgement. Needs a display with OpenGL (run it under xvfb-run):
//
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/bin/bench_gui
//
// Prints figures; no pass/fail.
#include "ExperimentPanel.h"
#include "MainWindow.h"
#include "SpikeRaster.h"
#include "core/ExperimentRegistry.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace plab;

namespace {

void spin(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::size_t(p * double(v.size() - 1))];
}

// Counts paint events of the experiment panel and every widget inside it.
class PanelPaintCounter : public QObject {
public:
    explicit PanelPaintCounter(MainWindow& w) : w_(w) {}
    std::uint64_t count = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && w_.panel()) {
            for (auto* o = watched; o; o = o->parent())
                if (o == w_.panel()) {
                    ++count;
                    break;
                }
        }
        return false;
    }

private:
    MainWindow& w_;
};

void measure(MainWindow& w, const std::string& label, PanelPaintCounter& paints)
{
    w.setSpeed(0);
    w.controller().play();
    spin(1000);  // warm up

    // Frames and event-loop lateness over 5 s: a 10 ms timer notes how late it fires.
    const auto frames0 = w.raster()->framesDrawn();
    const auto shown0 = w.framesShown();
    const auto paints0 = paints.count;
    const double sim0 = w.controller().time();
    std::vector<double> lateness;
    QElapsedTimer clock;
    clock.start();
    qint64 expected = 10;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        lateness.push_back(double(clock.elapsed() - expected));
        expected = clock.elapsed() + 10;
    });
    probe.start(10);
    spin(5000);
    probe.stop();
    const double seconds = clock.elapsed() / 1000.0;
    const double fps = double(w.raster()->framesDrawn() - frames0) / seconds;
    const double windowFps = double(w.framesShown() - shown0) / seconds;
    const double panelPaints = double(paints.count - paints0) / seconds;
    const double speed = (w.controller().time() - sim0) / seconds;

    // Clicks: press and release posted to the Play/Pause button like a real click.
    auto* toolbar = w.findChild<QToolBar*>("simulation");
    auto* button = qobject_cast<QToolButton*>(toolbar->widgetForAction(w.playAction()));
    std::vector<double> gui, engine;
    for (int i = 0; i < 20; ++i) {
        const bool wasRunning = w.controller().isRunning();
        const QPointF at(button->width() / 2.0, button->height() / 2.0);
        const QPointF global = button->mapToGlobal(at);
        QElapsedTimer t;
        t.start();
        QCoreApplication::postEvent(button, new QMouseEvent(QEvent::MouseButtonPress, at, global, Qt::LeftButton,
                                                            Qt::LeftButton, Qt::NoModifier));
        QCoreApplication::postEvent(button, new QMouseEvent(QEvent::MouseButtonRelease, at, global, Qt::LeftButton,
                                                            Qt::NoButton, Qt::NoModifier));
        while (w.controller().isRunning() == wasRunning && t.elapsed() < 2000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        gui.push_back(t.nsecsElapsed() / 1e6);
        while (w.controller().engineRunning() == wasRunning && t.elapsed() < 2000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        engine.push_back(t.nsecsElapsed() / 1e6);
        spin(150);
    }
    w.controller().pause();

    std::printf("%s\n", label.c_str());
    std::printf("  engine speed                 %10.0f x real time\n", speed);
    std::printf("  window frames per second     %10.1f\n", windowFps);
    if (w.raster()->isVisible())
        std::printf("  raster frames per second     %10.1f (%s)\n", fps, w.raster()->usesOpenGL() ? "OpenGL" : "QPainter");
    else
        std::printf("  raster                       (hidden: the experiment has no spiking neurons)\n");
    std::printf("  panel repaints per second    %10.1f\n", panelPaints);
    std::printf("  event-loop lateness (10 ms timer): median %.1f ms, 99th percentile %.1f ms, max %.1f ms\n",
                percentile(lateness, 0.5), percentile(lateness, 0.99), percentile(lateness, 1.0));
    std::printf("  click -> GUI reacts:          median %.1f ms, max %.1f ms\n", percentile(gui, 0.5),
                percentile(gui, 1.0));
    std::printf("  click -> engine acknowledges: median %.1f ms, max %.1f ms\n", percentile(engine, 0.5),
                percentile(engine, 1.0));
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    // Optional arguments name the experiments to measure (default: all of them).
    QStringList only = app.arguments().mid(1);
    MainWindow w;
    PanelPaintCounter paints(w);
    app.installEventFilter(&paints);
    w.show();
    spin(500);
    for (const auto& info : ExperimentRegistry::builtin().all()) {
        if (!only.isEmpty() && !only.contains(QString::fromStdString(info.name)))
            continue;
        w.selectExperiment(QString::fromStdString(info.name));
        spin(300);
        measure(w, info.name + " (default)", paints);
        if (info.name == "em-mixture") {
            ParameterSet p = w.controller().parameters();
            p.set("data", "mnist");
            w.controller().reset("em-mixture", p, 1);
            spin(300);
            measure(w, "em-mixture (data=mnist)", paints);
        }
    }
    return 0;
}
