// The stochastic WTA circuit: winners follow softmax(u); lesioned neurons never win.
#include "neurons/WtaCircuit.h"

#include <QtTest>
#include <cmath>

using namespace plab;

class TestWtaCircuit : public QObject {
    Q_OBJECT
private slots:
    void potentialsSumActiveWeights()
    {
        WtaCircuit c(2, 3, 100);
        c.weights() << 1, 2, 3, 4, 5, 6;
        c.biases() << -1, 1;
        Eigen::VectorXd u;
        c.potentials({0, 2}, {1.0, 0.5}, u);
        QCOMPARE(u[0], -1 + 1 + 1.5);
        QCOMPARE(u[1], 1 + 4 + 3.0);
    }

    void winnersFollowSoftmax()
    {
        WtaCircuit c(5, 1, 100);
        Eigen::VectorXd u(5);
        u << 0.0, 1.0, -0.5, 2.0, 0.3;
        Eigen::VectorXd q;
        c.winnerProbabilities(u, q);
        const Eigen::VectorXd expected = u.array().exp() / u.array().exp().sum();
        QVERIFY((q - expected).cwiseAbs().maxCoeff() < 1e-12);

        RandomStream rng(11);
        const int n = 100000;
        Eigen::VectorXd counts = Eigen::VectorXd::Zero(5);
        for (int i = 0; i < n; ++i)
            counts[c.drawWinner(u, rng)] += 1;
        double chi2 = 0;
        for (int k = 0; k < 5; ++k)
            chi2 += std::pow(counts[k] - n * expected[k], 2) / (n * expected[k]);
        // 4 degrees of freedom: 18.47 is the 0.1 % critical value.
        QVERIFY2(chi2 < 18.47, qPrintable(QString("chi2 = %1").arg(chi2)));
    }

    void largePotentialsDoNotOverflow()
    {
        WtaCircuit c(2, 1, 100);
        Eigen::VectorXd u(2);
        u << 1000.0, 999.0;
        Eigen::VectorXd q;
        c.winnerProbabilities(u, q);
        QVERIFY(std::fabs(q[0] - 1.0 / (1.0 + std::exp(-1.0))) < 1e-12);
    }

    void lesionedNeuronsNeverWin()
    {
        WtaCircuit c(3, 1, 100);
        c.lesion(1);
        Eigen::VectorXd u(3);
        u << 0.0, 10.0, 0.0;
        RandomStream rng(3);
        for (int i = 0; i < 10000; ++i)
            QVERIFY(c.drawWinner(u, rng) != 1);
        QCOMPARE(c.activeNeurons(), 2);
        c.lesion(0);
        c.lesion(2);
        QCOMPARE(c.drawWinner(u, rng), -1);
    }
};

QTEST_APPLESS_MAIN(TestWtaCircuit)
#include "tst_wta_circuit.moc"
