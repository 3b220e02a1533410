// Sweeps: the spec's expansion and errors, the statistics collect reports, and real sweeps on
// the executable: interrupted half-way and run again, only the missing points run.
#include "SweepCollect.h"
#include "SweepResults.h"
#include "SweepSpec.h"

#include "analysis/Statistics.h"
#include "core/Error.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <map>
#include <set>

using namespace plab;

namespace {

SweepSpec parseSpec(const QByteArray& json)
{
    return SweepSpec::parse(json, "spec.json", ".");
}

QString parseError(const QByteArray& json)
{
    try {
        parseSpec(json);
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return "no error";
}

struct Result {
    int exitCode;
    QString err;
    QString out;
};

Result runApp(const QStringList& args)
{
    QProcess p;
    p.start(PLAB_EXECUTABLE, args);
    if (!p.waitForFinished(300000))
        qFatal("plasticity-lab did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardError()),
            QString::fromUtf8(p.readAllStandardOutput())};
}

void writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Every finished run's summary.json, by folder.
std::map<QString, QByteArray> summaries(const QString& dir)
{
    std::map<QString, QByteArray> out;
    QDirIterator it(dir, {"summary.json"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        out[QFileInfo(path).dir().dirName()] = readFile(path);
    }
    return out;
}

// 2 axes × 10 seeds = 40 runs of a few hundred milliseconds each.
#ifdef PLAB_SANITIZED
const QByteArray twoAxisSpec = R"({"experiment": "em-mixture", "seconds": 100, "set": {"data": "synthetic"},
    "grid": {"learning_rate": [0.01, 0.02], "classes": [3, 4]}, "seeds": "1-10"})";
#else
const QByteArray twoAxisSpec = R"({"experiment": "em-mixture", "seconds": 400, "set": {"data": "synthetic"},
    "grid": {"learning_rate": [0.01, 0.02], "classes": [3, 4]}, "seeds": "1-10"})";
#endif

} // namespace

class TestSweep : public QObject {
    Q_OBJECT
private slots:
    void gridZipListAndSeedsExpand()
    {
        const SweepSpec s = parseSpec(R"({"experiment": "em-mixture", "set": {"data": "synthetic"},
            "list": [{"classes": 3, "image_side": 6}, {"classes": 4, "image_side": 8}],
            "grid": {"learning_rate": [0.01, 0.02, 0.05]},
            "zip": {"input_rate": [20, 40], "wta_rate": [50, 100]}, "seeds": "1-2,7"})");
        QCOMPARE(s.points.size(), std::size_t(2 * 3 * 2 * 3));
        QCOMPARE(s.axisNames, (std::vector<std::string>{"classes", "image_side", "learning_rate", "input_rate", "wta_rate"}));
        QCOMPARE(s.seeds, (std::vector<std::uint64_t>{1, 2, 7}));
        // Seeds vary fastest, then the zip, then the grid, then the list.
        QCOMPARE(s.points[0].folder, std::string("classes=3,image_side=6,learning_rate=0.01,input_rate=20,wta_rate=50,seed=1"));
        QCOMPARE(s.points[2].seed, std::uint64_t(7));
        QCOMPARE(s.points[3].group, std::string("classes=3,image_side=6,learning_rate=0.01,input_rate=40,wta_rate=100"));
        QCOMPARE(s.points.back().group, std::string("classes=4,image_side=8,learning_rate=0.05,input_rate=40,wta_rate=100"));
        QCOMPARE(s.points[0].assignments,
                 (std::vector<std::string>{"data=synthetic", "classes=3", "image_side=6", "learning_rate=0.01",
                                           "input_rate=20", "wta_rate=50"}));
        // Every folder is different.
        std::set<std::string> folders;
        for (const auto& p : s.points)
            folders.insert(p.folder);
        QCOMPARE(folders.size(), s.points.size());
        // The same spec gives the same sweep.json, byte for byte.
        QCOMPARE(s.sweepJson(), parseSpec(R"({"experiment": "em-mixture", "set": {"data": "synthetic"},
            "list": [{"classes": 3, "image_side": 6}, {"classes": 4, "image_side": 8}],
            "grid": {"learning_rate": [0.01, 0.02, 0.05]},
            "zip": {"input_rate": [20, 40], "wta_rate": [50, 100]}, "seeds": "1-2,7"})").sweepJson());
    }

    void withoutAxesOnePointPerSeed()
    {
        const SweepSpec s = parseSpec(R"({"experiment": "bayesnet", "seeds": [3, 1]})");
        QCOMPARE(s.points.size(), std::size_t(2));
        QCOMPARE(s.points[0].folder, std::string("seed=3"));
        QCOMPARE(s.points[0].group, std::string("all"));
        QVERIFY(!s.seconds);
    }

    void valuesAlikeAsNamesStayApart()
    {
        // "a/b" and "a_b" make the same folder-safe text; they stay two points all the same.
        const SweepSpec s = parseSpec(R"({"experiment": "bayesnet", "grid": {"network": ["a/b", "a_b"]}, "seeds": [1, 2]})");
        QCOMPARE(s.points[0].group, std::string("network=a_b"));
        QCOMPARE(s.points[2].group, std::string("network=a_b,point=2"));
        QCOMPARE(s.points[3].folder, std::string("network=a_b,point=2,seed=2"));
    }

    void commandTemplateTakesAnAxis()
    {
        const SweepSpec s = parseSpec(R"({"experiment": "em-mixture", "grid": {"lesion_at": [10, 20]},
            "commands": ["{lesion_at} lesion neuron 1", "5 set learning_rate 0.01"]})");
        QCOMPARE(s.points.size(), std::size_t(2));
        QCOMPARE(s.points[1].commands, std::string("20 lesion neuron 1\n5 set learning_rate 0.01\n"));
        QVERIFY(s.points[1].assignments.empty());  // a placeholder, not a parameter
    }

    void malformedSpecsNameFileAndPlace_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("syntax") << QByteArray("{\"experiment\": \"em-mixture\",\n \"grid\": [}") << "spec.json:2:";
        QTest::newRow("no experiment") << QByteArray("{}") << "spec.json: experiment:";
        QTest::newRow("unknown experiment") << QByteArray(R"({"experiment": "nope"})") << "spec.json: experiment: unknown";
        QTest::newRow("unknown key") << QByteArray(R"({"experiment": "em-mixture", "grids": {}})") << "spec.json: grids: unknown key";
        QTest::newRow("unknown parameter")
            << QByteArray(R"({"experiment": "em-mixture", "grid": {"learnin_rate": [1]}})")
            << "spec.json: grid.learnin_rate[0]: 'learnin_rate' is neither a parameter";
        QTest::newRow("out of range")
            << QByteArray(R"({"experiment": "em-mixture", "grid": {"learning_rate": [0.01, 5]}})")
            << "spec.json: grid.learning_rate[1]:";
        QTest::newRow("bad set value")
            << QByteArray(R"({"experiment": "em-mixture", "set": {"data": "cifar"}})") << "spec.json: set.data:";
        QTest::newRow("empty grid list")
            << QByteArray(R"({"experiment": "em-mixture", "grid": {"learning_rate": []}})")
            << "spec.json: grid.learning_rate: needs a non-empty list";
        QTest::newRow("zip lengths")
            << QByteArray(R"({"experiment": "em-mixture", "zip": {"input_rate": [1, 2], "wta_rate": [50]}})")
            << "spec.json: zip.wta_rate: has 1 values";
        QTest::newRow("list keys")
            << QByteArray(R"({"experiment": "em-mixture", "list": [{"classes": 3}, {"image_side": 5}]})")
            << "spec.json: list[1]: has no 'classes'";
        QTest::newRow("seed range") << QByteArray(R"({"experiment": "em-mixture", "seeds": "5-1"})") << "spec.json: seeds:";
        QTest::newRow("seed too large") << QByteArray(R"({"experiment": "em-mixture", "seeds": "18446744073709551615"})")
                                        << "spec.json: seeds:";
        QTest::newRow("seed twice") << QByteArray(R"({"experiment": "em-mixture", "seeds": [1, 1]})") << "appears twice";
        QTest::newRow("seed fraction") << QByteArray(R"({"experiment": "em-mixture", "seeds": [1.5]})") << "spec.json: seeds[0]:";
        QTest::newRow("seconds") << QByteArray(R"({"experiment": "em-mixture", "seconds": -3})") << "spec.json: seconds:";
        QTest::newRow("twice") << QByteArray(R"({"experiment": "em-mixture", "set": {"classes": 3}, "grid": {"classes": [4]}})")
                               << "'classes' is given twice";
        QTest::newRow("placeholder without axis")
            << QByteArray(R"({"experiment": "em-mixture", "commands": ["{t} lesion neuron 1"]})")
            << "spec.json: commands: {t} is not an axis";
        QTest::newRow("bad command")
            << QByteArray(R"({"experiment": "em-mixture", "commands": ["10 explode neuron 1"]})")
            << "spec.json: commands:";
    }
    void malformedSpecsNameFileAndPlace()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const QString error = parseError(json);
        QVERIFY2(error.startsWith(message) || (!message.startsWith("spec.json") && error.contains(message)),
                 qPrintable(error));
    }

    void studentQuantileAndSpread()
    {
        // Published two-sided 95 % values of Student's t.
        QVERIFY(std::fabs(studentTQuantile(0.975, 1) - 12.706205) < 1e-5);
        QVERIFY(std::fabs(studentTQuantile(0.975, 2) - 4.302653) < 1e-5);
        QVERIFY(std::fabs(studentTQuantile(0.975, 9) - 2.262157) < 1e-5);
        QVERIFY(std::fabs(studentTQuantile(0.975, 19) - 2.093024) < 1e-5);
        QVERIFY(std::fabs(studentTQuantile(0.975, 1e6) - 1.959966) < 1e-5);
        QVERIFY(std::fabs(studentTQuantile(0.025, 9) + 2.262157) < 1e-5);
        const Spread s = spreadOf({1, 2, 3, 4});
        QCOMPARE(s.n, std::size_t(4));
        QCOMPARE(s.mean, 2.5);
        QVERIFY(std::fabs(s.sd - std::sqrt(5.0 / 3.0)) < 1e-12);
        const double half = 3.182446 * std::sqrt(5.0 / 3.0) / 2;  // t(0.975, 3) · sd / √4
        QVERIFY(std::fabs(s.ciHigh - (2.5 + half)) < 1e-5);
        QVERIFY(std::fabs(s.ciLow - (2.5 - half)) < 1e-5);
        QCOMPARE(s.min, 1.0);
        QCOMPARE(s.max, 4.0);
        const Spread one = spreadOf({7});
        QCOMPARE(one.sd, 0.0);
        QCOMPARE(one.ciLow, 7.0);
    }

    void interruptedSweepRunsOnlyTheMissingPoints()
    {
        QTemporaryDir tmp;
        const QString spec = tmp.filePath("two-axes.json"), dir = tmp.filePath("sweep");
        writeFile(spec, twoAxisSpec);

        QProcess sweep;
        sweep.start(PLAB_EXECUTABLE, {"sweep", spec, "--out", dir, "--jobs", "2"});
        QVERIFY(sweep.waitForStarted());
        QElapsedTimer clock;
        clock.start();
        while (summaries(dir).size() < 8 && clock.elapsed() < 120000 && sweep.state() == QProcess::Running)
            QTest::qWait(5);
        QCOMPARE(sweep.state(), QProcess::Running);
        ::kill(pid_t(sweep.processId()), SIGINT);
        QVERIFY(sweep.waitForFinished(60000));
        const QString firstErr = QString::fromUtf8(sweep.readAllStandardError());
        QCOMPARE(sweep.exitCode(), 130);
        QVERIFY2(firstErr.contains("interrupted"), qPrintable(firstErr));
        QVERIFY2(firstErr.contains("40 of 40 runs to go (0 finished before), 2 at a time"), qPrintable(firstErr));
        QVERIFY2(firstErr.contains("/40 done"), qPrintable(firstErr));  // progress: done/total

        const auto before = summaries(dir);
        const std::size_t finished = before.size();
        QVERIFY2(finished >= 8 && finished < 40, qPrintable(QString::number(finished)));
        for (const auto& [folder, text] : before)  // a run stopped half-way left no summary.json
            QVERIFY2(text.contains("\"complete\": true"), qPrintable(folder));

        const Result again = runApp({"sweep", spec, "--out", dir, "--jobs", "2"});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.err.contains(QString("%1 of 40 runs to go (%2 finished before)").arg(40 - finished).arg(finished)),
                 qPrintable(again.err));
        QVERIFY2(again.err.contains("took"), qPrintable(again.err));
        const auto after = summaries(dir);
        QCOMPARE(after.size(), std::size_t(40));
        for (const auto& [folder, text] : before)  // the finished ones were not run again (their wall time stays)
            QCOMPARE(after.at(folder), text);

        // A third time: nothing to do. --print-jobs prints nothing to do either.
        QVERIFY(runApp({"sweep", spec, "--out", dir}).err.contains("all 40 runs are finished already"));
        QCOMPARE(runApp({"sweep", spec, "--out", dir, "--print-jobs"}).out, QString());

        // Collect: 40 runs, the statistics over the 10 seeds of each of the 4 points.
        const Result collect = runApp({"collect", dir});
        QCOMPARE(collect.exitCode, 0);
        const SweepResults results = SweepResults::load(dir.toStdString());
        QCOMPARE(results.runs().size(), std::size_t(40));
        QCOMPARE(results.groups().size(), std::size_t(4));
        const auto bands = results.bands("nmi");
        QCOMPARE(bands.size(), std::size_t(4));
        for (const SweepBand& band : bands) {
            QCOMPARE(band.runs.size(), std::size_t(10));
            QCOMPARE(band.spread.back().n, std::size_t(10));
            // The last row's mean is the mean of the ten runs' last nmi.
            double sum = 0;
            for (const SweepRun* run : band.runs) {
                const auto c = std::find(run->metrics.begin(), run->metrics.end(), "nmi") - run->metrics.begin();
                sum += std::stod(run->values.back()[std::size_t(c)]);
            }
            QVERIFY(std::fabs(band.spread.back().mean - sum / 10) < 1e-12);
            QVERIFY(band.spread.back().ciLow < band.spread.back().mean);
        }
        const QByteArray runsCsv = readFile(dir + "/collected/runs.csv");
        QVERIFY(runsCsv.startsWith("point,classes,learning_rate,seed,t,metric,value\n"));
        QVERIFY(runsCsv.contains("\n\"classes=3,learning_rate=0.01\",3,0.01,1,5,nmi,"));
        const QByteArray summaryCsv = readFile(dir + "/collected/summary.csv");
        QVERIFY(summaryCsv.startsWith("point,classes,learning_rate,t,metric,n,mean,sd,ci95_low,ci95_high,min,max\n"));
        QVERIFY(summaryCsv.contains(",final,nmi,10,"));
        QVERIFY(QFileInfo(dir + "/collected/figures/nmi.png").size() > 10000);
        QVERIFY(readFile(dir + "/collected/figures/nmi.svg").contains("<svg"));
    }

    void doseResponseAgainstTheFractionLesioned()
    {
        // em-mixture's four neurons, lesioned at 100 s by number drawn or strongest first: nmi
        // against the fraction removed, a line per kind, the band over three seeds.
        QTemporaryDir tmp;
        const QString spec = tmp.filePath("dose.json"), dir = tmp.filePath("sweep");
        writeFile(spec, R"({"experiment": "em-mixture", "seconds": 200,
                            "grid": {"kind": ["random", "strongest"], "fraction": [0, 0.25, 0.5, 0.75]},
                            "commands": ["100 lesion neurons {kind} {fraction}"], "seeds": "1-3"})");
        QCOMPARE(runApp({"sweep", spec, "--out", dir, "--quiet"}).exitCode, 0);
        const Result collect = runApp({"collect", dir});
        QVERIFY2(collect.exitCode == 0, qPrintable(collect.err));
        QVERIFY(QFileInfo(dir + "/collected/figures/against-fraction/lesion1_relative_after.png").size() > 10000);
        QVERIFY(readFile(dir + "/collected/figures/against-fraction/nmi.svg").contains("<svg"));

        const SweepResults results = SweepResults::load(dir.toStdString());
        QCOMPARE(doseAxes(results), std::vector<std::string>{"fraction"});  // "kind" is text
        const SweepFigure f = doseResponseFigure(results, "fraction", "nmi");
        QCOMPARE(f.xLabel, QString("fraction"));
        QCOMPARE(f.points.size(), std::size_t(2));
        QCOMPARE(f.points[0].name, QString("kind=random"));
        for (const auto& line : f.points) {
            QCOMPARE(line.t, (std::vector<double>{0, 0.25, 0.5, 0.75}));
            QCOMPARE(line.runs.size(), std::size_t(3));
            // The mean at each fraction is the mean of the three seeds' final nmi.
            for (std::size_t i = 0; i < line.t.size(); ++i) {
                double sum = 0;
                for (const auto& run : line.runs)
                    sum += run.v[i];
                QVERIFY(std::fabs(line.mean[i] - sum / 3) < 1e-12);
                QVERIFY(line.low[i] <= line.mean[i] && line.mean[i] <= line.high[i]);
            }
            // Three of four neurons gone: the circuit can no longer tell four clusters apart.
            QVERIFY2(line.mean[3] < line.mean[0] - 0.2, qPrintable(QString("%1 -> %2").arg(line.mean[0]).arg(line.mean[3])));
        }
    }

    void flatMetricsAreDrawn()
    {
        // reward's temperature is 0.1 in every run; its mean over seeds may differ from 0.1 in the
        // last bit, which once made the axis ticks loop until the memory ran out.
        QTemporaryDir tmp;
        const QString spec = tmp.filePath("s.json"), dir = tmp.filePath("sweep");
        writeFile(spec, R"({"experiment": "reward", "seconds": 30, "seeds": "1-20"})");
        QCOMPARE(runApp({"sweep", spec, "--out", dir, "--quiet"}).exitCode, 0);
        const Result collect = runApp({"collect", dir});
        QVERIFY2(collect.exitCode == 0, qPrintable(collect.err));
        QVERIFY(QFileInfo(dir + "/collected/figures/temperature.png").size() > 10000);
        QVERIFY(QFileInfo(dir + "/collected/figures/task_switched.svg").size() > 1000);
    }

    void twoSweepsOnOneFolderShareTheWork()
    {
        // A resubmitted array or a second terminal: each point is run by one of them only.
        QTemporaryDir tmp;
        const QString spec = tmp.filePath("s.json"), dir = tmp.filePath("sweep");
        writeFile(spec, R"({"experiment": "em-mixture", "seconds": 200, "grid": {"learning_rate": [0.01, 0.02]},
                           "seeds": "1-6"})");
        QCOMPARE(runApp({"sweep", spec, "--out", dir, "--print-jobs"}).exitCode, 0);  // lays out the folder first
        QProcess a, b;
        a.start(PLAB_EXECUTABLE, {"sweep", spec, "--out", dir, "--jobs", "1"});
        b.start(PLAB_EXECUTABLE, {"sweep", spec, "--out", dir, "--jobs", "1"});
        QVERIFY(a.waitForFinished(300000) && b.waitForFinished(300000));
        QCOMPARE(a.exitCode(), 0);
        QCOMPARE(b.exitCode(), 0);
        QCOMPARE(summaries(dir).size(), std::size_t(12));
        const QByteArray aErr = a.readAllStandardError(), bErr = b.readAllStandardError();
        // Every run.json names the seed of its folder: no run was written over by another.
        for (const auto& [folder, text] : summaries(dir))
            QVERIFY2(text.contains(("\"seed\": " + folder.section("seed=", 1)).toUtf8()), qPrintable(folder));
        // Each ran its share: the runs each one counted as its own add up to the twelve.
        int ran = 0;
        for (QProcess* p : {&a, &b}) {
            const QString text = QString::fromUtf8(p == &a ? aErr : bErr);
            const auto here = QRegularExpression("(\\d+) runs done here").match(text);
            const auto all = QRegularExpression("12/12 done").match(text);
            ran += here.hasMatch() ? here.captured(1).toInt() : (all.hasMatch() ? 12 : 0);
        }
        QVERIFY2(ran == 12, qPrintable(QString("%1 runs; %2 / %3").arg(ran).arg(QString::fromUtf8(aErr), QString::fromUtf8(bErr))));
    }

    void printedJobsRunOnePointEach()
    {
        QTemporaryDir tmp;
        const QString spec = tmp.filePath("s.json"), dir = tmp.filePath("sweep");
        writeFile(spec, R"({"experiment": "em-mixture", "seconds": 20, "grid": {"learning_rate": [0.01, 0.02]},
                           "seeds": [1, 2]})");
        const Result jobs = runApp({"sweep", spec, "--out", dir, "--print-jobs"});
        QCOMPARE(jobs.exitCode, 0);
        const QStringList lines = jobs.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines[0].contains("--point 'learning_rate=0.01,seed=1'"), qPrintable(lines[0]));
        // Run the second printed job through a shell, as GNU parallel would.
        QProcess shell;
        shell.start("/bin/sh", {"-c", lines[1]});
        QVERIFY(shell.waitForFinished(60000));
        QCOMPARE(shell.exitCode(), 0);
        QCOMPARE(summaries(dir).size(), std::size_t(1));
        QVERIFY(summaries(dir).count("learning_rate=0.01,seed=2"));
        QCOMPARE(runApp({"sweep", spec, "--out", dir, "--print-jobs"}).out.trimmed().split('\n').size(), 3);
        // A sweep folder holds one sweep.
        writeFile(spec, R"({"experiment": "em-mixture", "seconds": 20, "seeds": [1]})");
        const Result other = runApp({"sweep", spec, "--out", dir});
        QCOMPARE(other.exitCode, 2);
        QVERIFY2(other.err.contains("holds another sweep"), qPrintable(other.err));
        const Result notSweep = runApp({"collect", tmp.path()});
        QCOMPARE(notSweep.exitCode, 2);
        QVERIFY2(notSweep.err.contains("not a sweep folder"), qPrintable(notSweep.err));
        const Result badPoint = runApp({"sweep", tmp.filePath("missing.json")});
        QCOMPARE(badPoint.exitCode, 2);
    }

    void failedPointIsReportedAndRerun()
    {
        // The spec checks ranges; a text the experiment refuses only when it is built (an MNIST
        // digit list) fails that point's run: the sweep names it with the run's own error, exits
        // 1, finishes the others, and the same command tries the failed one again.
        QTemporaryDir tmp;
        const QString spec = tmp.filePath("s.json"), dir = tmp.filePath("sweep");
        writeFile(spec, R"({"experiment": "em-mixture", "seconds": 2, "set": {"data": "mnist"},
                           "grid": {"digits": ["0-1", "x"]}})");
        const Result r = runApp({"sweep", spec, "--out", dir, "--jobs", "2"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("digits=x,seed=1 failed (exit 2): plasticity-lab: parameter 'digits'"), qPrintable(r.err));
        QVERIFY2(r.err.contains("1/2 done, 1 failed"), qPrintable(r.err));
        QCOMPARE(summaries(dir).size(), std::size_t(1));
        const Result again = runApp({"sweep", spec, "--out", dir, "--jobs", "2"});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("1 of 2 runs to go (1 finished before)"), qPrintable(again.err));
    }
};

QTEST_MAIN(TestSweep)
#include "tst_sweep.moc"
