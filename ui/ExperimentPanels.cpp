#include "ExperimentPanels.h"

#include "BayesNetPanel.h"
#include "EmMixturePanel.h"
#include "FokkerPlanckPanel.h"
#include "RewardPanel.h"
#include "SelfRepairPanel.h"
#include "SynapticSamplingPanel.h"

namespace plab {

PanelCapture panelCaptureFor(const std::string& experiment)
{
    if (experiment == "em-mixture")
        return EmMixturePanel::capture;
    if (experiment == "bayesnet")
        return BayesNetPanel::capture;
    if (experiment == "synaptic-sampling")
        return SynapticSamplingPanel::capture;
    if (experiment == "fokker-planck")
        return FokkerPlanckPanel::capture;
    if (experiment == "self-repair")
        return SelfRepairPanel::capture;
    if (experiment == "reward")
        return RewardPanel::capture;
    return {};
}

ExperimentPanel* createPanelFor(const std::string& experiment, QWidget* parent)
{
    if (experiment == "em-mixture")
        return new EmMixturePanel(parent);
    if (experiment == "bayesnet")
        return new BayesNetPanel(parent);
    if (experiment == "synaptic-sampling")
        return new SynapticSamplingPanel(parent);
    if (experiment == "fokker-planck")
        return new FokkerPlanckPanel(parent);
    if (experiment == "self-repair")
        return new SelfRepairPanel(parent);
    if (experiment == "reward")
        return new RewardPanel(parent);
    return nullptr;
}

} // namespace plab
