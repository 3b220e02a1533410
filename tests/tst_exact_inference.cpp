// Exact inference on the Knill–Kersten network: the check values of the spec (§2).
#include "bayesnet/BifFormat.h"
#include "bayesnet/ExactInference.h"
#include "bayesnet/MergedFamilies.h"
#include "bayesnet/VariableElimination.h"
#include "core/Error.h"
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

/// X1 → X2 → … → Xn, binary: p(X1 = 1) = 0.3, p(X_i = 1 | X_{i−1} = 1) = 0.8, given 0: 0.1.
BayesianNetwork binaryChain(int n)
{
    BayesianNetwork net;
    net.name = "chain";
    for (int i = 0; i < n; ++i) {
        BnVariable v;
        v.name = "X" + std::to_string(i + 1);
        v.values = {"1", "0"};
        if (i == 0) {
            v.cpt = {0.3, 0.7};
        } else {
            v.parents = {i - 1};
            v.cpt = {0.8, 0.2, 0.1, 0.9};
        }
        net.variables.push_back(v);
    }
    return net;
}

/// Every evidence with at most two observed variables.
std::vector<std::vector<int>> smallEvidenceSets(const BayesianNetwork& net)
{
    const int n = net.size();
    std::vector<std::vector<int>> sets = {std::vector<int>(std::size_t(n), -1)};
    for (int a = 0; a < n; ++a)
        for (int x = 0; x < net.variables[std::size_t(a)].cardinality(); ++x) {
            std::vector<int> e(std::size_t(n), -1);
            e[std::size_t(a)] = x;
            sets.push_back(e);
            for (int b = a + 1; b < n; ++b)
                for (int y = 0; y < net.variables[std::size_t(b)].cardinality(); ++y) {
                    auto f = e;
                    f[std::size_t(b)] = y;
                    sets.push_back(f);
                }
        }
    return sets;
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

    void eliminationEqualsEnumeration_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* name : {"knill-kersten", "burglary-alarm", "chest-clinic", "sprinkler", "student"})
            QTest::newRow(name) << QString::fromStdString(Resources::path(std::string("networks/") + name + ".bif"));
        QTest::newRow("three values") << QString(PLAB_TEST_DATA "/three-values.bif");
        QTest::newRow("three parents") << QString(PLAB_TEST_DATA "/three-parents.bif");
    }
    void eliminationEqualsEnumeration()
    {
        QFETCH(QString, file);
        const auto net = readBifFile(file.toStdString());
        const EnumeratedJoint j(net);
        const VariableElimination ve(net);
        int compared = 0, tables = 0;
        for (const auto& evidence : smallEvidenceSets(net)) {
            const auto conditioned = j.conditioned(evidence);
            double mass = 0;
            for (double p : conditioned)
                mass += p;
            if (mass == 0)
                continue;  // evidence of probability 0 (tested below)
            const auto exact = j.marginals(conditioned);
            const auto eliminated = ve.marginals(evidence);
            for (std::size_t v = 0; v < exact.size(); ++v)
                for (std::size_t k = 0; k < exact[v].size(); ++k) {
                    QVERIFY2(std::fabs(exact[v][k] - eliminated[v][k]) < 1e-12,
                             qPrintable(QString("variable %1 value %2: %3 vs %4").arg(v).arg(k).arg(exact[v][k]).arg(eliminated[v][k])));
                    ++compared;
                }
            // Family tables under the evidence (the weights of the evidence-weighted module KL),
            // the evidence's own variables among the inputs or not.
            for (int v = 0; v < net.size(); ++v) {
                if (evidence[std::size_t(v)] >= 0)
                    continue;
                const auto inputs = net.markovBlanket(v);
                const auto a = j.familyTable(v, inputs, conditioned), b = ve.familyTable(v, inputs, evidence);
                QCOMPARE(a.size(), b.size());
                double total = 0;
                for (std::size_t i = 0; i < a.size(); ++i) {
                    QVERIFY2(std::fabs(a[i] - b[i]) < 1e-12, qPrintable(QString("%1 vs %2").arg(a[i]).arg(b[i])));
                    total += b[i];
                }
                QVERIFY(std::fabs(total - 1) < 1e-12);
                ++tables;
            }
        }
        QVERIFY(compared > 50);
        QVERIFY(tables > 10);
        // Family tables over the Markov blanket and over every other variable.
        for (int v = 0; v < net.size(); ++v) {
            std::vector<int> others;
            for (int u = 0; u < net.size(); ++u)
                if (u != v)
                    others.push_back(u);
            for (const auto& inputs : {net.markovBlanket(v), others}) {
                const auto a = j.familyTable(v, inputs), b = ve.familyTable(v, inputs);
                QCOMPARE(a.size(), b.size());
                for (std::size_t i = 0; i < a.size(); ++i)
                    QVERIFY2(std::fabs(a[i] - b[i]) < 1e-12, qPrintable(QString("%1 vs %2").arg(a[i]).arg(b[i])));
            }
        }
    }

    void deterministicFamiliesAreFound()
    {
        // either = tub OR lung: every row certain. WetGrass is certain only without sprinkler and
        // rain, so it is not a function of its parents.
        const auto chest = readBifFile(Resources::path("networks/chest-clinic.bif"));
        QCOMPARE(chest.deterministicVariables(), std::vector<int>{chest.find("either")});
        QVERIFY(readBifFile(Resources::path("networks/sprinkler.bif")).deterministicVariables().empty());
        QVERIFY(readBifFile(Resources::path("networks/knill-kersten.bif")).deterministicVariables().empty());
    }

    void deterministicFamiliesAreMerged()
    {
        // The chest clinic's either = tub OR lung: tub and lung become one module of four values,
        // either is computed from it; the merged network is the same distribution, state by state.
        const auto chest = readBifFile(Resources::path("networks/chest-clinic.bif"));
        const MergedFamilies families(chest, true);
        QVERIFY(families.mergesAnything());
        QVERIFY(families.unhandled().empty());
        const BayesianNetwork& merged = families.network();
        std::vector<std::string> names;
        for (const auto& v : merged.variables)
            names.push_back(v.name);
        QCOMPARE(names, (std::vector<std::string>{"asia", "tub+lung", "smoke", "bronc", "xray", "dysp"}));
        const int tl = merged.find("tub+lung");
        QCOMPARE(merged.variables[std::size_t(tl)].values,
                 (std::vector<std::string>{"yes+yes", "yes+no", "no+yes", "no+no"}));
        QCOMPARE(families.computed(tl), std::vector<int>{chest.find("either")});
        QCOMPARE(families.home(chest.find("either")), tl);
        QCOMPARE(families.home(chest.find("lung")), tl);
        QVERIFY(merged.deterministicVariables().empty());

        const EnumeratedJoint original(chest), mergedJoint(merged);
        std::vector<int> state, m, back;
        double total = 0;
        for (std::size_t i = 0; i < original.probabilities().size(); ++i) {
            decodeState(chest, i, state);
            families.toMerged(state, m);
            const double p = original.probabilities()[i];
            const double q = merged.jointProbability(m);
            families.toOriginal(m, back);
            if (p > 0) {
                QCOMPARE(back, state);  // a state the network allows maps there and back
                QVERIFY2(std::fabs(p - q) < 1e-15, qPrintable(QString("%1 vs %2").arg(p).arg(q)));
                total += q;
            }
        }
        QVERIFY(std::fabs(total - 1) < 1e-12);
        double mergedTotal = 0;
        for (double q : mergedJoint.probabilities())
            mergedTotal += q;
        QVERIFY(std::fabs(mergedTotal - 1) < 1e-12);

        // Evidence on the function restricts the family to the values that agree with it.
        std::vector<int> evidence(std::size_t(chest.size()), -1), clamp;
        std::vector<std::vector<char>> allowed;
        evidence[std::size_t(chest.find("either"))] = 0;  // yes
        evidence[std::size_t(chest.find("asia"))] = 0;
        families.evidence(evidence, clamp, allowed);
        QCOMPARE(clamp[std::size_t(merged.find("asia"))], 0);
        QVERIFY(allowed[std::size_t(merged.find("asia"))].empty());
        QCOMPARE(clamp[std::size_t(tl)], -1);
        QCOMPARE(allowed[std::size_t(tl)], (std::vector<char>{1, 1, 1, 0}));
        evidence[std::size_t(chest.find("either"))] = 1;  // no: tub and lung both no
        families.evidence(evidence, clamp, allowed);
        QCOMPARE(clamp[std::size_t(tl)], 3);
        evidence[std::size_t(chest.find("either"))] = -1;
        evidence[std::size_t(chest.find("tub"))] = 1;
        families.evidence(evidence, clamp, allowed);
        QCOMPARE(clamp[std::size_t(tl)], -1);
        QCOMPARE(allowed[std::size_t(tl)], (std::vector<char>{0, 0, 1, 1}));

        const MergedFamilies separate(chest, false);
        QVERIFY(!separate.mergesAnything());
        QCOMPARE(separate.network().size(), chest.size());
        QCOMPARE(separate.unhandled(), std::string("families=separate"));
    }

    void aFamilyLinkedThroughAnotherVariableIsNotMerged()
    {
        // D = A AND B with A -> X -> B: merged, {A, B} would be X's parent and its child.
        const auto net = parseBif(R"(network cyclic { }
variable A { type discrete [ 2 ] { t, f }; }
variable X { type discrete [ 2 ] { t, f }; }
variable B { type discrete [ 2 ] { t, f }; }
variable D { type discrete [ 2 ] { t, f }; }
probability ( A ) { table 0.4, 0.6; }
probability ( X | A ) { (t) 0.9, 0.1; (f) 0.2, 0.8; }
probability ( B | X ) { (t) 0.7, 0.3; (f) 0.1, 0.9; }
probability ( D | A, B ) { (t, t) 1, 0; (t, f) 0, 1; (f, t) 0, 1; (f, f) 0, 1; }
)", "cyclic.bif");
        QCOMPARE(net.deterministicVariables(), std::vector<int>{3});
        const MergedFamilies families(net, true);
        QVERIFY(!families.mergesAnything());
        QCOMPARE(families.network().size(), 4);
        QVERIFY2(families.unhandled().find("cycle") != std::string::npos, families.unhandled().c_str());
    }

    void eliminationBeyondEnumeration()
    {
        // 40 variables, 2^40 joint states: enumeration refuses, elimination follows the chain.
        const auto net = binaryChain(40);
        QVERIFY(!EnumeratedJoint::feasible(net));
        const VariableElimination ve(net);
        std::vector<int> none(40, -1);
        const auto m = ve.marginals(none);
        double p = 0.3;
        for (int i = 0; i < 40; ++i) {
            QVERIFY2(std::fabs(m[std::size_t(i)][0] - p) < 1e-12, qPrintable(QString::number(i)));
            p = 0.8 * p + 0.1 * (1 - p);
        }
        // Evidence at the end: p(X39 = 1 | X40 = 0) ∝ p(X39 = 1) · 0.2.
        std::vector<int> evidence = none;
        evidence[39] = 1;
        const double p39 = m[38][0];
        const double expected = p39 * 0.2 / (p39 * 0.2 + (1 - p39) * 0.9);
        QVERIFY(std::fabs(ve.marginals(evidence)[38][0] - expected) < 1e-12);
        // A family table of two neighbours: p(X20, X21) = p(X20) p(X21 | X20).
        const auto t = ve.familyTable(20, {19});
        QVERIFY(std::fabs(t[0] - m[19][0] * 0.8) < 1e-12);
        QVERIFY(std::fabs(t[2] - (1 - m[19][0]) * 0.1) < 1e-12);
    }

    void childAsBnlearnWritesIt()
    {
        // bnlearn's CHILD: 20 variables of 2 to 6 values, 1.0e9 joint states. Answers that
        // can be worked out by hand from its tables, through chains the elimination must sum.
        const auto net = readBifFile(PLAB_TEST_DATA "/child.bif");
        QCOMPARE(net.size(), 20);
        std::size_t states = 1;
        for (const auto& v : net.variables)
            states *= v.values.size();
        QCOMPARE(states, std::size_t(1007769600));
        const int asphyxia = net.find("BirthAsphyxia"), disease = net.find("Disease"), lvh = net.find("LVH"),
                  report = net.find("LVHreport"), co2 = net.find("CO2Report");
        QVERIFY(asphyxia >= 0 && disease >= 0 && lvh >= 0 && report >= 0 && co2 >= 0);
        QCOMPARE(net.variables[std::size_t(co2)].values, (std::vector<std::string>{"<7.5", ">=7.5"}));
        const VariableElimination ve(net);
        const std::vector<int> none(20, -1);
        const auto m = ve.marginals(none);
        // p(Disease) = Σ_a p(a) p(Disease | a).
        const double pa[2] = {0.1, 0.9};
        const double pd[2][6] = {{0.20, 0.30, 0.25, 0.15, 0.05, 0.05},
                                 {0.03061224, 0.33673469, 0.29591837, 0.23469388, 0.05102041, 0.05102041}};
        double disease_[6];
        for (int d = 0; d < 6; ++d) {
            disease_[d] = pa[0] * pd[0][d] + pa[1] * pd[1][d];
            QVERIFY2(std::abs(m[std::size_t(disease)][std::size_t(d)] - disease_[d]) < 1e-12, qPrintable(QString::number(d)));
        }
        // p(LVHreport = yes) = Σ_d p(d) Σ_l p(l | d) p(yes | l).
        const double plvh[6] = {0.1, 0.1, 0.1, 0.9, 0.05, 0.1};  // p(LVH = yes | Disease)
        double lvhYes = 0;
        for (int d = 0; d < 6; ++d)
            lvhYes += disease_[d] * plvh[d];
        const double reportYes = lvhYes * 0.9 + (1 - lvhYes) * 0.05;
        QVERIFY(std::abs(m[std::size_t(report)][0] - reportYes) < 1e-12);
        // Given the report: p(LVH = yes | LVHreport = yes) by Bayes, and p(PAIVS) with it.
        std::vector<int> e = none;
        e[std::size_t(report)] = 0;
        const auto post = ve.marginals(e);
        QVERIFY(std::abs(post[std::size_t(lvh)][0] - lvhYes * 0.9 / reportYes) < 1e-12);
        const double paivs = disease_[3] * (0.9 * 0.9 + 0.1 * 0.05) / reportYes;
        QVERIFY(std::abs(post[std::size_t(disease)][3] - paivs) < 1e-12);
        for (const auto& row : post) {
            double sum = 0;
            for (double x : row)
                sum += x;
            QVERIFY(std::abs(sum - 1) < 1e-12);
        }
    }

    void impossibleEvidenceIsAnError()
    {
        auto net = binaryChain(3);
        net.variables[1].cpt = {1.0, 0.0, 1.0, 0.0};  // X2 is always 1
        std::vector<int> evidence = {-1, 1, -1};
        QVERIFY_THROWS_EXCEPTION(InputError, VariableElimination(net).marginals(evidence));
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
