// A monkey under Xvfb: random clicks, drags, wheel turns and key presses all over the window
// for a bounded time while the engine runs at full speed, switching experiments now and then.
// Checks: no crash, no deadlock (the event loop and the engine keep answering), memory stays
// bounded. Dialogs that a random click opens are closed again by a watchdog.
#include "LiveSlider.h"
#include "Lesson.h"
#include "MainWindow.h"
#include "core/ExperimentRegistry.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QMenuBar>
#include <QRandomGenerator>
#include <QSlider>
#include <QSplitter>
#include <QTimer>
#include <QtTest>

using namespace plab;

namespace {

double residentMiB()
{
    QFile status("/proc/self/status");
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}

QWidget* randomVisibleChild(QWidget* root, QRandomGenerator& rng)
{
    QList<QWidget*> all;
    for (QWidget* w : root->findChildren<QWidget*>())
        if (w->isVisible() && w->width() > 2 && w->height() > 2 && !qobject_cast<QMenuBar*>(w)
            && !w->inherits("QMenu"))
            all.push_back(w);
    return all.isEmpty() ? root : all[int(rng.bounded(quint32(all.size())))];
}

} // namespace

class TestGuiMonkey : public QObject {
    Q_OBJECT
private slots:
    void randomInputNeverCrashesOrHangs()
    {
        const int seconds = qEnvironmentVariableIntValue("PLASTICITY_LAB_MONKEY_SECONDS") > 0
                                ? qEnvironmentVariableIntValue("PLASTICITY_LAB_MONKEY_SECONDS")
                                : 20;
        const quint32 seed = qEnvironmentVariableIsSet("PLASTICITY_LAB_MONKEY_SEED")
                                 ? quint32(qEnvironmentVariableIntValue("PLASTICITY_LAB_MONKEY_SEED"))
                                 : 12345u;
        QRandomGenerator rng(seed);
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setSpeed(0);
        w.controller().play();
        QTest::qWait(500);

        // Dialogs (file choosers, message boxes) would wait for a human: close them.
        int dialogsClosed = 0;
        QTimer watchdog;
        watchdog.setInterval(50);
        connect(&watchdog, &QTimer::timeout, [&] {
            if (QWidget* modal = QApplication::activeModalWidget()) {
                modal->close();
                ++dialogsClosed;
            }
            if (QWidget* popup = QApplication::activePopupWidget())
                popup->close();
        });
        watchdog.start();

        const double startMiB = residentMiB();
        double peakMiB = startMiB;
        const QStringList experiments = [] {
            QStringList names;
            for (const auto& info : ExperimentRegistry::builtin().all())
                names << QString::fromStdString(info.name);
            return names;
        }();
        // Keys that a user presses; not Quit (Ctrl+Q), which would end the test.
        const QList<QKeySequence> keys = {Qt::Key_Space, Qt::Key_Period, Qt::SHIFT | Qt::Key_Greater,
                                          Qt::CTRL | Qt::Key_R, Qt::CTRL | Qt::Key_1, Qt::CTRL | Qt::Key_8,
                                          Qt::Key_Up, Qt::Key_Down, Qt::Key_PageUp, Qt::Key_Tab, Qt::Key_Return,
                                          Qt::Key_Escape, Qt::Key_Delete, Qt::Key_F11};
        QElapsedTimer clock;
        clock.start();
        int actions = 0;
        while (clock.elapsed() < seconds * 1000) {
            QWidget* target = randomVisibleChild(&w, rng);
            const QPoint at(int(rng.bounded(quint32(target->width()))), int(rng.bounded(quint32(target->height()))));
            switch (rng.bounded(10)) {
            case 0:
            case 1:
            case 2:
                QTest::mouseClick(target, Qt::LeftButton, {}, at);
                break;
            case 3: {
                const QPoint to(int(rng.bounded(quint32(target->width()))), int(rng.bounded(quint32(target->height()))));
                QTest::mousePress(target, Qt::LeftButton, {}, at);
                QTest::mouseMove(target, to);
                QTest::mouseRelease(target, Qt::LeftButton, {}, to);
                break;
            }
            case 4: {
                QWheelEvent wheel(at, target->mapToGlobal(at), {}, QPoint(0, rng.bounded(2) ? 120 : -120), Qt::NoButton,
                                  Qt::NoModifier, Qt::NoScrollPhase, false);
                QApplication::sendEvent(target, &wheel);
                break;
            }
            case 5:
            case 6: {
                const QKeySequence key = keys[int(rng.bounded(quint32(keys.size())))];
                QTest::keyClick(&w, Qt::Key(key[0].key()), key[0].keyboardModifiers());
                break;
            }
            case 7:
                QTest::keyClicks(target, QString::number(rng.bounded(1000) / 10.0));
                break;
            case 8: {
                auto sliders = w.findChildren<QSlider*>();
                if (!sliders.isEmpty()) {
                    QSlider* s = sliders[int(rng.bounded(quint32(sliders.size())))];
                    if (s->isEnabled())
                        s->setValue(s->minimum() + int(rng.bounded(quint32(s->maximum() - s->minimum() + 1))));
                }
                break;
            }
            case 9:
                if (rng.bounded(16) == 0) {  // a lesson: its Next and Restart buttons join the targets
                    const QStringList lessons = Lesson::available();
                    if (!lessons.isEmpty())
                        w.openLesson(lessons[int(rng.bounded(quint32(lessons.size())))]);
                } else if (rng.bounded(8) == 0) {
                    w.selectExperiment(experiments[int(rng.bounded(quint32(experiments.size())))]);
                    w.setSpeed(0);
                    w.controller().play();
                }
                break;
            }
            ++actions;
            QTest::qWait(int(rng.bounded(5, 40)));
            peakMiB = std::max(peakMiB, residentMiB());
        }
        watchdog.stop();
        while (QWidget* modal = QApplication::activeModalWidget())
            modal->close();

        // Still alive and responsive: the engine reaches a time we ask for, the GUI shows it.
        w.controller().pause();
        QTest::qWait(100);
        w.refresh();
        const double t = w.controller().time();
        w.setSpeed(0);
        w.controller().runUntil(t + 0.5);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning() && w.controller().time() >= t + 0.499, 30000);
        qInfo("monkey (seed %u): %d actions in %d s, %d dialogs closed, memory %.0f MiB at start, peak %.0f MiB, now %.0f MiB",
              seed, actions, seconds, dialogsClosed, startMiB, peakMiB, residentMiB());
        QVERIFY(actions > 100);
        // Bounded: ring buffers and a bounded mailbox, whatever was clicked. (self-repair's data
        // sets are the largest thing an experiment switch loads: tens of MiB.)
        QVERIFY2(peakMiB - startMiB < 400, qPrintable(QString("grew by %1 MiB").arg(peakMiB - startMiB)));
    }
};

QTEST_MAIN(TestGuiMonkey)
#include "tst_gui_monkey.moc"
