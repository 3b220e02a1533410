// Time-stamped commands: parsing with file/line errors, and application at the right step.
#include "core/Error.h"
#include "core/ExperimentRegistry.h"
#include "core/Simulation.h"
#include "io/StateArchive.h"

#include <QtTest>

using namespace plab;

namespace {

QString parseError(const char* text)
{
    try {
        parseCommands(text, "cmds.txt");
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

std::unique_ptr<Simulation> smallEmMixture(std::uint64_t seed = 1)
{
    const auto& registry = ExperimentRegistry::builtin();
    ParameterSet p = registry.defaults("em-mixture");
    p.setAssignment("record_interval=0.1");
    return std::make_unique<Simulation>(registry.create("em-mixture", p, seed));
}

} // namespace

class TestCommands : public QObject {
    Q_OBJECT
private slots:
    void parsesLines()
    {
        const auto cmds = parseCommands("# a comment\n\n100 set temperature 0.5\n  3600 lesion zv-digit 2  # why\n"
                                        "7200 lesion cut zv-za",
                                        "cmds.txt");
        QCOMPARE(cmds.size(), std::size_t(3));
        QCOMPARE(cmds[0].time, 100.0);
        QCOMPARE(cmds[0].verb, std::string("set"));
        QCOMPARE(cmds[0].args, (std::vector<std::string>{"temperature", "0.5"}));
        QCOMPARE(cmds[1].text(), std::string("lesion zv-digit 2"));
        QCOMPARE(cmds[1].origin, std::string("cmds.txt:4"));
        QCOMPARE(cmds[2].line(), std::string("7200 lesion cut zv-za"));
    }

    void sortsByTimeStably()
    {
        const auto cmds = parseCommands("5 b\n1 a\n5 c\n", "x");
        QCOMPARE(cmds[0].verb, std::string("a"));
        QCOMPARE(cmds[1].verb, std::string("b"));
        QCOMPARE(cmds[2].verb, std::string("c"));
    }

    void reportsFileAndLine()
    {
        QCOMPARE(parseError("1 set a 1\nsoon set a 2\n"),
                 QString("cmds.txt:2: a command line starts with its time in seconds, got 'soon'"));
        QCOMPARE(parseError("\n\n-4 set a 1\n"), QString("cmds.txt:3: command time -4 is negative"));
        QCOMPARE(parseError("12\n"), QString("cmds.txt:1: no command after the time 12"));
        QVERIFY(parseError("1 set\0 x").isEmpty() || parseError("1 set\0 x").contains("cmds.txt"));
    }

    void stepForTime()
    {
        QCOMPARE(Simulation::stepForTime(0.0, 0.001), std::int64_t(0));
        QCOMPARE(Simulation::stepForTime(0.3, 0.001), std::int64_t(300));
        QCOMPARE(Simulation::stepForTime(0.0105, 0.001), std::int64_t(11));
        QCOMPARE(Simulation::stepForTime(0.0101, 0.001), std::int64_t(11));
    }

    void appliesAtTheRightStep()
    {
        auto sim = smallEmMixture();
        sim->schedule(Command::fromText(0.0105, "set learning_rate 0.001"));
        while (sim->experiment().stepIndex() < 11) {
            QCOMPARE(sim->experiment().parameters().number("learning_rate"), 0.02);
            sim->step();
        }
        // Step 11 starts at 0.011 s: the command applies before it, not a step earlier.
        QCOMPARE(sim->experiment().parameters().number("learning_rate"), 0.02);
        QCOMPARE(sim->appliedCommands().size(), std::size_t(0));
        sim->step();
        QCOMPARE(sim->experiment().parameters().number("learning_rate"), 0.001);
        QCOMPARE(sim->appliedCommands().size(), std::size_t(1));
        QCOMPARE(sim->appliedCommands()[0].time, 0.011);
    }

    void everyLiveParameterReachesWhatItDrives()
    {
        // Each live number of each experiment, set to another value for a while and back: if
        // the value reaches the rule it drives, the state afterwards differs from a run
        // without the commands; a binding that goes nowhere leaves it the same bit for bit.
        const auto& registry = ExperimentRegistry::builtin();
        int checked = 0;
        for (const auto& info : registry.all()) {
            ParameterSet p = registry.defaults(info.name);
            p.setAssignment("record_interval=0.5");
            for (const auto& spec : p.specs()) {
                if (!spec.live || !spec.isNumeric())
                    continue;
                const double v0 = p.number(spec.name);
                double v1 = v0 != 0 ? v0 * 2 : spec.minimum + 0.1 * (spec.maximum - spec.minimum);
                if (v1 > spec.maximum)
                    v1 = v0 / 2;
                const auto stateAfter = [&](bool poke) {
                    Simulation sim(registry.create(info.name, p, 3));
                    if (poke) {
                        sim.schedule(Command::set(0.2, spec.name, v1));
                        sim.schedule(Command::set(4.5, spec.name, v0));
                    }
                    sim.runUntil(5.0);
                    StateArchive a;
                    sim.experiment().serializeState(a);
                    return a.bytes();
                };
                QVERIFY2(stateAfter(true) != stateAfter(false), qPrintable(QString::fromStdString(
                                                                    info.name + ": set " + spec.name + " did nothing")));
                ++checked;
            }
        }
        QVERIFY(checked >= 20);
    }

    void setFromANumberKeepsTheNumber()
    {
        const Command c = Command::set(3, "temperature", 0.1 + 0.2);
        QCOMPARE(c.text(), std::string("set temperature 0.30000000000000004"));
        QCOMPARE(*c.number, 0.1 + 0.2);
        QVERIFY(!Command::fromText(3, c.text()).number);
        QVERIFY(Command::fromText(3, c.text()) == c);
    }

    void pastCommandsApplyBeforeTheNextStep()
    {
        auto sim = smallEmMixture();
        sim->runUntil(0.5);
        sim->schedule(Command::fromText(0.2, "set wta_rate 50"));
        sim->step();
        QCOMPARE(sim->experiment().parameters().number("wta_rate"), 50.0);
        QCOMPARE(sim->appliedCommands()[0].time, 0.5);
    }

    void refusesWhatCannotApply()
    {
        auto sim = smallEmMixture();
        const auto error = [&](const char* text) {
            try {
                Command c = Command::fromText(1, text);
                c.origin = "f.txt:7";
                sim->schedule(c);
            } catch (const InputError& e) {
                return QString::fromStdString(e.what());
            }
            return QString();
        };
        QCOMPARE(error("explode now"), QString("f.txt:7: unknown command 'explode' for em-mixture"));
        QVERIFY(error("set nope 1").contains("unknown parameter 'nope'"));
        QVERIFY(error("set classes 3").contains("cannot change during a run"));
        QVERIFY(error("set learning_rate -1").contains("outside its range"));
        QVERIFY(error("lesion neuron 9").contains("from 1 to 4"));
        QCOMPARE(sim->pendingCommands(), std::size_t(0));
    }

    void lesionedNeuronNeverFiresAgain()
    {
        auto sim = smallEmMixture();
        sim->experiment().spikes().setEnabled(true);
        sim->schedule(Command::fromText(2.0, "lesion neuron 2"));
        sim->runUntil(2.0);
        const int z2 = sim->experiment().neuronGroups()[1].first + 1;
        int before = 0;
        for (const auto& s : sim->experiment().spikes().take())
            before += s.neuron == z2;
        QVERIFY(before > 0);
        sim->runUntil(10.0);
        for (const auto& s : sim->experiment().spikes().take())
            QVERIFY(s.neuron != z2);
    }
};

QTEST_APPLESS_MAIN(TestCommands)
#include "tst_commands.moc"
