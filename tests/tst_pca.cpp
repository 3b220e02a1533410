// Principal components on trajectories with known answers, far from the origin: PCA is about
// the variance around the mean, so a constant offset must change nothing. The trajectory
// monitor: a removed synapse keeps its last value, retracted ones count as 0 where asked.
#include "analysis/Pca.h"
#include "monitors/PcaMonitor.h"

#include <QtTest>
#include <cmath>

using namespace plab;

namespace {

/// Rows c + 3·s_t·u + 1·r_t·v (u ⟂ v unit vectors, s and r centred, uncorrelated, equal power),
/// with every coordinate of c at `offset`.
Eigen::MatrixXd twoDirections(double offset)
{
    const int T = 8, D = 5;
    Eigen::VectorXd u = Eigen::VectorXd::Zero(D), v = Eigen::VectorXd::Zero(D);
    u << 1, 1, 0, 0, 0;
    v << 0, 0, 1, -1, 0;
    u.normalize();
    v.normalize();
    const double s[T] = {-1, 1, -1, 1, -1, 1, -1, 1};
    const double r[T] = {-1, -1, 1, 1, -1, -1, 1, 1};
    Eigen::MatrixXd x(T, D);
    for (int t = 0; t < T; ++t)
        x.row(t) = (Eigen::VectorXd::Constant(D, offset) + 3 * s[t] * u + r[t] * v).transpose();
    return x;
}

} // namespace

class TestPca : public QObject {
    Q_OBJECT
private slots:
    void varianceAroundTheMeanNotTheOrigin_data()
    {
        QTest::addColumn<double>("offset");
        QTest::newRow("at the origin") << 0.0;
        QTest::newRow("offset 1000") << 1000.0;
    }
    void varianceAroundTheMeanNotTheOrigin()
    {
        QFETCH(double, offset);
        const Eigen::MatrixXd x = twoDirections(offset);
        for (const PcaResult& p : {principalComponents(x, 2), principalComponentsFromGram(x * x.transpose(), 2)}) {
            // Variances 9 and 1: the components explain 90 % and 10 %.
            QVERIFY2(std::fabs(p.explained[0] - 0.9) < 1e-9, qPrintable(QString::number(p.explained[0])));
            QVERIFY2(std::fabs(p.explained[1] - 0.1) < 1e-9, qPrintable(QString::number(p.explained[1])));
            // The scores are the centred coordinates along u and v: ±3 and ±1, mean 0.
            for (int t = 0; t < x.rows(); ++t) {
                QVERIFY(std::fabs(std::fabs(p.scores(t, 0)) - 3) < 1e-9);
                QVERIFY(std::fabs(std::fabs(p.scores(t, 1)) - 1) < 1e-9);
            }
            QVERIFY(std::fabs(p.scores.col(0).mean()) < 1e-9);
        }
    }

    void removedSynapsesLeaveTheTrajectory()
    {
        PcaMonitor pca({{0, 0}, {0, 1}, {1, 1}});
        PcaMonitor::Matrix theta(2, 2);
        theta << 1.0, -2.0, 0.5, 3.0;
        bool cut = false;
        const auto removed = [&](int r, int c) { return cut && r == 0 && c == 1; };
        pca.record(theta, 0, removed);
        theta(0, 0) = 1.5;
        pca.record(theta, 0, removed);
        QCOMPARE(pca.stepSquared(1), 0.25);
        // The cut pins θ(0, 1) at θ_min: the trajectory keeps its last value, no jump.
        cut = true;
        theta(0, 1) = -5.0;
        pca.record(theta, 1, removed);
        QCOMPARE(pca.stepSquared(2), 0.0);
        theta(1, 1) = 4.0;
        pca.record(theta, 1, removed);
        QCOMPARE(pca.stepSquared(3), 1.0);
        QCOMPARE(pca.phases(), (std::vector<int>{0, 0, 1, 1}));
        // Without the predicate, the pinning is a move of 3 (as before December 2026).
        PcaMonitor raw({{0, 1}});
        theta(0, 1) = -2.0;
        raw.record(theta, 0);
        theta(0, 1) = -5.0;
        raw.record(theta, 1);
        QCOMPARE(raw.stepSquared(1), 9.0);
        // Existing connections only: θ ≤ 0 is 0, so a retracted synapse's drift moves nothing.
        PcaMonitor existing({{0, 1}, {1, 1}});
        existing.record(theta, 0, {}, true);
        theta(0, 1) = -1.0;
        theta(1, 1) = 4.5;
        existing.record(theta, 0, {}, true);
        QCOMPARE(existing.stepSquared(1), 0.25);
    }
};

QTEST_MAIN(TestPca)
#include "tst_pca.moc"
