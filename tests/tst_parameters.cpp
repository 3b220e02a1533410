// Parameters: parsing, ranges, choices, and the error messages a user reads.
#include "core/Error.h"
#include "core/ExperimentRegistry.h"
#include "core/Parameters.h"

#include <QtTest>
#include <map>

using namespace plab;

namespace {

ParameterSet sample()
{
    return ParameterSet({
        ParameterSpec::real("rate", 40, 0, 100, "Hz", "a rate", true),
        ParameterSpec::integer("neurons", 4, 1, 10, "count"),
        ParameterSpec::choice("mode", {"a", "b"}, "a", "mode"),
        ParameterSpec::text("label", "x", "free text"),
    });
}

QString errorOf(ParameterSet& p, const char* assignment)
{
    try {
        p.setAssignment(assignment);
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestParameters : public QObject {
    Q_OBJECT
private slots:
    void slidersNameTheQuantityAsItsPaperDoes()
    {
        // The README promises η for the STDP learning rate, b for synaptic sampling's, β for
        // the reward rule's and T for the temperature; the sliders show these symbols.
        const std::map<std::string, std::string> learningRate = {
            {"em-mixture", "η"}, {"bayesnet", "η"}, {"synaptic-sampling", "b"},
            {"self-repair", "b"}, {"reward", "β"},  {"fokker-planck", "b"}};
        const auto& registry = ExperimentRegistry::builtin();
        for (const auto& info : registry.all()) {
            const ParameterSet p = registry.defaults(info.name);
            const ParameterSpec* rate = p.find("learning_rate");
            QVERIFY2(rate && learningRate.count(info.name), info.name.c_str());
            QCOMPARE(rate->symbol, learningRate.at(info.name));
            if (const ParameterSpec* t = p.find("temperature"); t && t->live)
                QCOMPARE(t->symbol, std::string("T"));
        }
    }

    void defaults()
    {
        const auto p = sample();
        QCOMPARE(p.number("rate"), 40.0);
        QCOMPARE(p.integer("neurons"), 4);
        QCOMPARE(p.text("mode"), std::string("a"));
        QCOMPARE(p.formatted("rate"), std::string("40"));
    }

    void setsValues()
    {
        auto p = sample();
        p.setAssignment("rate=12.5");
        p.setAssignment("mode=b");
        p.setAssignment("label=hello world");
        QCOMPARE(p.number("rate"), 12.5);
        QCOMPARE(p.text("mode"), std::string("b"));
        QCOMPARE(p.text("label"), std::string("hello world"));
    }

    void refusesBadInput()
    {
        auto p = sample();
        QVERIFY(errorOf(p, "nope=1").contains("unknown parameter 'nope'"));
        QVERIFY(errorOf(p, "rate=fast").contains("needs a number"));
        QVERIFY(errorOf(p, "rate=101").contains("outside its range [0, 100] Hz"));
        QVERIFY(errorOf(p, "rate=nan").contains("needs a number"));
        QVERIFY(errorOf(p, "neurons=2.5").contains("whole number"));
        QVERIFY(errorOf(p, "mode=c").contains("must be one of a, b"));
        QVERIFY(errorOf(p, "rate").contains("expected key=value"));
        QVERIFY(errorOf(p, "=3").contains("expected key=value"));
        // Nothing changed.
        QCOMPARE(p.number("rate"), 40.0);
    }

    void numbersRoundTrip()
    {
        for (double v : {0.1, 1e-5, 123456.789, -3.0}) {
            double back = 0;
            QVERIFY(parseNumber(formatNumber(v), back));
            QCOMPARE(back, v);
        }
        double x;
        QVERIFY(!parseNumber("1.0abc", x));
        QVERIFY(!parseNumber("", x));
        QVERIFY(!parseNumber("inf", x));
    }
};

QTEST_APPLESS_MAIN(TestParameters)
#include "tst_parameters.moc"
