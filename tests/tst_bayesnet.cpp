// bayesnet end to end: the modules learn Knill–Kersten (every module's KL falls to ≤ 0.05
// bits), the sampled joint matches (≤ 0.1 bits), evidence gives the exact posterior
// (explaining away), one mode per value hits the naive-Bayes limit, other networks learn.
#include "bayesnet/BifFormat.h"
#include "bayesnet/ExactInference.h"
#include "bayesnet/VariableElimination.h"
#include "core/Command.h"
#include "core/Error.h"
#include "core/ExperimentRegistry.h"
#include "core/Simulation.h"
#include "experiments/BayesNetExperiment.h"
#include "MakeSimulation.h"

#include <QTemporaryDir>

#include <QtTest>
#include <algorithm>
#include <fstream>
#include <cmath>

using namespace plab;

namespace {

std::unique_ptr<Simulation> make(std::uint64_t seed, std::initializer_list<std::string> sets = {})
{
    return makeSimulation("bayesnet", seed, sets);
}

/// 20 variables of 2 to 6 values, each with the two before it as parents: about 2.7·10¹¹
/// joint states, far beyond enumeration. Tables from a fixed formula, none near 0 or 1.
BayesianNetwork twentyVariables()
{
    BayesianNetwork net;
    net.name = "twenty";
    for (int i = 0; i < 20; ++i) {
        BnVariable v;
        v.name = "V" + std::to_string(i + 1);
        const int m = 2 + i % 5;
        for (int k = 0; k < m; ++k)
            v.values.push_back("v" + std::to_string(k + 1));
        std::size_t configs = 1;
        for (int p = std::max(0, i - 2); p < i; ++p) {
            v.parents.push_back(p);
            configs *= std::size_t(2 + p % 5);
        }
        for (std::size_t c = 0; c < configs; ++c) {
            double total = 0;
            std::vector<double> row(static_cast<std::size_t>(m), 0.0);
            for (int k = 0; k < m; ++k)
                total += row[std::size_t(k)] = 1.0 + double((c * 7 + std::size_t(k) * 3 + std::size_t(i)) % 5);
            for (double x : row)
                v.cpt.push_back(x / total);
        }
        net.variables.push_back(v);
    }
    return net;
}

BayesNetExperiment& bn(Simulation& sim)
{
    return static_cast<BayesNetExperiment&>(sim.experiment());
}

/// Runs for as long as a run with no --seconds does: the learning phase the network needs,
/// then the sampling.
void runToEnd(Simulation& sim)
{
    sim.runUntil(sim.experiment().duration());
}

} // namespace

class TestBayesNet : public QObject {
    Q_OBJECT
private slots:
    void learnsKnillKersten()
    {
        auto sim = make(1);
        runToEnd(*sim);
        auto& e = bn(*sim);
        const auto& series = sim->series();
        QCOMPARE(series.times.front(), 0.0);  // the untrained state is recorded
        for (int v = 0; v < 4; ++v) {
            const double start = series.rows.front()[std::size_t(v)];
            const double end = e.moduleKl(v);
            QVERIFY2(end <= 0.05, qPrintable(QString("module %1: KL %2").arg(v).arg(end)));
            QVERIFY2(end < start / 2, qPrintable(QString("module %1: %2 -> %3").arg(v).arg(start).arg(end)));
        }
        QVERIFY2(e.jointKl() <= 0.1, qPrintable(QString::number(e.jointKl())));
        QVERIFY(e.samples() > 90000);
        // The spiking sampler draws from the distribution its modules define.
        QVERIFY(std::fabs(e.jointKl() - e.modelKl()) < 0.01);
    }

    void explainingAway_data()
    {
        QTest::addColumn<QString>("evidence");
        QTest::addColumn<double>("z1");  // exact p(Z1 = 1 | evidence)
        QTest::newRow("Z3=1,Z4=1") << "Z3=1,Z4=1" << 0.7738;
        QTest::newRow("Z3=1,Z4=2") << "Z3=1,Z4=2" << 0.2262;
        QTest::newRow("Z3=1") << "Z3=1" << 0.5;
    }
    void explainingAway()
    {
        QFETCH(QString, evidence);
        QFETCH(double, z1);
        auto sim = make(1, {"evidence=" + evidence.toStdString()});
        runToEnd(*sim);
        auto& e = bn(*sim);
        QVERIFY2(e.posteriorError() <= 0.05, qPrintable(QString::number(e.posteriorError())));
        QVERIFY(std::fabs(e.exactMarginals()[0][0] - z1) < 1e-4);
        QVERIFY(std::fabs(e.sampledMarginals()[0][0] - z1) <= 0.05);
        // Evidence variables stay clamped.
        QCOMPARE(e.sampledMarginals()[2][0], 1.0);
    }

    void evidenceCommandResetsTheHistogram()
    {
        auto sim = make(2, {"learning_seconds=100"});
        sim->schedule(Command::fromText(200, "evidence Z4=2"));
        sim->runUntil(300);
        auto& e = bn(*sim);
        QCOMPARE(e.evidence()[3], 1);
        QVERIFY(e.samples() <= 100000);
        QCOMPARE(e.sampledMarginals()[3][1], 1.0);
        QVERIFY(e.sampledMarginals()[1][1] > 0.75);  // p(Z2 = 2 | Z4 = 2) = 0.87
    }

    void oneModePerValueIsNaiveBayes()
    {
        // p(Z3 | Z1, Z2) is XNOR-like: a naive-Bayes module cannot get below 0.443 bits.
        auto sim = make(1, {"modes=1", "learning_seconds=150"});
        sim->runUntil(150);
        QVERIFY(bn(*sim).moduleKl(2) > 0.4);
        QVERIFY(bn(*sim).moduleKl(2) < 0.5);
    }

    void implicitConditionalFormula()
    {
        auto sim = make(1);
        const SpikingModule& m = bn(*sim).modules()[3];  // Z4, inputs {Z2}, 2 values × 2 modes
        QCOMPARE(m.inputs, std::vector<int>{1});
        QCOMPARE(m.hiddenSize(), 4);
        std::vector<double> q;
        m.conditional({1}, q);
        double expect[2] = {0, 0};
        for (int k = 0; k < 4; ++k)
            expect[m.valueOf(k)] += std::exp(m.hidden.biases()[k] + m.hidden.weights()(k, 1));
        QVERIFY(std::fabs(q[0] - expect[0] / (expect[0] + expect[1])) < 1e-12);
    }

    void otherNetworksLearn_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("three values") << QString(PLAB_TEST_DATA "/three-values.bif");
        QTest::newRow("three parents") << QString(PLAB_TEST_DATA "/three-parents.bif");
    }
    void otherNetworksLearn()
    {
        QFETCH(QString, file);
        // A fixed 300 s of learning (their default is 20 000 s or more: the teaching networks'
        // default-length runs are in tst_bayesnet_answers).
        auto sim = make(1, {"network=" + file.toStdString(), "learning_seconds=300"});
        auto& e = bn(*sim);
        std::vector<double> start;
        for (int v = 0; v < e.network().size(); ++v)
            start.push_back(e.moduleKl(v));
        sim->runUntil(400);
        for (int v = 0; v < e.network().size(); ++v)
            QVERIFY2(e.moduleKl(v) <= 0.05 && e.moduleKl(v) <= start[std::size_t(v)],
                     qPrintable(QString("module %1: %2 -> %3").arg(v).arg(start[std::size_t(v)]).arg(e.moduleKl(v))));
        QVERIFY2(e.jointKl() <= 0.1, qPrintable(QString::number(e.jointKl())));
    }

    void countingLearnsRareComponents()
    {
        // Burglary given both calls: the posterior lives in blanket configurations that occur a
        // few times in 3000 training samples. The decaying η has all but stopped by then; in the
        // counting mode (the default) each component learns at 1/(n0 + its wins). Seeds 1-5
        // measured: mean posterior error 0.204 -> 0.088, joint KL 1.22 -> 0.099 bits.
        const std::string network = "network=burglary-alarm";
        const std::string evidence = "evidence=JohnCalls=True,MaryCalls=True";
        double error[2] = {0, 0}, kl[2] = {0, 0}, worst = 0;
        for (std::uint64_t seed = 1; seed <= 5; ++seed)
            for (int counting = 0; counting < 2; ++counting) {
                auto sim = make(seed, {network, evidence, "learning_seconds=300", "hidden_start=random",
                                       counting ? "learning_rate_mode=counting" : "learning_rate_mode=decaying"});
                sim->runUntil(400);
                error[counting] += bn(*sim).posteriorError() / 5;
                kl[counting] += bn(*sim).jointKl() / 5;
                if (counting)
                    worst = std::max(worst, bn(*sim).posteriorError());
            }
        QVERIFY2(error[1] < 0.6 * error[0], qPrintable(QString("posterior error %1 -> %2").arg(error[0]).arg(error[1])));
        QVERIFY2(kl[1] < 0.25 * kl[0], qPrintable(QString("joint KL %1 -> %2").arg(kl[0]).arg(kl[1])));
        QVERIFY2(worst <= 0.15, qPrintable(QString::number(worst)));
    }

    void networkBeyondEnumerationLearnsWithExactAnswers()
    {
        // Exact answers by variable elimination: the posterior error is measured, not skipped.
        const auto net = twentyVariables();
        QVERIFY(!EnumeratedJoint::feasible(net));
        QTemporaryDir dir;
        const std::string file = dir.filePath("twenty.bif").toStdString();
        {
            std::ofstream out(file);
            out << writeBif(net);
        }
        auto sim = make(1, {"network=" + file, "evidence=V20=v1", "learning_seconds=300"});
        sim->runUntil(400);
        auto& e = bn(*sim);
        const auto exact = e.exactMarginals();
        QCOMPARE(exact.size(), std::size_t(20));
        std::vector<int> evidence(20, -1);
        evidence[19] = 0;
        const auto expected = VariableElimination(net).marginals(evidence);
        for (std::size_t v = 0; v < 20; ++v)
            for (std::size_t k = 0; k < exact[v].size(); ++k)
                QCOMPARE(exact[v][k], expected[v][k]);
        QVERIFY(e.samples() > 1000);
        const double error = e.posteriorError();
        double klMax = 0;
        for (int v = 0; v < 20; ++v)
            klMax = std::max(klMax, e.moduleKl(v));
        qInfo("twenty variables: posterior_error %.3f, largest module KL %.4f, %lld samples", error, klMax,
              (long long)e.samples());
        // Measured (seed 1): posterior_error 0.035, largest module KL 0.10 bits. The bounds say the
        // figures exist and learning happened; how well large networks learn is work still open.
        QVERIFY2(std::isfinite(error) && error < 0.1, qPrintable(QString::number(error)));
        for (int v = 0; v < 20; ++v)
            QVERIFY2(std::isfinite(e.moduleKl(v)) && e.moduleKl(v) < 0.3, qPrintable(QString::number(e.moduleKl(v))));
    }

    void markovBlanketAllUsesEveryOtherVariable()
    {
        auto sim = make(1, {"markov_blanket=all"});
        for (const auto& m : bn(*sim).modules())
            QCOMPARE(m.inputs.size(), std::size_t(3));
    }

    void deterministicFamilySamplesAsOneModule()
    {
        // The chest clinic: tub and lung are one module, either is computed from it. Evidence on
        // either leaves the module the values that agree: either = no fixes tub = lung = no;
        // either = yes lets it sample among the three others and never (no, no).
        auto sim = make(1, {"network=chest-clinic", "learning_seconds=200", "evidence=either=no"});
        auto& e = bn(*sim);
        QCOMPARE(e.modules().size(), std::size_t(6));
        const int tub = e.network().find("tub"), lung = e.network().find("lung"), either = e.network().find("either");
        QCOMPARE(e.moduleOf(tub), e.moduleOf(lung));
        QCOMPARE(e.moduleOf(either), e.moduleOf(tub));
        // smoke's blanket by the graph holds asia (tub+lung's other parent); its factor cancels.
        const auto& smoke = e.modules()[std::size_t(e.moduleOf(e.network().find("smoke")))];
        QVERIFY(std::find(smoke.inputs.begin(), smoke.inputs.end(), e.moduleOf(e.network().find("asia"))) == smoke.inputs.end());
        sim->runUntil(260);
        auto m = e.sampledMarginals();
        QCOMPARE(m[std::size_t(tub)][1], 1.0);
        QCOMPARE(m[std::size_t(lung)][1], 1.0);
        sim->schedule(Command::fromText(260, "evidence either=yes"));
        sim->runUntil(400);
        m = e.sampledMarginals();
        QCOMPARE(m[std::size_t(either)][0], 1.0);
        QVERIFY(m[std::size_t(tub)][0] > 0.05 && m[std::size_t(lung)][0] > 0.3);  // exact: 0.19 and 0.85
        // The modules' own distribution, mapped back, keeps the same law: either = yes always.
        const auto model = e.modelJoint(), exact = e.exactJoint();
        QCOMPARE(model.size(), exact.size());
        double mass = 0;
        for (std::size_t i = 0; i < model.size(); ++i)
            mass += exact[i] > 0 ? model[i] : 0.0;
        QVERIFY2(std::fabs(mass - 1) < 1e-9, qPrintable(QString::number(mass)));
        // families=separate: a module per variable, as before December 2026.
        auto separate = make(1, {"network=chest-clinic", "learning_seconds=200", "families=separate"});
        QCOMPARE(bn(*separate).modules().size(), std::size_t(8));
    }

    void moduleTableHoldsTheModulesRows()
    {
        // Knill–Kersten part way through learning, Z3 observed: each free module's table.
        auto sim = make(2, {"evidence=Z3=2", "learning_seconds=40"});
        sim->runUntil(20);
        const auto& e = bn(*sim);
        for (int v = 0; v < e.network().size(); ++v) {
            if (e.evidence()[std::size_t(v)] >= 0)
                continue;
            const ModuleTable all = e.moduleTable(e.moduleOf(v), 1u << 20);
            QVERIFY(all.underEvidence);
            QCOMPARE(all.rows.size(), all.possible);
            QVERIFY(all.possible <= all.configurations);
            QVERIFY(std::abs(all.shownWeight - 1) < 1e-9);
            double underEvidence = 0, plain = 0;
            for (std::size_t r = 0; r < all.rows.size(); ++r) {
                const auto& row = all.rows[r];
                if (r > 0)  // heaviest under the evidence first
                    QVERIFY(row.massUnderEvidence <= all.rows[r - 1].massUnderEvidence);
                double truth = 0, learned = 0;
                for (std::size_t x = 0; x < row.truth.size(); ++x) {
                    truth += row.truth[x];
                    learned += row.learned[x];
                }
                QVERIFY(std::abs(truth - 1) < 1e-9 && std::abs(learned - 1) < 1e-9);
                QCOMPARE(row.blanket.size(), all.inputs.size());
                underEvidence += row.massUnderEvidence * row.kl;
                plain += row.mass * row.kl;
            }
            // The rows' KLs, weighted as the metrics weigh them, are the metrics.
            QVERIFY2(std::abs(underEvidence - e.moduleKlUnderEvidence(v)) < 1e-9, qPrintable(QString::number(underEvidence)));
            // Rows impossible under the evidence are left out, so the plain weighting sees less.
            QVERIFY(plain <= e.moduleKl(v) + 1e-9);
            // A short table keeps the heaviest rows and says how much of the weight they hold.
            const ModuleTable two = e.moduleTable(e.moduleOf(v), 2);
            QCOMPARE(two.rows.size(), std::min<std::size_t>(2, all.possible));
            for (std::size_t r = 0; r < two.rows.size(); ++r)
                QCOMPARE(two.rows[r].blanket, all.rows[r].blanket);
            QVERIFY(two.shownWeight <= 1 + 1e-12);
            QCOMPARE(two.possible, all.possible);
        }
        // Without evidence: ordered by p*(mb), and its weighted KL is the module KL.
        auto free = make(2, {"learning_seconds=40"});
        free->runUntil(20);
        const ModuleTable t = bn(*free).moduleTable(0, 1u << 20);
        QVERIFY(!t.underEvidence);
        double kl = 0;
        for (const auto& row : t.rows) {
            QCOMPARE(row.massUnderEvidence, row.mass);
            kl += row.mass * row.kl;
        }
        QVERIFY(std::abs(kl - bn(*free).moduleKl(0)) < 1e-9);
    }

    void mergedModuleTableUnderEvidenceOnItsFunction()
    {
        // The chest clinic, either = yes: the tub+lung module draws among yes+yes, yes+no, no+yes.
        // Its table and its KL compare with p*(x | mb, either = yes) what it samples there.
        auto sim = make(1, {"network=chest-clinic", "evidence=either=yes", "learning_seconds=3000"});
        sim->runUntil(3010);
        const auto& e = bn(*sim);
        const int module = e.moduleOf(e.network().find("tub"));
        QCOMPARE(e.moduleOf(e.network().find("lung")), module);
        const ModuleTable t = e.moduleTable(module, 1u << 20);
        QVERIFY(t.underEvidence);
        const auto& values = e.modules()[std::size_t(module)].values;
        QCOMPARE(values, 4);
        const int noNo = 3;  // yes+yes, yes+no, no+yes, no+no
        double weighted = 0;
        for (const auto& row : t.rows) {
            QCOMPARE(row.truth[noNo], 0.0);
            QCOMPARE(row.learned[noNo], 0.0);
            double truth = 0, learned = 0;
            for (int x = 0; x < values; ++x) {
                truth += row.truth[std::size_t(x)];
                learned += row.learned[std::size_t(x)];
            }
            QVERIFY(std::abs(truth - 1) < 1e-9 && std::abs(learned - 1) < 1e-9);
            weighted += row.massUnderEvidence * row.kl;
        }
        const double kl = e.moduleKlUnderEvidence(module);
        QVERIFY2(std::abs(weighted - kl) < 1e-9, qPrintable(QString("%1 vs %2").arg(weighted).arg(kl)));
        // Learned for 3000 s, the module is close to the truth where it samples; compared with
        // its unrestricted conditional (no+no at ~0.9) it would read bits off.
        QVERIFY2(kl < 0.1, qPrintable(QString::number(kl)));
    }

    void samplingChainsExposeATrappedSampler()
    {
        // C = A XOR B. Sampled one variable at a time (families=separate) every single change
        // leaves the function's states, so each chain lingers where it started; sampled as one
        // family module it mixes. Four chains see the difference (measured, seed 1: ESS 799
        // against 156 800, R-hat 1.011 against 1.00002).
        QTemporaryDir dir;
        const QString path = dir.filePath("xor.bif");
        {
            std::ofstream f(path.toStdString());
            f << "network xor { }\n"
                 "variable A { type discrete [ 2 ] { a0, a1 }; }\n"
                 "variable B { type discrete [ 2 ] { b0, b1 }; }\n"
                 "variable C { type discrete [ 2 ] { c0, c1 }; }\n"
                 "probability ( A ) { table 0.5, 0.5; }\n"
                 "probability ( B ) { table 0.5, 0.5; }\n"
                 "probability ( C | A, B ) { (a0, b0) 1, 0; (a0, b1) 0, 1; (a1, b0) 0, 1; (a1, b1) 1, 0; }\n";
        }
        const std::string network = "network=" + path.toStdString();
        std::pair<double, double> worst[2];
        for (int joint = 0; joint < 2; ++joint) {
            auto sim = make(1, {network, joint ? "families=joint" : "families=separate", "learning_seconds=3000"});
            QVERIFY(std::isnan(bn(*sim).rhat(0)));  // nothing while learning
            sim->runUntil(3400);
            QCOMPARE(bn(*sim).chainCount(), 4);
            worst[joint] = bn(*sim).worstDiagnostics();
        }
        const auto [separateRhat, separateEss] = worst[0];
        const auto [jointRhat, jointEss] = worst[1];
        QVERIFY2(jointRhat < 1.001 && jointEss > 50000, qPrintable(QString("joint: %1, %2").arg(jointRhat).arg(jointEss)));
        QVERIFY2(separateRhat > 1.005 && separateEss < jointEss / 20,
                 qPrintable(QString("separate: %1, %2").arg(separateRhat).arg(separateEss)));
        // One chain: no R-hat, still an ESS; the network's own chain is the same run.
        auto one = make(1, {network, "families=joint", "learning_seconds=3000", "chains=1"});
        auto four = make(1, {network, "families=joint", "learning_seconds=3000"});
        one->runUntil(3400);
        four->runUntil(3400);
        QVERIFY(std::isnan(bn(*one).worstDiagnostics().first));
        QVERIFY(bn(*one).worstDiagnostics().second > 0);
        QCOMPARE(bn(*one).posteriorError(), bn(*four).posteriorError());
    }

    void badInputIsRefused()
    {
        QVERIFY_THROWS_EXCEPTION(InputError, make(1, {"evidence=Z9=1"}));
        QVERIFY_THROWS_EXCEPTION(InputError, make(1, {"evidence=Z1=3"}));
        QVERIFY_THROWS_EXCEPTION(InputError, make(1, {"network=/nonexistent.bif"}));
        auto sim = make(1);
        QVERIFY_THROWS_EXCEPTION(InputError, sim->schedule(Command::fromText(1, "evidence Z1")));
        // Evidence of probability 0 (tuberculosis without either): refused, as a parameter and
        // as a command.
        try {
            make(1, {"network=chest-clinic", "evidence=tub=yes,either=no"});
            QFAIL("impossible evidence was taken");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("is impossible in chest-clinic (probability 0)"), e.what());
        }
        auto clinic = make(1, {"network=chest-clinic", "learning_seconds=300"});
        QVERIFY_THROWS_EXCEPTION(InputError, clinic->schedule(Command::fromText(1, "evidence tub=yes,either=no")));
        clinic->schedule(Command::fromText(1, "evidence tub=yes,either=yes"));  // possible
    }

    void sameSeedSameRun()
    {
        auto a = make(4, {"learning_seconds=20"}), b = make(4, {"learning_seconds=20"});
        a->runUntil(30);
        b->runUntil(30);
        // Rows hold NaN before sampling starts (NaN != NaN): compare their text.
        const auto text = [](const Simulation& s) {
            std::string t;
            for (const auto& row : s.series().rows)
                for (double x : row)
                    t += formatNumber(x) + ",";
            return t;
        };
        QCOMPARE(text(*a), text(*b));
        QCOMPARE(bn(*a).sampledJoint(), bn(*b).sampledJoint());
    }
};

QTEST_APPLESS_MAIN(TestBayesNet)
#include "tst_bayesnet.moc"
