// The command-line contract (spec §3), exercised on the real executable.
#include <QtTest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

namespace {

struct Result {
    int exitCode;
    QString out;
    QString err;
};

Result runApp(const QStringList& args, const QString& cwd = {})
{
    QProcess p;
    if (!cwd.isEmpty())
        p.setWorkingDirectory(cwd);
    p.start(PLAB_EXECUTABLE, args);
    if (!p.waitForFinished(120000))
        qFatal("plasticity-lab did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

void writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT
private slots:
    void listsExperiments()
    {
        const auto r = runApp({"list"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("em-mixture\t"));
        QVERIFY(r.out.contains("\nbayesnet\t"));
    }

    void helpExplainsUsage()
    {
        const auto r = runApp({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("plasticity-lab run EXPERIMENT"));
        const auto p = runApp({"run", "em-mixture", "--help"});
        QCOMPARE(p.exitCode, 0);
        QVERIFY(p.out.contains("learning_rate"));
        QVERIFY2(p.out.contains("POP: hidden (4) preferring 1, 2, 3, 4"), qPrintable(p.out));
        // Every lesion kind is listed, for every spiking experiment.
        for (const char* experiment : {"em-mixture", "bayesnet", "synaptic-sampling", "self-repair", "reward"}) {
            const auto h = runApp({"run", experiment, "--help"});
            for (const char* kind : {"lesion neurons [POP] SELECTION", "random FRACTION | strongest FRACTION | weakest",
                                     "preferring VALUE", "silence neurons", "restore neurons",
                                     "lesion synapses [PATHWAY] random|strongest|weakest FRACTION",
                                     "lesion weights [PATHWAY] noise SD", "lesion weights [PATHWAY] scale FACTOR"})
                QVERIFY2(h.out.contains(kind), qPrintable(QString(experiment) + ": " + kind));
        }
        // The help describes the experiment as --set makes it: MNIST has ten neurons.
        const auto m = runApp({"run", "em-mixture", "--set", "data=mnist", "--help"});
        QCOMPARE(m.exitCode, 0);
        QVERIFY2(m.out.contains("POP: hidden (10) preferring 0, 1, 2, 3, 4)"), qPrintable(m.out));
        QVERIFY(m.out.contains("data = mnist"));
        const auto bad = runApp({"run", "em-mixture", "--set", "data=cifar", "--help"});
        QCOMPARE(bad.exitCode, 2);
    }

    void runWritesSummaryAndMetrics()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("run");
        const auto r = runApp({"run", "em-mixture", "--seconds", "20", "--seed", "3", "--out", out, "--set",
                               "record_interval=2", "--quiet"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        const auto s = readJson(out + "/summary.json");
        QCOMPARE(s["experiment"].toString(), QString("em-mixture"));
        QCOMPARE(s["seed"].toInt(), 3);
        QCOMPARE(s["sim_seconds"].toDouble(), 20.0);
        QVERIFY(s["wall_seconds"].toDouble() >= 0);
        QCOMPARE(s["parameters"].toObject()["record_interval"].toDouble(), 2.0);
        const auto m = s["metrics"].toObject();
        for (const char* key : {"equilibrium_error", "nmi", "cond_entropy"})
            QVERIFY2(m[key].isDouble(), key);
        QFile csv(out + "/metrics.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const auto lines = QString::fromUtf8(csv.readAll()).trimmed().split('\n');
        QVERIFY(lines[0].startsWith("t,equilibrium_error,"));
        QCOMPARE(lines.size(), 11);  // header + 20 s / 2 s
        QVERIFY(lines.last().startsWith("20,"));
    }

    void sameSeedGivesIdenticalMetrics()
    {
        QTemporaryDir dir;
        const QStringList base = {"run", "em-mixture", "--seconds", "30", "--seed", "5", "--quiet", "--out"};
        QCOMPARE(runApp(base + QStringList{dir.filePath("a")}).exitCode, 0);
        QCOMPARE(runApp(base + QStringList{dir.filePath("b")}).exitCode, 0);
        const auto a = readJson(dir.filePath("a/summary.json"));
        const auto b = readJson(dir.filePath("b/summary.json"));
        QVERIFY(!a["metrics"].toObject().isEmpty());
        QCOMPARE(QJsonDocument(a["metrics"].toObject()).toJson(), QJsonDocument(b["metrics"].toObject()).toJson());
        QFile fa(dir.filePath("a/metrics.csv")), fb(dir.filePath("b/metrics.csv"));
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        QCOMPARE(fa.readAll(), fb.readAll());
    }

    void commandsFileIsApplied()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("cmds.txt"), "# freeze learning after 5 s\n5 set learning_rate 0\n");
        const auto r = runApp({"run", "em-mixture", "--seconds", "10", "--quiet", "--set", "record_interval=1",
                               "--commands", dir.filePath("cmds.txt"), "--out", dir.filePath("o")});
        QCOMPARE(r.exitCode, 0);
        QFile csv(dir.filePath("o/metrics.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const auto lines = QString::fromUtf8(csv.readAll()).trimmed().split('\n');
        // learning_rate is the last column: non-zero before 5 s, zero after.
        QVERIFY(lines[4].split(',').last().toDouble() > 0);
        QCOMPARE(lines[6].split(',').last().toDouble(), 0.0);
    }

    void badInputExitsWithStatus2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown experiment") << QStringList{"run", "no-such"} << "unknown experiment 'no-such'";
        QTest::newRow("unknown --set key") << QStringList{"run", "em-mixture", "--set", "bogus=1"}
                                           << "--set bogus=1: unknown parameter 'bogus'";
        QTest::newRow("value out of range") << QStringList{"run", "em-mixture", "--set", "wta_rate=-5"}
                                            << "outside its range";
        QTest::newRow("bad choice") << QStringList{"run", "em-mixture", "--set", "data=cifar"} << "must be one of";
        QTest::newRow("bad seconds") << QStringList{"run", "em-mixture", "--seconds", "abc"} << "needs a number";
        QTest::newRow("negative seconds") << QStringList{"run", "em-mixture", "--seconds", "-1"} << "must be positive";
        QTest::newRow("bad seed") << QStringList{"run", "em-mixture", "--seed", "-3"} << "non-negative whole number";
        QTest::newRow("unknown option") << QStringList{"run", "em-mixture", "--fast"} << "unknown option '--fast'";
        QTest::newRow("missing commands file") << QStringList{"run", "em-mixture", "--commands", "/nonexistent/c.txt"}
                                               << "/nonexistent/c.txt: cannot open";
        QTest::newRow("bad digits") << QStringList{"run", "em-mixture", "--set", "data=mnist", "--set", "digits=x"}
                                    << "parameter 'digits'";
    }
    void badInputExitsWithStatus2()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const auto r = runApp(args + QStringList{"--out", dir.filePath("o")}, dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);  // one line
        QVERIFY(!QFileInfo::exists(dir.filePath("o")));  // nothing half-written
    }

    void malformedCommandsFileNamesFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("no time") << QByteArray("1 set learning_rate 0.01\nset wta_rate 50\n")
                                 << ":2: a command line starts with its time";
        QTest::newRow("unknown verb") << QByteArray("\n\n3 explode\n") << ":3: unknown command 'explode'";
        QTest::newRow("unknown parameter") << QByteArray("1 set nonsense 3\n") << ":1: unknown parameter 'nonsense'";
        QTest::newRow("not live") << QByteArray("1 set classes 3\n") << ":1: parameter 'classes' cannot change";
        QTest::newRow("bad value") << QByteArray("1 set learning_rate much\n") << ":1: parameter 'learning_rate' needs a number";
        QTest::newRow("bad lesion") << QByteArray("1 lesion neuron 99\n") << ":1: lesion neuron: K must be";
    }
    void malformedCommandsFileNamesFileAndLine()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString file = dir.filePath("cmds.txt");
        writeFile(file, content);
        const auto r = runApp({"run", "em-mixture", "--seconds", "5", "--commands", file, "--out", dir.filePath("o")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(file + message), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(dir.filePath("o")));
    }

    void bayesnetWritesVariablesMarginalsAndJoint()
    {
        QTemporaryDir dir;
        const auto r = runApp({"run", "bayesnet", "--seconds", "20", "--set", "learning_seconds=10", "--evidence",
                               "Z3=1", "--quiet", "--out", dir.filePath("o")});
        QCOMPARE(r.exitCode, 0);
        const auto s = readJson(dir.filePath("o/summary.json"));
        QCOMPARE(s["metrics"].toObject()["kl_module"].toArray().size(), 4);
        QCOMPARE(s["variables"].toArray().size(), 4);
        QCOMPARE(s["variables"].toArray()[0].toObject()["name"].toString(), QString("Z1"));
        QCOMPARE(s["marginals"].toArray().size(), 4);
        QCOMPARE(s["joint"].toArray().size(), 16);
        QCOMPARE(s["evidence"].toObject()["Z3"].toString(), QString("1"));
        double total = 0;
        for (const auto& p : s["joint"].toArray())
            total += p.toDouble();
        QVERIFY(std::fabs(total - 1.0) < 1e-9);
        QFile csv(dir.filePath("o/metrics.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(csv.readLine().startsWith("t,kl_Z1,kl_Z2,kl_Z3,kl_Z4,"));
    }

    void malformedNetworkFileExitsWithStatus2()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("bad.bif");
        writeFile(file, "variable A {\n  type discrete [ 2 ] { x, y };\n}\nprobability ( A ) {\n  table 0.5, 0.6;\n}\n");
        const auto r = runApp({"run", "bayesnet", "--network", file, "--out", dir.filePath("o")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(file + ":5: row 1 of the table of 'A' sums to 1.1, not 1"), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(dir.filePath("o")));
        const auto e = runApp({"run", "bayesnet", "--evidence", "Z9=1", "--out", dir.filePath("o")});
        QCOMPARE(e.exitCode, 2);
        QVERIFY2(e.err.contains("'Z9', which is not a variable"), qPrintable(e.err));
    }

    void replayRepeatsARunBitForBit()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("cmds.txt"), "4 set learning_rate 0.02\n7.5 set learning_rate 0\n");
        QCOMPARE(runApp({"run", "em-mixture", "--seconds", "10", "--seed", "9", "--set", "record_interval=1", "--set",
                         "learning_rate=0.3", "--commands", dir.filePath("cmds.txt"), "--quiet", "--out",
                         dir.filePath("a")})
                     .exitCode,
                 0);
        const auto run = readJson(dir.filePath("a/run.json"));
        QCOMPARE(run["format"].toString(), QString("plasticity-lab run"));
        QCOMPARE(run["seed"].toInt(), 9);
        QCOMPARE(run["sim_seconds"].toDouble(), 10.0);
        QCOMPARE(run["parameters"].toObject()["learning_rate"].toDouble(), 0.3);
        QCOMPARE(run["commands"].toArray().size(), 2);
        QCOMPARE(run["commands"].toArray()[1].toString(), QString("7.5 set learning_rate 0"));

        const auto r = runApp({"run", "--replay", dir.filePath("a/run.json"), "--quiet", "--out", dir.filePath("b")});
        QCOMPARE(r.exitCode, 0);
        QFile fa(dir.filePath("a/metrics.csv")), fb(dir.filePath("b/metrics.csv"));
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        const QByteArray csv = fa.readAll();
        QCOMPARE(csv.count('\n'), 11);
        QCOMPARE(fb.readAll(), csv);
        QCOMPARE(readJson(dir.filePath("b/summary.json"))["metrics"], readJson(dir.filePath("a/summary.json"))["metrics"]);
        QCOMPARE(readJson(dir.filePath("b/run.json")), run);

        // --seconds overrides the saved duration; the commands still apply.
        QCOMPARE(runApp({"run", "em-mixture", "--replay", dir.filePath("a/run.json"), "--seconds", "12", "--quiet",
                         "--out", dir.filePath("c")})
                     .exitCode,
                 0);
        QCOMPARE(readJson(dir.filePath("c/summary.json"))["sim_seconds"].toDouble(), 12.0);
        QCOMPARE(readJson(dir.filePath("c/run.json"))["commands"], run["commands"]);
    }

    void runFileKeepsNumbersAndLargeSeedsExactly()
    {
        QTemporaryDir dir;
        // 0.1 + 0.2 is not 0.3: a replay must see the very same double, and a 64-bit seed
        // beyond 2^53 travels as a string.
        writeFile(dir.filePath("in.json"), R"({"format": "plasticity-lab run", "version": 1, "experiment": "em-mixture",
            "seed": "18446744073709551615", "sim_seconds": 2,
            "parameters": {"learning_rate": 0.30000000000000004, "data": "synthetic"},
            "commands": ["1 set wta_rate 50"]})");
        const auto r = runApp({"run", "--replay", dir.filePath("in.json"), "--quiet", "--out", dir.filePath("o")});
        QCOMPARE(r.exitCode, 0);
        QFile f(dir.filePath("o/run.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY2(text.contains("\"learning_rate\": 0.30000000000000004"), text.constData());
        QVERIFY2(text.contains("\"seed\": \"18446744073709551615\""), text.constData());
        QVERIFY(readJson(dir.filePath("o/summary.json"))["parameters"].toObject()["learning_rate"].toDouble()
                == 0.1 + 0.2);
        QVERIFY(text.contains("\"1 set wta_rate 50\""));
    }

    void oldRunFilesReplayAsTheyRan()
    {
        // A version-1 run file was written before bayesnet's learning_rate_mode existed: its
        // runs used the decaying rate, so leaving the parameter out means that; version 2 files
        // were written with the counting rate but before the tuned start and the learning
        // length per network (300 s). In version 3 a parameter left out has its default.
        QTemporaryDir dir;
        // A run file of that version naming no parameter, replayed into DIR/OUT+VERSION.
        const auto replayWithNoParameters = [&](const char* experiment, const char* version, const char* out) {
            const QString file = dir.filePath(QString("%1-%2.json").arg(out, version));
            writeFile(file, QByteArray(R"({"format": "plasticity-lab run", "version": )") + version
                                + R"(, "experiment": ")" + experiment + R"(", "seed": 1, "sim_seconds": 1, "parameters": {}})");
            return runApp({"run", "--replay", file, "--quiet", "--out", dir.filePath(QString(out) + version)}).exitCode;
        };
        for (const char* version : {"1", "2", "3"})
            QCOMPARE(replayWithNoParameters("bayesnet", version, "o"), 0);
        QCOMPARE(readJson(dir.filePath("o1/run.json"))["parameters"].toObject()["learning_rate_mode"].toString(),
                 QString("decaying"));
        const auto parameters = [&](const char* out) { return readJson(dir.filePath(out))["parameters"].toObject(); };
        QCOMPARE(parameters("o1/run.json")["hidden_start"].toString(), QString("random"));
        QCOMPARE(parameters("o1/run.json")["learning_seconds"].toDouble(), 300.0);
        QCOMPARE(parameters("o2/run.json")["learning_rate_mode"].toString(), QString("counting"));
        QCOMPARE(parameters("o2/run.json")["hidden_start"].toString(), QString("random"));
        QCOMPARE(parameters("o2/run.json")["learning_seconds"].toDouble(), 300.0);
        QCOMPARE(parameters("o3/run.json")["learning_rate_mode"].toString(), QString("counting"));
        QCOMPARE(parameters("o3/run.json")["hidden_start"].toString(), QString("configurations"));
        QCOMPARE(parameters("o3/run.json")["learning_seconds"].toDouble(), 0.0);
        QCOMPARE(readJson(dir.filePath("o3/run.json"))["version"].toInt(), 7);
        // Version 4: self-repair's trajectory of the existing connections; before, θ as stored.
        for (const char* version : {"3", "4"})
            QCOMPARE(replayWithNoParameters("self-repair", version, "p"), 0);
        QCOMPARE(parameters("p3/run.json")["pca_space"].toString(), QString("theta-raw"));
        QCOMPARE(parameters("p4/run.json")["pca_space"].toString(), QString("existing"));
        // Version 5: em-mixture's counting rate; before, the decaying one.
        for (const char* version : {"4", "5"})
            QCOMPARE(replayWithNoParameters("em-mixture", version, "q"), 0);
        QCOMPARE(parameters("q4/run.json")["learning_rate_mode"].toString(), QString("decaying"));
        QCOMPARE(parameters("q5/run.json")["learning_rate_mode"].toString(), QString("counting"));
        // Version 6: bayesnet's deterministic families sampled jointly; before, a module per variable.
        for (const char* version : {"5", "6"})
            QCOMPARE(replayWithNoParameters("bayesnet", version, "r"), 0);
        QCOMPARE(parameters("r5/run.json")["families"].toString(), QString("separate"));
        QCOMPARE(parameters("r6/run.json")["families"].toString(), QString("joint"));
        // Version 7: bayesnet's 32 modes, its biases' own clip and 300 examples per configuration.
        QCOMPARE(replayWithNoParameters("bayesnet", "7", "r"), 0);
        QCOMPARE(parameters("r6/run.json")["max_modes"].toDouble(), 16.0);
        QCOMPARE(parameters("r6/run.json")["b_min"].toDouble(), -10.0);
        QCOMPARE(parameters("r6/run.json")["examples_per_configuration"].toDouble(), 200.0);
        QCOMPARE(parameters("r7/run.json")["max_modes"].toDouble(), 32.0);
        QCOMPARE(parameters("r7/run.json")["b_min"].toDouble(), -16.0);
        QCOMPARE(parameters("r7/run.json")["examples_per_configuration"].toDouble(), 300.0);
        // Before version 7 the biases were clipped at w_min: a file that moved w_min moved both.
        const QString lowered = dir.filePath("w_min-6.json");
        writeFile(lowered, R"({"format": "plasticity-lab run", "version": 6, "experiment": "bayesnet", "seed": 1,
                              "sim_seconds": 1, "parameters": {"w_min": -20}})");
        QCOMPARE(runApp({"run", "--replay", lowered, "--quiet", "--out", dir.filePath("s6")}).exitCode, 0);
        QCOMPARE(parameters("s6/run.json")["b_min"].toDouble(), -20.0);
    }

    void runFileSkipsCommandsTheExperimentSchedules()
    {
        // self-repair schedules its own lesions from lesion1_at / lesion2_at; run.json lists
        // only the user's commands, or a replay would lesion twice.
        QTemporaryDir dir;
        writeFile(dir.filePath("cmds.txt"), "1.5 set temperature 0.5\n");
        QCOMPARE(runApp({"run", "self-repair", "--seconds", "3", "--set", "lesion1_at=1", "--set", "lesion2_at=2",
                         "--commands", dir.filePath("cmds.txt"), "--quiet", "--out", dir.filePath("a")})
                     .exitCode,
                 0);
        const auto run = readJson(dir.filePath("a/run.json"));
        QCOMPARE(run["commands"].toArray(), QJsonArray{"1.5 set temperature 0.5"});
        QCOMPARE(runApp({"run", "--replay", dir.filePath("a/run.json"), "--quiet", "--out", dir.filePath("b")}).exitCode,
                 0);
        QFile fa(dir.filePath("a/metrics.csv")), fb(dir.filePath("b/metrics.csv"));
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        QCOMPARE(fb.readAll(), fa.readAll());
    }

    void malformedRunFileExitsWithStatus2_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        const QByteArray head = R"({"format": "plasticity-lab run", "version": 1, "experiment": "em-mixture", )";
        QTest::newRow("empty") << QByteArray() << ": empty file";
        QTest::newRow("not json") << QByteArray("{\n  \"format\": \"plasticity-lab run\",\n  oops\n}")
                                  << ":3:";
        QTest::newRow("truncated") << (head + R"("seed": 1, "sim_seconds": 2, "param)") << ": not valid JSON";
        QTest::newRow("array") << QByteArray("[1, 2]") << ": a run file is a JSON object";
        QTest::newRow("other format") << QByteArray(R"({"format": "bif"})") << "\"format\" must be";
        QTest::newRow("newer version")
            << QByteArray(R"({"format": "plasticity-lab run", "version": 8, "experiment": "em-mixture"})")
            << "run file version 8 was written by a newer Plasticity Lab";
        QTest::newRow("unknown experiment")
            << QByteArray(R"({"format": "plasticity-lab run", "version": 1, "experiment": "tetris"})")
            << "unknown experiment 'tetris'";
        QTest::newRow("no seed") << (head + R"("sim_seconds": 2})") << "\"seed\" is missing";
        QTest::newRow("negative seed") << (head + R"("seed": -1, "sim_seconds": 2})") << "\"seed\" must be a whole number";
        QTest::newRow("fractional seed") << (head + R"("seed": 1.5, "sim_seconds": 2})") << "\"seed\" must be";
        QTest::newRow("bad seconds") << (head + R"("seed": 1, "sim_seconds": "long"})") << "\"sim_seconds\" must be";
        QTest::newRow("unknown parameter") << (head + R"("seed": 1, "sim_seconds": 2, "parameters": {"speed": 3}})")
                                           << "parameter 'speed'";
        QTest::newRow("out of range") << (head + R"("seed": 1, "sim_seconds": 2, "parameters": {"wta_rate": -4}})")
                                      << "parameter 'wta_rate'";
        QTest::newRow("parameter type") << (head + R"("seed": 1, "sim_seconds": 2, "parameters": {"c": [1]}})")
                                        << "parameter 'c' must be a number or a text";
        QTest::newRow("bad command")
            << (head + R"("seed": 1, "sim_seconds": 2, "commands": ["1 set learning_rate 0.1", "2 explode"]})")
            << ": commands[1]: unknown command 'explode'";
        QTest::newRow("command without time") << (head + R"("seed": 1, "sim_seconds": 2, "commands": ["set c 2"]})")
                                              << ": commands[0]:";
        QTest::newRow("commands not a list") << (head + R"("seed": 1, "sim_seconds": 2, "commands": "1 pause"})")
                                             << "\"commands\" must be a list";
    }
    void malformedRunFileExitsWithStatus2()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString file = dir.filePath("run.json");
        writeFile(file, content);
        const auto r = runApp({"run", "--replay", file, "--out", dir.filePath("o")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(file + ":") && r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY(!QFileInfo::exists(dir.filePath("o")));
    }

    void replayRefusesChangesToTheRun_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("seed") << QStringList{"--seed", "2"} << "--seed cannot change it";
        QTest::newRow("set") << QStringList{"--set", "c=2"} << "--set, --network and --evidence cannot change them";
        QTest::newRow("commands") << QStringList{"--commands", "x.txt"} << "--commands cannot add to them";
        QTest::newRow("other experiment") << QStringList{"bayesnet"} << "is a run of 'em-mixture', not of 'bayesnet'";
        QTest::newRow("missing file") << QStringList{} << "cannot open the run file";
    }
    void replayRefusesChangesToTheRun()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString file = dir.filePath("run.json");
        if (QString(QTest::currentDataTag()) != "missing file")
            writeFile(file, R"({"format": "plasticity-lab run", "version": 1, "experiment": "em-mixture", "seed": 1,
                               "sim_seconds": 1})");
        const auto r = runApp(QStringList{"run"} + args + QStringList{"--replay", file, "--out", dir.filePath("o")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void aForkWithoutALesionIsTheUnforkedRunBitForBit_data()
    {
        QTest::addColumn<QString>("experiment");
        QTest::addColumn<QString>("lesion");
        QTest::addColumn<QStringList>("settings");
        QTest::newRow("em-mixture") << "em-mixture" << "30 lesion neurons random 0.5" << QStringList{"record_interval=2"};
        QTest::newRow("self-repair") << "self-repair" << "30 lesion synapses zv-za strongest 0.5"
                                     << QStringList{"record_interval=10", "test_every=20", "lesion1_at=20"};
        QTest::newRow("reward") << "reward" << "30 silence neurons A all" << QStringList{"record_interval=5"};
    }
    void aForkWithoutALesionIsTheUnforkedRunBitForBit()
    {
        QFETCH(QString, experiment);
        QFETCH(QString, lesion);
        QFETCH(QStringList, settings);
        QTemporaryDir dir;
        writeFile(dir.filePath("common.txt"), "10 set learning_rate 0.01\n40 set learning_rate 0.005\n");
        writeFile(dir.filePath("nothing.txt"), "# no commands: the same run\n");
        writeFile(dir.filePath("lesioned.txt"), (lesion + "\n").toUtf8());
        QStringList common = {"--seconds", "60", "--commands", dir.filePath("common.txt"), "--quiet"};
        for (const QString& a : settings)
            common << "--set" << a;
        QCOMPARE(runApp(QStringList{"run", experiment, "--out", dir.filePath("straight")} + common).exitCode, 0);
        const auto r = runApp(QStringList{"run", experiment, "--out", dir.filePath("fork"), "--fork-at", "30", "--branch",
                                          dir.filePath("nothing.txt"), "--branch", dir.filePath("lesioned.txt")}
                              + common);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto read = [&](const QString& path) {
            QFile f(dir.filePath(path));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(missing " + path.toUtf8() + ")");
        };
        const QByteArray straight = read("straight/metrics.csv");
        QVERIFY(straight.count('\n') > 5);
        QCOMPARE(read("fork/intact/metrics.csv"), straight);
        QCOMPARE(read("fork/nothing/metrics.csv"), straight);
        // The summary too, but for the wall-clock figures.
        const auto metrics = [&](const QString& path) {
            return QJsonDocument::fromJson(read(path)).object().value("metrics").toObject();
        };
        QCOMPARE(metrics("fork/nothing/summary.json"), metrics("straight/summary.json"));
        // With a lesion the branches are the same run up to the fork, and part from it on. (The
        // principal components are fitted to the whole run, so they differ everywhere: left out.)
        const auto withoutPcs = [](const QByteArray& csv) {
            const QList<QByteArray> lines = csv.split('\n');
            const QList<QByteArray> header = lines[0].split(',');
            QList<QByteArray> out;
            for (const QByteArray& line : lines) {
                const QList<QByteArray> cells = line.split(',');
                QList<QByteArray> kept;
                for (int c = 0; c < cells.size(); ++c)
                    if (c >= header.size() || !header[c].startsWith("pc"))
                        kept << cells[c];
                out << kept.join(',');
            }
            return out;
        };
        const QList<QByteArray> a = withoutPcs(straight), b = withoutPcs(read("fork/lesioned/metrics.csv"));
        QCOMPARE(a.size(), b.size());
        int same = 0, differ = 0;
        for (int i = 1; i < a.size(); ++i) {
            if (a[i].isEmpty())
                continue;
            const double t = a[i].split(',')[0].toDouble();
            if (t <= 30)
                QVERIFY2(a[i] == b[i], qPrintable("t = " + QString::number(t) + " before the fork"));
            same += t <= 30;
            differ += t > 30 && a[i] != b[i];
        }
        QVERIFY(same > 0);
        QVERIFY2(differ > 0, "the lesion changed nothing after the fork");
        // Each branch's run.json replays that branch.
        QCOMPARE(runApp({"run", "--replay", dir.filePath("fork/lesioned/run.json"), "--quiet", "--out",
                         dir.filePath("replayed")})
                     .exitCode,
                 0);
        QCOMPARE(read("replayed/metrics.csv"), read("fork/lesioned/metrics.csv"));
        const QJsonObject fork = QJsonDocument::fromJson(read("fork/fork.json")).object();
        QCOMPARE(fork.value("fork_at").toDouble(), 30.0);
        QCOMPARE(fork.value("branches").toArray().size(), 3);
    }

    void forkErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("branch");
        QTest::addColumn<QString>("message");
        QTest::newRow("no branch") << QStringList{"--fork-at", "10"} << "" << "--fork-at needs at least one --branch";
        QTest::newRow("no fork") << QStringList{} << "20 lesion neurons 1\n" << "--branch needs --fork-at";
        QTest::newRow("before the fork") << QStringList{"--fork-at", "10"} << "5 lesion neurons 1\n"
                                         << "branch.txt:1: at t = 5 s, before the fork at 10 s";
        QTest::newRow("bad lesion") << QStringList{"--fork-at", "10"} << "20 lesion neurons 9\n" << "branch.txt:1:";
        QTest::newRow("after the end") << QStringList{"--fork-at", "100"} << "120 lesion neurons 1\n"
                                       << "the run ends at 20 s";
        QTest::newRow("with replay") << QStringList{"--fork-at", "10", "--replay", "x.json"} << "20 lesion neurons 1\n"
                                     << "does not go with --load-state, --replay";
    }
    void forkErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, branch);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QStringList all = {"run", "em-mixture", "--seconds", "20", "--quiet", "--out", dir.filePath("o")};
        if (!branch.isEmpty()) {
            writeFile(dir.filePath("branch.txt"), branch.toUtf8());
            all << "--branch" << dir.filePath("branch.txt");
        }
        const auto r = runApp(all + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void stateFilesContinueARunExactly()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("cmds.txt"), "5 set learning_rate 0.01\n30 lesion neuron 1\n");
        const QStringList common = {"--set", "record_interval=2", "--commands", dir.filePath("cmds.txt"), "--quiet"};
        QCOMPARE(runApp(QStringList{"run", "em-mixture", "--seconds", "40", "--out", dir.filePath("straight")} + common)
                     .exitCode,
                 0);
        QCOMPARE(runApp(QStringList{"run", "em-mixture", "--seconds", "20", "--out", dir.filePath("first"),
                                    "--save-state", dir.filePath("t20.state")}
                        + common)
                     .exitCode,
                 0);
        // Continue 20 s more with the same commands file: the entry at 5 s is in the past, the
        // one at 30 s is pending in the state; neither may apply twice.
        const auto r = runApp({"run", "--load-state", dir.filePath("t20.state"), "--seconds", "20", "--commands",
                               dir.filePath("cmds.txt"), "--quiet", "--out", dir.filePath("resumed")});
        QCOMPARE(r.exitCode, 0);
        QFile a(dir.filePath("straight/metrics.csv")), b(dir.filePath("resumed/metrics.csv"));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray straight = a.readAll();
        QCOMPARE(straight.count('\n'), 21);
        QCOMPARE(b.readAll(), straight);
        QCOMPARE(readJson(dir.filePath("resumed/summary.json"))["metrics"],
                 readJson(dir.filePath("straight/summary.json"))["metrics"]);
        QCOMPARE(readJson(dir.filePath("resumed/summary.json"))["sim_seconds"].toDouble(), 40.0);
        // run.json describes the whole run from t = 0: replaying it gives the same again.
        const auto run = readJson(dir.filePath("resumed/run.json"));
        QCOMPARE(run["commands"].toArray().size(), 2);
        QCOMPARE(run, readJson(dir.filePath("straight/run.json")));
    }

    void damagedStateFilesExitWithStatus2_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << "empty" << "empty file, not a state file";
        QTest::newRow("text") << "text" << "not a Plasticity Lab state file";
        QTest::newRow("truncated") << "truncated" << "truncated";
        QTest::newRow("bit flipped") << "flip" << "checksum mismatch";
        QTest::newRow("missing") << "missing" << "cannot open the state file";
    }
    void damagedStateFilesExitWithStatus2()
    {
        QFETCH(QString, damage);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString file = dir.filePath("s.state");
        QCOMPARE(runApp({"run", "em-mixture", "--seconds", "2", "--quiet", "--out", dir.filePath("a"), "--save-state",
                         file})
                     .exitCode,
                 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.readAll();
        f.close();
        if (damage == "empty")
            bytes.clear();
        else if (damage == "text")
            bytes = "t,equilibrium_error\n0,1\n";
        else if (damage == "truncated")
            bytes.truncate(bytes.size() * 2 / 3);
        else if (damage == "flip")
            bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x04);
        if (damage == "missing")
            QVERIFY(QFile::remove(file));
        else
            writeFile(file, bytes);
        const auto r = runApp({"run", "--load-state", file, "--seconds", "1", "--out", dir.filePath("b")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(file + ": ") && r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY(!QFileInfo::exists(dir.filePath("b")));
    }

    void killedDuringASaveLeavesThePreviousStateIntact()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("run.state");
        QCOMPARE(runApp({"run", "self-repair", "--seconds", "10", "--quiet", "--out", dir.filePath("a"),
                         "--save-state", file})
                     .exitCode,
                 0);
        QFile before(file);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray previous = before.readAll();
        before.close();
        // A second run stalls half-way through writing its state (fault injection) and is
        // killed there.
        QProcess child;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("PLASTICITY_LAB_TEST_WRITE_STALL", "run.state=30");
        child.setProcessEnvironment(env);
        child.start(PLAB_EXECUTABLE, {"run", "self-repair", "--seconds", "20", "--quiet", "--out", dir.filePath("b"),
                                      "--save-state", file});
        QVERIFY(child.waitForStarted());
        const QString temp = dir.filePath(".run.state.tmp-" + QString::number(child.processId()));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(temp).size() > 0, 60000);
        child.kill();
        QVERIFY(child.waitForFinished(10000));
        QVERIFY(child.exitStatus() == QProcess::CrashExit);
        QFile after(file);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QVERIFY(after.readAll() == previous);  // untouched
        const auto r = runApp({"run", "--load-state", file, "--seconds", "1", "--quiet", "--out", dir.filePath("c")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(readJson(dir.filePath("c/summary.json"))["sim_seconds"].toDouble(), 11.0);
    }

    void loadStateRefusesChangesToTheRun_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("seed") << QStringList{"--seed", "2"} << "--seed cannot change it";
        QTest::newRow("set") << QStringList{"--set", "c=2"} << "use a commands file";
        QTest::newRow("replay") << QStringList{"--replay", "r.json"} << "--load-state and --replay";
        QTest::newRow("other experiment") << QStringList{"bayesnet"} << "is a state of 'em-mixture', not of 'bayesnet'";
        QTest::newRow("past its duration") << QStringList{} << "say how much longer with --seconds";
    }
    void loadStateRefusesChangesToTheRun()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString file = dir.filePath("s.state");
        QCOMPARE(runApp({"run", "em-mixture", "--quiet", "--out", dir.filePath("a"), "--save-state", file}).exitCode, 0);
        const auto r = runApp(QStringList{"run"} + args + QStringList{"--load-state", file, "--out", dir.filePath("o")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void spikesAreExportedForATimeRange()
    {
        QTemporaryDir dir;
        const auto r = runApp({"run", "em-mixture", "--seconds", "3", "--spikes", "1:1.5", "--quiet", "--out",
                               dir.filePath("o")});
        QCOMPARE(r.exitCode, 0);
        QFile csv(dir.filePath("o/spikes.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const auto lines = QString::fromUtf8(csv.readAll()).trimmed().split('\n');
        QCOMPARE(lines[0], QString("t,neuron,group"));
        QVERIFY(lines.size() > 100);
        QSet<QString> groups;
        for (int k = 1; k < lines.size(); ++k) {
            const auto f = lines[k].split(',');
            QCOMPARE(f.size(), 3);
            const double t = f[0].toDouble();
            QVERIFY2(t >= 1.0 && t < 1.5, qPrintable(lines[k]));
            QVERIFY(f[1].toInt() >= 0 && f[1].toInt() < 128 + 4);
            groups.insert(f[2]);
        }
        QCOMPARE(groups, (QSet<QString>{"input", "z"}));
        // Spikes are not part of the dynamics: the metrics are those of a run without export.
        QCOMPARE(runApp({"run", "em-mixture", "--seconds", "3", "--quiet", "--out", dir.filePath("p")}).exitCode, 0);
        QCOMPARE(readJson(dir.filePath("o/summary.json"))["metrics"], readJson(dir.filePath("p/summary.json"))["metrics"]);
        for (const QString bad : {"2:1", "x:3", "5", "-1:2"}) {
            const auto e = runApp({"run", "em-mixture", "--spikes", bad, "--out", dir.filePath("q")});
            QCOMPARE(e.exitCode, 2);
            QVERIFY2(e.err.contains("--spikes needs FROM:TO"), qPrintable(e.err));
        }
    }

    void unknownGuiOptionIsAnError()
    {
        const auto r = runApp({"--bogus"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown option '--bogus'"));
        const auto replay = runApp({"--replay", "run.json", "--seed", "3"});
        QCOMPARE(replay.exitCode, 2);
        QVERIFY2(replay.err.contains("--replay takes experiment, parameters and seed from the run file"),
                 qPrintable(replay.err));
        // A broken run file is a one-line error before any window opens.
        const auto missing = runApp({"--replay", "/nonexistent/run.json"});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("/nonexistent/run.json: cannot open the run file"), qPrintable(missing.err));
    }

    void badGuiOptionsAreOneLineErrorsBeforeAnyWindow_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("theme") << QStringList{"--theme", "purple"} << "--theme must be light or dark";
        QTest::newRow("lesson step 0") << QStringList{"--lesson", "4-self-repair:0"} << "STEP counts from 1";
        QTest::newRow("lesson step too far") << QStringList{"--lesson", "4-self-repair:9"}
                                             << "--lesson 4-self-repair:9: the lesson has 6 steps";
        QTest::newRow("unknown lesson") << QStringList{"--lesson", "nope"}
                                        << "no lesson 'nope' (there are: 1-em-through-stdp, 2-bayesian-network";
        QTest::newRow("lesson and experiment") << QStringList{"--lesson", "4-self-repair", "--experiment", "reward"}
                                               << "--lesson starts its own runs";
        QTest::newRow("malformed lesson file") << QStringList{"--lesson", "LESSON"} << "step 1: unknown key \"run_untill\"";
        QTest::newRow("fork without branch") << QStringList{"--fork-at", "10"} << "--fork-at T and --branch FILE go together";
        QTest::newRow("fork after the shot") << QStringList{"--fork-at", "10", "--branch", "BRANCH", "--screenshot", "x.png",
                                                            "--after", "5"}
                                             << "--after must be later than --fork-at";
        QTest::newRow("branch before the fork") << QStringList{"--fork-at", "30", "--branch", "BRANCH"}
                                                << "b.txt:1: at t = 20 s, before the fork at 30 s";
        // Each parameter fine, together impossible: refused before a window, not in a dialog
        // that a --screenshot run would wait on.
        QTest::newRow("impossible evidence")
            << QStringList{"--experiment", "bayesnet", "--set", "network=chest-clinic", "--set", "evidence=tub=yes,either=no",
                           "--screenshot", "x.png", "--after", "5"}
            << "evidence tub=yes,either=no is impossible in chest-clinic (probability 0)";
    }
    void badGuiOptionsAreOneLineErrorsBeforeAnyWindow()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString lesson = dir.filePath("typo.json");
        writeFile(lesson, R"({"format": "plasticity-lab lesson", "version": 1, "title": "t",
                              "steps": [{"title": "a", "experiment": "reward", "run_untill": 5}]})");
        args.replaceInStrings("LESSON", lesson);
        writeFile(dir.filePath("b.txt"), "20 lesion neurons 1\n");
        args.replaceInStrings("BRANCH", dir.filePath("b.txt"));
        const auto r = runApp(args, dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_command_line.moc"
