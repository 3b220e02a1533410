#include "ExperimentPanels.h"

#include "EmMixturePanel.h"

namespace plab {

PanelCapture panelCaptureFor(const std::string& experiment)
{
    if (experiment == "em-mixture")
        return EmMixturePanel::capture;
    return {};
}

ExperimentPanel* createPanelFor(const std::string& experiment, QWidget* parent)
{
    if (experiment == "em-mixture")
        return new EmMixturePanel(parent);
    return nullptr;
}

} // namespace plab
