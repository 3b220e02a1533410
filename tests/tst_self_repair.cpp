// self-repair: the data load with the expected shapes, lesioned neurons never spike again,
// cut synapses never return, the PCA columns are filled, a corrupt data file is an error, and
// the README's claims at the defaults: each lesion drops zV's performance below 60 % of what it
// was, and the network recovers to 80 % by itself — but not with its learning switched off.
#include "core/Error.h"
#include "core/ExperimentRegistry.h"
#include "core/Simulation.h"
#include "data/ImageDataset.h"
#include "experiments/SelfRepairExperiment.h"
#include "io/Resources.h"
#include "MakeSimulation.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstdlib>
#include <fstream>

using namespace plab;

class TestSelfRepair : public QObject {
    Q_OBJECT
private slots:
    void spokenDigitsHaveTheExpectedShape()
    {
        const auto d = ImageDataset::load(Resources::path("data/spoken-digits.plimg"));
        QCOMPARE(d.rows, 20);  // frequency bands
        QCOMPARE(d.cols, 10);  // time frames
        QVERIFY(d.count() >= 800);
        const auto oneTrain = d.select({1}, ImageDataset::Training), twoTest = d.select({2}, ImageDataset::Test);
        QVERIFY(oneTrain.size() > 300 && twoTest.size() > 60);
        for (auto l : d.labels)
            QVERIFY(l == 1 || l == 2);
    }

    void lesionsAreForGood()
    {
        auto sim = makeSimulation("self-repair", 1, {"lesion1_at=600", "lesion2_at=900", "test_every=200", "test_items=10"});
        sim->runUntil(600);
        auto& e = static_cast<SelfRepairExperiment&>(sim->experiment());
        sim->step();  // the scheduled lesion 1 applies
        std::vector<int> removed;
        for (int k = 0; k < e.zvSize(); ++k)
            if (e.neuronRemoved(k))
                removed.push_back(k);
        QVERIFY(!removed.empty());
        QVERIFY(int(removed.size()) < e.zvSize());
        const auto preferred = e.preferredDigits();
        for (int k : removed)
            QCOMPARE(preferred[std::size_t(k)], 2);
        e.spikes().setEnabled(true);
        sim->runUntil(1500);
        const int hiddenBase = e.visualInputs() + e.auditoryInputs();
        for (const auto& s : e.spikes().take())
            for (int k : removed)
                QVERIFY(s.neuron != hiddenBase + k);
        // Lesion 2 at 900 s: no zV<->zA synapse exists, and none ever comes back.
        QCOMPARE(e.lesionTimes().size(), std::size_t(2));
        QCOMPARE(e.activeSynapses(SelfRepairExperiment::ZvToZa), std::int64_t(0));
        QCOMPARE(e.activeSynapses(SelfRepairExperiment::ZaToZv), std::int64_t(0));
        QCOMPARE(e.potentialSynapses(SelfRepairExperiment::ZaToZv), std::int64_t(0));
        sim->runUntil(2500);
        QCOMPARE(e.activeSynapses(SelfRepairExperiment::ZvToZa), std::int64_t(0));
        QCOMPARE(e.activeSynapses(SelfRepairExperiment::ZaToZv), std::int64_t(0));
        // The lesions went through the command log, at their times.
        QCOMPARE(sim->appliedCommands()[0].text(), std::string("lesion zv-digit 2"));
        QCOMPARE(sim->appliedCommands()[1].time, 900.0);
    }

    void recordsPerformanceAndThePcaTrajectory()
    {
        auto sim = makeSimulation("self-repair", 1, {"lesion1_at=-1", "lesion2_at=-1", "test_every=120", "test_items=10"});
        sim->runUntil(600);
        auto& e = static_cast<SelfRepairExperiment&>(sim->experiment());
        QVERIFY(std::isfinite(e.performance()));
        QVERIFY(e.performance() >= 0 && e.performance() <= 1.0);
        const MetricSeries s = sim->finalSeries();
        const auto pc1 = std::size_t(std::find(s.names.begin(), s.names.end(), "pc1") - s.names.begin());
        QVERIFY(pc1 < s.names.size());
        for (const auto& row : s.rows)
            for (int j = 0; j < 3; ++j)
                QVERIFY(std::isfinite(row[pc1 + std::size_t(j)]));
        Eigen::MatrixXd scores;
        std::vector<int> phases;
        e.pcaTrajectory(scores, phases);
        QCOMPARE(scores.rows(), Eigen::Index(s.rows.size()));
        QVERIFY(scores.col(0).norm() > 0);  // θ moves
    }

    void theCutLeavesNoBookkeepingJumpInTheTrajectory()
    {
        // Pinning the cut synapses at θ_min was most of the move at lesion 2 (|Δθ|² about 30×
        // a minute's). Held at their last values they leave the picture without a jump.
        const auto jump = [](const char* space) {
            auto sim = makeSimulation("self-repair", 1, {"lesion1_at=600", "lesion2_at=1200", "test_every=200", "test_items=10",
                             std::string("pca_space=") + space});
            sim->runUntil(1800);
            return summaryMetric(sim->experiment().summary(), "theta_jump_lesion2");
        };
        const double raw = jump("theta-raw"), held = jump("theta"), existing = jump("existing");
        QVERIFY2(raw > 5, qPrintable(QString::number(raw)));
        QVERIFY2(held < 2, qPrintable(QString::number(held)));
        QVERIFY2(existing < 2, qPrintable(QString::number(existing)));
    }

    void lesionsDropBelow60AndRecoverTo80_data()
    {
        // Seeds 1-6 meet every criterion (README); recovery from lesion 2 does on 12 of 20 seeds.
        QTest::addColumn<int>("seed");
        QTest::newRow("seed 1") << 1;
        QTest::newRow("seed 2") << 2;
    }

    void lesionsDropBelow60AndRecoverTo80()
    {
#ifdef PLAB_SANITIZED
        QSKIP("four simulated hours per seed: run in the release build");
#endif
        QFETCH(int, seed);
        auto sim = makeSimulation("self-repair", std::uint64_t(seed), {});
        sim->runUntil(sim->experiment().duration());
        const MetricList m = sim->experiment().summary();
        const auto report = [&](const char* name) {
            return QString("%1 = %2").arg(name).arg(summaryMetric(m, name));
        };
        QVERIFY(summaryMetric(m, "perf_pre") > 0.5);
        for (const char* drop : {"relative_after_lesion1", "relative_after_lesion2"})
            QVERIFY2(summaryMetric(m, drop) < 0.6, qPrintable(report(drop)));
        for (const char* recovered : {"relative_recovered1", "relative_recovered2"})
            QVERIFY2(summaryMetric(m, recovered) >= 0.8, qPrintable(report(recovered)));
        // Recovered within the hour before lesion 2, and before the end after it; a mean of
        // 15 min of tests, so never sooner than that.
        const double t1 = summaryMetric(m, "recovery_time_lesion1"), t2 = summaryMetric(m, "recovery_time_lesion2");
        QVERIFY2(t1 >= 900 && t1 <= 3600, qPrintable(report("recovery_time_lesion1")));
        QVERIFY2(t2 >= 900 && t2 <= 7200, qPrintable(report("recovery_time_lesion2")));
    }

    void targetedDamageHurtsMoreThanRandom_data()
    {
        QTest::addColumn<int>("seed");
        QTest::newRow("seed 1") << 1;
        QTest::newRow("seed 2") << 2;
    }

    void targetedDamageHurtsMoreThanRandom()
    {
        // The README's dose-response: removing the strongest quarter of the zA->zV synapses
        // (the pathway that carries the sound to zV) costs most of zV's performance at once
        // (seeds 1-5: 13-51 % left), a random quarter almost nothing (92-107 %); within the
        // hour the network is back at 80 % or more either way (seeds 1 and 2: 93 %, 95 %).
#ifdef PLAB_SANITIZED
        QSKIP("two simulated hours per run: run in the release build");
#endif
        QFETCH(int, seed);
        const auto lesioned = [seed](const char* how) {
            auto sim = makeSimulation("self-repair", std::uint64_t(seed), {"lesion1_at=-1", "lesion2_at=-1"});
            sim->schedule(Command::fromText(3600, std::string("lesion synapses za-zv ") + how + " 0.25"));
            sim->runUntil(7200);
            return sim->experiment().summary();
        };
        const MetricList strongest = lesioned("strongest"), random = lesioned("random");
        const double s = summaryMetric(strongest, "relative_after_lesion1"), r = summaryMetric(random, "relative_after_lesion1");
        QVERIFY2(s < 0.6, qPrintable(QString("strongest first: %1").arg(s)));
        QVERIFY2(r > 0.8, qPrintable(QString("at random: %1").arg(r)));
        QVERIFY2(summaryMetric(strongest, "relative_recovered1") >= 0.8,
                 qPrintable(QString::number(summaryMetric(strongest, "relative_recovered1"))));
    }

    void noRecoveryWithoutLearning_data()
    {
        // Measured on seed 1 (relative to perf_pre; 0.85 and 1.04 with nothing switched off):
        // learning off after lesion 1 keeps the performance down; T = 0 leaves the likelihood
        // drift, which hands "2" to some remaining zV neurons (0.67 in the last 15 min, short of
        // 80 %, though one 15-min window reached it); after the cut, T = 0 stops the rewiring
        // that repairs it (0.24).
        QTest::addColumn<QString>("command");
        QTest::addColumn<double>("at");
        QTest::addColumn<int>("lesion");
        QTest::addColumn<double>("below");
        QTest::addColumn<bool>("neverReaches80");
        QTest::newRow("learning off after lesion 1") << "set learning_rate 0" << 3600.5 << 1 << 0.6 << true;
        QTest::newRow("T = 0 after lesion 1") << "set temperature 0" << 3600.5 << 1 << 0.8 << false;
        QTest::newRow("T = 0 after lesion 2") << "set temperature 0" << 7200.5 << 2 << 0.6 << true;
    }

    void noRecoveryWithoutLearning()
    {
        // The claim above is the network's own repair: with its plasticity switched off after
        // a lesion it must not recover (so the test above can fail).
#ifdef PLAB_SANITIZED
        QSKIP("two to four simulated hours per case: run in the release build");
#endif
        QFETCH(QString, command);
        QFETCH(double, at);
        QFETCH(int, lesion);
        QFETCH(double, below);
        QFETCH(bool, neverReaches80);
        auto sim = makeSimulation("self-repair", 1, lesion == 1 ? std::vector<std::string>{"lesion2_at=-1"}
                                                               : std::vector<std::string>{});
        sim->schedule(Command::fromText(at, command.toStdString()));
        sim->runUntil(lesion == 1 ? 7200 : sim->experiment().duration());
        const MetricList m = sim->experiment().summary();
        const std::string n = std::to_string(lesion);
        QVERIFY(summaryMetric(m, "perf_pre") > 0.5);
        QVERIFY2(summaryMetric(m, "relative_recovered" + n) < below,
                 qPrintable(QString::number(summaryMetric(m, "relative_recovered" + n))));
        if (neverReaches80)
            QVERIFY(std::isnan(summaryMetric(m, "recovery_time_lesion" + n)));
    }

    void corruptDataFileIsAnError()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("data"));
        for (const char* name : {"mnist-14x14.plimg", "spoken-digits.plimg"}) {
            QFile::copy(QString::fromStdString(Resources::path(std::string("data/") + name)), dir.filePath(QString("data/") + name));
            QFile::setPermissions(dir.filePath(QString("data/") + name), QFile::ReadOwner | QFile::WriteOwner);
        }
        {
            std::fstream f(dir.filePath("data/spoken-digits.plimg").toStdString(), std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(1000);
            f.put('\x5a');
        }
        qputenv("PLASTICITY_LAB_RESOURCES", dir.path().toUtf8());
        try {
            makeSimulation("self-repair", 1, {});
            QFAIL("no error for a corrupt data file");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("checksum mismatch"), e.what());
            QVERIFY(QString(e.what()).contains("spoken-digits.plimg"));
        }
        qunsetenv("PLASTICITY_LAB_RESOURCES");
    }
};

QTEST_APPLESS_MAIN(TestSelfRepair)
#include "tst_self_repair.moc"
