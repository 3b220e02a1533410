// The synaptic sampler: the exact OU step (mean and variance after Δt), temperature scales
// the variance, the autocorrelation time is σ²/b, θ ≤ 0 means no transmission, removed
// synapses never return, and the likelihood term drives weights to its fixed point.
#include "analysis/Statistics.h"
#include "core/ExperimentRegistry.h"
#include "core/Simulation.h"
#include "experiments/SynapticSamplingExperiment.h"
#include "plasticity/SynapticSampler.h"

#include <QtTest>
#include <cmath>

using namespace plab;

namespace {

SynapticSampler makeSampler(int rows, int cols, SamplingParameters p, std::uint64_t seed = 1)
{
    RandomStream init(seed);
    return SynapticSampler(rows, cols, p, init);
}

} // namespace

class TestSynapticSampler : public QObject {
    Q_OBJECT
private slots:
    void ouStepHasExactMeanAndVariance_data()
    {
        QTest::addColumn<double>("temperature");
        QTest::addColumn<double>("dt");
        QTest::newRow("T=1, dt=1000 s") << 1.0 << 1000.0;
        QTest::newRow("T=1, dt=20000 s") << 1.0 << 20000.0;
        QTest::newRow("T=0.25, dt=5000 s") << 0.25 << 5000.0;
        QTest::newRow("T=0") << 0.0 << 3000.0;
    }
    void ouStepHasExactMeanAndVariance()
    {
        QFETCH(double, temperature);
        QFETCH(double, dt);
        SamplingParameters p;
        p.temperature = temperature;
        p.thetaMin = -50;  // no clamping in this check
        p.thetaMax = 50;
        auto s = makeSampler(1, 200000, p);
        // Start every synapse at θ = 2: after dt, θ ~ N(μ + (2 − μ)e^{−kdt}, Tσ²(1 − e^{−2kdt})).
        for (int c = 0; c < s.cols(); ++c)
            s.setTheta(0, c, 2.0);
        RandomStream rng(5);
        s.advanceRow(0, dt, rng);
        const double k = p.rate / (p.sigma * p.sigma);
        const double mean = p.mu + (2.0 - p.mu) * std::exp(-k * dt);
        const double var = temperature * p.sigma * p.sigma * (1 - std::exp(-2 * k * dt));
        const auto theta = s.theta().row(0).array();
        const double m = theta.mean();
        const double v = (theta - m).square().mean();
        QVERIFY2(std::fabs(m - mean) < 5 * std::sqrt(var / s.cols()) + 1e-12, qPrintable(QString("%1 vs %2").arg(m).arg(mean)));
        if (var > 0)
            QVERIFY2(std::fabs(v / var - 1) < 0.02, qPrintable(QString("%1 vs %2").arg(v).arg(var)));
        else
            QVERIFY(v < 1e-20);
        // Two half steps are the same process as one whole step (exact, not Euler).
        auto a = makeSampler(1, 200000, p), b = makeSampler(1, 200000, p);
        for (int c = 0; c < a.cols(); ++c) {
            a.setTheta(0, c, 2.0);
            b.setTheta(0, c, 2.0);
        }
        RandomStream r1(7), r2(8);
        a.advanceRow(0, dt, r1);
        b.advanceRow(0, dt / 2, r2);
        b.advanceRow(0, dt, r2);
        QVERIFY(std::fabs(a.theta().mean() - b.theta().mean()) < 0.02);
    }

    void autocorrelationTimeIsSigmaSquaredOverB()
    {
        // One synapse sampled every 100 s for 400 relaxation times: the autocorrelation falls
        // to 1/e after σ²/b = 10 000 s, i.e. 100 samples.
        SamplingParameters p;
        p.thetaMin = -50;
        p.thetaMax = 50;
        auto s = makeSampler(1, 64, p);
        RandomStream rng(9);
        std::vector<std::vector<double>> series(64);
        for (int i = 1; i <= 40000; ++i) {
            s.advanceRow(0, 100.0 * i, rng);
            for (int c = 0; c < 64; ++c)
                series[std::size_t(c)].push_back(s.theta()(0, c));
        }
        double tau = 0;
        for (const auto& x : series)
            tau += autocorrelationTime(x, 400) / 64.0;
        const double expected = (p.sigma * p.sigma / p.rate) / 100.0;
        QVERIFY2(std::fabs(tau / expected - 1) < 0.1, qPrintable(QString("%1 samples vs %2").arg(tau).arg(expected)));
    }

    void retractedSynapsesDoNotTransmit()
    {
        SamplingParameters p;
        auto s = makeSampler(1, 3, p);
        s.setTheta(0, 0, -0.5);
        s.setTheta(0, 1, 0.0);
        s.setTheta(0, 2, 3.5);
        QCOMPARE(s.weights()(0, 0), 0.0);
        QCOMPARE(s.weights()(0, 1), 0.0);
        QVERIFY(std::fabs(s.weights()(0, 2) - std::exp(0.5)) < 1e-12);
        // The likelihood term moves only existing synapses.
        const double y[3] = {5.0, 5.0, 5.0};
        s.postSpike(0, y);
        QCOMPARE(s.theta()(0, 0), -0.5);
        QCOMPARE(s.theta()(0, 1), 0.0);
        QVERIFY(s.theta()(0, 2) > 3.5);
    }

    void removedSynapsesNeverReturn()
    {
        SamplingParameters p;
        p.mu = 3.0;  // a prior that would pull every synapse back in
        auto s = makeSampler(2, 500, p);
        for (int c = 0; c < 500; c += 2)
            s.remove(0, c);
        QCOMPARE(s.removedCount(), std::int64_t(250));
        RandomStream rng(2);
        std::vector<double> y(500, 3.0);
        for (int i = 1; i <= 200; ++i) {
            s.advanceAll(i * 500.0, rng);
            s.postSpike(0, y.data());
            for (int c = 0; c < 500; c += 2) {
                QVERIFY(s.theta()(0, c) <= 0);
                QCOMPARE(s.weights()(0, c), 0.0);
            }
        }
        // The others did come back.
        int active = 0;
        for (int c = 1; c < 500; c += 2)
            active += s.theta()(0, c) > 0;
        QVERIFY(active > 240);
    }

    void likelihoodDrivesToItsFixedPoint()
    {
        // Without prior and noise, repeated spikes with trace y settle where α e^{w} = y.
        SamplingParameters p;
        p.temperature = 0;
        p.rate = 1e-3;
        p.sigma = 1e6;  // flat prior
        auto s = makeSampler(1, 2, p);
        s.setTheta(0, 0, 3.0);
        s.setTheta(0, 1, 3.0);
        const double y[2] = {1.44, 0.5};
        for (int i = 0; i < 20000; ++i)
            s.postSpike(0, y);
        for (int c = 0; c < 2; ++c) {
            const double w = s.weights()(0, c);
            QVERIFY2(std::fabs(p.alpha * std::exp(w) - y[c]) < 0.01, qPrintable(QString::number(w)));
        }
    }

    void learnsWhileItRewires()
    {
        const auto& registry = ExperimentRegistry::builtin();
        ParameterSet params = registry.defaults("synaptic-sampling");
        params.set("survival_from", "600");
        params.set("survival_to", "1200");
        Simulation sim(registry.create("synaptic-sampling", params, 1));
        sim.runUntil(3600);
        auto& e = static_cast<SynapticSamplingExperiment&>(sim.experiment());
        double first = 0, last = 0, formed = 0, eliminated = 0;
        for (const auto& [name, value] : e.summary()) {
            if (name == "cond_entropy_first")
                first = std::get<double>(value);
            if (name == "cond_entropy")
                last = std::get<double>(value);
            if (name == "formation_per_hour")
                formed = std::get<double>(value);
            if (name == "elimination_per_hour")
                eliminated = std::get<double>(value);
        }
        QVERIFY2(last < first / 2, qPrintable(QString("%1 -> %2").arg(first).arg(last)));
        QVERIFY(formed > 0.05 && eliminated > 0.05);  // synapses keep turning over
        std::vector<double> ages, fractions;
        e.survivalCurve(ages, fractions);
        QVERIFY(e.formedInWindow() > 100);
        QVERIFY(fractions.size() >= 10);
        for (std::size_t i = 1; i < fractions.size(); ++i)
            QVERIFY(fractions[i] <= fractions[i - 1]);
        QVERIFY(e.survivalSlope() < -0.1);
        // Lesioned synapses stay gone through learning.
        sim.schedule(Command::fromText(3600, "lesion synapses 0.5"));
        sim.runUntil(3700);
        const auto removed = e.sampler().removedCount();
        QVERIFY(removed > 4000 && removed < 6000);
        for (int r = 0; r < e.sampler().rows(); ++r)
            for (int c = 0; c < e.sampler().cols(); ++c)
                if (e.sampler().removed(r, c))
                    QVERIFY(e.sampler().weights()(r, c) == 0.0);
    }

    void weightOffsetAndAlphaApplyAtOnce()
    {
        // w = e^{θ−θ0} and min(w_d_max, α e^{w}) are cached per synapse: a live θ0 or α must
        // reach every cached value at once, not a row at a time as rows happen to update.
        const auto& registry = ExperimentRegistry::builtin();
        ParameterSet p = registry.defaults("synaptic-sampling");
        p.setAssignment("input_neurons=200");
        Simulation sim(registry.create("synaptic-sampling", p, 2));
        sim.runUntil(0.5);
        sim.schedule(Command::set(0.5, "theta0", 4.0));
        sim.schedule(Command::set(0.5, "alpha", 0.3));
        sim.step();
        const auto& e = static_cast<const SynapticSamplingExperiment&>(sim.experiment());
        const SynapticSampler& s = e.sampler();
        for (int r = 0; r < s.rows(); ++r) {
            double drive = 0;
            for (int c = 0; c < s.cols(); ++c) {
                const double theta = s.theta()(r, c);
                const double w = theta > 0 ? std::exp(theta - 4.0) : 0.0;
                QVERIFY2(std::fabs(s.weights()(r, c) - w) <= 1e-12 * std::max(1.0, w),
                         qPrintable(QString("w(%1, %2) = %3, expected %4").arg(r).arg(c).arg(s.weights()(r, c)).arg(w)));
                drive += theta > 0 ? std::min(5.0, 0.3 * std::exp(w)) : 0.0;
            }
            QVERIFY2(std::fabs(s.expectedDrive(r) - drive) <= 1e-9 * std::max(1.0, drive),
                     qPrintable(QString("row %1: drive %2, expected %3").arg(r).arg(s.expectedDrive(r)).arg(drive)));
        }
    }

    void silentNetworkSamplesThePrior_data()
    {
        QTest::addColumn<double>("temperature");
        QTest::newRow("T=1") << 1.0;
        QTest::newRow("T=0.25") << 0.25;
    }
    void silentNetworkSamplesThePrior()
    {
        QFETCH(double, temperature);
        const auto& registry = ExperimentRegistry::builtin();
        ParameterSet params = registry.defaults("synaptic-sampling");
        params.set("inputs", "silent");
        params.set("temperature", formatNumber(temperature));
        params.set("sweep_interval", "10");
        Simulation sim(registry.create("synaptic-sampling", params, 3));
        sim.runUntil(20000);
        auto& e = static_cast<SynapticSamplingExperiment&>(sim.experiment());
        QVERIFY2(e.stationaryError() <= 0.05, qPrintable(QString::number(e.stationaryError())));
        // P(θ > 0) = Φ(μ / (√T σ)): 0.691 at T = 1, 0.841 at T = 0.25.
        const double expected = normalCdf(0.5 / std::sqrt(temperature), 0, 1);
        QVERIFY(std::fabs(e.activeFraction() - expected) < 0.02);
    }
};

QTEST_APPLESS_MAIN(TestSynapticSampler)
#include "tst_synaptic_sampler.moc"
