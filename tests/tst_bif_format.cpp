// BIF parsing: the shipped Knill–Kersten file, fixtures with a 3-valued variable and a
// 3-parent variable, round trips, and a clear FILE:LINE error for every malformed case.
#include "bayesnet/BifFormat.h"
#include "core/Error.h"
#include "experiments/BayesNetExperiment.h"
#include "io/Resources.h"

#include <QtTest>

using namespace plab;

namespace {

QString errorOf(const std::string& text)
{
    try {
        parseBif(text, "net.bif");
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

const std::string kHeader = "network n {\n}\n"
                            "variable A {\n  type discrete [ 2 ] { a1, a2 };\n}\n"
                            "variable B {\n  type discrete [ 2 ] { b1, b2 };\n}\n";  // lines 1–8

} // namespace

class TestBifFormat : public QObject {
    Q_OBJECT
private slots:
    void knillKersten()
    {
        const auto net = readBifFile(Resources::path("networks/knill-kersten.bif"));
        QCOMPARE(net.size(), 4);
        QCOMPARE(net.variables[2].name, std::string("Z3"));
        QCOMPARE(net.variables[2].parents, (std::vector<int>{0, 1}));
        QCOMPARE(net.variables[0].label, std::string("reflectance step at the border"));
        // p(Z3 = 1 | Z1 = 2, Z2 = 2) = 0.87
        QCOMPARE(net.conditional(2, {1, 1, 0, 0}), 0.87);
        QCOMPARE(net.markovBlanket(1), (std::vector<int>{0, 2, 3}));
        QCOMPARE(net.markovBlanket(3), (std::vector<int>{1}));
    }

    void fixtures()
    {
        const auto three = readBifFile(PLAB_TEST_DATA "/three-values.bif");
        QCOMPARE(three.variables[0].cardinality(), 3);
        QCOMPARE(three.conditional(1, {2, 0, 0}), 0.9);  // p(Umbrella = yes | rainy)
        const auto parents = readBifFile(PLAB_TEST_DATA "/three-parents.bif");
        QCOMPARE(parents.variables[3].parents.size(), std::size_t(3));
        // The `table` rows run over (Burglary, Earthquake, Fault), Fault fastest:
        // row 2 is (yes, yes, no): p(Alarm = yes) = 0.95; row 7 is (no, no, yes): 0.5.
        QCOMPARE(parents.conditional(3, {0, 0, 1, 0, 0}), 0.95);
        QCOMPARE(parents.conditional(3, {1, 1, 0, 0, 0}), 0.5);
        QCOMPARE(parents.conditional(3, {1, 1, 1, 1, 0}), 0.98);
        QCOMPARE(parents.variables[3].label, std::string("the alarm rings"));
    }

    void roundTrips_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("knill-kersten") << QString::fromStdString(Resources::path("networks/knill-kersten.bif"));
        QTest::newRow("three values") << QString(PLAB_TEST_DATA "/three-values.bif");
        QTest::newRow("three parents") << QString(PLAB_TEST_DATA "/three-parents.bif");
    }
    void roundTrips()
    {
        QFETCH(QString, path);
        const auto net = readBifFile(path.toStdString());
        const std::string text = writeBif(net);
        const auto back = parseBif(text, "written");
        QCOMPARE(back.size(), net.size());
        for (int i = 0; i < net.size(); ++i) {
            QCOMPARE(back.variables[std::size_t(i)].name, net.variables[std::size_t(i)].name);
            QCOMPARE(back.variables[std::size_t(i)].values, net.variables[std::size_t(i)].values);
            QCOMPARE(back.variables[std::size_t(i)].parents, net.variables[std::size_t(i)].parents);
            QCOMPARE(back.variables[std::size_t(i)].cpt, net.variables[std::size_t(i)].cpt);
            QCOMPARE(back.variables[std::size_t(i)].label, net.variables[std::size_t(i)].label);
        }
        QCOMPARE(writeBif(back), text);
    }

    void commentsAndProperties()
    {
        const auto net = parseBif("// comment\nnetwork \"my net\" { property x = y ; }\n/* block\n comment */\n"
                                  "variable A { type discrete [ 2 ] { \"value one\", two }; property position = (1, 2) ; }\n"
                                  "probability ( A ) { table 0.25, 0.75; // trailing\n }\n",
                                  "c.bif");
        QCOMPARE(net.name, std::string("my net"));
        QCOMPARE(net.variables[0].values[0], std::string("value one"));
    }

    void realFilesAsTheyAreWritten()
    {
        // bnlearn's value names (child: "<7.5", ">=7.5", "Asy/Patch", "12+"), a property between
        // blocks, whitespace-separated lists and "( child parent )" without '|' (BIF 0.15, as
        // JavaBayes writes it), and 'default' rows before or after the listed ones.
        const auto net = parseBif("network child { }\n"
                                  "property software = \"bnlearn\" ;\n"
                                  "variable Age { type discrete [ 3 ] { 0-3_days 4-10_days 11-30_days }; }\n"
                                  "variable Disease { type discrete [ 3 ] { Asy/Patch, 12+, TGA };\n"
                                  "  property label=disease ; }\n"
                                  "variable CO2Report { type discrete[2] { <7.5, >=7.5 }; }\n"
                                  "probability ( Age ) { table 0.8 0.15 0.05 ; }\n"
                                  "probability ( Disease | Age ) {\n  default 0.2, 0.3, 0.5;\n  (0-3_days) 0.6, 0.3, 0.1;\n}\n"
                                  "probability ( CO2Report Disease ) { // no bar\n  (\"Asy/Patch\") 0.9 0.1;\n"
                                  "  default 0.5 0.5;\n}\n",
                                  "child.bif");
        QCOMPARE(net.size(), 3);
        QCOMPARE(net.variables[0].values, (std::vector<std::string>{"0-3_days", "4-10_days", "11-30_days"}));
        QCOMPARE(net.variables[1].values, (std::vector<std::string>{"Asy/Patch", "12+", "TGA"}));
        QCOMPARE(net.variables[1].label, std::string("disease"));
        QCOMPARE(net.variables[2].values, (std::vector<std::string>{"<7.5", ">=7.5"}));
        QCOMPARE(net.variables[0].cpt, (std::vector<double>{0.8, 0.15, 0.05}));
        QCOMPARE(net.variables[1].cpt, (std::vector<double>{0.6, 0.3, 0.1, 0.2, 0.3, 0.5, 0.2, 0.3, 0.5}));
        QCOMPARE(net.variables[2].parents, (std::vector<int>{1}));
        QCOMPARE(net.variables[2].cpt, (std::vector<double>{0.9, 0.1, 0.5, 0.5, 0.5, 0.5}));
        // BIF 0.15's table lists the child slowest (JavaBayes's dog-problem: light-on | family-out).
        const auto dog = parseBif("network dog { }\n"
                                  "variable \"family-out\" { type discrete[2] { \"true\" \"false\" }; property label =out; }\n"
                                  "variable \"light-on\" { type discrete[2] { \"true\" \"false\" }; }\n"
                                  "probability ( \"family-out\" ) { table 0.15 0.85 ; }\n"
                                  "probability ( \"light-on\" \"family-out\" ) { table 0.6 0.05 0.4 0.95 ; }\n",
                                  "dog.bif");
        QCOMPARE(dog.variables[1].cpt, (std::vector<double>{0.6, 0.4, 0.05, 0.95}));
        QCOMPARE(dog.variables[0].label, std::string("out"));
        // Evidence splits at the first '=': the value may hold one.
        const auto evidence = BayesNetExperiment::parseEvidence(net, "CO2Report=>=7.5,Disease=12+");
        QCOMPARE(evidence, (std::vector<int>{-1, 1, 1}));
        // What we write reads back the same.
        const auto back = parseBif(writeBif(net), "again.bif");
        QCOMPARE(back.variables[2].values, net.variables[2].values);
        QCOMPARE(back.variables[1].cpt, net.variables[1].cpt);
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        const QString h = QString::fromStdString(kHeader);
        QTest::newRow("unknown value")
            << h + "probability ( A ) { table 0.5, 0.5; }\nprobability ( B | A ) {\n  (a1) 0.5, 0.5;\n  (a3) 0.5, 0.5;\n}\n"
            << "net.bif:12: 'a3' is not a value of 'A'";
        QTest::newRow("wrong number of entries")
            << h + "probability ( A ) {\n  table 0.2, 0.3, 0.5;\n}\n" << "net.bif:10: the table of 'A' has 3 entries, expected 2";
        QTest::newRow("row does not sum to 1")
            << h + "probability ( A ) { table 0.5, 0.5; }\nprobability ( B | A ) {\n  (a1) 0.5, 0.4;\n  (a2) 0.5, 0.5;\n}\n"
            << "net.bif:11: row (a1) of 'B' sums to 0.9, not 1";
        QTest::newRow("sum said short") // 0.3 + 0.6 is 0.8999999999999999 in doubles
            << h + "probability ( A ) { table 0.5, 0.5; }\nprobability ( B | A ) {\n  (a1) 0.3, 0.6;\n  (a2) 0.5, 0.5;\n}\n"
            << "net.bif:11: row (a1) of 'B' sums to 0.9, not 1";
        QTest::newRow("cycle")
            << h + "probability ( A | B ) { (b1) 0.5, 0.5; (b2) 0.5, 0.5; }\nprobability ( B | A ) { (a1) 0.5, 0.5; (a2) 0.5, 0.5; }\n"
            << "has a cycle through";
        QTest::newRow("undeclared variable")
            << h + "probability ( A | C ) {\n  (c1) 0.5, 0.5;\n}\n" << "net.bif:9: variable 'C' is not declared";
        QTest::newRow("missing row")
            << h + "probability ( A ) { table 0.5, 0.5; }\nprobability ( B | A ) {\n  (a1) 0.5, 0.5;\n}\n"
            << "net.bif:12: the probability block of 'B' misses row 2 of 2";
        QTest::newRow("row given twice")
            << h + "probability ( A ) { table 0.5, 0.5; }\nprobability ( B | A ) {\n (a1) 0.5, 0.5;\n (a1) 0.5, 0.5;\n}\n"
            << "net.bif:12: row (a1) of 'B' is given twice";
        QTest::newRow("no probability block") << h + "probability ( A ) { table 0.5, 0.5; }\n"
                                              << "net.bif:6: variable 'B' has no probability block";
        QTest::newRow("duplicate variable") << h + "variable A { type discrete [ 2 ] { x, y }; }\n"
                                            << "net.bif:9: variable 'A' is declared twice";
        QTest::newRow("value count") << QString("variable A {\n type discrete [ 3 ] { x, y };\n}\n")
                                     << "net.bif:2: variable 'A' declares 3 values but lists 2";
        QTest::newRow("not a number") << h + "probability ( A ) { table 0.5, half; }\n" << "net.bif:9: expected a probability, got 'half'";
        QTest::newRow("negative") << h + "probability ( A ) { table -0.5, 1.5; }\n" << "outside [0, 1]";
        QTest::newRow("continuous") << QString("variable A {\n type continuous;\n}\n") << "net.bif:2: only discrete variables";
        QTest::newRow("truncated") << h + "probability ( A ) { table 0.5," << "expected a probability, got the end of the file";
        QTest::newRow("garbage") << QString("\x01\x02 binary") << "unexpected control character";
        QTest::newRow("empty") << QString("") << "no variables";
        QTest::newRow("default twice")
            << h + "probability ( A ) { table 0.5, 0.5; }\nprobability ( B | A ) {\n default 0.5, 0.5;\n default 0.5, 0.5;\n}\n"
            << "net.bif:12: a second 'default' row for 'B' (the first is on line 11)";
        QTest::newRow("default does not sum to 1")
            << h + "probability ( A ) { table 0.5, 0.5; }\nprobability ( B | A ) {\n default 0.5, 0.6;\n}\n"
            << "net.bif:11: the default row of 'B' sums to 1.1, not 1";
        QTest::newRow("unterminated comment") << h + "/* never closed" << "net.bif:9: unterminated /* comment";
    }
    void malformed()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const QString error = errorOf(text.toStdString());
        QVERIFY2(error.contains(message), qPrintable("got: " + error));
        QVERIFY(error.startsWith("net.bif:"));
    }

    void missingFile()
    {
        try {
            readBifFile("/nonexistent/net.bif");
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(QString(e.what()), QString("/nonexistent/net.bif: cannot open network file"));
        }
    }
};

QTEST_APPLESS_MAIN(TestBifFormat)
#include "tst_bif_format.moc"
