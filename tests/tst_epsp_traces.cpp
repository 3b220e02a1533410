// EPSP traces: rectangular window, double exponential shape, and the live list.
#include "neurons/EpspTraces.h"
#include "neurons/PoissonInputPopulation.h"
#include "io/StateArchive.h"

#include <QtTest>
#include <cstring>
#include <cmath>

using namespace plab;

class TestEpspTraces : public QObject {
    Q_OBJECT
private slots:
    void rectangularWindow()
    {
        EpspTraces t(2, EpspKernel{EpspKernel::Shape::Rectangular, 0.010, 0.002, 0.02});
        t.onSpike(0, 1.000);
        QCOMPARE(t.value(0, 1.000), 1.0);
        QCOMPARE(t.value(0, 1.0099), 1.0);
        QCOMPARE(t.value(0, 1.0101), 0.0);
        QCOMPARE(t.value(1, 1.000), 0.0);
        // Overlapping spikes do not add; the window restarts.
        t.onSpike(0, 1.005);
        QCOMPARE(t.value(0, 1.012), 1.0);
    }

    void doubleExponentialShape()
    {
        const EpspKernel k{EpspKernel::Shape::DoubleExponential, 0.01, 0.002, 0.020};
        // Peak at τrτf/(τf−τr) ln(τf/τr) = 5.117 ms, value 0.697 (notes, §1.2).
        const double peak = 0.002 * 0.020 / 0.018 * std::log(10.0);
        QVERIFY(std::fabs(peak - 0.005117) < 1e-5);
        QVERIFY(std::fabs(k.value(peak) - 0.6971) < 1e-3);
        EpspTraces t(1, k);
        t.onSpike(0, 0.0);
        t.onSpike(0, 0.003);
        const double s = 0.010;
        QVERIFY(std::fabs(t.value(0, s) - (k.value(s) + k.value(s - 0.003))) < 1e-12);
    }

    void doubleExponentialMatchesTheSumOfKernelsOverLongRuns()
    {
        // Traces are stored against an epoch that moves every half second: after many moves
        // the collected values must still be the plain sum of kernels of the input's spikes
        // since it was last silent for longer than the support (when its trace is dropped).
        const EpspKernel k{EpspKernel::Shape::DoubleExponential, 0.01, 0.002, 0.020};
        EpspTraces traces(3, k);
        std::vector<std::vector<double>> spikes(3);
        std::vector<std::int32_t> ids;
        std::vector<double> values;
        double worst = 0;
        int checked = 0;
        for (int step = 1; step <= 20000; ++step) {  // 20 s of 1 ms steps
            const double t = step * 0.001;
            for (int i = 0; i < 3; ++i) {
                if ((step * (i + 3)) % (7 + 5 * i) == 0 || (i == 2 && step % 1300 < 40)) {
                    traces.onSpike(i, t);
                    spikes[std::size_t(i)].push_back(t);
                }
                if (i == 0 && step % 17 == 0)
                    traces.collect(t, ids, values);  // a read (and epoch move) between spikes of one step
            }
            if (step % 17 != 0)
                continue;
            const double now = t + 0.0004;
            traces.collect(now, ids, values);
            for (int i = 0; i < 3; ++i) {
                auto& burst = spikes[std::size_t(i)];
                if (!burst.empty() && now - burst.back() >= k.support())
                    burst.clear();
                double expected = 0;
                for (const double tf : burst)
                    expected += k.value(now - tf);
                const auto at = std::find(ids.begin(), ids.end(), i);
                const double got = at == ids.end() ? 0.0 : values[std::size_t(at - ids.begin())];
                worst = std::max(worst, std::fabs(got - expected));
                QVERIFY(std::fabs(traces.value(i, now) - got) < 1e-12);
                ++checked;
            }
        }
        QVERIFY(checked > 3000);
        QVERIFY2(worst < 1e-9, qPrintable(QString::number(worst)));
    }

    void collectReturnsOnlyLiveInputs()
    {
        EpspTraces t(5, EpspKernel{EpspKernel::Shape::Rectangular, 0.010, 0.002, 0.02});
        t.onSpike(1, 0.0);
        t.onSpike(3, 0.008);
        std::vector<std::int32_t> ids;
        std::vector<double> values;
        t.collect(0.009, ids, values);
        QCOMPARE(ids.size(), std::size_t(2));
        t.collect(0.012, ids, values);
        QCOMPARE(ids, std::vector<std::int32_t>{3});
        t.collect(0.030, ids, values);
        QVERIFY(ids.empty());
    }

    void poissonRatesAreRight()
    {
        PoissonInputPopulation p(3, 0.001);
        p.rates() = {0.0, 10.0, 100.0};
        RandomStream rng(8);
        std::vector<int> counts(3, 0);
        for (int chunk = 0; chunk < 100; ++chunk) {
            p.generate(chunk * 1000, 1000, rng);
            for (int s = 0; s < 1000; ++s)
                for (auto i : p.spikesAt(chunk * 1000 + s))
                    ++counts[i];
        }
        QCOMPARE(counts[0], 0);
        QVERIFY(std::abs(counts[1] - 1000) < 5 * std::sqrt(1000.0));
        QVERIFY(std::abs(counts[2] - 10000) < 5 * std::sqrt(10000.0));
        QVERIFY(p.spikesAt(-1).empty());
    }
    // The generation compares running products of uniforms with a table of e^{-rate·s·dt}
    // instead of summing logarithms: the same uniforms must give the same steps as the renewal
    // sum, for table rates, for more rates than get a table, and past the product's range.
    void poissonStepsAreTheRenewalSums_data()
    {
        QTest::addColumn<std::vector<double>>("rates");
        // Eight distinct rates: threshold tables; 20 000 Hz over 1 s: past the product's range.
        const std::vector<double> few = {0.5, 2.0, 40.0, 60.0, 333.3, 1000.0, 7.0, 7.0, 0.0, 9.5, 20000.0};
        std::vector<double> many = few;
        for (int extra = 0; extra < 12; ++extra)
            many.push_back(1.0 + 3.7 * extra);  // beyond the tables: a log() per spike
        QTest::newRow("tables") << few;
        QTest::newRow("many rates") << many;
    }
    void poissonStepsAreTheRenewalSums()
    {
        // Spikes drawn by the running product of the uniforms must fall in the steps where the
        // renewal sum of −log(u)/rate puts them (up to rounding at a step boundary, which these
        // 10^5 spikes never meet), consuming the same uniforms.
        QFETCH(std::vector<double>, rates);
        const double dt = 0.001;
        PoissonInputPopulation p(int(rates.size()), dt);
        p.rates() = rates;
        long compared = 0;
        for (const int steps : {1, 50, 1000, 37, 0}) {
            for (std::uint64_t seed = 1; seed <= 20; ++seed) {
                RandomStream rng(seed), reference(seed);
                p.generate(5, steps, rng);
                auto expected = std::vector<std::vector<std::int32_t>>(std::size_t(steps));
                for (std::size_t i = 0; i < rates.size(); ++i)
                    if (rates[i] > 0)
                        for (double t = reference.exponential(rates[i]); t < steps * dt; t += reference.exponential(rates[i]))
                            if (int(t / dt) < steps)
                                expected[std::size_t(int(t / dt))].push_back(std::int32_t(i));
                for (int s = 0; s < steps; ++s) {
                    const auto got = p.spikesAt(5 + s);
                    QCOMPARE(std::vector<std::int32_t>(got.begin(), got.end()), expected[std::size_t(s)]);
                    compared += long(got.size());
                }
                QVERIFY(rng.state() == reference.state());
            }
        }
        QVERIFY(compared > 100000);
    }

    // The dense collection (synaptic-sampling, self-repair) must give collect()'s values bit
    // for bit, scale the hidden columns, and drop expired inputs from the live list in the
    // same order (which state files keep).
    void denseCollectionIsCollectBitForBit()
    {
        for (const auto shape : {EpspKernel::Shape::DoubleExponential, EpspKernel::Shape::Rectangular}) {
            const int n = 204, hiddenFrom = 190;  // whole packets: no scalar tail to mask a fault
            EpspKernel kernel;
            kernel.shape = shape;
            EpspTraces sparse(n, kernel), dense(n, kernel);
            RandomStream rng(11);
            std::vector<double> out(std::size_t(n), 0.0);
            auto expected = out;
            std::vector<std::int32_t> ids;
            std::vector<double> values;
            long nonZero = 0;
            double t = 0.0;
            const auto stateOf = [](EpspTraces& traces) {  // everything, the live list's order too
                StateArchive a;
                traces.serialize(a);
                return a.bytes();
            };
            for (int step = 0; step < 20000; ++step) {
                // Now and then a silence of 20 s (the amplitudes underflow at the rebase while
                // inputs are still listed as live) or a collection at the very time of a spike.
                t += step % 4999 == 4998 ? 20.0 : 0.0004 * rng.uniform();
                const bool atSpike = step % 7 == 3;
                for (int i = 0; i < n; ++i)
                    if (rng.bernoulli(i % 3 == 0 ? 0.02 : 0.002)) {
                        sparse.onSpike(i, t);
                        dense.onSpike(i, t);
                    }
                const double at = atSpike ? t : t + 0.0003 * rng.uniform();  // never before a spike, as in a network
                t = at;
                sparse.collect(at, ids, values);
                std::fill(expected.begin(), expected.end(), 0.0);
                for (std::size_t j = 0; j < ids.size(); ++j)
                    expected[std::size_t(ids[j])] = ids[j] >= hiddenFrom ? values[j] * 1.7 : values[j];
                const int count = dense.collectDense(at, out.data(), hiddenFrom, 1.7);
                QCOMPARE(count, int(ids.size()));
                for (int i = 0; i < n; ++i)
                    QVERIFY2(std::memcmp(&out[std::size_t(i)], &expected[std::size_t(i)], sizeof(double)) == 0,
                             qPrintable(QString("input %1 at %2").arg(i).arg(at)));
                nonZero += count;
                if (step % 97 == 0 || step % 4999 == 4998)
                    QVERIFY2(stateOf(sparse) == stateOf(dense), qPrintable(QString("state after step %1").arg(step)));
            }
            QVERIFY(nonZero > 20000);
        }
    }
};

QTEST_APPLESS_MAIN(TestEpspTraces)
#include "tst_epsp_traces.moc"
