// Guided lessons: every lesson file in resources/lessons is followed from start to end under
// Xvfb by pressing Next, checking after each step that the simulation reached the step's
// state (experiment, parameters, time, commands applied); malformed lesson files are refused
// with a message that says where and why.
#include "BayesNetPanel.h"
#include "Lesson.h"
#include "LessonPanel.h"
#include "MainWindow.h"
#include "ModuleTableView.h"
#include "core/Error.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

using namespace plab;

namespace {

QString errorOf(const QByteArray& json)
{
    try {
        Lesson::parse(json, "bad.json");
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

const char* kHead = R"({"format": "plasticity-lab lesson", "version": 1, "title": "t", "steps": [)";

QByteArray lessonWith(const char* steps)
{
    return QByteArray(kHead) + steps + "]}";
}

} // namespace

class TestGuiLessons : public QObject {
    Q_OBJECT
private slots:
    void everyLessonFileReads()
    {
        const QStringList lessons = Lesson::available();
        QVERIFY2(lessons.size() >= 5, "one lesson per principle is shipped in resources/lessons");
        for (const QString& path : lessons) {
            try {
                const Lesson lesson = Lesson::read(path);
                QVERIFY(!lesson.steps.empty());
                QVERIFY(!lesson.steps.front().experiment.isEmpty());
            } catch (const InputError& e) {
                QFAIL(e.what());
            }
        }
        QCOMPARE(Lesson::find("4-self-repair"), Lesson::find("4-self-repair.json"));
        QVERIFY_THROWS_EXCEPTION(InputError, Lesson::find("no-such-lesson"));
    }

    void malformedLessonsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << "empty file";
        QTest::newRow("bad JSON") << QByteArray("{\n  \"format\": ,\n}") << "bad.json:2:";
        QTest::newRow("not a lesson") << QByteArray(R"({"format": "plasticity-lab run", "version": 1})")
                                      << "is this a lesson?";
        QTest::newRow("newer version")
            << QByteArray(R"({"format": "plasticity-lab lesson", "version": 2, "title": "t", "steps": []})")
            << "\"version\" must be 1";
        QTest::newRow("no steps")
            << QByteArray(R"({"format": "plasticity-lab lesson", "version": 1, "title": "t", "steps": []})")
            << "non-empty list";
        QTest::newRow("typo in a key") << lessonWith(R"({"title": "a", "experiment": "reward", "run_untill": 5})")
                                       << "step 1: unknown key \"run_untill\"";
        QTest::newRow("no experiment first") << lessonWith(R"({"title": "a", "run_until": 5})")
                                             << "step 1: the first step must start";
        QTest::newRow("unknown experiment") << lessonWith(R"({"title": "a", "experiment": "hebb"})")
                                            << "step 1: unknown experiment 'hebb'";
        QTest::newRow("bad parameter") << lessonWith(R"({"title": "a", "experiment": "reward", "set": {"temperature": -1}})")
                                       << "step 1: ";
        QTest::newRow("unknown parameter") << lessonWith(R"({"title": "a", "experiment": "reward", "set": {"temp": 1}})")
                                           << "temp";
        QTest::newRow("bad command")
            << lessonWith(R"({"title": "a", "experiment": "self-repair"}, {"title": "b", "commands": ["lesion zv-digit 7"]})")
            << "step 2: ";
        QTest::newRow("command of another experiment")
            << lessonWith(R"({"title": "a", "experiment": "reward"}, {"title": "b", "commands": ["lesion cut zv-za"]})")
            << "step 2: ";
        QTest::newRow("back in time")
            << lessonWith(R"({"title": "a", "experiment": "reward", "run_until": 10}, {"title": "b", "run_until": 5})")
            << "step 2: \"run_until\" 5 s goes back in time";
        QTest::newRow("negative time") << lessonWith(R"({"title": "a", "experiment": "reward", "run_until": -1})")
                                       << "\"run_until\" must be a number, 0 or more";
        QTest::newRow("play and run") << lessonWith(R"({"title": "a", "experiment": "reward", "run_until": 1, "play": true})")
                                      << "not both";
        QTest::newRow("set without experiment")
            << lessonWith(R"({"title": "a", "experiment": "reward"}, {"title": "b", "set": {"temperature": 1}})")
            << "step 2: \"seed\" and \"set\" belong to a step that starts";
        QTest::newRow("table of another experiment") << lessonWith(R"({"title": "a", "experiment": "reward", "table": "Z1"})")
                                                     << "step 1: \"table\" opens a module table of the Bayesian-network";
        QTest::newRow("table of no variable") << lessonWith(R"({"title": "a", "experiment": "bayesnet", "table": "Z9"})")
                                              << "step 1: \"table\": the network has no variable 'Z9'";
        QTest::newRow("missing title") << lessonWith(R"({"experiment": "reward"})") << "step 1: \"title\" is missing";
        QTest::newRow("text not text") << lessonWith(R"({"title": "a", "experiment": "reward", "text": 3})")
                                       << "\"text\" must be a text or a list of paragraphs";
    }

    void malformedLessonsAreRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const QString error = errorOf(json);
        QVERIFY2(!error.isEmpty(), "the lesson should be refused");
        QVERIFY2(error.startsWith("bad.json"), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void followEveryLesson_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString& path : Lesson::available())
            QTest::newRow(qPrintable(QFileInfo(path).completeBaseName())) << path;
    }

    void followEveryLesson()
    {
        QFETCH(QString, path);
        const Lesson lesson = Lesson::read(path);
#ifdef PLAB_SANITIZED
        double longest = 0;
        for (const auto& step : lesson.steps)
            longest = std::max(longest, step.runUntil.value_or(0));
        if (longest > 1000)
            QSKIP("hours of simulated time: followed in the normal build, too slow under sanitizers");
#endif
        MainWindow w;
        w.setLessonSpeedOverride(0);  // the lesson's own speeds are for a class, not for a test
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openLesson(path));
        LessonPanel* panel = w.lessonPanel();
        QVERIFY(panel->isVisible());
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            const LessonStep& step = lesson.steps[i];
            QCOMPARE(panel->currentStep(), int(i));
            QTRY_VERIFY_WITH_TIMEOUT(panel->stepReached() && !w.controller().isRunning(), 240000);
            const QString where = QString("step %1 (%2)").arg(i + 1).arg(step.title);

            QVERIFY2(QString::fromStdString(w.controller().experimentName()) == lesson.experimentAt(i),
                     qPrintable(where));
            if (!step.experiment.isEmpty()) {
                QCOMPARE(w.controller().seed(), step.seed);
                for (const auto& [name, value] : step.set)
                    QVERIFY2(w.controller().parameters().formatted(name) == value, qPrintable(where + ": " + name.c_str()));
            }
            if (step.runUntil)
                QVERIFY2(std::abs(w.controller().time() - *step.runUntil) < 1e-6, qPrintable(where));
            for (const QString& c : step.commands) {
                const auto& log = w.controller().commandLog();
                const bool applied = std::any_of(log.begin(), log.end(), [&](const Command& a) {
                    return QString::fromStdString(a.text()) == c;
                });
                QVERIFY2(applied, qPrintable(where + ": '" + c + "' was not applied"));
            }
            if (!step.table.isEmpty()) {  // the step's module table is open, filled
                auto* bayesnet = qobject_cast<BayesNetPanel*>(w.panel());
                QVERIFY2(bayesnet, qPrintable(where));
                QTRY_COMPARE(bayesnet->tabs()->currentWidget(), static_cast<QWidget*>(bayesnet->tableView()));
                QTRY_VERIFY2(bayesnet->tableView()->heading().contains("<b>" + step.table + "</b>"), qPrintable(where));
                QVERIFY(bayesnet->tableView()->table()->rowCount() > 0);
            }
            QVERIFY(panel->nextButton()->isEnabled());
            QCOMPARE(panel->nextButton()->text(), i + 1 == lesson.steps.size() ? QString("Finish") : QString("Next ▶"));
            QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
        }
        // Finish closes the lesson panel.
        QTRY_VERIFY(!w.findChild<QDockWidget*>("lesson")->isVisible());
    }

    void pausingHalfWayOffersToContinue()
    {
        MainWindow w;
        w.setLessonSpeedOverride(1);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openLesson("1-em-through-stdp"));
        LessonPanel* panel = w.lessonPanel();
        QTest::mouseClick(panel->nextButton(), Qt::LeftButton);  // step 2 runs to t = 20 s at real time
        QCOMPARE(panel->currentStep(), 1);
        QTRY_VERIFY(w.controller().time() > 0.1);
        QVERIFY(!panel->nextButton()->isEnabled());  // Next waits for the step's time
        w.controller().pause();
        QTRY_VERIFY(panel->nextButton()->isEnabled());
        QVERIFY(panel->nextButton()->text().startsWith("Continue to t = 20"));
        QVERIFY(!panel->stepReached());
        w.setSpeed(0);
        QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->stepReached(), 60000);
        QCOMPARE(panel->currentStep(), 1);  // Continue did not skip the step
        QVERIFY(std::abs(w.controller().time() - 20) < 1e-6);

        // Page Down (a presentation clicker) is Next while a lesson is shown.
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_PageDown);
        QCOMPARE(panel->currentStep(), 2);

        // Restart begins again: a new run at t = 0.
        panel->restart();
        QCOMPARE(panel->currentStep(), 0);
        QTRY_COMPARE(w.controller().time(), 0.0);
    }
};

QTEST_MAIN(TestGuiLessons)
#include "tst_gui_lessons.moc"
