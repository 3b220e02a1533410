// The live application under Xvfb: play, slider → time-stamped `set` command, spikes reach
// the OpenGL raster, pause stops simulated time, the screenshot option writes a picture.
#include "BayesNetPanel.h"
#include <QCheckBox>
#include "ChartLegend.h"
#include "EmMixturePanel.h"
#include "core/ExperimentRegistry.h"
#include "LiveSlider.h"
#include "MainWindow.h"
#include "ModuleTableView.h"
#include "NetworkGraphView.h"
#include "LesionDialog.h"
#include "MetricChartView.h"
#include "RewardPanel.h"
#include "ScatterTrajectoryView.h"
#include "SelfRepairPanel.h"
#include "RasterModel.h"
#include "SpikeRaster.h"
#include "SweepView.h"
#include "core/Error.h"

#include <QChartView>
#include <QContextMenuEvent>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QLineSeries>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSplitterHandle>
#include <QStatusBar>
#include <QTableWidget>
#include <QWheelEvent>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
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

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject{};
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray{};
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

    void eachExperimentOpensAtASpeedThatPlaysItsRunInAboutAMinute()
    {
        MainWindow w;
        const auto& registry = ExperimentRegistry::builtin();
        for (const auto& info : registry.all()) {
            QVERIFY(w.selectExperiment(QString::fromStdString(info.name), 1));
            const double duration = registry.create(info.name, registry.defaults(info.name), 1)->duration();
            const double wall = duration / w.controller().speed();
            QVERIFY2(wall >= 30 && wall <= 120, qPrintable(QString("%1: %2 s of simulation at ×%3 take %4 s")
                                                               .arg(QString::fromStdString(info.name))
                                                               .arg(duration).arg(w.controller().speed()).arg(wall)));
            QVERIFY(w.speedChoiceText() != "Real time (×1)" || info.name == "fokker-planck");
        }
        // A speed the user picks stays for a new run of the same experiment ...
        QVERIFY(w.selectExperiment("self-repair", 1));
        QCOMPARE(w.controller().speed(), 300.0);
        w.setSpeed(10);
        QVERIFY(w.resetRun());
        QCOMPARE(w.controller().speed(), 10.0);
        QCOMPARE(w.speedChoiceText(), QString("×10"));
        // ... and another experiment opens at its own.
        QVERIFY(w.selectExperiment("em-mixture", 1));
        QCOMPARE(w.controller().speed(), 3.0);
        // Left alone, the speed follows the run: another network learns for longer.
        QVERIFY(w.selectExperiment("bayesnet", 1));
        QCOMPARE(w.controller().speed(), 100.0);  // Knill-Kersten: 7200 + 400 s
        ParameterSet chest = registry.defaults("bayesnet");
        chest.set("network", "chest-clinic");
        QVERIFY(w.selectExperiment("bayesnet", chest, 1));
        QCOMPARE(w.controller().speed(), 1000.0);  // 57 500 + 400 s
        QCOMPARE(w.speedChoiceText(), QString("×1000"));
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
        // R-hat (near 1) is in the chart's legend but off at first, beside KLs near 0.
        ChartLegend* legend = w.chart()->legend();
        int rhat = -1, kl = -1;
        for (int i = 0; i < legend->count(); ++i) {
            if (legend->entry(i)->text() == "rhat_max")
                rhat = i;
            if (legend->entry(i)->text() == "kl_Z1")
                kl = i;
        }
        QVERIFY(rhat >= 0 && kl >= 0);
        QVERIFY(!legend->entry(rhat)->isChecked());
        QVERIFY(legend->entry(kl)->isChecked());
        // Four chains sample; the panel says how well they agree, live.
        QCOMPARE(panel->state()->chains, 4);
        QVERIFY(std::isfinite(panel->state()->variables[0].rhat) && panel->state()->variables[0].rhat < 1.1);
        QVERIFY(panel->state()->variables[0].ess > 10);
        bool said = false;
        for (QLabel* label : panel->findChildren<QLabel*>())
            said = said || (label->text().contains("4 chains: ") && label->text().contains("R̂ ≤") && label->text().contains("ESS ≥"));
        QVERIFY2(said, "the phase line gives R-hat and the effective sample size");
        NetworkGraphView* graph = panel->graph();
        QVERIFY2(graph->laidOutByGraphviz(), "the layout comes from Graphviz's dot");
        // Parents above their children: Z1 and Z2 feed Z3's box from above.
        QVERIFY(graph->nodeCenter(0).y() < graph->nodeCenter(2).y());
        QVERIFY(graph->nodeCenter(1).y() < graph->nodeCenter(2).y());
        // Click Z4's first value: evidence Z4 = 1.
        const auto lastCommand = [&] { return QString::fromStdString(w.controller().commandLog().back().text()); };
        QTest::mouseClick(graph, Qt::LeftButton, {}, graph->valueCenter(3, 0).toPoint());
        w.controller().step(1);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().commandLog().empty(), 5000);
        QCOMPARE(lastCommand(), QString("evidence Z4=1"));
        QVERIFY(w.controller().commandLog().back().time >= 10.0);
        QTRY_VERIFY_WITH_TIMEOUT(panel->state()->variables[3].evidence == 0, 5000);
        QCOMPARE(graph->nodeText(3), QString("= 1"));
        // Its other value moves the evidence; the observed value clicked again clears it.
        QTest::mouseClick(graph, Qt::LeftButton, {}, graph->valueCenter(3, 1).toPoint());
        w.controller().step(1);
        QTRY_COMPARE_WITH_TIMEOUT(lastCommand(), QString("evidence Z4=2"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->state()->variables[3].evidence == 1, 5000);
        QTest::mouseClick(graph, Qt::LeftButton, {}, graph->valueCenter(3, 1).toPoint());
        w.controller().step(1);
        QTRY_COMPARE_WITH_TIMEOUT(lastCommand(), QString("evidence clear"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->state()->variables[3].evidence == -1, 5000);
        const std::size_t commands = w.controller().commandLog().size();
        // The name opens the module's table, and sets no evidence.
        QTest::mouseClick(graph, Qt::LeftButton, {}, graph->headerCenter(2).toPoint());
        QCOMPARE(panel->tabs()->currentWidget(), static_cast<QWidget*>(panel->tableView()));
        QCOMPARE(panel->tableView()->variable(), 2);
        QTableWidget* table = panel->tableView()->table();
        QVERIFY(table->rowCount() > 0);
        QVERIFY2(panel->tableView()->heading().contains("<b>Z3</b>"), qPrintable(panel->tableView()->heading()));
        // Each value's column holds "true / learned"; the true column of a row sums to 1.
        double truthSum = 0;
        for (int c = 0; c < table->columnCount(); ++c) {
            if (!table->horizontalHeaderItem(c)->text().endsWith("\ntrue / learned"))
                continue;
            const QStringList pair = table->item(0, c)->text().split(" / ");
            QCOMPARE(pair.size(), 2);
            truthSum += pair[0].toDouble();
        }
        QVERIFY2(std::abs(truthSum - 1) < 0.002, qPrintable(QString::number(truthSum)));
        w.controller().step(1);
        QTest::qWait(200);
        QCOMPARE(w.controller().commandLog().size(), commands);
        // The wheel zooms around the pointer, a double click fits the whole network again.
        const double fitted = graph->scale();
        const QPointF at = graph->nodeCenter(2);
        QWheelEvent wheel(at, graph->mapToGlobal(at), {}, QPoint(0, 240), Qt::NoButton, {}, Qt::NoScrollPhase, false);
        QApplication::sendEvent(graph, &wheel);
        QVERIFY2(graph->scale() > 1.3 * fitted, qPrintable(QString("%1 -> %2").arg(fitted).arg(graph->scale())));
        QVERIFY2(QLineF(graph->nodeCenter(2), at).length() < 2, "the point under the pointer stays put");
        QTest::mouseDClick(graph, Qt::LeftButton, {}, QPoint(3, 3));
        QCOMPARE(graph->scale(), fitted);
    }

    void lesionDialogForksAndTheChartDrawsTheIntactCopyDashed()
    {
        MainWindow w;
        ParameterSet p = ExperimentRegistry::builtin().defaults("em-mixture");
        p.set("record_interval", "1");
        QVERIFY(w.selectExperiment("em-mixture", p, 3));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setSpeed(0);
        const auto runTo = [&](double t) {
            w.controller().runUntil(t);
            QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 60000);
            QTRY_COMPARE_WITH_TIMEOUT(w.controller().time(), t, 5000);
        };
        runTo(20);
        w.openLesionDialog();
        LesionDialog* dialog = w.lesionDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        // Half the neurons at random, beside an intact copy.
        dialog->howBox()->setCurrentIndex(dialog->howBox()->findData("random"));
        dialog->amountBox()->setValue(0.5);
        dialog->setCompare(true);
        QCOMPARE(dialog->command(), QString("lesion neurons hidden random 0.5"));
        dialog->accept();
        w.controller().step(1);
        QTRY_COMPARE_WITH_TIMEOUT(w.controller().commandLog().size(), std::size_t(1), 5000);
        QCOMPARE(QString::fromStdString(w.controller().commandLog()[0].text()), QString("lesion neurons hidden random 0.5"));
        runTo(80);
        MetricChartView* chart = w.chart();
        QTRY_VERIFY_WITH_TIMEOUT(chart->comparing() && chart->pointsOf(2, true).size() >= 78, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(chart->pointsOf(2).size() >= 78, 5000);

        // The dashed twin is the run without the lesion, bit for bit: a straight run of the
        // same experiment, seed and parameters; the solid one is not.
        Simulation straight(ExperimentRegistry::builtin().create("em-mixture", p, 3));
        straight.runUntil(80);
        const auto names = straight.experiment().seriesNames();
        const int nmi = int(std::find(names.begin(), names.end(), "nmi") - names.begin());
        QCOMPARE(nmi, 2);
        std::map<double, double> truth;
        for (std::size_t r = 0; r < straight.series().size(); ++r)
            truth[straight.series().times[r]] = straight.series().rows[r][std::size_t(nmi)];
        int compared = 0, differ = 0;
        for (const QPointF& q : chart->pointsOf(nmi, true)) {
            QVERIFY(truth.count(q.x()));
            QCOMPARE(q.y(), truth[q.x()]);
            ++compared;
        }
        for (const QPointF& q : chart->pointsOf(nmi))
            differ += q.x() > 21 && q.y() != truth[q.x()];
        QVERIFY2(compared >= 78, qPrintable(QString::number(compared)));
        QVERIFY2(differ > 30, qPrintable(QString::number(differ)));

        // Under the chart: what the lesion did, the figures summary.json gives for the same
        // run, and the lesioned run against the intact copy.
        Simulation lesioned(ExperimentRegistry::builtin().create("em-mixture", p, 3));
        lesioned.schedule(w.controller().commandLog()[0]);
        lesioned.runUntil(80);
        double relativeAfter = NAN;
        for (const auto& [name, value] : lesioned.summary())
            if (name == "lesion1_relative_after")
                relativeAfter = std::get<double>(value);
        QVERIFY2(std::isfinite(relativeAfter), qPrintable(QString::number(relativeAfter)));
        const auto measure = *lesioned.experiment().performanceMeasure();
        auto* report = w.findChild<QLabel*>("lesion report");
        QVERIFY(report);
        QTRY_VERIFY_WITH_TIMEOUT(report->isVisible(), 5000);
        const QStringList lines = report->text().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].startsWith("Lesion 1 at 20 s (lesion neurons hidden random 0.5): nmi before"), qPrintable(lines[0]));
        QVERIFY2(lines[0].contains(QString("lowest %1 % of it").arg(relativeAfter * 100, 0, 'f', 0)), qPrintable(lines[0]));
        QVERIFY2(lines[1].contains(QString("%1 intact copy").arg(recentPerformance(straight.series(), measure), 0, 'g', 3)),
                 qPrintable(lines[1]));
        QVERIFY2(lines[1].contains(QString("nmi = %1 lesioned").arg(recentPerformance(lesioned.series(), measure), 0, 'g', 3)),
                 qPrintable(lines[1]));

        // The legend switches both; a new run ends the comparison.
        QVERIFY(w.resetRun());
        QTRY_VERIFY_WITH_TIMEOUT(!chart->comparing(), 5000);
    }

    void dragOverTheRasterOffersToLesionTheSelectedNeurons()
    {
        MainWindow w;
        ParameterSet p = ExperimentRegistry::builtin().defaults("self-repair");
        QVERIFY(w.selectExperiment("self-repair", p, 1));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // Drag over the zV band's rows: a menu offers "Lesion selected…", which opens the
        // dialog with those neurons.
        const RasterModel& model = w.raster()->model();
        int zv = -1;
        for (std::size_t b = 0; b < model.bands().size(); ++b)
            if (model.bands()[b].name == "zV")
                zv = int(b);
        QVERIFY(zv >= 0);
        const auto& band = model.bands()[std::size_t(zv)];
        QWidget* canvas = w.raster()->canvas();
        const float low = band.bottom + 0.25f * (band.top - band.bottom), high = band.bottom + 0.6f * (band.top - band.bottom);
        const auto yAt = [&](float f) { return int(std::lround((1.0f - f) * float(canvas->height()))); };
        const std::vector<int> expected = model.neuronsBetween(zv, 1.0f - float(yAt(low)) / float(canvas->height()),
                                                                 1.0f - float(yAt(high)) / float(canvas->height()));
        QVERIFY(expected.size() >= 3);
        QSignalSpy selected(w.raster(), &SpikeRaster::neuronsSelected);
        QTest::mousePress(canvas, Qt::LeftButton, {}, QPoint(50, yAt(high)));
        QTest::mouseMove(canvas, QPoint(60, yAt(low)));
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, QPoint(60, yAt(low)));
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.at(0).at(0).toString(), QString("zV"));
        QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<QMenu*>(QApplication::activePopupWidget()), 5000);
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        QVERIFY2(menu->actions().value(0) && menu->actions()[0]->text().contains("of zv"),
                 qPrintable(menu->actions().value(0) ? menu->actions()[0]->text() : QString("no action")));
        menu->actions()[0]->trigger();
        menu->close();
        QTRY_VERIFY_WITH_TIMEOUT(w.lesionDialog() && w.lesionDialog()->isVisible(), 5000);
        const QString numbers = QString("%1-%2").arg(expected.front() + 1).arg(expected.back() + 1);
        QCOMPARE(w.lesionDialog()->command(), "lesion neurons zv " + numbers);
        w.lesionDialog()->reject();
        // Input neurons cannot be lesioned: the status bar says so, no menu.
        w.raster()->selectRows(0.0f, 0.05f);
        QVERIFY(w.statusBar()->currentMessage().contains("cannot be lesioned"));
    }

    void lesionsCanBeChosenInTheViews()
    {
        // Whatever the view, the choice opens the lesion dialog with it: the menu that the
        // selection brings up, and the command the dialog then builds.
        QString command;  // what the dialog built
        const auto chooseFromMenu = [&command](MainWindow& w, const QStringList& expected, int pick) {
            command.clear();
            QTRY_VERIFY_WITH_TIMEOUT(w.lesionMenu() && w.lesionMenu()->isVisible(), 5000);
            QMenu* menu = w.lesionMenu();
            QStringList texts;
            for (QAction* a : menu->actions())
                texts << a->text();
            QVERIFY2(texts == expected, qPrintable(texts.join(" | ")));
            menu->actions()[pick]->trigger();
            menu->close();
            QTRY_VERIFY_WITH_TIMEOUT(w.lesionDialog() && w.lesionDialog()->isVisible(), 5000);
            command = w.lesionDialog()->command();
            w.lesionDialog()->reject();
            QTRY_VERIFY_WITH_TIMEOUT(!w.lesionDialog(), 5000);
        };
        const auto waitForPaint = [](const std::function<QList<QRect>()>& rects, int count) {
            QTRY_VERIFY_WITH_TIMEOUT(rects().size() == count, 5000);
        };
        // The experiment at its defaults, shown, one step taken (the panel has a state).
        const auto open = [](MainWindow& w, const char* experiment) {
            QVERIFY(w.selectExperiment(experiment, ExperimentRegistry::builtin().defaults(experiment), 1));
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.controller().step(1);
        };
        const auto drag = [](QWidget* view, QPoint from, QPoint to) {
            QTest::mousePress(view, Qt::LeftButton, {}, from);
            QTest::mouseMove(view, to);
            QTest::mouseRelease(view, Qt::LeftButton, {}, to);
        };
        {
            // em-mixture: drag over the first two receptive fields; right-click the third.
            MainWindow w;
            open(w, "em-mixture");
            auto* panel = qobject_cast<EmMixturePanel*>(w.panel());
            QVERIFY(panel);
            waitForPaint([panel] { return panel->fieldRects(); }, 4);
            const QList<QRect> fields = panel->fieldRects();
            QCOMPARE(fields[0].top(), fields[1].top());  // side by side
            drag(panel, fields[0].center(), fields[1].center());
            chooseFromMenu(w, {"Lesion selected (2 neurons of hidden)…", "Lesion synapses of input…"}, 0);
            QCOMPARE(command, QString("lesion neurons hidden 1-2"));
            QContextMenuEvent rightClick(QContextMenuEvent::Mouse, fields[2].center(), panel->mapToGlobal(fields[2].center()));
            QApplication::sendEvent(panel, &rightClick);
            chooseFromMenu(w, {"Lesion selected (1 neuron of hidden)…", "Lesion synapses of input…"}, 1);
            QCOMPARE(command, QString("lesion synapses input random 0.25"));
        }
        {
            // self-repair: zV's receptive fields, and a pathway's bar.
            MainWindow w;
            open(w, "self-repair");
            auto* panel = qobject_cast<SelfRepairPanel*>(w.panel());
            QVERIFY(panel);
            waitForPaint([panel] { return panel->fieldRects(); }, 20);
            waitForPaint([panel] { return panel->pathwayRects(); }, 8);
            const QList<QRect> fields = panel->fieldRects();
            drag(panel->fieldsView(), fields[3].center(), fields[5].center());
            chooseFromMenu(w, {"Lesion selected (3 neurons of zv)…"}, 0);
            QCOMPARE(command, QString("lesion neurons zv 4-6"));
            // The second bar is auditory → zV.
            QTest::mouseClick(panel->pathwaysView(), Qt::LeftButton, {}, panel->pathwayRects()[1].center());
            chooseFromMenu(w, {"Lesion synapses of auditory-zv…"}, 0);
            QCOMPARE(command, QString("lesion synapses auditory-zv random 0.25"));
        }
        {
            // bayesnet: right-click a node for its module's neurons or synapses; a left click
            // still sets evidence.
            MainWindow w;
            open(w, "bayesnet");
            auto* panel = qobject_cast<BayesNetPanel*>(w.panel());
            QVERIFY(panel);
            QTRY_VERIFY_WITH_TIMEOUT(panel->state(), 5000);
            const QString name = QString::fromStdString(panel->state()->variables[1].name);
            const QPoint at = panel->graph()->nodeCenter(1).toPoint();
            QContextMenuEvent rightClick(QContextMenuEvent::Mouse, at, panel->graph()->mapToGlobal(at));
            QApplication::sendEvent(panel->graph(), &rightClick);
            chooseFromMenu(w, {"Lesion neurons of " + name + "…", "Lesion synapses of " + name + "…"}, 0);
            QCOMPARE(command, "lesion neurons " + name + " random 0.25");
            QVERIFY(w.controller().commandLog().empty());  // a right-click sets no evidence
        }
    }

    void forkDrawsTheIntactCopyInThePanelsChartsToo()
    {
        MainWindow w;
        ParameterSet p = ExperimentRegistry::builtin().defaults("synaptic-sampling");
        QVERIFY(w.selectExperiment("synaptic-sampling", p, 2));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setSpeed(0);
        const auto runTo = [&](double t) {
            w.controller().runUntil(t);
            QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 60000);
            QTRY_COMPARE_WITH_TIMEOUT(w.controller().time(), t, 5000);
        };
        const auto intactCurves = [&] {
            QList<QLineSeries*> out;
            for (auto* view : w.panel()->findChildren<QChartView*>())
                for (auto* series : view->chart()->series())
                    if (auto* line = qobject_cast<QLineSeries*>(series); line && line->name() == "intact copy" && line->isVisible())
                        out << line;
            return out;
        };
        runTo(10);
        QVERIFY(intactCurves().isEmpty());
        w.applyLesion("lesion synapses input random 0.9", true);
        runTo(60);
        // θ's histogram and the spine volume have their dashed twins (survival starts later).
        QTRY_VERIFY_WITH_TIMEOUT(intactCurves().size() >= 2, 5000);
        QLineSeries* histogram = nullptr;
        for (auto* line : intactCurves())
            if (line->chart()->title().startsWith("θ"))
                histogram = line;
        QVERIFY(histogram);
        QCOMPARE(histogram->pen().style(), Qt::DashLine);
        QLineSeries* solid = nullptr;
        for (auto* series : histogram->chart()->series())
            if (series->name() == "θ histogram")
                solid = qobject_cast<QLineSeries*>(series);
        QVERIFY(solid);
        QCOMPARE(histogram->points().size(), solid->points().size());
        QVERIFY(histogram->points() != solid->points());  // 90 % of the synapses gone in one copy only
        // The lesion report under the chart compares the copies.
        auto* report = w.findChild<QLabel*>("lesion report");
        QVERIFY(report);
        QTRY_VERIFY_WITH_TIMEOUT(report->isVisible() && report->text().contains("intact copy"), 5000);
        w.controller().endComparison();
        w.controller().step(1);
        QTRY_VERIFY_WITH_TIMEOUT(intactCurves().isEmpty(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!report->text().contains("intact copy"), 5000);
    }

    void interventionsAreSavedAndReplayedHeadless()
    {
        // A lecture's lesion experiment, by hand: slider moves and both lesion buttons at
        // times the user picks. The saved run replayed headless must give the same numbers.
        QTemporaryDir dir;
        MainWindow w;
        ParameterSet p = ExperimentRegistry::builtin().defaults("self-repair");
        p.set("lesion1_at", "-1");  // no scheduled lesions: only the user's
        p.set("lesion2_at", "-1");
        p.set("record_interval", "5");
        QVERIFY(w.selectExperiment("self-repair", p, 4));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setSpeed(0);
        auto* panel = qobject_cast<SelfRepairPanel*>(w.panel());
        QVERIFY(panel);

        const auto runTo = [&](double t) {
            w.controller().runUntil(t);
            QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 60000);
            QTRY_COMPARE_WITH_TIMEOUT(w.controller().time(), t, 5000);
        };
        const auto logSize = [&] { return w.controller().commandLog().size(); };
        runTo(20);
        QSlider* temperature = w.temperatureSlider()->slider();
        QVERIFY(temperature->isEnabled());
        temperature->setValue(temperature->value() - 150);
        QTest::qWait(600);  // the slider commits when the hand rests
        w.controller().step(1);
        QTRY_COMPARE_WITH_TIMEOUT(logSize(), std::size_t(1), 5000);
        runTo(40);
        QTest::mouseClick(panel->lesion1Button(), Qt::LeftButton);
        w.controller().step(1);
        QTRY_COMPARE_WITH_TIMEOUT(logSize(), std::size_t(2), 5000);
        runTo(60);
        QTest::mouseClick(panel->lesion2Button(), Qt::LeftButton);
        w.controller().step(1);
        QTRY_COMPARE_WITH_TIMEOUT(logSize(), std::size_t(3), 5000);
        runTo(80);

        const QString runPath = dir.filePath("lecture.json");
        QVERIFY(w.saveRun(runPath));
        const QJsonObject run = readJson(runPath);
        QCOMPARE(run["experiment"].toString(), QString("self-repair"));
        QCOMPARE(run["seed"].toInt(), 4);
        QCOMPARE(run["sim_seconds"].toDouble(), 80.0);
        const QJsonArray commands = run["commands"].toArray();
        QCOMPARE(commands.size(), 3);
        QVERIFY2(commands[0].toString().startsWith("20 set temperature "), qPrintable(commands[0].toString()));
        QCOMPARE(commands[1].toString(), QString("40 lesion zv-digit 2"));
        QCOMPARE(commands[2].toString(), QString("60 lesion cut zv-za"));

        QSignalSpy saved(&w, &MainWindow::resultsSaved);
        w.saveResults(dir.filePath("gui"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
        QCOMPARE(saved.at(0).at(1).toString(), QString());  // no error
        QCOMPARE(readJson(dir.filePath("gui/run.json")), run);

        QProcess replay;
        replay.start(PLAB_EXECUTABLE, {"run", "--replay", runPath, "--quiet", "--out", dir.filePath("headless")});
        QVERIFY(replay.waitForFinished(120000));
        QCOMPARE(replay.exitCode(), 0);
        const QByteArray csv = readAll(dir.filePath("gui/metrics.csv"));
        QCOMPARE(csv.count('\n'), 18);  // header, t = 0 and every 5 s to 80 s
        QCOMPARE(readAll(dir.filePath("headless/metrics.csv")), csv);
        const auto metrics = readJson(dir.filePath("gui/summary.json"))["metrics"].toObject();
        QVERIFY(metrics.contains("performance"));
        QCOMPARE(readJson(dir.filePath("headless/summary.json"))["metrics"].toObject(), metrics);

        // And the GUI replays it live: same commands at the same times, same curves.
        MainWindow again;
        again.setSpeed(0);
        QVERIFY(again.openRun(runPath));
        QTRY_VERIFY_WITH_TIMEOUT(!again.controller().isRunning(), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(again.controller().time(), 80.0, 5000);
        QCOMPARE(again.controller().commandLog().size(), std::size_t(3));
        QSignalSpy savedAgain(&again, &MainWindow::resultsSaved);
        again.saveResults(dir.filePath("again"));
        QTRY_COMPARE_WITH_TIMEOUT(savedAgain.count(), 1, 10000);
        QCOMPARE(readAll(dir.filePath("again/metrics.csv")), csv);
    }

    void sweepViewShowsBandsAndReplaysAClickedRun()
    {
        QTemporaryDir dir;
        const QString spec = dir.filePath("s.json"), out = dir.filePath("sweep");
        QFile f(spec);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"experiment": "em-mixture", "seconds": 30, "grid": {"learning_rate": [0.01, 0.05]}, "seeds": [1, 2, 3]})");
        f.close();
        QProcess sweep;
        sweep.start(PLAB_EXECUTABLE, {"sweep", spec, "--out", out, "--quiet"});
        QVERIFY(sweep.waitForFinished(120000));
        QCOMPARE(sweep.exitCode(), 0);

        MainWindow w;
        w.show();
        QVERIFY(!w.openSweep(dir.path()));  // not a sweep folder: an error box, no window
        SweepView* view = w.openSweep(out);
        QVERIFY(view);
        QVERIFY(QTest::qWaitForWindowExposed(view));
        view->setMetric("nmi");
        const SweepFigure& figure = view->figure();
        QCOMPARE(figure.points.size(), std::size_t(2));
        QCOMPARE(figure.points[1].name, QString("learning_rate=0.05"));
        QCOMPARE(figure.points[1].runs.size(), std::size_t(3));
        // The thick line is the mean of the thin ones.
        const auto& p = figure.points[1];
        const double mean = (p.runs[0].v.back() + p.runs[1].v.back() + p.runs[2].v.back()) / 3;
        QVERIFY(std::fabs(p.mean.back() - mean) < 1e-12);
        QVERIFY(p.low.back() < p.mean.back() && p.high.back() > p.mean.back());
        const QImage picture = view->grab().toImage();
        if (qEnvironmentVariableIsSet("PLAB_SWEEP_PICTURE"))  // for the README
            picture.save(qEnvironmentVariable("PLAB_SWEEP_PICTURE"));
        QVERIFY(picture.pixelColor(picture.width() / 2, picture.height() / 2) != QColor(Qt::black));

        // Clicking seed 3's line of the second point replays that run in the main window.
        const QPointF at = view->runPosition({1, 2});
        QVERIFY(at.x() >= 0);
        QTest::mouseClick(view->canvas(), Qt::LeftButton, {}, at.toPoint());
        QTRY_COMPARE_WITH_TIMEOUT(w.controller().seed(), std::uint64_t(3), 5000);
        QCOMPARE(w.controller().experimentName(), std::string("em-mixture"));
        QCOMPARE(w.controller().parameters().number("learning_rate"), 0.05);
    }

    void brokenRunFileIsRefusedWithoutChangingTheRun()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"plasticity-lab run\", \"version\": 1, \"experiment\": \"em-mixture\", \"seed\": ");
        f.close();
        MainWindow w;
        const auto generation = w.controller().generation();
        QVERIFY(!w.openRun(path));
        QCOMPARE(w.controller().generation(), generation);
        QVERIFY(!w.openRun(dir.filePath("missing.json")));
        QCOMPARE(w.controller().generation(), generation);
    }

    void rewardPanelSwitchesTaskAndAnneals()
    {
        MainWindow w;
        QVERIFY(w.selectExperiment("reward"));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setSpeed(0);
        w.controller().runUntil(100);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 20000);
        auto* panel = qobject_cast<RewardPanel*>(w.panel());
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(panel->state() && panel->state()->time >= 99.9, 5000);
        QCOMPARE(panel->state()->target, (std::array<int, 2>{0, 1}));
        QVERIFY(w.temperatureSlider()->slider()->isEnabled());  // temperature means something here
        QTest::mouseClick(panel->switchButton(), Qt::LeftButton);
        QTest::mouseClick(panel->annealButton(), Qt::LeftButton);
        w.controller().step(1);
        QTRY_COMPARE_WITH_TIMEOUT(w.controller().commandLog().size(), std::size_t(2), 5000);
        QCOMPARE(QString::fromStdString(w.controller().commandLog()[0].text()), QString("switch-task"));
        QCOMPARE(QString::fromStdString(w.controller().commandLog()[1].text()),
                 QString("anneal 0.1 0.001 2000 exponential"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->state()->target == (std::array<int, 2>{1, 0}), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->state()->annealing, 5000);
        QVERIFY(!panel->annealButton()->isEnabled());
        QVERIFY(w.chart()->markerCount() >= 2);
    }

    void stateSavedInTheWindowContinuesExactly()
    {
        QTemporaryDir dir;
        ParameterSet p = ExperimentRegistry::builtin().defaults("reward");
        p.set("record_interval", "5");
        const QString statePath = dir.filePath("half.state");
        {
            MainWindow w;
            QVERIFY(w.selectExperiment("reward", p, 3));
            w.setSpeed(0);
            w.controller().runUntil(50);
            QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 20000);
            QSignalSpy saved(&w, &MainWindow::stateSaved);
            w.saveState(statePath);
            QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
            QCOMPARE(saved.at(0).at(1).toString(), QString());
        }
        MainWindow again;
        QVERIFY(again.openState(statePath));
        QCOMPARE(again.controller().experimentName(), std::string("reward"));
        QCOMPARE(again.controller().seed(), std::uint64_t(3));
        QVERIFY(qobject_cast<RewardPanel*>(again.panel()));
        again.setSpeed(0);
        again.controller().runUntil(100);
        QTRY_VERIFY_WITH_TIMEOUT(!again.controller().isRunning(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(again.controller().time(), 100.0, 5000);
        QSignalSpy results(&again, &MainWindow::resultsSaved);
        again.saveResults(dir.filePath("gui"));
        QTRY_COMPARE_WITH_TIMEOUT(results.count(), 1, 10000);

        QProcess straight;
        straight.start(PLAB_EXECUTABLE, {"run", "reward", "--seed", "3", "--seconds", "100", "--set",
                                         "record_interval=5", "--quiet", "--out", dir.filePath("headless")});
        QVERIFY(straight.waitForFinished(60000));
        QCOMPARE(straight.exitCode(), 0);
        const QByteArray csv = readAll(dir.filePath("gui/metrics.csv"));
        QCOMPARE(csv.count('\n'), 22);  // header, t = 0 and every 5 s to 100 s
        QCOMPARE(readAll(dir.filePath("headless/metrics.csv")), csv);
        // A broken state file leaves the running session alone.
        QFile broken(dir.filePath("broken.state"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(readAll(statePath).left(1000));
        broken.close();
        const auto generation = again.controller().generation();
        QVERIFY(!again.openState(dir.filePath("broken.state")));
        QCOMPARE(again.controller().generation(), generation);
    }

    void figuresAndSpikesExport()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setSpeed(0);
        w.controller().runUntil(20);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 10000);
        QTest::qWait(200);
        w.refresh();
        // The whole view as PNG, the chart as PNG and as SVG.
        QVERIFY(w.exportFigure(dir.filePath("figure.png")));
        const QImage figure(dir.filePath("figure.png"));
        QVERIFY(figure.width() > 800 && figure.height() > 600);
        QVERIFY(w.exportFigure(dir.filePath("em-chart.png")));
        QVERIFY(!QImage(dir.filePath("em-chart.png")).isNull());
        QVERIFY(w.exportFigure(dir.filePath("em.svg")));
        const QByteArray svg = readAll(dir.filePath("em.svg"));
        QVERIFY(svg.contains("<svg") && svg.contains("</svg>"));
        QVERIFY2(svg.contains("simulated time"), "the axis title is text in the SVG");
        // Spikes of the raster window (2 s) as CSV.
        QVERIFY(w.exportSpikes(dir.filePath("spikes.csv")));
        const auto lines = QString::fromUtf8(readAll(dir.filePath("spikes.csv"))).trimmed().split('\n');
        QCOMPARE(lines[0], QString("t,neuron,group"));
        QVERIFY(lines.size() > 100);
        for (int k = 1; k < lines.size(); k += 50) {
            const double t = lines[k].section(',', 0, 0).toDouble();
            QVERIFY2(t >= 17.9 && t <= 20.0, qPrintable(lines[k]));
        }
        // An impossible path is an error, not a crash.
        QVERIFY(!w.exportFigure("/nonexistent/dir/figure.png"));
        QVERIFY(!w.exportSpikes("/nonexistent/dir/spikes.csv"));
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

        // --lesson NAME:STEP goes through the lesson up to that step, then takes the picture;
        // --theme dark darkens it.
        const QString lessonShot = dir.filePath("lesson.png");
        QProcess l;
        l.start(PLAB_EXECUTABLE, {"--lesson", "2-bayesian-network:3", "--theme", "dark", "--screenshot", lessonShot});
        QVERIFY(l.waitForFinished(120000));
        QCOMPARE(l.exitCode(), 0);
        const QImage lesson(lessonShot);
        QVERIFY(!lesson.isNull());
        QVERIFY(lesson.pixelColor(lesson.width() / 2, lesson.height() - 30).lightness() < 100);  // dark theme
    }

    void themesAndPresentationView()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.selectExperiment("bayesnet"));
        const double lightFont = QApplication::font().pointSizeF();
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 150);
        QVERIFY(w.chart()->chart()->backgroundBrush().color().lightness() > 150);
        const auto firstSeriesWidth = [&w] {
            return static_cast<QLineSeries*>(w.chart()->chart()->series().first())->pen().widthF();
        };
        const double thin = firstSeriesWidth();

        // View → Dark theme: the palette, every chart (also the panel's), and charts made later.
        for (QAction* a : w.findChildren<QAction*>())
            if (a->text() == "&Dark theme")
                a->trigger();
        QCOMPARE(w.viewStyle().theme, ViewStyle::Theme::Dark);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        for (QChartView* view : w.findChildren<QChartView*>())
            QVERIFY2(view->chart()->backgroundBrush().color().lightness() < 80, qPrintable(view->chart()->title()));
        QVERIFY(w.selectExperiment("synaptic-sampling"));  // a new panel with its own charts
        for (QChartView* view : w.findChildren<QChartView*>()) {
            QVERIFY(view->chart()->backgroundBrush().color().lightness() < 80);
            for (QAbstractAxis* axis : view->chart()->axes())
                QVERIFY(axis->labelsColor().lightness() > 150);  // text readable on the dark ground
        }

        // F11: presentation view — large fonts, thick lines, the parameter dock out of the way.
        auto* dock = w.findChild<QDockWidget*>("experiment");
        QVERIFY(dock->isVisible());
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_F11);
        QVERIFY(w.viewStyle().presentation);
        QTRY_VERIFY(w.isFullScreen());
        // 1.5× on a 1080-line screen, 1.25× on a 720-line projector, in between here.
        QCOMPARE(ViewStyle::presentationScaleForScreenHeight(1080), 1.5);
        QCOMPARE(ViewStyle::presentationScaleForScreenHeight(720), 1.25);
        const double scale = ViewStyle::presentationScaleForScreenHeight(w.screen()->geometry().height());
        QVERIFY(scale > 1.25 && scale < 1.5);  // Xvfb's 1600×1000
        QCOMPARE(QApplication::font().pointSizeF(), lightFont * scale);
        QCOMPARE(firstSeriesWidth(), 2 * thin);
        QVERIFY(!dock->isVisible());
        QTest::keyClick(&w, Qt::Key_F11);
        QVERIFY(!w.viewStyle().presentation);
        QTRY_VERIFY(!w.isFullScreen());
        QCOMPARE(QApplication::font().pointSizeF(), lightFont);
        QCOMPARE(firstSeriesWidth(), thin);
        QVERIFY(dock->isVisible());

        w.setViewStyle(ViewStyle{});
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 150);
    }

    void settingsAreRememberedBetweenRuns()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("plasticity-lab.ini"), QSettings::IniFormat);
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QVERIFY(w.selectExperiment("reward", 7));
            w.setSpeed(100);
            w.setViewStyle(ViewStyle{ViewStyle::Theme::Dark, false});
            w.saveSettings(settings);
        }
        settings.sync();
        QCOMPARE(settings.value("view/theme").toString(), QString("dark"));
        MainWindow w;
        QCOMPARE(w.controller().experimentName(), std::string("em-mixture"));  // a new window starts plain...
        w.restoreSettings(settings, true);  // ...and the application restores what was remembered
        QCOMPARE(w.controller().experimentName(), std::string("reward"));
        QCOMPARE(w.controller().seed(), std::uint64_t(7));
        QCOMPARE(w.controller().speed(), 100.0);
        QCOMPARE(w.viewStyle().theme, ViewStyle::Theme::Dark);
        MainWindow fresh;
        fresh.restoreSettings(settings, false);  // --experiment etc. given: only the look
        QCOMPARE(fresh.controller().experimentName(), std::string("em-mixture"));
        w.setViewStyle(ViewStyle{});
    }

    void everyPlotAndControlExplainsItself()
    {
        // Every leaf widget a user can look at or touch — a plot, a button, a slider, an
        // editor — has a tooltip and a "What's this?" text, itself or from the view it is part
        // of (a chart's viewport, a spin box's line edit). Plain labels speak for themselves.
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const auto explained = [&w](QWidget* widget, bool whatsThis) {
            for (QWidget* x = widget; x && x != &w; x = x->parentWidget())
                if (!(whatsThis ? x->whatsThis() : x->toolTip()).isEmpty())
                    return true;
            return false;
        };
        for (const auto& info : ExperimentRegistry::builtin().all()) {
            QVERIFY(w.selectExperiment(QString::fromStdString(info.name)));
            QTest::qWait(50);
            int checked = 0;
            for (QWidget* widget : w.findChildren<QWidget*>()) {
                if (!widget->isVisible() || !widget->findChildren<QWidget*>(Qt::FindDirectChildrenOnly).isEmpty())
                    continue;
                if (qobject_cast<QLabel*>(widget) || qobject_cast<QScrollBar*>(widget) || qobject_cast<QMenuBar*>(widget)
                    || qobject_cast<QToolBar*>(widget) || qobject_cast<QStatusBar*>(widget)
                    || qobject_cast<QSplitterHandle*>(widget) || widget->inherits("QToolBarExtension")
                    || widget->inherits("QDockWidgetTitleButton") || widget->inherits("QToolBarSeparator")
                    || widget->inherits("QSizeGrip"))
                    continue;
                const QString what = QString("%1: %2 '%3' (%4)")
                                         .arg(QString::fromStdString(info.name), widget->metaObject()->className(),
                                              widget->objectName(),
                                              widget->property("text").toString());
                QVERIFY2(explained(widget, false), qPrintable(what + " has no tooltip"));
                QVERIFY2(explained(widget, true), qPrintable(what + " has no What's this"));
                ++checked;
            }
            QVERIFY(checked > 10);
            // The metric chart says what each of its curves is.
            const auto probe = ExperimentRegistry::builtin().create(info.name, ExperimentRegistry::builtin().defaults(info.name), 1);
            for (const auto& series : probe->seriesNames()) {
                QVERIFY2(!seriesDescription(info, series).empty(), (info.name + ": " + series).c_str());
                QVERIFY(w.chart()->toolTip().contains("<b>" + QString::fromStdString(series) + "</b>"));
            }
        }
    }

    void thetaTrajectoryIn3dScatter()
    {
        // Under Xvfb (OpenGL) the self-repair panel shows θ's trajectory in a Q3DScatter: one
        // series per phase, filled as lesions happen; screenshots and exported figures draw
        // the graph in.
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ParameterSet p = ExperimentRegistry::builtin().defaults("self-repair");
        p.set("lesion1_at", "120");
        p.set("lesion2_at", "240");
        p.set("test_every", "60");
        QVERIFY(w.selectExperiment("self-repair", p, 1));
        auto* view = w.panel()->findChild<ScatterTrajectoryView*>();
        QVERIFY2(view, "OpenGL is available under Xvfb: the 3-D view should be the Q3DScatter");
        w.setSpeed(0);
        w.controller().runUntil(360);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning() && w.controller().time() >= 359.9, 60000);
        QTRY_VERIFY(view->pointsInPhase(2) > 0);
        QVERIFY(view->pointsInPhase(0) > 0);
        QVERIFY(view->pointsInPhase(1) > 0);

        // The graph's picture, with its curve and axes, is part of what grab() captures
        // (screenshots, exported figures): many distinct colours where a blank has one.
        const QImage shot = w.grab().toImage();
        const QRect r(view->mapTo(&w, view->graphRect().topLeft()), view->graphRect().size());
        const auto colours = [&r](const QImage& image) {
            QSet<QRgb> seen;
            for (int y = r.top(); y < r.bottom(); y += 2)
                for (int x = r.left(); x < r.right(); x += 2)
                    seen.insert(image.pixel(x, y));
            return seen.size();
        };
        QVERIFY2(colours(shot) > 20, qPrintable(QString::number(colours(shot))));
        // Dragging turns the camera: the picture changes.
        const QImage before = view->grab().toImage();
        view->turn(80, 20);
        QTRY_VERIFY(view->grab().toImage() != before);
    }
};

QTEST_MAIN(TestGuiMainWindow)
#include "tst_gui_main_window.moc"
