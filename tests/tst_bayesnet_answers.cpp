// The teaching networks of resources/networks give their classic queries' answers with the
// default settings (no --seconds, no --set but the evidence): every posterior marginal within
// 0.03 of exact, the joint within 0.05 bits. And the measures that say when they do not: the
// evidence-weighted module KL, the counting floor, the learning length chosen per network.
#include "bayesnet/BifFormat.h"
#include "bayesnet/CptCounts.h"
#include "bayesnet/ExactInference.h"
#include "core/Command.h"
#include "core/ExperimentRegistry.h"
#include "core/Simulation.h"
#include "experiments/BayesNetExperiment.h"
#include "io/Resources.h"
#include "MakeSimulation.h"

#include <QtTest>
#include <cmath>

using namespace plab;

namespace {

std::unique_ptr<Simulation> make(std::uint64_t seed, const std::vector<std::string>& sets)
{
    return makeSimulation("bayesnet", seed, sets);
}

BayesNetExperiment& bn(Simulation& sim)
{
    return static_cast<BayesNetExperiment&>(sim.experiment());
}

} // namespace

class TestBayesNetAnswers : public QObject {
    Q_OBJECT
private slots:
    void classicQueries_data()
    {
        // Each network learns once; it answers without evidence, then with its classic query's
        // evidence set live (as a teacher clicks it), 400 s of sampling each.
        QTest::addColumn<QString>("network");
        QTest::addColumn<QString>("evidence");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<double>("prior");      // the exact p(variable = value) without evidence
        QTest::addColumn<double>("posterior");  // the published p(variable = value | evidence)
        QTest::addColumn<int>("value");
        QTest::addColumn<bool>("quick");        // fast enough for the sanitizer builds
        QTest::newRow("knill-kersten") << "knill-kersten" << "Z3=1,Z4=1" << "Z1" << 0.5 << 0.7738 << 0 << true;
        QTest::newRow("student") << "student" << "Grade=C,SAT=high" << "Intelligence" << 0.3 << 0.5783 << 1 << false;
        QTest::newRow("sprinkler") << "sprinkler" << "WetGrass=True" << "Sprinkler" << 0.3 << 0.4298 << 0 << false;
        QTest::newRow("burglary alarm") << "burglary-alarm" << "JohnCalls=True,MaryCalls=True" << "Burglary" << 0.01
                                        << 0.5565 << 0 << false;
        QTest::newRow("chest clinic") << "chest-clinic" << "asia=yes,dysp=yes" << "tub" << 0.0104 << 0.0878 << 0 << false;
    }
    void classicQueries()
    {
        QFETCH(QString, network);
        QFETCH(QString, evidence);
        QFETCH(QString, variable);
        QFETCH(double, prior);
        QFETCH(double, posterior);
        QFETCH(int, value);
        QFETCH(bool, quick);
#ifdef PLAB_SANITIZED
        if (!quick)
            QSKIP("a long learning run: checked in the release build");
#endif
        (void)quick;
        auto sim = make(1, {"network=" + network.toStdString()});
        auto& e = bn(*sim);
        const auto v = std::size_t(e.network().find(variable.toStdString()));
        QVERIFY(v < std::size_t(e.network().size()));
        const auto k = std::size_t(value);
        QVERIFY2(std::fabs(e.exactMarginals()[v][k] - prior) < 5e-4, qPrintable(QString::number(e.exactMarginals()[v][k])));
        const double end = e.duration();
        sim->schedule(Command::fromText(end, "evidence " + evidence.toStdString()));
        sim->runUntil(end);
        QVERIFY(!e.learning());
        const double errorWithout = e.posteriorError(), klWithout = e.jointKl(), floorWithout = e.countingFloor();
        sim->runUntil(end + BayesNetExperiment::kSamplingSeconds);
        QVERIFY2(std::fabs(e.exactMarginals()[v][k] - posterior) < 5e-4,
                 qPrintable(QString::number(e.exactMarginals()[v][k])));
        qInfo("%s: posterior error %.3f without evidence (floor %.3f), %.3f with (floor %.3f); joint KL %.4f, %.4f bits",
              qPrintable(network), errorWithout, floorWithout, e.posteriorError(), e.countingFloor(), klWithout,
              e.jointKl());
        QVERIFY(errorWithout <= 0.03 && e.posteriorError() <= 0.03);
        QVERIFY(klWithout <= 0.05 && e.jointKl() <= 0.05);
    }

    void learningLengthFollowsTheRarestConfiguration()
    {
        // Every value in every blanket configuration, p*(x, mb), with ≥ 0.05 % of the mass shown
        // 300 times at 0.1 s a sample: 30 s / the rarest such entry, in whole hundreds of seconds.
        const std::pair<const char*, double> expected[] = {
            {"knill-kersten", 7200}, {"student", 42900}, {"sprinkler", 60000}, {"chest-clinic", 57500}, {"burglary-alarm", 54300}};
        for (const auto& [name, seconds] : expected) {
            auto sim = make(1, {std::string("network=") + name});
            QCOMPARE(bn(*sim).learningSeconds(), seconds);
            QCOMPARE(sim->experiment().duration(), seconds + BayesNetExperiment::kSamplingSeconds);
        }
        auto fixed = make(1, {"network=burglary-alarm", "learning_seconds=120"});
        QCOMPARE(bn(*fixed).learningSeconds(), 120.0);
    }

    void rareEvidenceHasModesAndExamplesEnough()
    {
#ifdef PLAB_SANITIZED
        QSKIP("three long learning runs: checked in the release build");
#endif
        // The two misses of the README table before 4 December 2026 (16 modes at most, the
        // biases clipped with the weights at -10, 200 examples per entry): the chest clinic given
        // a visit to Asia and dyspnoea, seed 3, 0.051 (its tub+lung module has 32 blanket
        // configurations, two to a hidden neuron), and burglary given both calls, seed 2, 0.031.
        const auto error = [](std::uint64_t seed, std::vector<std::string> sets) {
            auto sim = make(seed, sets);
            sim->runUntil(sim->experiment().duration());
            return bn(*sim).posteriorError();
        };
        const std::vector<std::string> chest = {"network=chest-clinic", "evidence=asia=yes,dysp=yes"};
        std::vector<std::string> before = chest;
        before.insert(before.end(), {"max_modes=16", "b_min=-10", "examples_per_configuration=200"});
        const double now = error(3, chest), then = error(3, before);
        QVERIFY2(now <= 0.03 && then > 0.04, qPrintable(QString("chest clinic, seed 3: %1 now, %2 before").arg(now).arg(then)));
        const double burglary = error(2, {"network=burglary-alarm", "evidence=JohnCalls=True,MaryCalls=True"});
        QVERIFY2(burglary <= 0.03, qPrintable(QString("burglary, seed 2: %1").arg(burglary)));
    }

    void componentsStartOnTheirConfigurations()
    {
#ifdef PLAB_SANITIZED
        QSKIP("two long learning runs: checked in the release build");
#endif
        // Started at random, two of a value's components can share a common blanket configuration
        // and leave a rare one without its own, and its conditional stays wrong however long the
        // learning: seed 4 of the burglary query at the default length, posterior error 0.088 from
        // a random start, 0.010 tuned (seeds 1-5 tuned: 0.004, 0.003, 0.006, 0.010, 0.003).
        double error[2];
        for (int tuned = 0; tuned < 2; ++tuned) {
            auto sim = make(4, {"network=burglary-alarm", "evidence=JohnCalls=True,MaryCalls=True",
                                tuned ? "hidden_start=configurations" : "hidden_start=random"});
            sim->runUntil(sim->experiment().duration());
            error[tuned] = bn(*sim).posteriorError();
        }
        QVERIFY2(error[1] <= 0.03 && error[0] > 0.05, qPrintable(QString("random %1, tuned %2").arg(error[0]).arg(error[1])));
    }

    void evidenceWeightedKlExposesShortTraining()
    {
        // Training cut short (300 s, the decaying rate): averaged over p*(mb), every module of
        // the burglary alarm looks learned; weighted by p*(mb | both call), where the sampling
        // goes, one is far off, and the posterior with it.
        auto sim = make(4, {"network=burglary-alarm", "evidence=JohnCalls=True,MaryCalls=True", "learning_seconds=300",
                            "learning_rate_mode=decaying", "hidden_start=random"});
        sim->runUntil(400);
        auto& e = bn(*sim);
        double plain = 0, weighted = 0;
        for (int v = 0; v < e.network().size(); ++v) {
            plain = std::max(plain, e.moduleKl(v));
            if (e.evidence()[std::size_t(v)] < 0)
                weighted = std::max(weighted, e.moduleKlUnderEvidence(v));
            else
                QVERIFY(std::isnan(e.moduleKlUnderEvidence(v)));  // an observed variable is not sampled
        }
        // Seeds 1-5 measured: largest plain KL 0.009-0.037 bits, largest weighted 0.49-1.94.
        QVERIFY2(plain < 0.05, qPrintable(QString::number(plain)));
        QVERIFY2(weighted > 10 * plain && weighted > 0.1, qPrintable(QString("%1 vs %2").arg(weighted).arg(plain)));
        QVERIFY(e.posteriorError() > 0.1);
        // The worst module's table says where: its rows add up to the weighted KL, and among
        // the rows the sampling meets most (half of p*(mb | evidence)) one is off by > 0.1 bits.
        int worst = -1;
        for (int v = 0; v < e.network().size(); ++v)
            if (e.evidence()[std::size_t(v)] < 0 && (worst < 0 || e.moduleKlUnderEvidence(v) > e.moduleKlUnderEvidence(worst)))
                worst = v;
        const ModuleTable table = e.moduleTable(e.moduleOf(worst), 1u << 20);
        QVERIFY(table.underEvidence);
        double sum = 0, seen = 0, worstHeavyRow = 0;
        for (const auto& row : table.rows) {
            sum += row.massUnderEvidence * row.kl;
            if (seen < 0.5)
                worstHeavyRow = std::max(worstHeavyRow, row.kl);
            seen += row.massUnderEvidence;
        }
        QVERIFY2(std::abs(sum - e.moduleKlUnderEvidence(worst)) < 1e-9, qPrintable(QString("%1 vs %2").arg(sum).arg(e.moduleKlUnderEvidence(worst))));
        QVERIFY2(worstHeavyRow > 0.1, qPrintable(QString::number(worstHeavyRow)));
        // Without evidence the two weightings are one.
        auto free = make(4, {"network=burglary-alarm", "learning_seconds=300"});
        free->runUntil(50);
        for (int v = 0; v < bn(*free).network().size(); ++v)
            QCOMPARE(bn(*free).moduleKlUnderEvidence(v), bn(*free).moduleKl(v));
    }

    void countingFloorIsWhatTheExamplesAllow()
    {
        // The counted network: (n + 1) / (n_row + K) per CPT row.
        const auto net = readBifFile(Resources::path("networks/sprinkler.bif"));
        CptCounts counts(net);
        counts.add(net, {0, 1, 0, 0});
        counts.add(net, {0, 1, 1, 1});
        counts.add(net, {1, 0, 1, 0});
        const auto counted = counts.estimate(net);
        QCOMPARE(counted.variables[0].cpt, (std::vector<double>{3.0 / 5, 2.0 / 5}));
        QCOMPARE(counted.variables[1].cpt, (std::vector<double>{1.0 / 4, 3.0 / 4, 2.0 / 3, 1.0 / 3}));
        QCOMPARE(counts.examples(), std::int64_t(3));

        // In a run: unknown while learning, then measured; more examples, a lower floor.
        double floors[2] = {0, 0};
        for (std::uint64_t seed = 1; seed <= 3; ++seed)
            for (int longer = 0; longer < 2; ++longer) {
                auto sim = make(seed, {"network=student", longer ? "learning_seconds=3000" : "learning_seconds=100"});
                auto& e = bn(*sim);
                sim->runUntil(50);
                QVERIFY(std::isnan(e.countingFloor()));
                sim->runUntil(e.duration());
                QCOMPARE(e.trainingCounts().examples(), std::int64_t(longer ? 30000 : 1000));
                QVERIFY(std::isfinite(e.countingFloor()) && std::isfinite(e.countingFloorJointKl()));
                floors[longer] += e.countingFloor() / 3;
            }
        QVERIFY2(floors[1] < 0.5 * floors[0], qPrintable(QString("%1 -> %2").arg(floors[0]).arg(floors[1])));
    }
};

QTEST_APPLESS_MAIN(TestBayesNetAnswers)
#include "tst_bayesnet_answers.moc"
