#pragma once
// What an experiment's panel shows, copied out of the engine in the simulation thread (so
// the engine is never read from the GUI thread) and handed to the panel as an immutable
// snapshot. Each experiment's panel derives its own state from this base.
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace plab {

class Experiment;

struct PanelState {
    virtual ~PanelState() = default;
    double time = 0;
    /// Optional colour index per neuron for the raster (e.g. the digit a z-neuron prefers);
    /// −1 = the colour of the neuron's group.
    std::vector<int> rasterColors;
};

using PanelStatePtr = std::shared_ptr<const PanelState>;
/// Copies an experiment's panel state; runs in the simulation thread.
using PanelCapture = std::function<PanelStatePtr(const Experiment&)>;

} // namespace plab
