// STDP = online EM: the rule's fixed point is log p(pre active | post fired) + log c, for the
// rule alone and for spiking Poisson inputs through EPSP traces; the bias learns the prior.
#include "neurons/EpspTraces.h"
#include "neurons/PoissonInputPopulation.h"
#include "neurons/WtaCircuit.h"
#include "plasticity/LearningRate.h"
#include "plasticity/StdpEmRule.h"

#include <QtTest>
#include <cmath>
#include <vector>

using namespace plab;

class TestStdpEmRule : public QObject {
    Q_OBJECT
private slots:
    void guardedFormEqualsNesslerRule()
    {
        StdpEmRule rule;
        rule.logC = std::log(2.5);
        const double eta = 0.01, c = 2.5;
        for (double w : {-3.0, -1.0, 0.0, 0.5, 1.5}) {
            for (double y : {0.0, 1.0}) {
                const double nessler = eta * (c * y * std::exp(-w) - 1.0);
                QVERIFY2(std::fabs(rule.delta(w, y, eta) - nessler) < 1e-12, qPrintable(QString::number(w)));
            }
        }
        // Where e^{w'} < η the step stays bounded (no overflow for very negative weights).
        QVERIFY(std::fabs(rule.delta(-700.0, 1.0, eta)) <= 1.0);
    }

    void rowUpdateIsTheRuleForEverySynapse()
    {
        // updateRow computes the whole row at once (vectorised exp, the guard as a max): it must
        // still be delta() for every synapse, on both sides of e^{w'} = η, at the clips and for
        // fired inputs.
        StdpEmRule rule;
        rule.logC = std::log(1.7);
        for (const double eta : {0.02, 0.003, 1e-4}) {
            std::vector<double> w, y;
            const double threshold = std::log(eta) + rule.logC;
            for (double x : {rule.wMin, rule.wMin + 1e-9, -7.0, -5.0, threshold - 1e-7, threshold, threshold + 1e-7,
                             -1.0, 0.0, 0.3, rule.wMax})
                for (double trace : {0.0, 0.4, 1.0}) {
                    w.push_back(x);
                    y.push_back(trace);
                }
            std::vector<double> row = w;
            rule.updateRow(row.data(), y.data(), int(row.size()), eta);
            for (std::size_t i = 0; i < w.size(); ++i) {
                const double expected = rule.clip(w[i] + rule.delta(w[i], y[i], eta));
                QVERIFY2(std::fabs(row[i] - expected) <= 1e-15 * std::max(1.0, std::fabs(expected)),
                         qPrintable(QString("eta %1, w %2, y %3: %4 against %5")
                                        .arg(eta).arg(w[i], 0, 'g', 17).arg(y[i]).arg(row[i], 0, 'g', 17)
                                        .arg(expected, 0, 'g', 17)));
            }
        }
    }

    void fixedPointOnStationaryInput_data()
    {
        QTest::addColumn<double>("c");
        QTest::addColumn<QString>("mode");
        QTest::newRow("c=1 constant") << 1.0 << "constant";
        QTest::newRow("c=3 constant") << 3.0 << "constant";
        QTest::newRow("c=1 adaptive") << 1.0 << "adaptive";
    }
    void fixedPointOnStationaryInput()
    {
        QFETCH(double, c);
        QFETCH(QString, mode);
        const std::vector<double> p = {0.02, 0.3, 0.7, 0.95};
        const int n = int(p.size());
        StdpEmRule rule;
        rule.logC = std::log(c);
        rule.wMin = -8 + rule.logC;
        rule.wMax = 2 + rule.logC;
        std::vector<double> w(n, rule.logC + std::log(0.5)), y(n), s(n, 0.0), q(n, 1.0);
        std::vector<double> mean(n, 0.0);
        RandomStream rng(9);
        const int updates = 400000, averageFrom = 200000;
        for (int t = 0; t < updates; ++t) {
            for (int i = 0; i < n; ++i)
                y[i] = rng.bernoulli(p[i]) ? 1.0 : 0.0;
            if (mode == "adaptive")
                rule.updateRowAdaptive(w.data(), y.data(), n, 0.02, s.data(), q.data());
            else
                rule.updateRow(w.data(), y.data(), n, 0.002);
            if (t >= averageFrom)
                for (int i = 0; i < n; ++i)
                    mean[i] += std::exp(w[i]) / (updates - averageFrom);
        }
        for (int i = 0; i < n; ++i) {
            // e^{w} = c p  <=>  w = log p + log c
            QVERIFY2(std::fabs(mean[i] / c - p[i]) < 0.01,
                     qPrintable(QString("p=%1 got %2").arg(p[i]).arg(mean[i] / c)));
            QVERIFY(std::fabs(std::log(mean[i]) - (std::log(p[i]) + std::log(c))) < 0.1);
        }
    }

    void fixedPointWithSpikingPoissonInputs()
    {
        // One z-neuron firing at 100 Hz, Poisson inputs at fixed rates, rectangular EPSPs of
        // σ = 10 ms: input i is active at a post spike with p_i = 1 − e^{−r_i σ}, so the
        // weights must settle at log(1 − e^{−r_i σ}) + log c.
        const std::vector<double> rates = {5, 20, 40, 80, 160};
        const int n = int(rates.size());
        const double dt = 0.001, sigma = 0.010, c = 2.0;
        PoissonInputPopulation inputs(n, dt);
        inputs.rates() = rates;
        EpspTraces traces(n, EpspKernel{EpspKernel::Shape::Rectangular, sigma, 0.002, 0.02});
        WtaCircuit circuit(1, n, 100.0);
        StdpEmRule rule;
        rule.logC = std::log(c);
        rule.wMax = 2 + rule.logC;
        LearningRateSchedule eta{LearningRateSchedule::Mode::Decaying, 0.02, 20.0, 0.0};
        RandomStream inputRng(1), circuitRng(2);
        std::vector<std::int32_t> ids;
        std::vector<double> values, dense(n, 0.0);
        double next = circuitRng.exponential(100.0);
        const int chunk = 1000;
        for (std::int64_t step = 0; step < 400 * chunk; ++step) {
            if (step % chunk == 0)
                inputs.generate(step, chunk, inputRng);
            const double t = step * dt;
            for (auto i : inputs.spikesAt(step))
                traces.onSpike(i, t);
            while (next < t + dt) {
                traces.collect(next, ids, values);
                for (std::size_t j = 0; j < ids.size(); ++j)
                    dense[ids[j]] = values[j];
                rule.updateRow(circuit.weights().row(0).data(), dense.data(), n, eta.at(next));
                for (auto i : ids)
                    dense[i] = 0.0;
                next += circuitRng.exponential(100.0);
            }
        }
        for (int i = 0; i < n; ++i) {
            const double p = 1.0 - std::exp(-rates[i] * sigma);
            const double learned = std::exp(circuit.weights()(0, i) - rule.logC);
            QVERIFY2(std::fabs(learned - p) < 0.03, qPrintable(QString("rate %1: p=%2 learned %3").arg(rates[i]).arg(p).arg(learned)));
        }
    }

    void biasLearnsThePrior()
    {
        const std::vector<double> prior = {0.1, 0.3, 0.6};
        BiasRule rule;
        std::vector<double> b(3, std::log(1.0 / 3)), mean(3, 0.0);
        RandomStream rng(4);
        const int updates = 300000;
        for (int t = 0; t < updates; ++t) {
            const int winner = int(rng.categorical(prior.data(), 3, 1.0));
            for (int k = 0; k < 3; ++k)
                b[k] = rule.clip(b[k] + rule.delta(b[k], k == winner ? 1.0 : 0.0, 0.002, 1.0 / 3));
            if (t >= updates / 2)
                for (int k = 0; k < 3; ++k)
                    mean[k] += std::exp(b[k]) / (updates / 2);
        }
        for (int k = 0; k < 3; ++k)
            QVERIFY2(std::fabs(mean[k] - prior[k]) < 0.01, qPrintable(QString::number(mean[k])));
    }

    void homeostaticBiasEqualisesShares()
    {
        // The winner is drawn from softmax(b + drive): a strong drive to neuron 0 is
        // compensated by its bias until every neuron fires a third of the spikes.
        BiasRule rule;
        rule.mode = BiasRule::Mode::Homeostatic;
        WtaCircuit circuit(3, 1, 100);
        Eigen::VectorXd drive(3);
        drive << 2.0, 0.0, -1.0;
        RandomStream rng(5);
        std::vector<double> counts(3, 0.0);
        for (int t = 0; t < 200000; ++t) {
            const Eigen::VectorXd u = circuit.biases() + drive;
            const int k = circuit.drawWinner(u, rng);
            for (int j = 0; j < 3; ++j)
                circuit.biases()[j] = rule.clip(circuit.biases()[j] + rule.delta(circuit.biases()[j], j == k, 0.01, 1.0 / 3));
            if (t >= 100000)
                counts[k] += 1;
        }
        for (double c : counts)
            QVERIFY(std::fabs(c / 100000 - 1.0 / 3) < 0.02);
    }

    void varianceTrackingRateShrinksAsWeightsSettle()
    {
        QCOMPARE(VarianceTracker::rate(0.05, 0.0, 1.0), 0.025);
        QCOMPARE(VarianceTracker::rate(0.05, 1.0, 1.0), 0.0);
    }

    void decayingSchedule()
    {
        LearningRateSchedule s{LearningRateSchedule::Mode::Decaying, 0.02, 20.0, 10.0};
        QCOMPARE(s.at(10.0), 0.02);
        QCOMPARE(s.at(30.0), 0.01);
        s.mode = LearningRateSchedule::Mode::Constant;
        QCOMPARE(s.at(1000.0), 0.02);
    }
};

QTEST_APPLESS_MAIN(TestStdpEmRule)
#include "tst_stdp_em_rule.moc"
