#include "ExperimentPanels.h"

#include "BayesNetPanel.h"
#include "EmMixturePanel.h"
#include "FokkerPlanckPanel.h"
#include "RewardPanel.h"
#include "SelfRepairPanel.h"
#include "SynapticSamplingPanel.h"

namespace plab {

namespace {

template <class Panel>
ExperimentPanel* make(QWidget* parent)
{
    return new Panel(parent);
}

struct PanelEntry {
    const char* experiment;
    ExperimentPanel* (*create)(QWidget*);
    PanelStatePtr (*capture)(const Experiment&);
};

// One line per experiment with a panel of its own.
const PanelEntry kPanels[] = {
    {"em-mixture", make<EmMixturePanel>, EmMixturePanel::capture},
    {"bayesnet", make<BayesNetPanel>, BayesNetPanel::capture},
    {"synaptic-sampling", make<SynapticSamplingPanel>, SynapticSamplingPanel::capture},
    {"self-repair", make<SelfRepairPanel>, SelfRepairPanel::capture},
    {"reward", make<RewardPanel>, RewardPanel::capture},
    {"fokker-planck", make<FokkerPlanckPanel>, FokkerPlanckPanel::capture},
};

const PanelEntry* find(const std::string& experiment)
{
    for (const auto& entry : kPanels)
        if (experiment == entry.experiment)
            return &entry;
    return nullptr;
}

} // namespace

PanelCapture panelCaptureFor(const std::string& experiment)
{
    const PanelEntry* entry = find(experiment);
    return entry ? PanelCapture(entry->capture) : PanelCapture();
}

ExperimentPanel* createPanelFor(const std::string& experiment, QWidget* parent)
{
    const PanelEntry* entry = find(experiment);
    return entry ? entry->create(parent) : nullptr;
}

} // namespace plab
