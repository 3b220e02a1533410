// Parameters: parsing, ranges, choices, and the error messages a user reads.
#include "core/Error.h"
#include "core/Parameters.h"

#include <QtTest>

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
