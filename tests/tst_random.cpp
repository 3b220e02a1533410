// Random streams: reproducible per seed, independent per name, correct distributions.
#include "core/Random.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

using namespace plab;

class TestRandom : public QObject {
    Q_OBJECT
private slots:
    void sameSeedSameSequence()
    {
        RandomStreams a(42), b(42);
        RandomStream x = a.stream("input"), y = b.stream("input");
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(x(), y());
    }

    void streamsAreIndependent()
    {
        RandomStreams s(42);
        RandomStream x = s.stream("input"), y = s.stream("circuit");
        int equal = 0;
        for (int i = 0; i < 1000; ++i)
            equal += x() == y();
        QCOMPARE(equal, 0);
        // Another seed changes a stream.
        RandomStream z = RandomStreams(43).stream("input");
        RandomStream x2 = RandomStreams(42).stream("input");
        QVERIFY(z() != x2());
    }

    void stateRoundTrips()
    {
        RandomStream a(7);
        for (int i = 0; i < 10; ++i)
            a();
        RandomStream b(0);
        b.setState(a.state());
        for (int i = 0; i < 100; ++i)
            QCOMPARE(a(), b());
    }

    void uniformMoments()
    {
        RandomStream r(1);
        const int n = 200000;
        double sum = 0, sq = 0;
        for (int i = 0; i < n; ++i) {
            const double u = r.uniform();
            QVERIFY(u >= 0 && u < 1);
            sum += u;
            sq += u * u;
        }
        QVERIFY(std::fabs(sum / n - 0.5) < 0.005);
        QVERIFY(std::fabs(sq / n - 1.0 / 3) < 0.005);
    }

    void normalMoments()
    {
        RandomStream r(2);
        const int n = 200000;
        double sum = 0, sq = 0;
        for (int i = 0; i < n; ++i) {
            const double x = r.normal();
            sum += x;
            sq += x * x;
        }
        QVERIFY(std::fabs(sum / n) < 0.01);
        QVERIFY(std::fabs(sq / n - 1.0) < 0.015);
    }

    void fillNormalIsNormalFastRepeated()
    {
        // fillNormal keeps the generator in registers: it must give normalFast()'s numbers and
        // leave the same state, across the tail and the wedges too (400 000 draws meet both).
        RandomStream a(31), b(31);
        std::vector<double> x(400000);
        a.fillNormal(x.data(), x.size());
        int edges = 0;
        for (const double v : x) {
            const double expected = b.normalFast();
            QVERIFY(std::memcmp(&v, &expected, sizeof v) == 0);  // the same bits, not merely close
            edges += std::fabs(v) > 3.442619855899;
        }
        QVERIFY(edges > 100);  // the tail; the wedges (about 1 % of draws) are met far more often
        QVERIFY(a.state() == b.state());
        QCOMPARE(a(), b());
    }

    void zigguratIsStandardNormal()
    {
        // Moments and the KS distance to N(0, 1), including the tails beyond 3.44.
        RandomStream r(12);
        const int n = 400000;
        std::vector<double> x(n);
        r.fillNormal(x.data(), x.size());
        double sum = 0, sq = 0, fourth = 0;
        int tail = 0;
        for (double v : x) {
            sum += v;
            sq += v * v;
            fourth += v * v * v * v;
            tail += std::fabs(v) > 3.442619855899;
        }
        QVERIFY(std::fabs(sum / n) < 0.006);
        QVERIFY(std::fabs(sq / n - 1) < 0.01);
        QVERIFY(std::fabs(fourth / n - 3) < 0.06);
        // P(|Z| > 3.4426) = 5.76e-4
        QVERIFY(std::fabs(tail / double(n) - 5.76e-4) < 1.5e-4);
        std::sort(x.begin(), x.end());
        double d = 0;
        for (int i = 0; i < n; i += 7) {
            const double f = 0.5 * std::erfc(-x[std::size_t(i)] / std::sqrt(2.0));
            d = std::max(d, std::fabs(f - double(i) / n));
        }
        QVERIFY2(d < 0.003, qPrintable(QString::number(d)));
    }

    void exponentialMean()
    {
        RandomStream r(3);
        const int n = 200000;
        double sum = 0;
        for (int i = 0; i < n; ++i)
            sum += r.exponential(40.0);
        QVERIFY(std::fabs(sum / n - 1.0 / 40) < 0.0003);
    }

    void poissonMeanAndVariance_data()
    {
        QTest::addColumn<double>("mean");
        QTest::newRow("small") << 0.7;
        QTest::newRow("medium") << 8.0;
        QTest::newRow("ptrs") << 30.0;
        QTest::newRow("large") << 1000.0;
    }
    void poissonMeanAndVariance()
    {
        QFETCH(double, mean);
        RandomStream r(4);
        const int n = 100000;
        double sum = 0, sq = 0;
        for (int i = 0; i < n; ++i) {
            const double k = r.poisson(mean);
            sum += k;
            sq += k * k;
        }
        const double m = sum / n, v = sq / n - m * m;
        // Standard error of the mean is sqrt(mean/n); allow 5 of them.
        QVERIFY2(std::fabs(m - mean) < 5 * std::sqrt(mean / n), qPrintable(QString::number(m)));
        QVERIFY2(std::fabs(v / mean - 1.0) < 0.03, qPrintable(QString::number(v)));
    }

    void indexIsUniform()
    {
        // Chi-square over 10 bins, 9 degrees of freedom: 27.9 is the 0.1 % critical value.
        RandomStream r(5);
        std::vector<int> counts(10, 0);
        const int n = 100000;
        for (int i = 0; i < n; ++i)
            ++counts[r.index(10)];
        double chi2 = 0;
        for (int c : counts)
            chi2 += (c - n / 10.0) * (c - n / 10.0) / (n / 10.0);
        QVERIFY2(chi2 < 27.9, qPrintable(QString::number(chi2)));
    }
};

QTEST_APPLESS_MAIN(TestRandom)
#include "tst_random.moc"
