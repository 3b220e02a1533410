#include "ExperimentPanels.h"

#include "BayesNetPanel.h"
#include "EmMixturePanel.h"

namespace plab {

PanelCapture panelCaptureFor(const std::string& experiment)
{
    if (experiment == "em-mixture")
        return EmMixturePanel::capture;
    if (experiment == "bayesnet")
        return BayesNetPanel::capture;
    return {};
}

ExperimentPanel* createPanelFor(const std::string& experiment, QWidget* parent)
{
    if (experiment == "em-mixture")
        return new EmMixturePanel(parent);
    if (experiment == "bayesnet")
        return new BayesNetPanel(parent);
    return nullptr;
}

} // namespace plab
