// What ends a live demo, driven as a lecturer drives it, under a real window manager
// (openbox on Xvfb, see with-window-manager.sh) at the screen size PLASTICITY_LAB_SCREEN
// names: Reset and Restart after running, Space after a lesson's Next, the speed shown,
// the raster at full speed. Pictures are read from the screen, not from the widgets.
#include "DemoChecks.h"
#include "LessonPanel.h"
#include "LiveSlider.h"
#include "MainWindow.h"
#include "SpikeRaster.h"

#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QStatusBar>
#include <QtTest>

using namespace plab;
using namespace plab::demo;

class TestGuiDemo : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(windowManagerRunning(), "these tests run under a window manager: see with-window-manager.sh");
    }

    void resetAfterRunningKeepsTheWindowDrawn()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.selectExperiment("self-repair"));
        w.setSpeed(0);
        QTest::keyClick(&w, Qt::Key_Space);
        QTest::qWait(4000);
        QVERIFY(w.controller().time() > 10);
        for (int round = 0; round < 2; ++round) {
            QVERIFY(w.resetRun());
            QTest::qWait(1500);
            const QImage screen = screenOf(w);
            const double dark = darkFraction(screen);
            QVERIFY2(dark < 0.25, qPrintable(QString("after Reset %1 the window is %2 % black (picture: %3)")
                                                  .arg(round + 1)
                                                  .arg(100 * dark, 0, 'f', 0)
                                                  .arg(keepPicture(screen, "reset"))));
            QTest::keyClick(&w, Qt::Key_Space);
            QTest::qWait(2000);
        }
    }

    void spaceAfterNextPlaysAndTypesNothing()
    {
        // The documented Play/Pause key must work after Next, whatever Next did with the focus.
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openLesson("1-em-through-stdp"));
        auto* next = w.lessonPanel()->findChild<QPushButton*>("next");
        QVERIFY(next);
        for (int step = 0; step < 2; ++step) {
            QTRY_VERIFY_WITH_TIMEOUT(next->isEnabled(), 30000);
            QTest::mouseClick(next, Qt::LeftButton);
            QTest::qWait(200);
            w.controller().pause();
            QTRY_VERIFY(!w.controller().isRunning());
            const auto* dt = w.findChild<QWidget*>("parameter dt");
            QVERIFY(dt);
            const QString before = dt->property("text").toString();
            QWidget* focus = QApplication::focusWidget();
            QTest::keyClick(focus ? focus : &w, Qt::Key_Space);
            QTRY_VERIFY2(w.controller().isRunning(),
                         qPrintable("Space did not start the run; focus on " + (focus ? focus->objectName() + " ("
                                                                                   + focus->metaObject()->className() + ")"
                                                                             : QString("nothing"))));
            QCOMPARE(dt->property("text").toString(), before);
        }
    }
};

QTEST_MAIN(TestGuiDemo)
#include "tst_gui_demo.moc"
