// State files: stopping a run, saving its state, loading it and going on gives exactly what
// running straight through gives, for every experiment; damaged files are clear errors.
#include "core/Error.h"
#include "core/ExperimentRegistry.h"
#include "core/Simulation.h"
#include "experiments/BayesNetExperiment.h"
#include "io/StateArchive.h"
#include "io/RunOutput.h"
#include "io/StateFile.h"

#include <QRegularExpression>
#include <QtTest>
#include <algorithm>

using namespace plab;

namespace {

struct Case {
    const char* experiment;
    double half;  // s: save here, compare at twice this
    std::vector<std::string> assignments;
    std::vector<std::string> commands;
};

std::unique_ptr<Simulation> build(const Case& c, std::uint64_t seed)
{
    ParameterSet p = ExperimentRegistry::builtin().defaults(c.experiment);
    for (const auto& a : c.assignments)
        p.setAssignment(a);
    auto sim = std::make_unique<Simulation>(ExperimentRegistry::builtin().create(c.experiment, p, seed));
    for (const auto& line : c.commands)
        sim->schedule(Command::fromLine(line));
    return sim;
}

/// What a run leaves behind, without the wall time and without the figures named in `leaveOut`
/// (series columns and summary metrics).
std::string results(Simulation& sim, const std::vector<std::string>& leaveOut = {})
{
    const auto kept = [&](const std::string& name) {
        return std::find(leaveOut.begin(), leaveOut.end(), name) == leaveOut.end();
    };
    MetricSeries series = sim.finalSeries();
    for (std::size_t c = series.names.size(); c-- > 0;)
        if (!kept(series.names[c])) {
            series.names.erase(series.names.begin() + std::ptrdiff_t(c));
            for (auto& row : series.rows)
                row.erase(row.begin() + std::ptrdiff_t(c));
        }
    RunRecord r;
    r.experiment = &sim.experiment();
    r.simSeconds = sim.time();
    r.series = &series;
    for (auto& m : sim.experiment().summary())
        if (kept(m.first))
            r.metrics.push_back(m);
    return metricsCsv(series) + "\n" + summaryJson(r);
}

bool sameResults(Simulation& a, Simulation& b, const std::vector<std::string>& leaveOut = {})
{
    return results(a, leaveOut) == results(b, leaveOut);
}

/// The same figures to a relative `tolerance`: the texts agree but for numbers that differ by
/// no more than that.
bool closeResults(Simulation& a, Simulation& b, double tolerance, const std::vector<std::string>& leaveOut = {})
{
    const std::string x = results(a, leaveOut), y = results(b, leaveOut);
    const QRegularExpression number("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    const QString qx = QString::fromStdString(x), qy = QString::fromStdString(y);
    QString restX = qx, restY = qy;
    restX.replace(number, "#");
    restY.replace(number, "#");
    if (restX != restY)
        return false;
    auto ix = number.globalMatch(qx), iy = number.globalMatch(qy);
    while (ix.hasNext() && iy.hasNext()) {
        const double u = ix.next().captured().toDouble(), v = iy.next().captured().toDouble();
        if (std::fabs(u - v) > tolerance * std::max({1.0, std::fabs(u), std::fabs(v)}))
            return false;
    }
    return !ix.hasNext() && !iy.hasNext();
}

/// The first difference of two runs' results, not two pages of numbers.
QString firstDifference(Simulation& straight, Simulation& resumed, const std::vector<std::string>& leaveOut = {})
{
    const std::string a = results(straight, leaveOut), b = results(resumed, leaveOut);
    std::size_t at = 0;
    while (at < a.size() && at < b.size() && a[at] == b[at])
        ++at;
    const auto from = at > 80 ? at - 80 : 0;
    return QString("differs at byte %1:\n straight: %2\n resumed:  %3")
        .arg(at)
        .arg(QString::fromStdString(a.substr(from, 160)))
        .arg(QString::fromStdString(b.substr(from, 160)));
}

const std::vector<Case>& cases()
{
    // Short runs, with the interventions each experiment has, some before and some after
    // the save: a pending command must survive the file.
    static const std::vector<Case> all = {
        {"em-mixture", 15, {"record_interval=1"}, {"5 set learning_rate 0.01", "20 lesion neuron 2", "6 lesion synapses random 0.3",
                                                 "8 silence neurons 3", "12 lesion weights noise 0.2", "18 restore neurons all"}},
        {"em-mixture", 10, {"data=mnist", "record_interval=2", "learning_rate_mode=adaptive"}, {}},
        {"bayesnet", 20, {"learning_seconds=25", "record_interval=5"},
         {"30 evidence Z3=1", "10 lesion synapses Z2 strongest 0.25", "12 silence neurons Z1 1", "22 lesion neurons Z2 random 0.5"}},
        {"synaptic-sampling", 120, {"record_interval=20"}, {"60 set temperature 0.5", "150 lesion synapses 0.3"}},
        {"synaptic-sampling", 30, {"record_interval=10", "inputs=silent"}, {}},
        {"bayesnet", 20, {"learning_seconds=10", "record_interval=5"}, {}},  // saved while sampling
        {"bayesnet", 15, {"learning_seconds=25", "record_interval=5", "learning_rate_mode=counting"}, {}},
        {"self-repair", 90, {"record_interval=30", "lesion1_at=100", "lesion2_at=150", "test_every=60"},
         {"60 lesion neurons za random 0.25", "70 lesion synapses auditory-za weakest 0.5"}},
        {"fokker-planck", 5, {}, {"2 anneal 1 0.1 10"}},
        {"reward", 60, {"record_interval=5", "switch_at=100"}, {"30 set temperature 0.05", "70 anneal 0.05 0.001 20",
                                                                 "20 lesion synapses random 0.2", "40 silence neurons A 1-3",
                                                                 "65 restore neurons A all", "50 lesion weights scale 0.5"}},
    };
    // An experiment added later is covered at its defaults until it gets cases of its own.
    static const std::vector<Case> withNew = [] {
        std::vector<Case> cases = all;
        for (const auto& info : ExperimentRegistry::builtin().all())
            if (std::none_of(all.begin(), all.end(), [&](const Case& c) { return c.experiment == info.name; }))
                cases.push_back({info.name.c_str(), 10, {"record_interval=1"}, {}});
        return cases;
    }();
    return withNew;
}

} // namespace

class TestStateFile : public QObject {
    Q_OBJECT
private slots:
    void continuingFromAStateEqualsNeverStopping_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t k = 0; k < cases().size(); ++k)
            QTest::newRow((std::string(cases()[k].experiment) + " " + std::to_string(k)).c_str()) << int(k);
    }
    void continuingFromAStateEqualsNeverStopping()
    {
        QFETCH(int, index);
        const Case& c = cases()[std::size_t(index)];
        auto straight = build(c, 7);
        straight->runUntil(2 * c.half);

        auto first = build(c, 7);
        first->runUntil(c.half);
        const std::string bytes = encodeState(*first);
        QVERIFY(bytes.size() > 100);
        first.reset();  // nothing of the first half survives but the bytes
        std::unique_ptr<Simulation> resumed;
        try {
            resumed = decodeState(bytes, "test.state");
        } catch (const InputError& e) {
            QFAIL(e.what());
        }
        QCOMPARE(resumed->time(), c.half);
        QCOMPARE(resumed->experiment().info().name, std::string(c.experiment));
        // Saving the loaded state again gives the same bytes.
        QVERIFY(encodeState(*resumed) == bytes);
        resumed->runUntil(2 * c.half);

        QVERIFY2(sameResults(*straight, *resumed), qPrintable(firstDifference(*straight, *resumed)));
        QCOMPARE(resumed->appliedCommands().size(), straight->appliedCommands().size());
    }

    // Files of format 1, where each experiment kept its random streams inside its own part,
    // written by the last build that wrote them (tests/data/state-format1/README.md): one per
    // experiment at least, and each goes on exactly as the run that never stopped (in a build
    // like the one that wrote them: Release, x86-64-v3; see CMakeLists.txt).
    void formatOneFilesGoOnAsIfNeverStopped_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(PLAB_TEST_DATA "/state-format1");
        const QStringList files = dir.entryList({"*.state"}, QDir::Files, QDir::Name);
        for (const auto& info : ExperimentRegistry::builtin().all())
            if (!files.contains(QString::fromStdString(info.name) + ".state"))
                qFatal("no format-1 state file of %s", info.name.c_str());
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void formatOneFilesGoOnAsIfNeverStopped()
    {
        QFETCH(QString, file);
        std::unique_ptr<Simulation> loaded;
        try {
            loaded = loadStateFile(file.toStdString());
        } catch (const InputError& e) {
            QFAIL(e.what());
        }
        QVERIFY(loaded->time() > 0);
        // The same run from the start: the parameters, seed and commands the file holds (less
        // those the experiment schedules for itself, which the new run has already).
        const Experiment& e = loaded->experiment();
        Simulation straight(ExperimentRegistry::builtin().create(e.info().name, e.initialParameters(), e.seed()));
        const auto own = straight.pending();
        std::vector<Command> commands = loaded->appliedCommands();
        commands.insert(commands.end(), loaded->pending().begin(), loaded->pending().end());
        for (const Command& c : commands)
            if (std::find(own.begin(), own.end(), c) == own.end())
                straight.schedule(c);
        const double until = loaded->time() + 5;
        loaded->runUntil(until);
        const std::string now = encodeState(*loaded);
        QCOMPARE(int(now[8]), int(StateArchive::kCurrentFormat));
        QVERIFY(encodeState(*decodeState(now, "again.state")) == now);
        // bayesnet's training examples were not counted before format 3: its counting floor is
        // unknown after such a file (NaN), and what is measured from them differs from the run
        // that counted them; everything the file's build measured goes on as before.
        const bool uncounted = e.info().name == "bayesnet";
        if (uncounted)
            QVERIFY(std::isnan(static_cast<const BayesNetExperiment&>(e).countingFloor()));
#ifdef PLAB_BUILT_AS_THE_STATE_FILES
        straight.runUntil(until);
        // Series added since were not recorded before the save (NaN), the counts are unknown, and
        // the further sampling chains start afresh where the file goes on.
        const std::vector<std::string> sinceFormat1 =
            uncounted ? std::vector<std::string>{"kl_module_evidence_max", "posterior_kl_max", "posterior_relative_error",
                                                 "counting_floor", "counting_floor_kl_joint", "training_examples",
                                                 "rhat_max", "rhat", "ess_min", "ess"}
                      : std::vector<std::string>{};
        // Since December 2026 the STDP-EM rule's exp() is vectorised (first it skipped inputs that
        // did not fire, then it took Eigen's exp over the row): the same rule, but weights can
        // differ from the files' builds in their last bit. For the two experiments that learn by
        // it, the figures must agree to 1e-12 (relative) instead.
        const bool ruleRounding = e.info().name == "em-mixture" || e.info().name == "bayesnet";
        if (ruleRounding)
            QVERIFY2(closeResults(straight, *loaded, 1e-12, sinceFormat1),
                     qPrintable(firstDifference(straight, *loaded, sinceFormat1)));
        else
            QVERIFY2(sameResults(straight, *loaded, sinceFormat1), qPrintable(firstDifference(straight, *loaded, sinceFormat1)));
        // Every random stream came back, as the state written now shows (bayesnet's counts aside).
        if (!uncounted && !ruleRounding)
            QVERIFY(now == encodeState(straight));
#else
        qInfo("built unlike the build that wrote the file: loaded and continued, not compared bit for bit");
#endif
    }

    void damagedStatesAreClearErrors()
    {
        auto sim = build(cases()[0], 3);
        sim->runUntil(5);
        const std::string good = encodeState(*sim);
        const auto expectError = [](const std::string& bytes, const QString& message) {
            try {
                decodeState(bytes, "x.state");
                QFAIL(qPrintable("accepted a damaged state: expected " + message));
            } catch (const InputError& e) {
                QVERIFY2(QString(e.what()).startsWith("x.state: ") && QString(e.what()).contains(message), e.what());
            }
        };
        expectError("", "empty file");
        expectError("GIF89a....", "not a Plasticity Lab state file");
        expectError(good.substr(0, 16), "truncated state file");
        // Truncated anywhere, extended, or one bit flipped anywhere: refused, never a crash.
        for (std::size_t cut : {good.size() / 7, good.size() / 2, good.size() - 1})
            expectError(good.substr(0, cut), "truncated");
        expectError(good + "x", "extended");
        for (std::size_t k = 0; k < good.size(); k += 97) {
            std::string flipped = good;
            flipped[k] = char(flipped[k] ^ 0x10);
            try {
                decodeState(flipped, "x.state");
                QFAIL(qPrintable(QString("byte %1 flipped and accepted").arg(k)));
            } catch (const InputError&) {
            }
        }
        // A newer format version.
        std::string newer = good;
        newer[8] = 9;
        expectError(newer, "version 9 was written by a newer Plasticity Lab");
    }

    void savedFileLoadsAndWritesAreAtomic()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.state").toStdString();
        auto sim = build(cases()[0], 4);
        sim->runUntil(3);
        saveStateFile(*sim, path);
        auto loaded = loadStateFile(path);
        QCOMPARE(loaded->time(), 3.0);
        // Only the state file itself is left: the temporary file was renamed over it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"run.state"});
        QVERIFY_THROWS_EXCEPTION(InputError, loadStateFile(dir.filePath("missing.state").toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestStateFile)
#include "tst_state_file.moc"
