// Network files other than BIF: the chest clinic written as bnlearn's asia.net (Hugin) and as
// XMLBIF gives the same joint distribution as the shipped BIF file, and every malformed case is
// refused with FILE:LINE.
#include "bayesnet/BifFormat.h"
#include "bayesnet/ExactInference.h"
#include "bayesnet/HuginFormat.h"
#include "bayesnet/XmlBifFormat.h"
#include "core/Error.h"
#include "io/Resources.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <fstream>
#include <iterator>

using namespace plab;

namespace {

/// bnlearn's asia.net as written there: nested and flat data, comments, attributes the lab does
/// not use, "discrete node".
std::string fileText(const char* name)
{
    std::ifstream in(std::string(PLAB_TEST_DATA "/") + name);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string asiaText() { return fileText("asia.net"); }

/// Every state of the shipped chest clinic has the same probability in `other`, matched by names.
void sameAsChestClinic(const BayesianNetwork& other)
{
    const BayesianNetwork bif = readBifFile(Resources::path("networks/chest-clinic.bif"));
    QCOMPARE(other.size(), bif.size());
    const EnumeratedJoint joint(bif);
    std::vector<int> state, there(std::size_t(bif.size()));
    for (std::size_t i = 0; i < joint.probabilities().size(); ++i) {
        decodeState(bif, i, state);
        for (int v = 0; v < bif.size(); ++v) {
            const auto& var = bif.variables[std::size_t(v)];
            const int h = other.find(var.name);
            QVERIFY(h >= 0);
            there[std::size_t(h)] = other.findValue(h, var.values[std::size_t(state[std::size_t(v)])]);
        }
        QVERIFY2(std::fabs(other.jointProbability(there) - joint.probabilities()[i]) < 1e-15, qPrintable(QString::number(i)));
    }
}

QString xmlErrorOf(const std::string& text)
{
    try {
        parseXmlBif(text, "net.xml");
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString errorOf(const std::string& text)
{
    try {
        parseHugin(text, "net.net");
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

const std::string kTwo = "node A { states = (\"a1\" \"a2\"); }\nnode B { states = (\"b1\" \"b2\"); }\n";  // lines 1-2

} // namespace

class TestNetworkFormats : public QObject {
    Q_OBJECT
private slots:
    void chestClinicAsHuginWritesIt()
    {
        const BayesianNetwork hugin = parseHugin(asiaText(), "asia.net");
        QCOMPARE(hugin.size(), 8);
        QCOMPARE(hugin.name, std::string("asia"));
        QCOMPARE(hugin.variables[0].label, std::string("visit to Asia"));
        QCOMPARE(hugin.variables[std::size_t(hugin.find("either"))].parents,
                 (std::vector<int>{hugin.find("lung"), hugin.find("tub")}));
        // The same distribution, state by state, whatever order each file lists things in.
        sameAsChestClinic(hugin);
    }

    void chestClinicAsXmlBif()
    {
        const BayesianNetwork xml = parseXmlBif(fileText("asia.xml"), "asia.xml");
        QCOMPARE(xml.name, std::string("asia"));
        QCOMPARE(xml.variables[std::size_t(xml.find("dysp"))].parents,
                 (std::vector<int>{xml.find("bronc"), xml.find("either")}));
        sameAsChestClinic(xml);
        // Weka writes an inline DTD before <BIF>: read past, the same network.
        std::string weka = fileText("asia.xml");
        weka.insert(weka.find("<BIF"), "<!DOCTYPE BIF [\n\t<!ELEMENT BIF ( NETWORK )*>\n\t      <!ATTLIST BIF VERSION CDATA #REQUIRED>\n"
                                       "\t<!ELEMENT NETWORK ( NAME, ( PROPERTY | VARIABLE | DEFINITION )* )>\n]>\n");
        sameAsChestClinic(parseXmlBif(weka, "weka.xml"));
    }

    void readNetworkFileGoesByTheExtension()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("asia.net").toStdString();
        std::ofstream(path) << asiaText();
        QCOMPARE(readNetworkFile(path).size(), 8);
        QCOMPARE(readNetworkFile(PLAB_TEST_DATA "/asia.xml").name, std::string("asia"));
        QCOMPARE(readNetworkFile(Resources::path("networks/knill-kersten.bif")).size(), 4);
        QVERIFY_THROWS_EXCEPTION(InputError, readNetworkFile(dir.filePath("missing.net").toStdString()));
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const auto with = [](const std::string& rest) { return QString::fromStdString(kTwo + rest); };
        QTest::newRow("no potential") << with("potential ( A ) { data = ( 0.5 0.5 ); }\n") << "net.net:2: node 'B' has no potential";
        QTest::newRow("wrong count") << with("potential ( A ) { data = ( 0.5 0.5 ); }\npotential ( B | A ) { data = ( 0.5 0.5 ); }\n")
                                     << "net.net:4: the potential of 'B' has 2 numbers";
        QTest::newRow("row sum") << with("potential ( A ) { data = ( 0.5 0.6 ); }\n") << "net.net:3: row 1 of the potential of 'A' sums to 1.1";
        QTest::newRow("unknown node") << with("potential ( C ) { data = ( 1 ); }\n") << "net.net:3: node 'C' is not declared";
        QTest::newRow("not a number") << with("potential ( A ) { data = ( 0.5 x ); }\n") << "net.net:3: expected a probability, got 'x'";
        QTest::newRow("continuous") << QString("continuous node X { }\n") << "net.net:1: continuous nodes are not supported";
        QTest::newRow("one state") << QString("node A { states = (\"a\"); }\n") << "net.net:1: node 'A' needs states";
        QTest::newRow("twice") << with("node A { states = (\"x\" \"y\"); }\n") << "net.net:3: node 'A' is declared twice";
        QTest::newRow("cycle") << with("potential ( A | B ) { data = ( 1 0 0 1 ); }\npotential ( B | A ) { data = ( 1 0 0 1 ); }\n")
                               << "the network has a cycle";
        QTest::newRow("unclosed") << with("potential ( A ) { data = ( 0.5 0.5 ; }\n") << "net.net:3: expected a probability, got ';'";
        QTest::newRow("empty") << QString("% nothing\n") << "net.net:1: no nodes";
        QTest::newRow("binary") << QString::fromLatin1("node\0", 5) << "binary data";
        QTest::newRow("parent twice") << with("potential ( A ) { data = ( 0.5 0.5 ); }\npotential ( B | A A ) { data = ( 1 0 0 1 1 0 0 1 ); }\n")
                                      << "net.net:4: node 'B' has parent 'A' twice";
        QTest::newRow("nested deep") << with("potential ( A ) { data = " + std::string(300, '(') + "0.5" + "); }\n")
                                     << "net.net:3: data nested deeper than 256";
        // 40 binary parents: 2^41 entries, which a 64-bit count wraps to nothing at 64.
        std::string many, parents;
        for (int i = 1; i <= 40; ++i) {
            many += "node P" + std::to_string(i) + " { states = (\"x\" \"y\"); }\n";
            parents += " P" + std::to_string(i);
        }
        QTest::newRow("huge table") << QString::fromStdString(many + "node C { states = (\"x\" \"y\"); }\npotential ( C |" + parents + " ) { data = ( ); }\n")
                                    << "net.net:42: the potential of 'C' would have more than 16777216 entries";
    }
    void malformed()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString error = errorOf(text.toStdString());
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void malformedXml_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const auto net = [](const std::string& body) {
            return QString::fromStdString("<BIF VERSION=\"0.3\">\n<NETWORK>\n<NAME>n</NAME>\n"
                                          "<VARIABLE TYPE=\"nature\"><NAME>A</NAME><OUTCOME>a1</OUTCOME><OUTCOME>a2</OUTCOME></VARIABLE>\n"
                                          + body + "</NETWORK>\n</BIF>\n");  // body from line 5
        };
        QTest::newRow("not xml") << QString("<BIF>\n<NETWORK>\n</BIF>") << "net.xml:2: not well-formed XML";  // the element left open
        QTest::newRow("not xmlbif") << QString("<html/>") << "net.xml:1: no <BIF> element";
        QTest::newRow("no table") << net("") << "net.xml:4: variable 'A' has no <DEFINITION>";
        QTest::newRow("wrong count") << net("<DEFINITION><FOR>A</FOR><TABLE>1</TABLE></DEFINITION>\n")
                                     << "net.xml:5: the table of 'A' has 1 numbers";
        QTest::newRow("row sum") << net("<DEFINITION><FOR>A</FOR><TABLE>0.5 0.6</TABLE></DEFINITION>\n")
                                 << "net.xml:5: row 1 of the table of 'A' sums to 1.1";
        QTest::newRow("not a number") << net("<DEFINITION><FOR>A</FOR><TABLE>0.5 half</TABLE></DEFINITION>\n")
                                      << "net.xml:5: expected a probability in <TABLE>, got 'half'";
        QTest::newRow("unknown") << net("<DEFINITION><FOR>A</FOR><GIVEN>B</GIVEN><TABLE>1 0</TABLE></DEFINITION>\n")
                                 << "net.xml:5: 'B' is not a declared <VARIABLE>";
        QTest::newRow("decision") << net("<VARIABLE TYPE=\"decision\"><NAME>D</NAME></VARIABLE>\n")
                                  << "net.xml:5: variables of TYPE \"decision\" are not supported";
        QTest::newRow("one outcome") << net("<VARIABLE TYPE=\"nature\"><NAME>C</NAME><OUTCOME>c</OUTCOME></VARIABLE>\n")
                                     << "net.xml:5: variable 'C' needs at least two <OUTCOME>s";
        QTest::newRow("twice") << net("<DEFINITION><FOR>A</FOR><TABLE>1 0</TABLE></DEFINITION>\n"
                                      "<DEFINITION><FOR>A</FOR><TABLE>1 0</TABLE></DEFINITION>\n")
                               << "net.xml:6: 'A' has a second table (the first is on line 5)";
        QTest::newRow("given twice") << net("<VARIABLE TYPE=\"nature\"><NAME>B</NAME><OUTCOME>b1</OUTCOME><OUTCOME>b2</OUTCOME></VARIABLE>\n"
                                            "<DEFINITION><FOR>B</FOR><GIVEN>A</GIVEN>\n<GIVEN>A</GIVEN><TABLE>1 0 0 1 1 0 0 1</TABLE></DEFINITION>\n")
                                     << "net.xml:7: 'A' is given twice";
        QTest::newRow("name with a space") << net("<VARIABLE TYPE=\"nature\"><NAME>has cancer</NAME><OUTCOME>y</OUTCOME><OUTCOME>n</OUTCOME></VARIABLE>\n")
                                           << "net.xml:5: variable name 'has cancer' holds a space";
        QTest::newRow("negative") << net("<DEFINITION><FOR>A</FOR><TABLE>-0.5 1.5</TABLE></DEFINITION>\n")
                                  << "net.xml:5: the table of 'A' holds -0.5, which is not a probability";
    }
    void malformedXml()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString error = xmlErrorOf(text.toStdString());
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
};

QTEST_APPLESS_MAIN(TestNetworkFormats)
#include "tst_network_formats.moc"
