// Without OpenGL (the offscreen platform) the application falls back to the QPainter raster
// and still runs; the views take snapshots without the GL path.
#include "BayesNetPanel.h"
#include "DemoChecks.h"
#include "ExperimentPanels.h"
#include "ViewStyle.h"
#include "MainWindow.h"
#include "ModuleTableView.h"
#include "RasterDecorations.h"
#include "MetricChartView.h"
#include "RasterModel.h"
#include "SpikeRaster.h"
#include "core/ExperimentRegistry.h"
#include "core/Simulation.h"
#include "experiments/BayesNetExperiment.h"

#include <QLabel>
#include <QChartView>
#include <QScrollArea>
#include <QTableWidget>
#include <QtTest>

using namespace plab;

class TestGuiOffscreen : public QObject {
    Q_OBJECT
private slots:
    void fallsBackToPainterRaster()
    {
        QVERIFY(!SpikeRaster::openGlAvailable());
        MainWindow w;
        w.show();
        QVERIFY(!w.raster()->usesOpenGL());
        w.setSpeed(0);
        w.controller().runUntil(3.0);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 10000);
        w.refresh();
        QCOMPARE(w.controller().time(), 3.0);
        QVERIFY(w.raster()->spikesReceived() > 0);
        const QPixmap shot = w.grab();
        QVERIFY(!shot.isNull());
    }

    void graphvizLaysOutTwentyVariables()
    {
        // bnlearn's CHILD, as the panel draws it before any run: Graphviz's layout, no box over
        // another, parents above children, everything inside the view when fitted.
        ParameterSet p = ExperimentRegistry::builtin().defaults("bayesnet");
        p.set("network", PLAB_TEST_DATA "/child.bif");
        const auto e = ExperimentRegistry::builtin().create("bayesnet", p, 1);
        const auto state = std::dynamic_pointer_cast<const BayesNetState>(BayesNetPanel::capture(*e));
        QVERIFY(state);
        QCOMPARE(int(state->variables.size()), 20);
        // Beyond enumeration: no joint to draw, but the exact marginals for the bars (by elimination).
        QVERIFY(state->trueJoint.empty());
        QCOMPARE(int(state->trueMarginals.size()), 20);
        QVERIFY(std::abs(state->trueMarginals[0][0] - 0.1) < 1e-12);  // p(BirthAsphyxia = yes)
        NetworkGraphView view;
        view.resize(1200, 800);
        view.setState(state);
        QVERIFY(view.laidOutByGraphviz());
        const QRectF inside(0, 0, view.width(), view.height());
        for (int a = 0; a < 20; ++a) {
            QVERIFY2(inside.contains(view.nodeRect(a)), qPrintable(QString::fromStdString(state->variables[std::size_t(a)].name)));
            for (int b = a + 1; b < 20; ++b)
                QVERIFY2(!view.nodeRect(a).intersects(view.nodeRect(b)),
                         qPrintable(QString::fromStdString(state->variables[std::size_t(a)].name + " over " + state->variables[std::size_t(b)].name)));
            for (int parent : state->variables[std::size_t(a)].parents)
                QVERIFY(view.nodeCenter(parent).y() < view.nodeCenter(a).y());
        }
        // Each value's row is inside its box, one under the other.
        const int disease = 11;
        QCOMPARE(state->variables[std::size_t(disease)].name, std::string("Disease"));
        for (int x = 0; x < 6; ++x) {
            QVERIFY(view.nodeRect(disease).contains(view.valueCenter(disease, x)));
            if (x > 0)
                QVERIFY(view.valueCenter(disease, x).y() > view.valueCenter(disease, x - 1).y());
        }
    }

    void anotherNetworkClearsTheTableShown()
    {
        const auto stateOf = [](const char* network) {
            ParameterSet p = ExperimentRegistry::builtin().defaults("bayesnet");
            p.set("network", network);
            return BayesNetPanel::capture(*ExperimentRegistry::builtin().create("bayesnet", p, 1));
        };
        BayesNetPanel panel;
        panel.showState(stateOf("knill-kersten"));
        panel.openTable(2);
        QCOMPARE(panel.tableView()->variable(), 2);
        QVERIFY(panel.tableView()->table()->rowCount() > 0);
        panel.showState(stateOf("knill-kersten"));  // the same network again: the table stays
        QCOMPARE(panel.tableView()->variable(), 2);
        panel.showState(stateOf("chest-clinic"));
        QCOMPARE(panel.tableView()->variable(), -1);
        QCOMPARE(panel.tableView()->table()->rowCount(), 0);
    }

    void statusLineSaysWhereTheErrorIs()
    {
        // Sampled 0.05 off on A = a1; chains that agree. With many effective samples the line
        // puts the difference on the learned tables; with few it cannot (sampling noise).
        const auto lineFor = [](double ess) {
            auto state = std::make_shared<BayesNetState>();
            state->learning = false;
            state->samples = 1000;
            state->chains = 4;
            BayesNetState::Variable a;
            a.name = "A";
            a.values = {"a1", "a2"};
            a.exact = {0.30, 0.70};
            a.estimate = {0.35, 0.65};
            a.rhat = 1.0001;
            a.ess = ess;
            state->variables = {a};
            BayesNetPanel panel;
            panel.showState(state);
            QString text;
            for (QLabel* label : panel.findChildren<QLabel*>())
                if (label->text().contains("chains:"))
                    text = label->text();
            return text;
        };
        const QString many = lineFor(100000), few = lineFor(100);
        QVERIFY2(many.contains("Largest |sampled − exact| 0.050 (A = a1)"), qPrintable(many));
        QVERIFY2(many.contains("R̂ ≤ 1.0001 (A)") && many.contains("ESS ≥ 100000 (A)"), qPrintable(many));
        QVERIFY2(many.contains("they agree, so the difference is in the learned tables"), qPrintable(many));
        QVERIFY2(!few.contains("they agree"), qPrintable(few));
    }

    void boxesShowTheEvidenceWeightedKl()
    {
        ParameterSet p = ExperimentRegistry::builtin().defaults("bayesnet");
        p.set("network", "burglary-alarm");
        p.set("evidence", "JohnCalls=True,MaryCalls=True");
        p.set("learning_seconds", "300");
        auto sim = std::make_unique<Simulation>(ExperimentRegistry::builtin().create("bayesnet", p, 4));
        sim->runUntil(200);
        const auto& e = static_cast<const BayesNetExperiment&>(sim->experiment());
        const auto state = std::dynamic_pointer_cast<const BayesNetState>(BayesNetPanel::capture(e));
        const int burglary = e.network().find("Burglary");
        QCOMPARE(state->variables[std::size_t(burglary)].kl, e.moduleKlUnderEvidence(e.moduleOf(burglary)));
        QVERIFY(e.moduleKlUnderEvidence(e.moduleOf(burglary)) != e.moduleKl(e.moduleOf(burglary)));
    }

    void graphClicksNameValuesCommandsCanCarry()
    {
        // Hugin and XMLBIF allow a value named "very high": a click sends its number instead,
        // which a command can carry and evidence takes. Another network of the same names but
        // other values is laid out again (its boxes are taller).
        auto state = std::make_shared<BayesNetState>();
        BayesNetState::Variable a;
        a.name = "A";
        a.values = {"very high", "low"};
        BayesNetState::Variable b;
        b.name = "B";
        b.values = {"x", "y"};
        b.parents = {0};
        state->variables = {a, b};
        NetworkGraphView view;
        view.resize(600, 400);
        view.setState(state);
        QStringList sent;
        connect(&view, &NetworkGraphView::evidenceRequested, [&](const QString& e) { sent << e; });
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.valueCenter(0, 0).toPoint());
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.valueCenter(1, 1).toPoint());
        // Not applied yet (paused): the second click builds on the first, both are drawn waiting.
        QCOMPARE(sent, (QStringList{"A=1", "A=1,B=y"}));
        QCOMPARE(view.pendingEvidence(), (std::vector<int>{0, 1}));
        auto later = std::make_shared<BayesNetState>(*state);
        later->time = 1;
        later->variables[0].evidence = 0;
        later->variables[1].evidence = 1;
        view.setState(later);
        QVERIFY(view.pendingEvidence().empty());  // applied
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.valueCenter(1, 1).toPoint());
        QCOMPARE(sent.back(), QString("A=1"));  // B's value clicked again: cleared
        view.setState(state);
        const double before = view.nodeRect(0).height() / view.scale();
        auto other = std::make_shared<BayesNetState>(*state);
        other->variables[0].values = {"very high", "high", "low"};
        view.setState(other);
        QVERIFY2(view.nodeRect(0).height() / view.scale() > before, "the taller box was not laid out again");
        QVERIFY(view.nodeRect(0).contains(view.valueCenter(0, 2)));
    }

    void rasterNamesEveryChestClinicModuleWhereTheyFit()
    {
        // Six modules of unequal size in a raster just tall enough for six lines: crowded
        // one-line names move up past the one below instead of being left out (before, three
        // of six were named), no two labels overlap, and in less room every other one at worst.
        ParameterSet p = ExperimentRegistry::builtin().defaults("bayesnet");
        p.set("network", "chest-clinic");
        const auto e = ExperimentRegistry::builtin().create("bayesnet", p, 1);
        RasterModel m(1000);
        m.setLayout(e->neuronGroups());
        RasterBandLabels labels(m);
        const int line = labels.fontMetrics().height();
        const QStringList names = {"asia", "tub+lung", "smoke", "bronc", "xray", "dysp"};
        for (const int height : {6 * line + 4, 5 * line}) {
            labels.resize(labels.width(), height);
            const auto drawn = labels.labels();
            int named = 0;
            QStringList texts;
            for (const auto& d : drawn)
                texts << d.text;
            for (const QString& name : names)
                named += std::any_of(texts.begin(), texts.end(), [&](const QString& t) { return t.startsWith(name); });
            QVERIFY2(named == 6 || (height < 6 * line && named >= 3),
                     qPrintable(QString("%1 px: %2 of 6 named: %3").arg(height).arg(named).arg(texts.join(" | "))));
            for (std::size_t i = 0; i < drawn.size(); ++i) {
                QVERIFY(drawn[i].rect.top() >= 0 && drawn[i].rect.bottom() < height);
                for (std::size_t j = i + 1; j < drawn.size(); ++j)
                    QVERIFY2(!drawn[i].rect.intersects(drawn[j].rect), qPrintable(drawn[i].text + " covers " + drawn[j].text));
            }
        }
    }

    void panelChartsScrollRatherThanElideInLargeFonts()
    {
        // A panel squeezed below what its charts need in the presentation view's font (CI
        // caught the synaptic-sampling histogram at "dens..." when the window's layout fell
        // out a little shorter than usual): the charts keep a readable height, the panel
        // scrolls, and no chart text is elided.
        QStringList cut;
        for (const char* experiment : {"synaptic-sampling", "reward", "self-repair", "em-mixture", "bayesnet", "fokker-planck"}) {
            ViewStyle style;
            style.presentation = true;
            applyApplicationStyle(style);
            auto sim = std::make_unique<Simulation>(ExperimentRegistry::builtin().create(experiment, ExperimentRegistry::builtin().defaults(experiment), 1));
            sim->runUntil(5);
            QScrollArea scroll;
            scroll.setWidgetResizable(true);
            ExperimentPanel* panel = createPanelFor(experiment);
            if (!panel)
                applyApplicationStyle(ViewStyle{});
            QVERIFY(panel);
            scroll.setWidget(panel);
            styleCharts(panel, style);
            scroll.resize(1200, 250);
            scroll.show();
            QVERIFY(QTest::qWaitForWindowExposed(&scroll));
            panel->showState(panelCaptureFor(experiment)(sim->experiment()));
            QTest::qWait(50);
            // Each chart in turn scrolled into view (cutTexts looks at what can be seen).
            QList<QWidget*> views = {panel};
            for (QWidget* view : panel->findChildren<QChartView*>())
                views << view;
            for (QWidget* view : views) {
                scroll.ensureWidgetVisible(view);
                QTest::qWait(20);
                for (const QString& c : demo::cutTexts(scroll))
                    if (!cut.contains(QString(experiment) + ": " + c))
                        cut << QString(experiment) + ": " + c;
            }
            applyApplicationStyle(ViewStyle{});
        }
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join("\n")));
    }

    void rasterModelKeepsTheWindow()
    {
        RasterModel m(1000);
        m.setLayout({{"input", 0, 10}, {"z", 10, 2}});
        m.setWindow(1.0);
        std::vector<SpikeEvent> spikes;
        for (int i = 0; i < 3000; ++i)
            spikes.push_back({i * 0.001, i % 12});
        m.add(spikes);
        // Ring of 1000: the oldest spikes are gone, the visible ones are the last second.
        QCOMPARE(m.written(), std::uint64_t(3000));
        // Spike 1999 sits exactly on the window's edge (t = now − 1 s): in or out by rounding.
        QVERIFY(m.firstVisible() == 1999 || m.firstVisible() == 2000);
        // z-neurons sit in the upper band, inputs in the lower one.
        QVERIFY(m.bands()[1].bottom > m.bands()[0].top);
    }

    void chartDownsamplesLongRuns()
    {
        MetricChartView chart;
        chart.setSeries({"a"});
        std::vector<double> times;
        std::vector<std::vector<double>> rows;
        for (int i = 0; i < 10 * MetricChartView::kMaxPoints; ++i) {
            times.push_back(i);
            rows.push_back({double(i % 7)});
        }
        chart.append(times, rows);
        QVERIFY(chart.pointsIn(0) < MetricChartView::kMaxPoints);
        QVERIFY(chart.pointsIn(0) > MetricChartView::kMaxPoints / 4);
    }
};

QTEST_MAIN(TestGuiOffscreen)
#include "tst_gui_offscreen.moc"
