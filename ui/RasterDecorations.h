#pragma once
// The raster's band names (left of the spikes) and time axis (below them): plain QPainter
// widgets beside the canvas, so they look the same over OpenGL and QPainter backends.
#include "RasterModel.h"

#include <QWidget>

namespace plab {

class RasterBandLabels : public QWidget {
public:
    explicit RasterBandLabels(const RasterModel& model, QWidget* parent = nullptr);

protected:
    void paintEvent(QPaintEvent*) override;
    void changeEvent(QEvent* event) override;  // sizes follow the font (presentation view)

private:
    void fitToFont();
    const RasterModel& model_;
};

class RasterTimeAxis : public QWidget {
public:
    explicit RasterTimeAxis(const RasterModel& model, QWidget* parent = nullptr);

protected:
    void paintEvent(QPaintEvent*) override;
    void changeEvent(QEvent* event) override;  // sizes follow the font (presentation view)

private:
    void fitToFont();
    const RasterModel& model_;
};

} // namespace plab
