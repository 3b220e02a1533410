// em-mixture end to end: determinism per seed, convergence to the EM fixed point on the
// synthetic mixture, and learning on MNIST.
#include "core/ExperimentRegistry.h"
#include "core/Simulation.h"
#include "experiments/EmMixtureExperiment.h"
#include "MakeSimulation.h"

#include <QtTest>
#include <cmath>

using namespace plab;

namespace {

std::unique_ptr<Simulation> make(std::uint64_t seed, std::initializer_list<const char*> sets = {})
{
    const auto& registry = ExperimentRegistry::builtin();
    ParameterSet p = registry.defaults("em-mixture");
    for (const char* s : sets)
        p.setAssignment(s);
    return std::make_unique<Simulation>(registry.create("em-mixture", p, seed));
}

double metric(const Simulation& sim, const std::string& name)
{
    return summaryMetric(sim.experiment().summary(), name);
}

std::vector<SpikeEvent> spikesOf(std::uint64_t seed, double seconds)
{
    auto sim = make(seed);
    sim->experiment().spikes().setEnabled(true);
    sim->runUntil(seconds);
    return sim->experiment().spikes().take();
}

bool sameSpikes(const std::vector<SpikeEvent>& a, const std::vector<SpikeEvent>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].t != b[i].t || a[i].neuron != b[i].neuron)
            return false;
    return true;
}

} // namespace

class TestEmMixture : public QObject {
    Q_OBJECT
private slots:
    void sameSeedSameRun()
    {
        auto a = make(7), b = make(7);
        a->runUntil(30);
        b->runUntil(30);
        QCOMPARE(a->series().rows, b->series().rows);
        QVERIFY(sameSpikes(spikesOf(7, 5), spikesOf(7, 5)));
    }

    void otherSeedOtherSpikes()
    {
        QVERIFY(!sameSpikes(spikesOf(7, 5), spikesOf(8, 5)));
    }

    void convergesToTheEmFixedPoint_data()
    {
        QTest::addColumn<int>("seed");
        QTest::newRow("seed 1") << 1;
        QTest::newRow("seed 2") << 2;
        QTest::newRow("seed 3") << 3;
    }
    void convergesToTheEmFixedPoint()
    {
        QFETCH(int, seed);
        auto sim = make(std::uint64_t(seed));
        sim->runUntil(300);
        const double eq = metric(*sim, "equilibrium_error");
        const double nmi = metric(*sim, "nmi");
        // Seeds 1–20 reach 0.0065–0.0075 (sweeps/em-mixture-fixed-point.json); a rule 10 % off in
        // its depression term (y − 1.1·e^w) reaches 0.015–0.017 on seeds 1–3: this bound catches it.
        QVERIFY2(eq <= 0.012, qPrintable(QString("equilibrium_error %1").arg(eq)));
        QVERIFY2(nmi >= 0.9, qPrintable(QString("nmi %1").arg(nmi)));
        // The prior is learned too: e^{b_k} matches each neuron's share of spikes.
        QVERIFY(metric(*sim, "bias_error") < 0.03);
        // Each z-neuron has specialised on a different prototype.
        auto& e = static_cast<EmMixtureExperiment&>(sim->experiment());
        auto preferred = e.preferredLabels();
        std::sort(preferred.begin(), preferred.end());
        QCOMPARE(preferred, (std::vector<int>{0, 1, 2, 3}));
    }

    void largeCircuitsReachTheFixedPointToo_data()
    {
        QTest::addColumn<int>("neurons");
        QTest::addColumn<double>("maxError");
        QTest::addColumn<double>("minNmi");
        // 16 prototypes of 16×16 pixels, default length (300 s). Counting rate, seeds 1–2:
        // 64 neurons 0.022 / 0.862, 200 neurons 0.026 / 0.767; the decaying rate, which
        // freezes neurons that win rarely, 0.053 / 0.84 and 0.08 / 0.70 (fails both).
        QTest::newRow("64 neurons") << 64 << 0.032 << 0.85;
        QTest::newRow("200 neurons") << 200 << 0.035 << 0.74;
    }
    void largeCircuitsReachTheFixedPointToo()
    {
        QFETCH(int, neurons);
        QFETCH(double, maxError);
        QFETCH(double, minNmi);
        const std::string n = "neurons=" + std::to_string(neurons);
        auto sim = make(1, {"classes=16", "image_side=16", n.c_str()});
        sim->runUntil(sim->experiment().duration());
        const double eq = metric(*sim, "equilibrium_error");
        const double nmi = metric(*sim, "nmi");
        QVERIFY2(eq <= maxError, qPrintable(QString("equilibrium_error %1").arg(eq)));
        QVERIFY2(nmi >= minNmi, qPrintable(QString("nmi %1").arg(nmi)));
    }

    void fullSizeMnistHasItsInputs()
    {
        // mnist_side=28: the shipped 28×28 file, an "on" and an "off" input per pixel.
        auto sim = make(1, {"data=mnist", "mnist_side=28", "neurons=20"});
        auto& e = static_cast<EmMixtureExperiment&>(sim->experiment());
        QCOMPARE(e.imageRows(), 28);
        QCOMPARE(e.imageCols(), 28);
        QCOMPARE(e.network().synapses().cols(), 2 * 28 * 28);
        sim->runUntil(5);
        QCOMPARE(int(e.currentImage().size()), 28 * 28);
    }

    void adaptiveLearningRateAlsoConverges()
    {
        auto sim = make(1, {"learning_rate_mode=adaptive", "learning_rate=0.05"});
        sim->runUntil(300);
        QVERIFY2(metric(*sim, "nmi") >= 0.85, qPrintable(QString::number(metric(*sim, "nmi"))));
        QVERIFY(metric(*sim, "equilibrium_error") <= 0.05);
    }

    void doubleExponentialEpspsLearn()
    {
        auto sim = make(1, {"epsp=double-exp", "eval_delay=0.02"});
        sim->runUntil(200);
        QVERIFY2(metric(*sim, "nmi") >= 0.8, qPrintable(QString::number(metric(*sim, "nmi"))));
    }

    void mnistConditionalEntropyFalls()
    {
        auto sim = make(1, {"data=mnist"});
        sim->runUntil(200);
        const double first = metric(*sim, "cond_entropy_first");
        const double last = metric(*sim, "cond_entropy");
        QVERIFY2(last < first - 0.25, qPrintable(QString("%1 -> %2").arg(first).arg(last)));
    }

    void frozenLearningKeepsWeights()
    {
        auto sim = make(1, {"learning_rate=0"});
        auto& e = static_cast<EmMixtureExperiment&>(sim->experiment());
        const auto before = e.network().synapses().weights();
        sim->runUntil(5);
        QCOMPARE(e.network().synapses().weights(), before);
    }
};

QTEST_APPLESS_MAIN(TestEmMixture)
#include "tst_em_mixture.moc"
