#pragma once
// The command-line contract (spec §3): parsing only, no running.
//   plasticity-lab list
//   plasticity-lab run EXPERIMENT [--seconds S] [--seed N] [--out DIR] [--set key=value]...
//                      [--commands FILE] [--quiet]
//   plasticity-lab run [EXPERIMENT] --replay RUN.json [--seconds S] [--out DIR] [--quiet]
//   plasticity-lab run EXPERIMENT ... --fork-at T --branch FILE [--branch FILE]...
//   plasticity-lab run [EXPERIMENT] --load-state FILE [--seconds S] [--commands FILE] [--save-state FILE] ...
//   plasticity-lab [--experiment NAME | --replay RUN.json] [--screenshot FILE.png --after SECONDS]
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plab {

struct RunOptions {
    std::string experiment;
    std::optional<double> seconds;  // default: the experiment's own
    std::uint64_t seed = 1;
    bool seedGiven = false;
    std::string outDir;             // default: out/<experiment>-seed<N>
    std::vector<std::string> assignments;
    std::string commandsFile;
    std::string replayFile;         // a run file: experiment, parameters, seed, commands, duration
    std::string saveState;          // write the engine state here at the end
    std::string loadState;          // continue from this state; --seconds S runs S more seconds
    std::optional<std::pair<double, double>> spikes;  // write DIR/spikes.csv for [from, to) s
    std::optional<double> forkAt;     // run to here, then once per branch (and once intact)
    std::vector<std::string> branches;  // a commands file per branch, applied from forkAt on
    bool quiet = false;
    bool help = false;              // run EXPERIMENT --help: list its parameters
};

struct GuiOptions {
    std::string experiment;
    std::vector<std::string> assignments;  // --set key=value for the first run
    std::string replayFile;  // open this run file and replay it live
    std::string loadState;   // continue this saved state
    std::string lesson;      // open this lesson (a name in resources/lessons or a path)...
    int lessonStep = 1;      // ...and go through its steps up to this one (1-based)
    std::string theme;       // light|dark; empty: the remembered one
    bool presentation = false;  // full screen, large fonts, thick lines
    std::string screenshot;
    double after = 0;
    std::optional<double> forkAt;  // fork and compare at this time...
    std::string branch;             // ...with this commands file in the running copy
    std::uint64_t seed = 1;
};

/// plasticity-lab sweep SPEC.json [--jobs N | --slurm [OPTIONS] | --print-jobs] [--out DIR]
struct SweepOptions {
    std::string spec;
    std::string outDir;       // default out/sweep-<spec's name>
    int jobs = 0;             // local processes; 0: one per core
    bool printJobs = false;   // print one command per unfinished point instead of running
    bool slurm = false;       // submit a job array with sbatch instead of running
    std::string partition, timeLimit, memory;  // sbatch --partition, --time, --mem
    int pointsPerTask = 1;    // points one array task runs, one after the other
    std::vector<std::string> points;  // --point FOLDER: run only these (what jobs and tasks do)
    bool quiet = false;
    bool help = false;
};

/// plasticity-lab collect DIR
struct CollectOptions {
    std::string dir;
    bool quiet = false;
};

struct CommandLine {
    enum class Mode { Gui, List, Run, Sweep, Collect, Help, SweepHelp };
    Mode mode = Mode::Gui;
    RunOptions run;
    GuiOptions gui;
    SweepOptions sweep;
    CollectOptions collect;

    /// Throws InputError with a one-line message for anything malformed.
    static CommandLine parse(const std::vector<std::string>& args);
    static std::string usage();
    static std::string sweepUsage();
};

bool parseSeed(const std::string& text, std::uint64_t& seed);

} // namespace plab
