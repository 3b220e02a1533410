// Speed of every registered experiment at its default size: simulated seconds per wall
// second, synaptic events per second and peak memory. Each case runs in its own child
// process so that peak memory belongs to it alone. Prints figures; no pass/fail.
//
//   build/bin/bench_experiments [--seconds S] [--only NAME]
#include "core/ExperimentRegistry.h"
#include "core/Parameters.h"
#include "core/Simulation.h"
#include "InChildProcess.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace plab;

namespace {

struct Case {
    std::string experiment;
    std::vector<std::string> sets;
    std::string label;
};

struct Figures {
    double simSeconds, wallSeconds, events, peakMiB;
};

Figures measure(const Case& c, double seconds)
{
    const auto& registry = ExperimentRegistry::builtin();
    ParameterSet p = registry.defaults(c.experiment);
    for (const auto& s : c.sets)
        p.setAssignment(s);
    Simulation sim(registry.create(c.experiment, p, 1));
    const auto start = std::chrono::steady_clock::now();
    sim.runUntil(seconds);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return {sim.time(), wall, double(sim.experiment().synapticEvents()), usage.ru_maxrss / 1024.0};
}

} // namespace

int main(int argc, char** argv)
{
    double seconds = 0;  // 0: each experiment's default duration
    std::string only;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc)
            parseNumber(argv[++i], seconds);
        else if (!std::strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
    }
    std::vector<Case> cases;
    for (const auto& info : ExperimentRegistry::builtin().all())
        cases.push_back({info.name, {}, info.name + " (default)"});
    // The settings the speed targets name explicitly.
    cases.push_back({"em-mixture", {"data=mnist"}, "em-mixture (data=mnist)"});

    std::printf("%-34s %10s %10s %14s %16s %10s\n", "experiment", "sim s", "wall s", "x real time", "syn. events/s",
                "peak MiB");
    for (const auto& c : cases) {
        if (!only.empty() && c.experiment != only)
            continue;
        const double s = seconds > 0 ? seconds : ExperimentRegistry::builtin().get(c.experiment).defaultSeconds;
        Figures f{};
        const bool ok = inChildProcess(c.label.c_str(), [&] { return measure(c, s); }, f);
        if (!ok) {
            std::printf("%-34s failed\n", c.label.c_str());
            continue;
        }
        std::printf("%-34s %10.0f %10.3f %14.0f %16.3g %10.1f\n", c.label.c_str(), f.simSeconds, f.wallSeconds,
                    f.simSeconds / f.wallSeconds, f.events / f.wallSeconds, f.peakMiB);
    }
    return 0;
}
