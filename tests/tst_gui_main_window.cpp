// The live application under Xvfb: play, slider → time-stamped `set` command, spikes reach
// the OpenGL raster, pause stops simulated time, the screenshot option writes a picture.
#include "BayesNetPanel.h"
#include "EmMixturePanel.h"
#include "core/ExperimentRegistry.h"
#include "LiveSlider.h"
#include "MainWindow.h"
#include "MetricChartView.h"
#include "SpikeRaster.h"
#include "core/Error.h"

#include <QProcess>
#include <QSlider>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

using namespace plab;

namespace {

void pressPlay(MainWindow& w)
{
    auto* toolbar = w.findChild<QToolBar*>("simulation");
    QVERIFY(toolbar);
    auto* button = qobject_cast<QToolButton*>(toolbar->widgetForAction(w.playAction()));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
}

} // namespace

class TestGuiMainWindow : public QObject {
    Q_OBJECT
private slots:
    void usesOpenGlUnderXvfb()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY2(w.raster()->usesOpenGL(), "OpenGL 3.3 core should be available under Xvfb with Mesa");
    }

    void playSliderCommandAndSpikes()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setSpeed(10);
        pressPlay(w);
        QVERIFY(w.controller().isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().time() > 0.5, 10000);

        // Move the learning-rate slider as a user would; it commits one `set` command.
        QSlider* slider = w.learningRateSlider()->slider();
        QVERIFY(slider->isEnabled());
        slider->setValue(slider->value() - 200);
        const double wanted = w.learningRateSlider()->value();
        QVERIFY(wanted > 0 && wanted < 0.02);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().commandLog().empty(), 5000);
        const Command& c = w.controller().commandLog().front();
        QCOMPARE(c.verb, std::string("set"));
        QCOMPARE(c.args[0], std::string("learning_rate"));
        QCOMPARE(std::stod(c.args[1]), wanted);
        QVERIFY2(c.time > 0.4, qPrintable(QString("stamped at t = %1").arg(c.time)));  // simulated time, not 0

        QTRY_VERIFY_WITH_TIMEOUT(w.raster()->spikesReceived() > 100, 5000);
        QVERIFY(w.raster()->framesDrawn() > 0);
        // The panel shows receptive fields and the chart has curves.
        auto* panel = qobject_cast<EmMixturePanel*>(w.panel());
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(panel->state() && panel->state()->neurons == 4, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(w.chart()->pointsIn(0) > 0, 10000);
    }

    void pauseStopsSimulatedTime()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setSpeed(0);  // as fast as possible
        pressPlay(w);
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().time() > 5, 10000);
        pressPlay(w);  // the same button pauses
        QVERIFY(!w.controller().isRunning());
        QTest::qWait(200);  // the last chunk's snapshot arrives
        w.refresh();
        const double paused = w.controller().time();
        QTest::qWait(400);
        w.refresh();
        QCOMPARE(w.controller().time(), paused);
        // Single step advances exactly one step.
        w.controller().step(1);
        QTRY_COMPARE_WITH_TIMEOUT(w.controller().time(), paused + 0.001, 2000);
    }

    void bayesnetGraphClickSetsEvidence()
    {
        MainWindow w;
        ParameterSet p = ExperimentRegistry::builtin().defaults("bayesnet");
        p.set("learning_seconds", "5");
        QVERIFY(w.selectExperiment("bayesnet", p, 1));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setSpeed(0);
        w.controller().runUntil(10);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 10000);
        auto* panel = qobject_cast<BayesNetPanel*>(w.panel());
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(panel->state() && !panel->state()->learning, 5000);
        // Click node Z4 once: evidence Z4 = its first value.
        QTest::mouseClick(panel->graph(), Qt::LeftButton, {}, panel->graph()->nodeCenter(3).toPoint());
        w.controller().step(1);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().commandLog().empty(), 5000);
        QCOMPARE(QString::fromStdString(w.controller().commandLog().back().text()), QString("evidence Z4=1"));
        QVERIFY(w.controller().commandLog().back().time >= 10.0);
        QTRY_VERIFY_WITH_TIMEOUT(panel->state()->variables[3].evidence == 0, 5000);
    }

    void badParametersKeepTheRunningExperiment()
    {
        MainWindow w;
        ParameterSet p = w.controller().parameters();
        p.set("data", "mnist");
        p.set("digits", "nonsense");
        const auto generation = w.controller().generation();
        QVERIFY_THROWS_EXCEPTION(InputError, w.controller().reset("em-mixture", p, 1));
        QCOMPARE(w.controller().generation(), generation);
    }

    void screenshotOptionWritesTheWindow()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("shot.png");
        QProcess p;
        p.start(PLAB_EXECUTABLE, {"--experiment", "em-mixture", "--screenshot", file, "--after", "20"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QImage image(file);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 1000 && image.height() >= 700);
        // Raster spikes are drawn in the input colour somewhere in the middle of the window.
        int spikePixels = 0;
        for (int y = image.height() / 3; y < 2 * image.height() / 3; ++y)
            for (int x = image.width() / 3; x < image.width(); ++x)
            {
                const QColor c = image.pixelColor(x, y);
                spikePixels += std::abs(c.red() - 0x7f) <= 2 && c.red() == c.green() && c.green() == c.blue();
            }
        QVERIFY2(spikePixels > 500, qPrintable(QString::number(spikePixels)));
    }
};

QTEST_MAIN(TestGuiMainWindow)
#include "tst_gui_main_window.moc"
