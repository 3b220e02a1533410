// fokker-planck: the particles' histogram converges to p*^{1/T} (T = 1 and T = 0.5), slow
// annealing collects them in the global maximum, and the schedule has the right values.
#include "analysis/AnnealingSchedule.h"
#include "core/Error.h"
#include "core/ExperimentRegistry.h"
#include "core/Simulation.h"
#include "experiments/FokkerPlanckExperiment.h"

#include <QtTest>
#include <cmath>

using namespace plab;

namespace {

std::unique_ptr<Simulation> make(std::initializer_list<std::string> sets, std::uint64_t seed = 1)
{
    const auto& registry = ExperimentRegistry::builtin();
    ParameterSet p = registry.defaults("fokker-planck");
    for (const auto& s : sets)
        p.setAssignment(s);
    return std::make_unique<Simulation>(registry.create("fokker-planck", p, seed));
}

FokkerPlanckExperiment& fp(Simulation& s)
{
    return static_cast<FokkerPlanckExperiment&>(s.experiment());
}

} // namespace

class TestFokkerPlanck : public QObject {
    Q_OBJECT
private slots:
    void histogramConvergesToPowerOfTarget_data()
    {
        QTest::addColumn<QString>("temperature");
        QTest::newRow("T=1") << "1";
        QTest::newRow("T=0.5") << "0.5";
        QTest::newRow("T=2") << "2";
    }
    void histogramConvergesToPowerOfTarget()
    {
        QFETCH(QString, temperature);
        auto sim = make({"temperature=" + temperature.toStdString()});
        sim->runUntil(60);
        const double kl = fp(*sim).stationaryKl();
        QVERIFY2(kl <= 0.05, qPrintable(QString::number(kl)));
        // And not against the wrong temperature: at T = 0.5 the histogram is far from p*.
        if (temperature == "0.5") {
            sim->schedule(Command::fromText(60, "set temperature 1"));
            sim->step();
            QVERIFY(std::isnan(fp(*sim).stationaryKl()));  // histogram restarted for the new T
        }
    }

    void temperatureSharpensTheCloud()
    {
        auto hot = make({"temperature=2"}), cold = make({"temperature=0.3"});
        hot->runUntil(30);
        cold->runUntil(30);
        QVERIFY(fp(*cold).fractionAtGlobalMaximum() > fp(*hot).fractionAtGlobalMaximum() + 0.2);
    }

    void annealingFindsTheGlobalMaximum()
    {
        auto sim = make({"anneal_start=5", "anneal_seconds=120"});
        sim->runUntil(130);
        QVERIFY(fp(*sim).temperature() < 0.051);
        const double f = fp(*sim).fractionAtGlobalMaximum();
        QVERIFY2(f >= 0.9, qPrintable(QString::number(f)));
    }

    void annealCommand()
    {
        auto sim = make({});
        sim->schedule(Command::fromText(1, "anneal 2 0.5 10 linear"));
        sim->runUntil(6);
        QVERIFY(std::fabs(fp(*sim).temperature() - (2 - 1.5 * 0.5)) < 0.01);
        sim->runUntil(12);
        QCOMPARE(fp(*sim).temperature(), 0.5);
        QVERIFY_THROWS_EXCEPTION(InputError, sim->schedule(Command::fromText(20, "anneal 1 0.1")));
        QVERIFY_THROWS_EXCEPTION(InputError, sim->schedule(Command::fromText(20, "anneal 1 0.1 -5")));
        QVERIFY_THROWS_EXCEPTION(InputError, sim->schedule(Command::fromText(20, "anneal 1 0.1 5 cubic")));
    }

    void scheduleValues()
    {
        AnnealingSchedule s{10, 100, 1.0, 0.01, AnnealingSchedule::Shape::Exponential, true};
        QCOMPARE(s.at(0), 1.0);
        QVERIFY(std::fabs(s.at(60) - 0.1) < 1e-12);  // halfway in log: sqrt(1 · 0.01)
        QCOMPARE(s.at(110), 0.01);
        QCOMPARE(s.at(500), 0.01);
        s.shape = AnnealingSchedule::Shape::Linear;
        QVERIFY(std::fabs(s.at(60) - 0.505) < 1e-12);
        QVERIFY(s.running(50));
        QVERIFY(!s.running(120));
    }
};

QTEST_APPLESS_MAIN(TestFokkerPlanck)
#include "tst_fokker_planck.moc"
