#pragma once
// Every experiment the engine offers. The command line's `list` and the GUI's chooser read
// it, so a new experiment appears everywhere once it is added in registerBuiltinExperiments().
#include "Experiment.h"

#include <memory>
#include <string_view>
#include <vector>

namespace plab {

class ExperimentRegistry {
public:
    /// The registry with every built-in experiment.
    static const ExperimentRegistry& builtin();

    void add(ExperimentInfo info);
    const std::vector<ExperimentInfo>& all() const { return infos_; }
    const ExperimentInfo* find(std::string_view name) const;
    /// Throws InputError naming the known experiments when `name` is unknown.
    const ExperimentInfo& get(std::string_view name) const;

    /// Default parameters of an experiment, to be changed with set() before create().
    ParameterSet defaults(std::string_view name) const;
    std::unique_ptr<Experiment> create(std::string_view name, const ParameterSet& params,
                                       std::uint64_t seed) const;

private:
    std::vector<ExperimentInfo> infos_;
};

} // namespace plab
