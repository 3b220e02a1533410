#pragma once
// A simulation of a built-in experiment at its defaults with some `key=value` assignments, as
// `run EXPERIMENT --set ...` builds it: the start of most engine tests. And one summary
// metric by name.
#include "core/ExperimentRegistry.h"
#include "core/Metrics.h"
#include "core/Simulation.h"

#include <QtGlobal>
#include <memory>
#include <string>
#include <vector>

namespace plab {

inline std::unique_ptr<Simulation> makeSimulation(const std::string& experiment, std::uint64_t seed,
                                                  const std::vector<std::string>& assignments)
{
    const auto& registry = ExperimentRegistry::builtin();
    ParameterSet p = registry.defaults(experiment);
    for (const auto& a : assignments)
        p.setAssignment(a);
    return std::make_unique<Simulation>(registry.create(experiment, p, seed));
}

/// The summary metric `name` (a number); a missing one ends the test.
inline double summaryMetric(const MetricList& metrics, const std::string& name)
{
    for (const auto& [key, value] : metrics)
        if (key == name)
            return std::get<double>(value);
    qFatal("no summary metric %s", name.c_str());
}

} // namespace plab
