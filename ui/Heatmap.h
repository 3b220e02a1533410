#pragma once
// Values on a grid → a colour image (a perceptually ordered dark-blue → yellow map), shared by
// the density views.
#include <QColor>
#include <QImage>

namespace plab {

QColor heatColor(double fraction);  // fraction in [0, 1]
/// rows × cols values (row-major, row 0 at the bottom) scaled by `maximum` (≤ 0: their max).
QImage heatmap(const double* values, int rows, int cols, double maximum = 0);

} // namespace plab
