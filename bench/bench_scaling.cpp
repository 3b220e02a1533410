// em-mixture from 4 to 1000 neurons: × real time, ns per synaptic event, peak memory and the
// operation-count limit beside each, with what the circuit learned (a speed figure of a
// network that does not learn would say nothing). Each size runs in its own child process,
// so that peak memory is its own. Prints figures; no pass/fail.
//
//   build/bin/bench_scaling [--seconds S]
//
// The limit counts the work no implementation of this network can skip: at each circuit
// spike every live input's weight onto every neuron (the potentials) and every input's weight
// of the winner (the rule), and each input spike once; at 10⁹ such updates per second.
#include "core/ExperimentRegistry.h"
#include "core/Parameters.h"
#include "core/Simulation.h"
#include "experiments/EmMixtureExperiment.h"
#include "InChildProcess.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace plab;

namespace {

struct Size {
    std::vector<std::string> sets;
    const char* label;
};

struct Figures {
    double sim, wall, events, operations, peakMiB, synapses, equilibriumError, nmi;
};

double metric(const MetricList& metrics, const std::string& name)
{
    for (const auto& [n, v] : metrics)
        if (n == name && std::holds_alternative<double>(v))
            return std::get<double>(v);
    return NAN;
}

Figures measure(const Size& size, double seconds)
{
    const auto& registry = ExperimentRegistry::builtin();
    ParameterSet p = registry.defaults("em-mixture");
    for (const auto& s : size.sets)
        p.setAssignment(s);
    Simulation sim(registry.create("em-mixture", p, 1));
    const auto start = std::chrono::steady_clock::now();
    sim.runUntil(seconds);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto& e = static_cast<const EmMixtureExperiment&>(sim.experiment());
    const auto& net = e.network();
    const auto& counts = net.operationCounts();
    const double neurons = net.hidden(), inputs = net.synapses().cols();
    const double operations = double(counts.liveInputs) * neurons + double(counts.circuitSpikes) * inputs
                              + double(counts.inputSpikes);
    const MetricList m = sim.summary();
    return {sim.time(), wall, double(e.synapticEvents()), operations, usage.ru_maxrss / 1024.0, neurons * inputs,
            metric(m, "equilibrium_error"), metric(m, "nmi")};
}

} // namespace

int main(int argc, char** argv)
{
    double seconds = 300;  // em-mixture's default length
    for (int i = 1; i < argc; ++i)
        if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc)
            parseNumber(argv[++i], seconds);
    const std::vector<Size> sizes = {
        {{"classes=4", "image_side=8", "neurons=4"}, "4 x 8x8, 4 neurons"},
        {{"classes=16", "image_side=16", "neurons=64"}, "16 x 16x16, 64 neurons"},
        {{"classes=16", "image_side=16", "neurons=200"}, "16 x 16x16, 200 neurons"},
        {{"classes=16", "image_side=16", "neurons=1000"}, "16 x 16x16, 1000 neurons"},
        {{"data=mnist", "mnist_side=28", "digits=0-9", "neurons=100"}, "MNIST 28x28, 100 neurons"},
    };
    std::printf("%-28s %9s %11s %12s %13s %9s %9s %8s\n", "size", "synapses", "x real time", "ns / event",
                "limit x real", "peak MiB", "eq_error", "nmi");
    for (const auto& size : sizes) {
        Figures f{};
        const bool ok = inChildProcess(size.label, [&] { return measure(size, seconds); }, f);
        if (!ok) {
            std::printf("%-28s failed\n", size.label);
            continue;
        }
        std::printf("%-28s %9.0f %11.0f %12.2f %13.0f %9.1f %9.4f %8.3f\n", size.label, f.synapses, f.sim / f.wall,
                    f.wall * 1e9 / f.events, f.sim / (f.operations * 1e-9), f.peakMiB, f.equilibriumError, f.nmi);
    }
    return 0;
}
