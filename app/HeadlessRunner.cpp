#include "HeadlessRunner.h"

#include "RunFile.h"

#include "core/Error.h"
#include "core/ExperimentRegistry.h"
#include "core/Simulation.h"
#include "io/JsonWriter.h"
#include "io/RunOutput.h"
#include "io/StateFile.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>
#include <optional>
#include <unistd.h>

namespace plab {

namespace {

std::atomic<bool> interrupted{false};

void onSignal(int)
{
    interrupted.store(true);
}

std::string kindText(const ParameterSpec& s)
{
    switch (s.kind) {
    case ParameterSpec::Kind::Real:
        return "[" + formatNumber(s.minimum) + ", " + formatNumber(s.maximum) + "]" + (s.unit.empty() ? "" : " " + s.unit);
    case ParameterSpec::Kind::Integer:
        return "integer [" + formatNumber(s.minimum) + ", " + formatNumber(s.maximum) + "]";
    case ParameterSpec::Kind::Choice: {
        std::string c;
        for (const auto& x : s.choices)
            c += (c.empty() ? "" : "|") + x;
        return c;
    }
    case ParameterSpec::Kind::Text:
        return "text";
    }
    return {};
}

void printParameters(const ExperimentInfo& info, const ParameterSet& values, std::ostream& out)
{
    out << info.name << ": " << info.title << "\n  " << info.paper << "\n  default duration: "
        << (info.durationHelp.empty() ? formatNumber(info.defaultSeconds) + " s" : info.durationHelp)
        << "\n\nParameters (--set key=value; * = live, also `set` command):\n";
    for (const auto& s : values.specs()) {
        out << "  " << (s.live ? "*" : " ") << s.name << " = " << values.formatted(s.name) << "   " << kindText(s)
            << "\n      " << s.description << "\n";
    }
    // Commands and metrics come from an instance (a Bayesian network's variables name columns).
    const auto probe = ExperimentRegistry::builtin().create(info.name, values, 1);
    if (const auto commands = probe->commandHelp(); !commands.empty()) {
        out << "\nCommands (--commands FILE, one per line: <time_s> <command>):\n";
        for (const auto& c : commands)
            out << "  " << c << "\n";
    }
    out << "\nMetrics (metrics.csv columns, besides t):\n";
    for (const auto& series : probe->seriesNames()) {
        const std::string text = seriesDescription(info, series);
        out << "  " << series << (text.empty() ? "" : "\n      " + text) << "\n";
    }
}

class Progress {
public:
    Progress(bool quiet, double total, std::string name)
        : quiet_(quiet), total_(total), name_(std::move(name)), tty_(::isatty(2)), start_(clock::now()), last_(start_)
    {
    }
    void operator()(double t)
    {
        if (quiet_)
            return;
        const auto now = clock::now();
        const double wall = std::chrono::duration<double>(now - start_).count();
        const int percent = int(100.0 * t / total_);
        if (tty_) {
            if (now - last_ < std::chrono::milliseconds(200) && t < total_)
                return;
            std::fprintf(stderr, "\r%s: %.1f / %.1f s simulated (%3d%%), %.0fx real time   ", name_.c_str(), t, total_,
                         percent, wall > 0 ? t / wall : 0.0);
            if (t >= total_)
                std::fputc('\n', stderr);
        } else {
            if (percent < nextPercent_)
                return;
            std::fprintf(stderr, "%s: %.1f / %.1f s simulated (%d%%), %.0fx real time\n", name_.c_str(), t, total_,
                         percent, wall > 0 ? t / wall : 0.0);
            nextPercent_ = percent - percent % 10 + 10;
        }
        last_ = now;
    }

private:
    using clock = std::chrono::steady_clock;
    bool quiet_;
    double total_;
    std::string name_;
    bool tty_;
    clock::time_point start_, last_;
    int nextPercent_ = 10;
};

/// Writes a finished (or interrupted) run's files into `dir`; returns whether it reached `until`.
bool writeRun(const RunOptions& o, Simulation& sim, const std::string& dir, double wall, double until,
              const std::vector<SpikeEvent>* spikes)
{
    RunRecord record;
    record.experiment = &sim.experiment();
    record.simSeconds = sim.time();
    record.wallSeconds = wall;
    record.complete = sim.time() >= until - 0.5 * sim.experiment().dt();  // reached the end, signal or not
    record.series = &sim.series();
    record.metrics = sim.summary();

    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        throw InputError("--out " + dir + ": cannot create folder: " + ec.message());
    writeFileAtomically(dir + "/metrics.csv", metricsCsv(sim.finalSeries()));
    if (spikes)
        writeFileAtomically(dir + "/spikes.csv", spikesCsv(*spikes, sim.experiment().neuronGroups()));
    // The run as it happened from t = 0, commands included: --replay DIR/run.json repeats it.
    RunFile::fromRun(o.experiment, sim.experiment().initialParameters(), o.seed, sim.time(), sim.appliedCommands())
        .write(dir + "/run.json");
    // The summary last: once it exists, so do the others (a sweep takes it for "finished").
    writeFileAtomically(dir + "/summary.json", summaryJson(record));
    return record.complete;
}

/// --fork-at: the branches' commands, read and checked before anything runs.
struct Branch {
    std::string name, file;
    std::vector<Command> commands;
};

std::vector<Branch> readBranches(const RunOptions& o, const Experiment& experiment)
{
    std::vector<Branch> branches{{"intact", "", {}}};
    for (const std::string& file : o.branches) {
        Branch b;
        b.file = file;
        b.name = std::filesystem::path(file).stem().string();
        if (b.name.empty() || b.name == "." || b.name == "..")
            b.name = "branch";
        const std::string stem = b.name;
        for (int n = 2; std::any_of(branches.begin(), branches.end(), [&](const Branch& x) { return x.name == b.name; }); ++n)
            b.name = stem + "-" + std::to_string(n);
        b.commands = readCommandsFile(file);
        for (const Command& c : b.commands) {
            if (Simulation::stepForTime(c.time, experiment.dt()) < Simulation::stepForTime(*o.forkAt, experiment.dt()))
                throw InputError(c.origin + ": at t = " + formatNumber(c.time) + " s, before the fork at "
                                 + formatNumber(*o.forkAt) + " s (put it in --commands to apply it in every branch)");
            try {
                experiment.validate(c);
            } catch (const InputError& e) {
                throw InputError(c.origin + ": " + e.what());
            }
        }
        branches.push_back(std::move(b));
    }
    return branches;
}

/// --fork-at T: the run up to T, then each branch from a copy of that state (same random
/// state), in parallel. Up to T every branch is the unforked run; from T on, they differ only
/// by their commands.
int runFork(const RunOptions& o, Simulation& trunk, const std::string& outDir, double until)
{
    const double forkAt = *o.forkAt;
    if (forkAt >= until)
        throw InputError("--fork-at " + formatNumber(forkAt) + ": the run ends at " + formatNumber(until)
                         + " s; fork before the end");
    const std::vector<Branch> branches = readBranches(o, trunk.experiment());
    const auto start = std::chrono::steady_clock::now();
    Progress progress(o.quiet, forkAt, o.experiment + " (before the fork)");
    trunk.runUntil(forkAt, std::ref(progress), &interrupted);
    if (interrupted.load()) {
        std::fprintf(stderr, "%s: interrupted at %.1f s, before the fork; nothing was written\n", o.experiment.c_str(),
                     trunk.time());
        return 130;
    }
    const std::string state = encodeState(trunk);

    struct Result {
        bool complete = false;
        double wall = 0;
        std::string error;
    };
    std::vector<Result> results(branches.size());
    const auto runBranch = [&](std::size_t i) {
        try {
            const auto begin = std::chrono::steady_clock::now();
            const std::unique_ptr<Simulation> sim = decodeState(state, "the fork");
            sim->schedule(branches[i].commands);
            sim->runUntil(until, {}, &interrupted);
            results[i].wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
            results[i].complete = writeRun(o, *sim, outDir + "/" + branches[i].name, results[i].wall, until, nullptr);
        } catch (const std::exception& e) {
            results[i].error = e.what();
        }
    };
    // One branch per core; the rest wait their turn.
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    for (std::size_t w = 0; w < std::min(cores, branches.size()); ++w)
        workers.emplace_back([&] {
            for (std::size_t i; (i = next.fetch_add(1)) < branches.size();)
                runBranch(i);
        });
    if (!o.quiet)
        std::fprintf(stderr, "%s: forked at %.1f s into %zu branches, running to %.1f s on %zu cores\n",
                     o.experiment.c_str(), forkAt, branches.size(), until, std::min(cores, branches.size()));
    for (auto& w : workers)
        w.join();
    for (std::size_t i = 0; i < branches.size(); ++i)
        if (!results[i].error.empty())
            throw InputError("branch " + branches[i].name + ": " + results[i].error);

    JsonWriter json;
    json.beginObject().key("experiment").value(o.experiment).key("fork_at").value(forkAt).key("until").value(until);
    json.key("branches").beginArray();
    for (std::size_t i = 0; i < branches.size(); ++i) {
        json.beginObject().key("name").value(branches[i].name).key("folder").value(branches[i].name);
        json.key("commands").value(branches[i].file).key("complete").value(results[i].complete).endObject();
    }
    json.endArray().endObject();
    writeFileAtomically(outDir + "/fork.json", json.str() + "\n");
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!o.quiet) {
        std::string names;
        for (const Branch& b : branches)
            names += (names.empty() ? "" : ", ") + b.name;
        std::fprintf(stderr, "%s: wrote %s/{%s}/ and fork.json (%.2f s wall)\n", o.experiment.c_str(), outDir.c_str(),
                     names.c_str(), wall);
    }
    for (const Result& r : results)
        if (!r.complete) {
            std::fprintf(stderr, "%s: interrupted; results so far were written\n", o.experiment.c_str());
            return 130;
        }
    return 0;
}

} // namespace

int listExperiments(std::ostream& out)
{
    for (const auto& info : ExperimentRegistry::builtin().all())
        out << info.name << "\t" << info.description << "\n";
    return 0;
}

int runHeadless(const RunOptions& options)
{
    const ExperimentRegistry& registry = ExperimentRegistry::builtin();
    RunOptions o = options;
    std::optional<ParameterSet> params;
    std::vector<Command> replayCommands;
    double replaySeconds = 0;
    std::unique_ptr<Simulation> loaded;
    if (!o.replayFile.empty()) {
        const RunFile run = RunFile::read(o.replayFile);
        if (!o.experiment.empty() && o.experiment != run.experiment)
            throw InputError(o.replayFile + ": is a run of '" + run.experiment + "', not of '" + o.experiment + "'");
        o.experiment = run.experiment;
        o.seed = run.seed;
        try {
            params = run.parameterSet();
        } catch (const InputError& e) {
            throw InputError(o.replayFile + ": " + e.what());
        }
        replayCommands = run.commands;
        replaySeconds = run.simSeconds;
    } else if (!o.loadState.empty()) {
        loaded = loadStateFile(o.loadState);
        const std::string& name = loaded->experiment().info().name;
        if (!o.experiment.empty() && o.experiment != name)
            throw InputError(o.loadState + ": is a state of '" + name + "', not of '" + o.experiment + "'");
        o.experiment = name;
        o.seed = loaded->experiment().seed();
        params = loaded->experiment().initialParameters();
    }
    const ExperimentInfo& info = registry.get(o.experiment);
    if (!params) {
        params = registry.defaults(o.experiment);
        for (const auto& a : o.assignments) {
            try {
                params->setAssignment(a);
            } catch (const InputError& e) {
                throw InputError(std::string("--set ") + a + ": " + e.what());
            }
        }
    }
    if (o.help) {  // with --set applied: "lesion neuron K (K = 1..10)" for MNIST's ten neurons
        printParameters(info, *params, std::cout);
        return 0;
    }
    const std::string outDir =
        o.outDir.empty() ? "out/" + o.experiment + "-seed" + std::to_string(o.seed) : o.outDir;
    {
        std::error_code ec;
        const auto status = std::filesystem::status(outDir, ec);
        if (std::filesystem::exists(status) && !std::filesystem::is_directory(status))
            throw InputError("--out " + outDir + ": exists and is not a folder");
    }

    const bool resumed = loaded != nullptr;
    std::unique_ptr<Simulation> owned =
        resumed ? std::move(loaded) : std::make_unique<Simulation>(registry.create(o.experiment, *params, o.seed));
    Simulation& sim = *owned;
    // How far to run. A replay runs as long as the saved run did (a run file saved at t = 0
    // falls back to the experiment's duration); a loaded state runs --seconds more, or on to
    // the experiment's duration.
    const double startTime = resumed ? sim.time() : 0.0;
    double until = o.seconds.value_or(replaySeconds > 0 ? replaySeconds : sim.experiment().duration());
    if (resumed) {
        until = o.seconds ? startTime + *o.seconds : sim.experiment().duration();
        if (until <= startTime + 0.5 * sim.experiment().dt())
            throw InputError(o.loadState + ": the state is at t = " + formatNumber(startTime)
                             + " s, past the experiment's duration; say how much longer with --seconds");
    }
    if (!o.commandsFile.empty()) {
        // Commands before the saved time already happened, and those the state still has
        // pending will happen: both are part of the state, and must not apply twice.
        std::vector<Command> commands;
        for (auto& c : readCommandsFile(o.commandsFile)) {
            const bool past = Simulation::stepForTime(c.time, sim.experiment().dt()) < sim.experiment().stepIndex();
            const bool pending = std::find(sim.pending().begin(), sim.pending().end(), c) != sim.pending().end();
            if (!past && !pending)
                commands.push_back(std::move(c));
        }
        sim.schedule(commands);
    }
    sim.schedule(replayCommands);

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    if (o.forkAt)
        return runFork(o, sim, outDir, until);
    const auto start = std::chrono::steady_clock::now();
    Progress progress(o.quiet, until, o.experiment);
    std::vector<SpikeEvent> spikes;
    if (o.spikes) {
        // Record only inside the range: a long run's spikes would not fit in memory.
        const auto [from, to] = *o.spikes;
        sim.runUntil(std::min(from, until), std::ref(progress), &interrupted);
        sim.experiment().spikes().setEnabled(true);
        sim.runUntil(std::min(to, until), std::ref(progress), &interrupted);
        spikes = sim.experiment().spikes().take();
        sim.experiment().spikes().setEnabled(false);
    }
    sim.runUntil(until, std::ref(progress), &interrupted);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const bool complete = writeRun(o, sim, outDir, wall, until, o.spikes ? &spikes : nullptr);
    if (!o.saveState.empty())
        saveStateFile(sim, o.saveState);
    if (!o.quiet)
        std::fprintf(stderr, "%s: wrote %s/summary.json, metrics.csv and run.json%s%s (%.1f s simulated in %.2f s wall)\n",
                     o.experiment.c_str(), outDir.c_str(), o.saveState.empty() ? "" : ", state ",
                     o.saveState.c_str(), sim.time(), wall);
    if (!complete) {  // a signal after the last step interrupted nothing
        std::fprintf(stderr, "%s: interrupted at %.1f s; results so far were written\n", o.experiment.c_str(),
                     sim.time());
        return 130;
    }
    return 0;
}

} // namespace plab
