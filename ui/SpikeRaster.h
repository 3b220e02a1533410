#pragma once
// The spike raster: input and network neurons in bands, a scrolling time window. Drawn with
// OpenGL 3.3 core (shaders, a vertex buffer updated incrementally) where OpenGL works, and
// with QPainter where it does not (offscreen platform, remote sessions without GL).
#include "RasterDecorations.h"
#include "RasterModel.h"

#include <QWidget>

namespace plab {

class SpikeRaster : public QWidget {
    Q_OBJECT
public:
    enum class Backend { Auto, OpenGL, Painter };
    explicit SpikeRaster(Backend backend = Backend::Auto, QWidget* parent = nullptr);

    /// True if an OpenGL 3.3 core context can be made on this platform.
    static bool openGlAvailable();
    bool usesOpenGL() const { return usesGl_; }

    void setLayout(const std::vector<NeuronGroup>& groups);
    void setNeuronColors(const std::vector<int>& colors);
    void setWindow(double seconds);
    void setSpikeSize(double pixels);
    void clear();
    /// New spikes and the current simulated time; schedules a repaint.
    void addSpikes(const std::vector<SpikeEvent>& spikes, double now);

    const RasterModel& model() const { return model_; }
    /// Spikes received since the last clear (for tests and the status bar).
    std::uint64_t spikesReceived() const { return model_.received(); }
    /// Frames drawn so far (for the frame-rate benchmark).
    std::uint64_t framesDrawn() const;
    /// The band names and time labels as drawn now (tests check that none is cut).
    std::vector<DrawnText> drawnLabels() const;

private:
    RasterModel model_;
    QWidget* canvas_ = nullptr;  // the spikes (OpenGL or QPainter)
    QWidget* gutter_ = nullptr;  // band names, left of the canvas
    QWidget* axis_ = nullptr;    // time axis, below it
    bool usesGl_ = false;
};


} // namespace plab
