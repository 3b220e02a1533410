#pragma once
// A view as a figure for a slide or a paper: the parts given (the experiment's panel, the
// raster, the chart) stacked whole — a panel that scrolls in the window is drawn entire —
// without push buttons (greyed-out lesion buttons mean nothing on a slide), centred on a 16:9
// canvas, at twice the screen's resolution.
#include <QColor>
#include <QImage>
#include <vector>

class QWidget;

namespace plab {

QImage slideFigure(const std::vector<QWidget*>& parts, const QColor& background, double scale = 2.0);

} // namespace plab
