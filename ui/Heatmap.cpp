#include "Heatmap.h"

#include <algorithm>
#include <cmath>

namespace plab {

QColor heatColor(double f)
{
    // Five stops close to matplotlib's viridis.
    static const double stops[5][3] = {
        {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
    f = std::clamp(f, 0.0, 1.0) * 4.0;
    const int i = std::min(3, int(f));
    const double t = f - i;
    return QColor(int(stops[i][0] + t * (stops[i + 1][0] - stops[i][0])),
                  int(stops[i][1] + t * (stops[i + 1][1] - stops[i][1])),
                  int(stops[i][2] + t * (stops[i + 1][2] - stops[i][2])));
}

QImage heatmap(const double* values, int rows, int cols, double maximum)
{
    if (maximum <= 0)
        for (int i = 0; i < rows * cols; ++i)
            maximum = std::max(maximum, values[i]);
    QImage image(cols, rows, QImage::Format_RGB32);
    for (int r = 0; r < rows; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(rows - 1 - r));
        for (int c = 0; c < cols; ++c)
            line[c] = heatColor(maximum > 0 ? values[r * cols + c] / maximum : 0.0).rgb();
    }
    return image;
}

} // namespace plab
