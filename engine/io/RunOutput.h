#pragma once
// The files a headless run leaves behind: summary.json and metrics.csv (spec §3), written
// atomically so that a crash or a full disk never leaves a half-written file in place.
#include "core/Experiment.h"
#include "core/Metrics.h"

#include <string>

namespace plab {

struct RunRecord {
    const Experiment* experiment = nullptr;
    double simSeconds = 0;
    double wallSeconds = 0;
    bool complete = true;  // false: interrupted before the run's end (a sweep reruns it)
    const MetricSeries* series = nullptr;
    MetricList metrics;
};

std::string summaryJson(const RunRecord& run);
std::string metricsCsv(const MetricSeries& series);
/// Spikes as CSV, "t,neuron,group": time (s), the neuron's index in the experiment's layout
/// and the name of its group (quoted if it holds a comma or a quote).
std::string spikesCsv(const std::vector<SpikeEvent>& spikes, const std::vector<NeuronGroup>& groups);

/// Writes `content` to `path` through a temporary file in the same directory: write, flush,
/// fsync, rename. Throws InputError if anything fails; the old file is then untouched.
void writeFileAtomically(const std::string& path, const std::string& content);

} // namespace plab
