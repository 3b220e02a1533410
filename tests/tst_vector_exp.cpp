// vectorExp: Eigen's exp() bit for bit (the sampled networks' runs and state files depend on
// it), for any length and alignment, over the whole range and at its edges.
#include "core/Random.h"
#include "core/VectorExp.h"

#include <Eigen/Core>
#include <QtTest>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

using namespace plab;

namespace {

// Where the two differ (as bits), or -1: Eigen's exp() and vectorExp() into the same address,
// `offset` doubles past a 32-byte boundary (alignment decides what Eigen leaves to std::exp).
long firstDifference(const std::vector<double>& in, int offset, int n)
{
    Eigen::ArrayXd buffer(Eigen::Index(in.size()) + 8);  // Eigen's allocation: 32-byte aligned
    double* out = buffer.data() + offset;
    Eigen::Map<Eigen::ArrayXd>(out, n) = Eigen::Map<const Eigen::ArrayXd>(in.data(), n).exp();
    const std::vector<double> eigen(out, out + n);
    vectorExp(in.data(), out, n);
    for (int i = 0; i < n; ++i)
        if (std::memcmp(&out[i], &eigen[std::size_t(i)], sizeof(double)) != 0)
            return i;
    return -1;
}

} // namespace

class TestVectorExp : public QObject {
    Q_OBJECT
private slots:
    void sameBitsAsEigenOverTheRange()
    {
        RandomStream rng(5);
        for (const double scale : {700.0, 60.0, 5.0, 0.3, 1e-6}) {
            std::vector<double> x(1 << 20);
            for (double& v : x)
                v = rng.uniform(-scale, scale);
            for (int offset = 0; offset < 4; ++offset) {
                const long at = firstDifference(x, offset, int(x.size()) - 8);
                QVERIFY2(at < 0, qPrintable(QString("scale %1, offset %2: x = %3").arg(scale).arg(offset).arg(x[std::size_t(std::max(0L, at))], 0, 'g', 17)));
            }
        }
    }

    void sameBitsAtTheEdges()
    {
        const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
        std::vector<double> x = {0.0, -0.0, 1.0, -1.0, 699.999, -699.999, 700.0, -700.0, 709.0, 709.78, 709.79, 710.0,
                                 -708.0, -709.78, -744.0, -745.2, -800.0, inf, -inf, nan, 5e-324, -5e-324, 1e-300,
                                 std::log(2.0) / 2, -std::log(2.0) / 2, 0.5, -0.5, 3.0, -3.0, 1e5, -1e5, 88.7, -87.3};
        for (int shift = 0; shift < 4; ++shift) {
            std::vector<double> y(x.begin() + shift, x.end());
            y.insert(y.end(), x.begin(), x.begin() + shift);
            for (int offset = 0; offset < 4; ++offset)
                QVERIFY2(firstDifference(y, offset, int(y.size())) < 0, qPrintable(QString("shift %1 offset %2").arg(shift).arg(offset)));
        }
    }

    void everyLengthAndAlignment()
    {
        RandomStream rng(9);
        std::vector<double> x(48);
        for (double& v : x)
            v = rng.uniform(-10, 10);
        for (int n = 0; n <= 40; ++n)
            for (int offset = 0; offset < 4; ++offset)
                QVERIFY2(firstDifference(x, offset, n) < 0, qPrintable(QString("n %1 offset %2").arg(n).arg(offset)));
        // In place, as the sampler calls it.
        Eigen::ArrayXd a = Eigen::Map<const Eigen::ArrayXd>(x.data(), 43), b = a;
        vectorExp(a.data(), a.data(), int(a.size()));
        b = b.exp();
        QVERIFY(std::memcmp(a.data(), b.data(), std::size_t(a.size()) * sizeof(double)) == 0);
    }
};

QTEST_APPLESS_MAIN(TestVectorExp)
#include "tst_vector_exp.moc"
