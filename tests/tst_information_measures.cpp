// Entropy, mutual information, NMI, conditional entropy and KL on tables with known answers.
#include "analysis/InformationMeasures.h"

#include <QtTest>
#include <cmath>

using namespace plab;

class TestInformationMeasures : public QObject {
    Q_OBJECT
private slots:
    void entropy()
    {
        QCOMPARE(entropyBits(Eigen::Vector4d(1, 1, 1, 1)), 2.0);
        QCOMPARE(entropyBits(Eigen::Vector2d(5, 0)), 0.0);
        const double h = entropyBits(Eigen::Vector2d(0.25, 0.75));
        QVERIFY(std::fabs(h - 0.8112781244591328) < 1e-12);
    }

    void perfectCode()
    {
        // Each label has its own winner (columns permuted): I = H(L).
        Eigen::Matrix3d t;
        t << 0, 10, 0, 0, 0, 10, 10, 0, 0;
        QVERIFY(std::fabs(mutualInformationBits(t) - std::log2(3.0)) < 1e-12);
        QVERIFY(std::fabs(normalizedMutualInformation(t) - 1.0) < 1e-12);
        QVERIFY(std::fabs(conditionalEntropyRatio(t)) < 1e-12);
    }

    void independent()
    {
        Eigen::Matrix2d t;
        t << 3, 1, 6, 2;
        QVERIFY(std::fabs(mutualInformationBits(t)) < 1e-12);
        QVERIFY(std::fabs(normalizedMutualInformation(t)) < 1e-12);
        QVERIFY(std::fabs(conditionalEntropyRatio(t) - 1.0) < 1e-12);
    }

    void knownBinaryChannel()
    {
        // Uniform label through a binary symmetric channel with error 0.1:
        // I = 1 − H(0.1) = 0.5310044064107188 bits.
        Eigen::Matrix2d t;
        t << 0.45, 0.05, 0.05, 0.45;
        QVERIFY(std::fabs(mutualInformationBits(t) - 0.5310044064107188) < 1e-12);
        QVERIFY(std::fabs(conditionalEntropyBits(t) - 0.4689955935892812) < 1e-12);
        QVERIFY(std::fabs(conditionalEntropyRatio(t) - 0.4689955935892812) < 1e-12);
        // H(L,Z) = 1 + H(0.1) = 1.4689955935892812.
        QVERIFY(std::fabs(conditionalEntropyJointRatio(t) - 0.4689955935892812 / 1.4689955935892812) < 1e-12);
    }

    void nmiNormalisesByBothEntropies()
    {
        // H(L) = 1 bit, H(Z) = 1.5 bits and Z names L (I = 1 bit): NMI = 1/√1.5. Dividing by H(L)
        // alone would give 1, by H(Z) alone 2/3.
        Eigen::Matrix<double, 2, 3> t;
        t << 0.5, 0, 0, 0, 0.25, 0.25;
        QVERIFY(std::fabs(mutualInformationBits(t) - 1.0) < 1e-12);
        QVERIFY(std::fabs(normalizedMutualInformation(t) - 1.0 / std::sqrt(1.5)) < 1e-12);
        QVERIFY(std::fabs(normalizedMutualInformation(t.transpose()) - 1.0 / std::sqrt(1.5)) < 1e-12);
    }

    void emptyTableIsNotAResult()
    {
        const Eigen::Matrix2d t = Eigen::Matrix2d::Zero();
        QVERIFY(std::isnan(conditionalEntropyRatio(t)));
        QCOMPARE(normalizedMutualInformation(t), 0.0);
    }

    void kl()
    {
        QCOMPARE(klDivergenceBits(Eigen::Vector2d(0.5, 0.5), Eigen::Vector2d(0.5, 0.5)), 0.0);
        // KL((1/2,1/2) ‖ (1/4,3/4)) = 0.5 log2 2 + 0.5 log2(2/3) = 0.2075187496394219.
        QVERIFY(std::fabs(klDivergenceBits(Eigen::Vector2d(1, 1), Eigen::Vector2d(1, 3)) - 0.2075187496394219) < 1e-12);
        // An empty bin is floored, not infinite.
        QVERIFY(std::isfinite(klDivergenceBits(Eigen::Vector2d(1, 1), Eigen::Vector2d(1, 0))));
    }
};

QTEST_APPLESS_MAIN(TestInformationMeasures)
#include "tst_information_measures.moc"
