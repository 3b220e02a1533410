#pragma once
// QPainter canvas of the raster, for platforms without OpenGL.
#include "RasterModel.h"

#include <QWidget>

namespace plab {

class PainterRasterCanvas : public QWidget {
public:
    explicit PainterRasterCanvas(const RasterModel& model, QWidget* parent = nullptr);
    std::uint64_t frames() const { return frames_; }

protected:
    void paintEvent(QPaintEvent*) override;

private:
    const RasterModel& model_;
    std::uint64_t frames_ = 0;
};

} // namespace plab
