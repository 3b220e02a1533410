#pragma once
// Which panel (and which state capture) belongs to which experiment. An experiment without
// a panel of its own still runs in the main window, with the raster and the charts.
#include "ExperimentPanel.h"

#include <string>

namespace plab {

/// Capture function for the experiment's panel (runs in the simulation thread); empty if none.
PanelCapture panelCaptureFor(const std::string& experiment);
/// A new panel for the experiment, or nullptr.
ExperimentPanel* createPanelFor(const std::string& experiment, QWidget* parent = nullptr);

} // namespace plab
