// ChainDiagnostics on chains whose answers are known: independent draws (R-hat 1, ESS the
// number of draws), a sticky two-state Markov chain (ESS = N·f/(1 − f) for flip probability
// f), chains that disagree (R-hat far above 1) or sit still apart (∞), and a state round trip.
#include "analysis/ChainDiagnostics.h"
#include "core/Random.h"
#include "io/StateArchive.h"

#include <QtTest>
#include <cmath>

using namespace plab;

namespace {

/// K chains of one binary variable, N readings: each chain flips with probability `flip` per
/// reading, from a start of its own; `stay[c]` keeps chain c where it starts.
ChainDiagnostics run(int chains, int readings, double flip, std::uint64_t seed, std::vector<double> pOne = {},
                     std::vector<bool> stay = {})
{
    ChainDiagnostics d(chains, {2});
    RandomStream r(seed);
    std::vector<std::vector<int>> values(std::size_t(chains), std::vector<int>(1, 0));
    for (int c = 0; c < chains; ++c)
        values[std::size_t(c)][0] = c % 2;
    for (int n = 0; n < readings; ++n) {
        for (int c = 0; c < chains; ++c) {
            int& x = values[std::size_t(c)][0];
            if (!stay.empty() && stay[std::size_t(c)])
                continue;
            if (!pOne.empty())
                x = r.uniform() < pOne[std::size_t(c)] ? 1 : 0;  // independent draws of this chain's own p
            else if (r.uniform() < flip)
                x = 1 - x;
        }
        d.add(values);
    }
    return d;
}

} // namespace

class TestChainDiagnostics : public QObject {
    Q_OBJECT
private slots:
    void independentDrawsAgree()
    {
        const auto d = run(4, 100000, 0, 1, {0.3, 0.3, 0.3, 0.3});
        QVERIFY2(std::abs(d.rhat(0) - 1) < 0.002, qPrintable(QString::number(d.rhat(0))));
        // 400 000 independent draws: the batch-means estimate within 25 %.
        QVERIFY2(std::abs(d.ess(0) / 400000 - 1) < 0.25, qPrintable(QString::number(d.ess(0))));
        QCOMPARE(d.readings(), std::int64_t(100000));
    }

    void stickyChainHasFewEffectiveSamples()
    {
        // Flip probability 0.01: autocorrelation 0.98, ESS = N·0.01/0.99 ≈ 4 040 of 400 000.
        const auto d = run(4, 100000, 0.01, 2);
        const double expected = 400000 * 0.01 / 0.99;
        QVERIFY2(d.ess(0) > expected / 1.5 && d.ess(0) < expected * 1.5, qPrintable(QString::number(d.ess(0))));
        QVERIFY(d.rhat(0) < 1.01);
    }

    void chainsThatDisagreeAreFlagged()
    {
        // Two chains at p = 0.2, two at 0.8: each is stationary, they sample different laws;
        // sqrt((0.16 + 0.103) / 0.16) = 1.28.
        const auto apart = run(4, 20000, 0, 3, {0.2, 0.8, 0.2, 0.8});
        QVERIFY2(apart.rhat(0) > 1.25, qPrintable(QString::number(apart.rhat(0))));
        // Chains that never move, at different values: no within-chain variance at all.
        const auto still = run(4, 20000, 0, 4, {}, {true, true, true, true});
        QVERIFY(std::isinf(still.rhat(0)));
        // A chain that drifts (its first half at 0, its second at 1): split R-hat sees it alone.
        ChainDiagnostics drift(2, {2});
        std::vector<std::vector<int>> v(2, std::vector<int>(1, 0));
        RandomStream r(5);
        for (int n = 0; n < 20000; ++n) {
            v[0][0] = r.uniform() < (n < 10000 ? 0.1 : 0.9) ? 1 : 0;
            v[1][0] = r.uniform() < (n < 10000 ? 0.1 : 0.9) ? 1 : 0;
            drift.add(v);
        }
        QVERIFY2(drift.rhat(0) > 1.3, qPrintable(QString::number(drift.rhat(0))));
    }

    void tooFewReadingsOrOneChainGiveNoFigure()
    {
        QVERIFY(std::isnan(run(4, 5, 0.5, 6).rhat(0)));
        QVERIFY(std::isnan(run(1, 10000, 0.5, 6).rhat(0)));
        QVERIFY(!std::isnan(run(1, 10000, 0.5, 6).ess(0)));
        // A value never taken (a variable kept at one value): no figure, not a perfect one.
        ChainDiagnostics constant(3, {3});
        std::vector<std::vector<int>> v(3, std::vector<int>(1, 2));
        for (int n = 0; n < 1000; ++n)
            constant.add(v);
        QVERIFY(std::isnan(constant.rhat(0)) && std::isnan(constant.ess(0)));
    }

    void resetAndRoundTrip()
    {
        auto d = run(3, 12345, 0.05, 8);
        StateArchive out;
        d.serialize(out);
        ChainDiagnostics back(3, {2});
        StateArchive in(out.bytes(), "test");
        back.serialize(in);
        QCOMPARE(back.readings(), d.readings());
        QCOMPARE(back.rhat(0), d.rhat(0));
        QCOMPARE(back.ess(0), d.ess(0));
        d.reset();
        QCOMPARE(d.readings(), std::int64_t(0));
        QVERIFY(std::isnan(d.rhat(0)));
    }
};

QTEST_APPLESS_MAIN(TestChainDiagnostics)
#include "tst_chain_diagnostics.moc"
