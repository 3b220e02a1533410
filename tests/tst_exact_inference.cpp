// Exact inference on the Knill–Kersten network: the check values of the spec (§2).
#include "bayesnet/BifFormat.h"
#include "bayesnet/ExactInference.h"
#include "io/Resources.h"

#include <QtTest>
#include <cmath>

using namespace plab;

namespace {

double posterior(const EnumeratedJoint& j, std::vector<int> evidence, int variable)
{
    return j.marginals(j.conditioned(evidence))[std::size_t(variable)][0];
}

bool near(double a, double b, double tol = 5e-5)
{
    return std::fabs(a - b) < tol;
}

} // namespace

class TestExactInference : public QObject {
    Q_OBJECT
private slots:
    void knillKerstenCheckValues()
    {
        const auto net = readBifFile(Resources::path("networks/knill-kersten.bif"));
        const EnumeratedJoint j(net);
        const auto marginals = j.marginals(j.probabilities());
        for (const auto& m : marginals)
            QVERIFY(near(m[0], 0.5));
        QVERIFY(near(posterior(j, {-1, -1, 0, -1}, 0), 0.5));       // p(Z1=1 | Z3=1)
        QVERIFY(near(posterior(j, {-1, 0, 0, -1}, 0), 0.87));       // p(Z1=1 | Z3=1, Z2=1)
        QVERIFY(near(posterior(j, {-1, -1, 0, 0}, 0), 0.7738));     // p(Z1=1 | Z3=1, Z4=1)
        QVERIFY(near(posterior(j, {-1, -1, 0, 1}, 0), 0.2262));     // p(Z1=1 | Z3=1, Z4=2)
        QVERIFY(near(posterior(j, {-1, -1, -1, 0}, 1), 0.87));      // p(Z2=1 | Z4=1)
        QVERIFY(near(posterior(j, {0, -1, 0, 0}, 1), 0.9782));      // p(Z2=1 | Z1=1, Z3=1, Z4=1)
        double h = 0;
        for (double p : j.probabilities())
            h -= p * std::log2(p);
        QVERIFY(near(h, 3.1149));
        QVERIFY(near(j.probabilities()[0], 0.189225, 1e-12));
    }

    void localConditionalMatchesEnumeration()
    {
        const auto net = readBifFile(PLAB_TEST_DATA "/three-parents.bif");
        const EnumeratedJoint j(net);
        std::vector<int> state;
        std::vector<double> local;
        for (std::uint64_t s = 0; s < net.jointStates(); s += 3) {
            decodeState(net, s, state);
            for (int v = 0; v < net.size(); ++v) {
                net.conditionalGivenOthers(v, state, local);
                std::vector<int> evidence = state;
                evidence[std::size_t(v)] = -1;
                const auto m = j.marginals(j.conditioned(evidence))[std::size_t(v)];
                for (std::size_t k = 0; k < m.size(); ++k)
                    QVERIFY(near(local[k], m[k], 1e-12));
            }
        }
    }

    void topologicalOrderPutsParentsFirst()
    {
        const auto net = readBifFile(PLAB_TEST_DATA "/three-parents.bif");
        const auto order = net.topologicalOrder();
        std::vector<int> position(order.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            position[std::size_t(order[i])] = int(i);
        for (int v = 0; v < net.size(); ++v)
            for (int p : net.variables[std::size_t(v)].parents)
                QVERIFY(position[std::size_t(p)] < position[std::size_t(v)]);
    }

    void ancestralSamplesFollowTheJoint()
    {
        const auto net = readBifFile(PLAB_TEST_DATA "/three-values.bif");
        const EnumeratedJoint j(net);
        std::vector<double> counts(j.probabilities().size(), 0.0);
        RandomStream rng(3);
        std::vector<int> state;
        const auto order = net.topologicalOrder();
        const int n = 200000;
        for (int i = 0; i < n; ++i) {
            net.sample(rng, order, state);
            counts[encodeState(net, state)] += 1;
        }
        for (std::size_t s = 0; s < counts.size(); ++s)
            QVERIFY(std::fabs(counts[s] / n - j.probabilities()[s]) < 5 * std::sqrt(j.probabilities()[s] / n) + 1e-4);
    }
};

QTEST_APPLESS_MAIN(TestExactInference)
#include "tst_exact_inference.moc"
