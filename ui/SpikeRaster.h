#pragma once
// The spike raster: input and network neurons in bands, a scrolling time window. Drawn with
// OpenGL 3.3 core (shaders, a vertex buffer updated incrementally) where OpenGL works, and
// with QPainter where it does not (offscreen platform, remote sessions without GL).
#include "RasterDecorations.h"
#include "RasterModel.h"

#include <QWidget>

class QRubberBand;

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

    /// The canvas the spikes are drawn on (tests drag over it).
    QWidget* canvas() const { return canvas_; }
    /// Selects rows as a drag over the canvas would (heights as fractions, 0 bottom): emits
    /// neuronsSelected for the band holding most of them.
    void selectRows(float low, float high);

signals:
    /// A drag over the raster selected these neurons (indices within the band `band`).
    void neuronsSelected(const QString& band, const QList<int>& neurons, QPoint globalPosition);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    RasterModel model_;
    QRubberBand* rubberBand_ = nullptr;
    QPoint dragFrom_;
    QPoint lastGlobal_;
    QWidget* canvas_ = nullptr;  // the spikes (OpenGL or QPainter)
    QWidget* gutter_ = nullptr;  // band names, left of the canvas
    QWidget* axis_ = nullptr;    // time axis, below it
    bool usesGl_ = false;
};


} // namespace plab
