#pragma once
// Collects spikes for whoever watches (the GUI's raster, a spikes export). Off by default,
// so a headless run pays nothing for it.
#include <cstdint>
#include <string>
#include <vector>

namespace plab {

struct SpikeEvent {
    double t;
    std::int32_t neuron;  // index into the experiment's neuron layout (see NeuronGroup)
};

/// A contiguous range of neuron indices with one role ("input", "z", ...).
struct NeuronGroup {
    std::string name;
    int first = 0;
    int count = 0;
    int color = -1;  // colour index for views (ui/Palette.h: 0–9 labels, 10 input, 11 network); −1 = by role
};

class SpikeRecorder {
public:
    void setEnabled(bool on) { enabled_ = on; }
    bool enabled() const { return enabled_; }
    void record(double t, int neuron)
    {
        if (enabled_)
            spikes_.push_back({t, std::int32_t(neuron)});
    }
    /// Hands the collected spikes over and starts a new batch.
    std::vector<SpikeEvent> take()
    {
        std::vector<SpikeEvent> out;
        out.swap(spikes_);
        return out;
    }
    std::size_t pending() const { return spikes_.size(); }

private:
    bool enabled_ = false;
    std::vector<SpikeEvent> spikes_;
};

} // namespace plab
