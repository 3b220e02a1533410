#include "ExperimentRegistry.h"

#include "Error.h"

namespace plab {

void registerBuiltinExperiments(ExperimentRegistry& registry);  // experiments/BuiltinExperiments.cpp

const ExperimentRegistry& ExperimentRegistry::builtin()
{
    static const ExperimentRegistry registry = [] {
        ExperimentRegistry r;
        registerBuiltinExperiments(r);
        return r;
    }();
    return registry;
}

void ExperimentRegistry::add(ExperimentInfo info)
{
    infos_.push_back(std::move(info));
}

const ExperimentInfo* ExperimentRegistry::find(std::string_view name) const
{
    for (const auto& info : infos_)
        if (info.name == name)
            return &info;
    return nullptr;
}

const ExperimentInfo& ExperimentRegistry::get(std::string_view name) const
{
    if (const auto* info = find(name))
        return *info;
    std::string known;
    for (const auto& info : infos_)
        known += (known.empty() ? "" : ", ") + info.name;
    throw InputError("unknown experiment '" + std::string(name) + "' (known: " + known + ")");
}

ParameterSet ExperimentRegistry::defaults(std::string_view name) const
{
    return ParameterSet(get(name).parameters());
}

std::unique_ptr<Experiment> ExperimentRegistry::create(std::string_view name, const ParameterSet& params,
                                                       std::uint64_t seed) const
{
    const ExperimentInfo& info = get(name);
    return info.create(info, params, seed);
}

} // namespace plab
