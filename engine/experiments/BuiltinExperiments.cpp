// The one place that lists the engine's experiments: add a line here and the new experiment
// appears in `plasticity-lab list`, in `run`, and in the GUI's chooser.
#include "BayesNetExperiment.h"
#include "EmMixtureExperiment.h"
#include "FokkerPlanckExperiment.h"
#include "RewardExperiment.h"
#include "SelfRepairExperiment.h"
#include "SynapticSamplingExperiment.h"
#include "core/ExperimentRegistry.h"

namespace plab {

void registerBuiltinExperiments(ExperimentRegistry& registry)
{
    registry.add(EmMixtureExperiment::info());
    registry.add(BayesNetExperiment::info());
    registry.add(SynapticSamplingExperiment::info());
    registry.add(SelfRepairExperiment::info());
    registry.add(RewardExperiment::info());
    registry.add(FokkerPlanckExperiment::info());
}

} // namespace plab
