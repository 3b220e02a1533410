#pragma once
// What the spike raster shows, independent of how it is drawn: the neuron layout in bands
// (one per neuron group, e.g. inputs below, the network above) and a ring of the most recent
// spikes as vertices (time, height, colour). The OpenGL canvas uploads new vertices
// incrementally from this ring; the QPainter fallback draws from it directly.
#include "core/SpikeRecorder.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace plab {

struct RasterVertex {
    float t;      // seconds since origin()
    float y;      // 0 (bottom) .. 1 (top)
    float color;  // palette index
};

class RasterModel {
public:
    struct Band {
        QString name;
        float bottom, top;  // fraction of the height
        int first, count;
        int color = -1;  // the group's colour index (−1: input or network default)
    };

    explicit RasterModel(std::size_t capacity = 1 << 18);

    void setLayout(const std::vector<NeuronGroup>& groups);
    const std::vector<Band>& bands() const { return bands_; }
    /// The neurons of band `band` whose rows lie between two heights (fractions, 0 bottom), as
    /// indices within the band (a selection in the raster).
    std::vector<int> neuronsBetween(int band, float low, float high) const;
    /// Colour index per neuron (−1 keeps the group's colour).
    void setNeuronColors(const std::vector<int>& colors);

    void setWindow(double seconds) { window_ = seconds; }
    double window() const { return window_; }

    void clear();
    void add(const std::vector<SpikeEvent>& spikes);
    void setTime(double t) { now_ = t; }
    double now() const { return now_; }

    double origin() const { return origin_; }
    std::size_t capacity() const { return ring_.size(); }
    /// Size of a spike's dot in device-independent pixels (larger in the presentation view).
    double spikeSize() const { return spikeSize_; }
    void setSpikeSize(double pixels) { spikeSize_ = pixels; }
    /// Logical indices: vertex i lives at ring()[i % capacity()] while i ≥ written() − capacity().
    std::uint64_t written() const { return written_; }
    const std::vector<RasterVertex>& ring() const { return ring_; }
    /// First logical index whose spike is inside the window [now − window, now].
    std::uint64_t firstVisible() const;
    /// Bumps when every vertex changed (rebased origin, clear): a GPU copy must re-upload.
    std::uint64_t epoch() const { return epoch_; }
    std::uint64_t received() const { return received_; }

private:
    double spikeSize_ = 2.5;
    float yOf(int neuron) const;
    int colorOf(int neuron) const;
    void rebase(double newOrigin);

    std::vector<RasterVertex> ring_;
    std::uint64_t written_ = 0;
    std::uint64_t received_ = 0;
    std::uint64_t epoch_ = 0;
    std::vector<Band> bands_;
    std::vector<float> neuronY_;
    std::vector<int> groupColor_;
    std::vector<int> neuronColor_;
    double window_ = 2.0;
    double now_ = 0;
    double origin_ = 0;
};

} // namespace plab
