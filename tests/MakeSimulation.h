#pragma once
// A simulation of a built-in experiment at its defaults with some `key=value` assignments, as
// `run EXPERIMENT --set ...` builds it: the start of most engine tests.
#include "core/ExperimentRegistry.h"
#include "core/Simulation.h"

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

} // namespace plab
