#include "PainterRasterCanvas.h"

#include "Palette.h"

#include <QPainter>

namespace plab {

PainterRasterCanvas::PainterRasterCanvas(const RasterModel& model, QWidget* parent) : QWidget(parent), model_(model)
{
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void PainterRasterCanvas::paintEvent(QPaintEvent*)
{
    ++frames_;
    QPainter painter(this);
    const double t0 = model_.now() - model_.window() - model_.origin();
    const QRect area = rect();
    const double w = area.width(), h = area.height();
    const std::size_t cap = model_.capacity();
    // Batch points per colour: one drawPoints call per colour keeps this usable at 10^4 spikes.
    std::vector<std::vector<QPointF>> byColor(palette::kCount);
    for (std::uint64_t i = model_.firstVisible(); i < model_.written(); ++i) {
        const RasterVertex& v = model_.ring()[i % cap];
        byColor[std::size_t(v.color) % byColor.size()].emplace_back(area.left() + (v.t - t0) / model_.window() * w,
                                                                    area.top() + (1.0 - v.y) * h);
    }
    painter.setClipRect(area);
    for (std::size_t c = 0; c < byColor.size(); ++c) {
        if (byColor[c].empty())
            continue;
        painter.setPen(QPen(palette::color(int(c)), model_.spikeSize(), Qt::SolidLine, Qt::SquareCap));
        painter.drawPoints(byColor[c].data(), int(byColor[c].size()));
    }
}

} // namespace plab
