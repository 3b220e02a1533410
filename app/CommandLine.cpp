#include "CommandLine.h"

#include "core/Error.h"
#include "core/Parameters.h"

#include <charconv>
#include <cmath>

namespace plab {

bool parseSeed(const std::string& text, std::uint64_t& seed)
{
    const auto r = std::from_chars(text.data(), text.data() + text.size(), seed);
    return !text.empty() && r.ec == std::errc() && r.ptr == text.data() + text.size();
}

std::string CommandLine::usage()
{
    return "Plasticity Lab: spiking networks that learn through local plasticity.\n"
           "\n"
           "Usage:\n"
           "  plasticity-lab [--experiment NAME] [--seed N] [--set key=value]...\n"
           "                 [--replay RUN.json | --load-state FILE]\n"
           "                 [--lesson NAME[:STEP]] [--theme light|dark] [--presentation]\n"
           "                 [--fork-at T --branch FILE] [--screenshot FILE.png --after SECONDS]\n"
           "      open the application. --fork-at runs to T, copies the run into an intact branch\n"
           "      drawn dashed beside it (Simulation > Lesion..., Compare) and applies FILE's commands\n"
           "      to the running one only. --replay replays a saved run live, --load-state continues\n"
           "      a saved state; --lesson opens a guided lesson (Lessons menu; NAME is a file in\n"
           "      resources/lessons, e.g. 4-self-repair, or a path) and goes through its steps up\n"
           "      to STEP; --presentation starts full screen with large fonts (F11 toggles it);\n"
           "      --screenshot runs until SECONDS of simulated time (or the lesson's STEP is\n"
           "      reached), saves a picture of the main window and exits\n"
           "  plasticity-lab list\n"
           "      the experiments and what they show\n"
           "  plasticity-lab run EXPERIMENT [options]\n"
           "      run headless and write DIR/summary.json and DIR/metrics.csv\n"
           "      --seconds S       simulated seconds (default: the experiment's own)\n"
           "      --seed N          random seed (default 1); a run is fixed by experiment,\n"
           "                        parameters, seed and commands\n"
           "      --out DIR         output folder (default out/EXPERIMENT-seedN)\n"
           "      --set key=value   change a parameter (repeatable); see run EXPERIMENT --help\n"
           "      --commands FILE   time-stamped commands, one per line: <time_s> <command> [args]\n"
           "      --network FILE    bayesnet: a Bayesian network in BIF format (--set network=FILE)\n"
           "      --evidence V=x,.. bayesnet: evidence clamped while sampling (--set evidence=...)\n"
           "      --quiet           no progress on stderr\n"
           "      --spikes FROM:TO  also write DIR/spikes.csv (t,neuron,group) for that simulated time\n"
           "      --save-state FILE write the complete engine state at the end (also when interrupted)\n"
           "      --load-state FILE continue a saved state: --seconds S runs S more seconds (default: up to\n"
           "                        the experiment's duration); --commands entries before the saved time\n"
           "                        are skipped (they are part of the state)\n"
           "      --fork-at T       run to T, then go on in one branch per --branch and in one left\n"
           "                        intact, all from the same state and random state (on every core):\n"
           "                        DIR/intact/ and DIR/<FILE's name>/ each get the run's files, and\n"
           "                        up to T they are the same run; DIR/fork.json lists them\n"
           "      --branch FILE     commands for one branch (repeatable), all at or after T\n"
           "      (every run also writes DIR/run.json, a run file that --replay repeats)\n"
           "  plasticity-lab run [EXPERIMENT] --replay RUN.json [--seconds S] [--out DIR] [--quiet]\n"
           "      repeat a saved run (File > Save run in the application, or a run's run.json):\n"
           "      same experiment, parameters, seed and commands, for its duration or S seconds\n"
           "  plasticity-lab run EXPERIMENT --help\n"
           "      the experiment's parameters, ranges, units and commands\n"
           "  plasticity-lab sweep SPEC.json [--jobs N | --slurm [OPTIONS] | --print-jobs] [--out DIR]\n"
           "      run an experiment over parameter axes and seeds, on every core or on a SLURM\n"
           "      cluster; resumable (see plasticity-lab sweep --help)\n"
           "  plasticity-lab collect DIR\n"
           "      gather a sweep's runs: DIR/collected/runs.csv, summary.csv (mean, sd, 95 % CI)\n"
           "      and figures/ (each metric over time, one band per point)\n"
           "\n"
           "Exit status: 0 done, 2 bad input (one-line error on stderr), 130 interrupted.\n";
}

std::string CommandLine::sweepUsage()
{
    return "Usage: plasticity-lab sweep SPEC.json [--jobs N | --slurm [OPTIONS] | --print-jobs] [--out DIR]\n"
           "\n"
           "Runs one experiment at every point of a sweep, one process per run, each into its own\n"
           "folder DIR/<parameters>,seed=N holding run.json, summary.json, metrics.csv and log.txt;\n"
           "DIR/sweep.json describes the whole sweep. A point is finished when its summary.json\n"
           "exists (written atomically at the end of a complete run): the same command again skips\n"
           "finished points and reruns failed or missing ones. Then: plasticity-lab collect DIR.\n"
           "\n"
           "The spec (JSON):\n"
           "  {\"experiment\": \"em-mixture\", \"seconds\": 30, \"set\": {\"data\": \"synthetic\"},\n"
           "   \"grid\": {\"learning_rate\": [0.01, 0.02]}, \"seeds\": [1, 2, 3]}\n"
           "  experiment   the experiment (plasticity-lab list); required\n"
           "  seconds      simulated seconds per run (default: the experiment's own)\n"
           "  set          parameters fixed for every point\n"
           "  grid         parameter -> values: every combination (a cartesian product)\n"
           "  zip          parameter -> values, all lists as long: they vary together\n"
           "  list         [{parameter: value, ...}, ...]: each entry one combination\n"
           "  seeds        a list [1, 2, 3] or a text \"1-20\" / \"1-5,9\" (default [1]); seeds vary\n"
           "               fastest\n"
           "  commands     command lines [\"{lesion_at} lesion zv-digit 2\"] or a commands file beside\n"
           "               the spec; {name} is replaced by the point's value of axis `name`, which\n"
           "               may then be a placeholder only, not a parameter\n"
           "  description  free text\n"
           "The points are list x grid x zip x seeds. Every value is checked against the\n"
           "experiment's ranges before anything runs; a malformed spec exits 2 naming FILE and the\n"
           "place (\"grid.learning_rate[1]\").\n"
           "\n"
           "Options:\n"
           "  --out DIR            the sweep's folder (default out/sweep-<spec's name>)\n"
           "  --jobs N             local processes at once (default: one per core); progress with\n"
           "                       done/total, failed and ETA on stderr\n"
           "  --slurm              write DIR/slurm/job-K.sh, a job array over the unfinished points,\n"
           "                       submit it with sbatch and print the job id\n"
           "    --partition P, --time T, --mem M   passed to sbatch\n"
           "    --points-per-task N                points one array task runs (default 1)\n"
           "  --print-jobs         print one command per unfinished point (for GNU parallel or any\n"
           "                       scheduler) and run nothing\n"
           "  --point FOLDER       run only this point (repeatable; what the printed jobs do)\n"
           "  --quiet              no progress\n"
           "\n"
           "Exit status: 0 every point finished (or submitted, or printed), 1 some point failed\n"
           "(its log.txt says why), 2 bad input, 130 interrupted (run it again to finish).\n";
}

CommandLine CommandLine::parse(const std::vector<std::string>& args)
{
    CommandLine cl;
    std::size_t i = 0;
    const auto value = [&](const std::string& option) -> const std::string& {
        if (i + 1 >= args.size())
            throw InputError("option " + option + " needs a value");
        return args[++i];
    };
    const auto number = [&](const std::string& option) {
        const std::string& text = value(option);
        double v = 0;
        if (!parseNumber(text, v))
            throw InputError("option " + option + " needs a number, got '" + text + "'");
        return v;
    };
    const auto seed = [&](const std::string& option) {
        const std::string& text = value(option);
        std::uint64_t s = 0;
        if (!parseSeed(text, s))
            throw InputError("option " + option + " needs a non-negative whole number, got '" + text + "'");
        return s;
    };

    if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
        cl.mode = Mode::Help;
        return cl;
    }
    if (!args.empty() && args[0] == "list") {
        if (args.size() > 1)
            throw InputError("'list' takes no arguments, got '" + args[1] + "'");
        cl.mode = Mode::List;
        return cl;
    }
    if (!args.empty() && args[0] == "sweep") {
        cl.mode = Mode::Sweep;
        SweepOptions& w = cl.sweep;
        bool slurmOption = false;
        for (i = 1; i < args.size(); ++i) {
            const std::string& a = args[i];
            if (a == "--jobs") {
                const double n = number(a);
                if (n < 1 || n != std::floor(n) || n > 1024)
                    throw InputError("--jobs needs a whole number from 1 to 1024, got " + args[i]);
                w.jobs = int(n);
            } else if (a == "--out") {
                w.outDir = value(a);
            } else if (a == "--slurm") {
                w.slurm = true;
            } else if (a == "--partition") {
                w.partition = value(a);
                slurmOption = true;
            } else if (a == "--time") {
                w.timeLimit = value(a);
                slurmOption = true;
            } else if (a == "--mem") {
                w.memory = value(a);
                slurmOption = true;
            } else if (a == "--points-per-task") {
                const double n = number(a);
                if (n < 1 || n != std::floor(n) || n > 100000)
                    throw InputError("--points-per-task needs a whole number of at least 1, got " + args[i]);
                w.pointsPerTask = int(n);
                slurmOption = true;
            } else if (a == "--print-jobs") {
                w.printJobs = true;
            } else if (a == "--point") {
                w.points.push_back(value(a));
            } else if (a == "--quiet" || a == "-q") {
                w.quiet = true;
            } else if (a == "--help" || a == "-h") {
                cl.mode = Mode::SweepHelp;
                return cl;
            } else if (a.rfind("-", 0) == 0) {
                throw InputError("unknown option '" + a + "' for sweep (see plasticity-lab sweep --help)");
            } else if (w.spec.empty()) {
                w.spec = a;
            } else {
                throw InputError("unexpected argument '" + a + "' (one spec per sweep)");
            }
        }
        if (w.spec.empty())
            throw InputError("sweep needs a spec file (see plasticity-lab sweep --help)");
        if (int(w.slurm) + int(w.printJobs) + int(w.jobs > 0) > 1)
            throw InputError("--jobs, --slurm and --print-jobs are three ways to run a sweep; choose one");
        if (slurmOption && !w.slurm)
            throw InputError("--partition, --time, --mem and --points-per-task go with --slurm");
        if (!w.points.empty() && (w.slurm || w.printJobs))
            throw InputError("--point runs points here; it does not go with --slurm or --print-jobs");
        return cl;
    }
    if (!args.empty() && args[0] == "collect") {
        cl.mode = Mode::Collect;
        for (i = 1; i < args.size(); ++i) {
            const std::string& a = args[i];
            if (a == "--quiet" || a == "-q")
                cl.collect.quiet = true;
            else if (a.rfind("-", 0) == 0)
                throw InputError("unknown option '" + a + "' for collect (usage: plasticity-lab collect DIR)");
            else if (cl.collect.dir.empty())
                cl.collect.dir = a;
            else
                throw InputError("unexpected argument '" + a + "' (collect takes one sweep folder)");
        }
        if (cl.collect.dir.empty())
            throw InputError("collect needs a sweep folder (usage: plasticity-lab collect DIR)");
        return cl;
    }
    if (!args.empty() && args[0] == "run") {
        cl.mode = Mode::Run;
        RunOptions& r = cl.run;
        for (i = 1; i < args.size(); ++i) {
            const std::string& a = args[i];
            if (a == "--seconds") {
                r.seconds = number(a);
                if (*r.seconds <= 0)
                    throw InputError("--seconds must be positive, got " + args[i]);
            } else if (a == "--seed") {
                r.seed = seed(a);
                r.seedGiven = true;
            } else if (a == "--replay") {
                r.replayFile = value(a);
            } else if (a == "--spikes") {
                const std::string& range = value(a);
                const auto colon = range.find(':');
                double from = 0, to = 0;
                if (colon == std::string::npos || !parseNumber(range.substr(0, colon), from)
                    || !parseNumber(range.substr(colon + 1), to) || from < 0 || to <= from)
                    throw InputError("--spikes needs FROM:TO in seconds with 0 <= FROM < TO, got '" + range + "'");
                r.spikes = std::make_pair(from, to);
            } else if (a == "--save-state") {
                r.saveState = value(a);
            } else if (a == "--load-state") {
                r.loadState = value(a);
            } else if (a == "--out") {
                r.outDir = value(a);
            } else if (a == "--set") {
                r.assignments.push_back(value(a));
            } else if (a.rfind("--set=", 0) == 0) {
                r.assignments.push_back(a.substr(6));
            } else if (a == "--network") {
                r.assignments.push_back("network=" + value(a));
            } else if (a == "--evidence") {
                r.assignments.push_back("evidence=" + value(a));
            } else if (a == "--commands") {
                r.commandsFile = value(a);
            } else if (a == "--fork-at") {
                const std::string v = value(a);
                double t = 0;
                if (!parseNumber(v, t) || !(t >= 0) || !std::isfinite(t))
                    throw InputError("--fork-at needs a time in seconds >= 0, got '" + v + "'");
                r.forkAt = t;
            } else if (a == "--branch") {
                r.branches.push_back(value(a));
            } else if (a == "--quiet" || a == "-q") {
                r.quiet = true;
            } else if (a == "--help" || a == "-h") {
                r.help = true;
            } else if (a.rfind("-", 0) == 0) {
                throw InputError("unknown option '" + a + "' for run (see plasticity-lab --help)");
            } else if (r.experiment.empty()) {
                r.experiment = a;
            } else {
                throw InputError("unexpected argument '" + a + "' (one experiment per run)");
            }
        }
        if (r.forkAt && r.branches.empty())
            throw InputError("--fork-at needs at least one --branch FILE (the commands of the lesioned branch)");
        if (!r.branches.empty() && !r.forkAt)
            throw InputError("--branch needs --fork-at T (when the branches part)");
        if (r.forkAt && (!r.loadState.empty() || !r.replayFile.empty() || r.spikes || !r.saveState.empty()))
            throw InputError("--fork-at starts a new run: it does not go with --load-state, --replay, --spikes or "
                             "--save-state");
        if (!r.loadState.empty()) {
            // The state holds the experiment, its parameters and its seed.
            if (r.seedGiven)
                throw InputError("--load-state continues the saved run; --seed cannot change it");
            if (!r.assignments.empty())
                throw InputError("--load-state continues the saved run with its parameters; use a commands file "
                                 "('set NAME VALUE') to change live ones");
            if (!r.replayFile.empty())
                throw InputError("--load-state and --replay do not go together");
            if (r.help)
                throw InputError("--help and --load-state do not go together");
            return cl;
        }
        if (!r.replayFile.empty()) {
            // A run file fixes everything that makes a run; changing a part would be a new run.
            if (r.seedGiven)
                throw InputError("--replay takes the seed from the run file; --seed cannot change it");
            if (!r.assignments.empty())
                throw InputError("--replay takes the parameters from the run file; --set, --network and --evidence "
                                 "cannot change them");
            if (!r.commandsFile.empty())
                throw InputError("--replay takes the commands from the run file; --commands cannot add to them");
            if (r.help)
                throw InputError("--help and --replay do not go together");
            return cl;
        }
        if (r.experiment.empty())
            throw InputError("run needs an experiment name (see plasticity-lab list)");
        return cl;
    }
    cl.mode = Mode::Gui;
    bool seedGiven = false;
    for (i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--experiment") {
            cl.gui.experiment = value(a);
        } else if (a == "--replay") {
            cl.gui.replayFile = value(a);
        } else if (a == "--load-state") {
            cl.gui.loadState = value(a);
        } else if (a == "--lesson") {
            std::string v = value(a);
            if (const auto colon = v.rfind(':'); colon != std::string::npos && colon + 1 < v.size()
                                                && v.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
                const std::string digits = v.substr(colon + 1);
                cl.gui.lessonStep = digits.size() > 4 ? 0 : std::stoi(digits);
                if (cl.gui.lessonStep < 1)
                    throw InputError("--lesson NAME:STEP: STEP counts from 1");
                v.resize(colon);
            }
            cl.gui.lesson = v;
        } else if (a == "--theme") {
            cl.gui.theme = value(a);
            if (cl.gui.theme != "light" && cl.gui.theme != "dark")
                throw InputError("--theme must be light or dark");
        } else if (a == "--presentation") {
            cl.gui.presentation = true;
        } else if (a == "--screenshot") {
            cl.gui.screenshot = value(a);
        } else if (a == "--fork-at") {
            cl.gui.forkAt = number(a);
            if (*cl.gui.forkAt < 0)
                throw InputError("--fork-at must not be negative");
        } else if (a == "--branch") {
            cl.gui.branch = value(a);
        } else if (a == "--after") {
            cl.gui.after = number(a);
            if (cl.gui.after < 0)
                throw InputError("--after must not be negative");
        } else if (a == "--seed") {
            cl.gui.seed = seed(a);
            seedGiven = true;
        } else if (a == "--set") {
            cl.gui.assignments.push_back(value(a));
        } else if (a.rfind("-", 0) == 0) {
            throw InputError("unknown option '" + a + "' (see plasticity-lab --help)");
        } else {
            throw InputError("unknown command '" + a + "' (see plasticity-lab --help)");
        }
    }
    if (!cl.gui.replayFile.empty() && !cl.gui.loadState.empty())
        throw InputError("--replay and --load-state do not go together");
    if (cl.gui.forkAt.has_value() != !cl.gui.branch.empty())
        throw InputError("--fork-at T and --branch FILE go together");
    if (cl.gui.forkAt && (!cl.gui.lesson.empty() || !cl.gui.replayFile.empty() || !cl.gui.loadState.empty()))
        throw InputError("--fork-at starts a new run: it does not go with --lesson, --replay or --load-state");
    if (cl.gui.forkAt && !cl.gui.screenshot.empty() && cl.gui.after <= *cl.gui.forkAt)
        throw InputError("--after must be later than --fork-at");
    if (!cl.gui.lesson.empty() && (!cl.gui.replayFile.empty() || !cl.gui.loadState.empty() || !cl.gui.experiment.empty()))
        throw InputError("--lesson starts its own runs; --experiment, --replay and --load-state do not go with it");
    if (!cl.gui.loadState.empty() && (!cl.gui.experiment.empty() || !cl.gui.assignments.empty() || seedGiven))
        throw InputError("--load-state continues the saved run; --experiment, --set and --seed cannot change it");
    if (!cl.gui.replayFile.empty() && (!cl.gui.experiment.empty() || !cl.gui.assignments.empty() || seedGiven))
        throw InputError("--replay takes experiment, parameters and seed from the run file; --experiment, --set and "
                         "--seed cannot change them");
    return cl;
}

} // namespace plab
