// Hugin .net parsing: the chest clinic written as bnlearn's asia.net writes it gives the same
// joint distribution as the shipped BIF file, and every malformed case is refused with FILE:LINE.
#include "bayesnet/BifFormat.h"
#include "bayesnet/ExactInference.h"
#include "bayesnet/HuginFormat.h"
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
std::string asiaText()
{
    std::ifstream in(PLAB_TEST_DATA "/asia.net");
    return std::string(std::istreambuf_iterator<char>(in), {});
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

class TestHuginFormat : public QObject {
    Q_OBJECT
private slots:
    void chestClinicAsHuginWritesIt()
    {
        const BayesianNetwork hugin = parseHugin(asiaText(), "asia.net");
        const BayesianNetwork bif = readBifFile(Resources::path("networks/chest-clinic.bif"));
        QCOMPARE(hugin.size(), 8);
        QCOMPARE(hugin.name, std::string("asia"));
        QCOMPARE(hugin.variables[0].label, std::string("visit to Asia"));
        QCOMPARE(hugin.variables[std::size_t(hugin.find("either"))].parents,
                 (std::vector<int>{hugin.find("lung"), hugin.find("tub")}));
        // The same distribution, state by state, whatever order each file lists things in.
        const EnumeratedJoint joint(bif);
        std::vector<int> state, there(8);
        for (std::size_t i = 0; i < joint.probabilities().size(); ++i) {
            decodeState(bif, i, state);
            for (int v = 0; v < 8; ++v) {
                const auto& var = bif.variables[std::size_t(v)];
                const int h = hugin.find(var.name);
                QVERIFY(h >= 0);
                there[std::size_t(h)] = hugin.findValue(h, var.values[std::size_t(state[std::size_t(v)])]);
            }
            QVERIFY2(std::fabs(hugin.jointProbability(there) - joint.probabilities()[i]) < 1e-15, qPrintable(QString::number(i)));
        }
    }

    void readNetworkFileGoesByTheExtension()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("asia.net").toStdString();
        std::ofstream(path) << asiaText();
        QCOMPARE(readNetworkFile(path).size(), 8);
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
    }
    void malformed()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString error = errorOf(text.toStdString());
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
};

QTEST_APPLESS_MAIN(TestHuginFormat)
#include "tst_hugin_format.moc"
