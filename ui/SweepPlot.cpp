#include "SweepPlot.h"

#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>
#include <limits>

namespace plab {

namespace {

/// Ticks at 1, 2 or 5 × 10^k, about `count` of them across [lo, hi].
std::vector<double> niceTicks(double lo, double hi, int count)
{
    std::vector<double> ticks;
    if (!(hi > lo))
        return ticks;
    const double raw = (hi - lo) / std::max(1, count);
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    double step = decade;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * decade >= raw) {
            step = m * decade;
            break;
        }
    // Counted, not accumulated: a step far below the values' magnitude must not loop forever.
    const double first = std::ceil(lo / step);
    for (int i = 0; i <= 4 * std::max(1, count) + 2; ++i) {
        const double t = (first + i) * step;
        if (t > hi + 1e-9 * step)
            break;
        ticks.push_back(std::fabs(t) < 1e-12 * step ? 0.0 : t);
    }
    return ticks;
}

QString tickText(double v)
{
    return QString::number(v, 'g', 6);
}

} // namespace

struct SweepPlot::Frame {
    QRectF plot;      // the axes' inside
    QRectF legend;
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    QPointF map(double x, double y) const
    {
        return {plot.left() + (x - x0) / (x1 - x0) * plot.width(), plot.bottom() - (y - y0) / (y1 - y0) * plot.height()};
    }
};

QColor SweepPlot::pointColor(int index)
{
    // Distinguishable on white and on dark grey, and for the common colour-vision deficiencies
    // (Okabe & Ito's palette).
    static const QColor colors[] = {QColor(0, 114, 178), QColor(230, 159, 0),  QColor(0, 158, 115),
                                    QColor(204, 121, 167), QColor(86, 180, 233), QColor(213, 94, 0),
                                    QColor(240, 228, 66),  QColor(120, 120, 120)};
    return colors[index % int(std::size(colors))];
}

SweepPlot::Frame SweepPlot::frame(const QRectF& area, const QFont& font) const
{
    Frame f;
    double xMin = std::numeric_limits<double>::infinity(), xMax = -xMin, yMin = xMin, yMax = -xMin;
    for (const auto& p : figure_.points) {
        for (std::size_t i = 0; i < p.t.size(); ++i) {
            xMin = std::min(xMin, p.t[i]);
            xMax = std::max(xMax, p.t[i]);
            yMin = std::min({yMin, p.low[i], p.mean[i]});
            yMax = std::max({yMax, p.high[i], p.mean[i]});
        }
        for (const auto& r : p.runs)
            for (double v : r.v) {
                yMin = std::min(yMin, v);
                yMax = std::max(yMax, v);
            }
    }
    if (!std::isfinite(xMin)) {
        xMin = 0;
        xMax = 1;
        yMin = 0;
        yMax = 1;
    }
    if (xMax <= xMin)
        xMax = xMin + 1;
    // A flat metric (a constant parameter such as the temperature, whose mean over seeds may
    // still differ from the value in the last bit) gets a visible range around its value.
    if (yMax - yMin <= 1e-9 * std::max(std::fabs(yMax), std::fabs(yMin))) {
        yMax += 0.5 * std::max(1e-9, std::fabs(yMax));
        yMin -= 0.5 * std::max(1e-9, std::fabs(yMin));
    }
    const double pad = 0.05 * (yMax - yMin);
    f.x0 = xMin;
    f.x1 = xMax;
    f.y0 = yMin - pad;
    f.y1 = yMax + pad;

    const QFontMetricsF fm(font);
    double legendWidth = 0;
    for (const auto& p : figure_.points)
        legendWidth = std::max(legendWidth, fm.horizontalAdvance(p.name));
    legendWidth = std::min(legendWidth + 3 * fm.height(), 0.4 * area.width());
    double tickWidth = 0;
    for (double t : niceTicks(f.y0, f.y1, 6))
        tickWidth = std::max(tickWidth, fm.horizontalAdvance(tickText(t)));
    const double top = area.top() + (figure_.subtitle.isEmpty() ? 2.0 : 3.2) * fm.height();
    const double left = area.left() + tickWidth + 2.2 * fm.height();
    const double bottom = area.bottom() - 2.8 * fm.height();
    const double right = area.right() - legendWidth - fm.height();
    f.plot = QRectF(QPointF(left, top), QPointF(std::max(left + 10, right), std::max(top + 10, bottom)));
    f.legend = QRectF(f.plot.right() + fm.height(), top, legendWidth, f.plot.height());
    return f;
}

void SweepPlot::paint(QPainter& painter, const QRectF& area, const QFont& font, bool dark,
                      std::optional<SweepRunIndex> highlighted) const
{
    const Frame f = frame(area, font);
    const QFontMetricsF fm(font);
    const QColor ink = dark ? QColor(230, 230, 230) : QColor(30, 30, 30);
    const QColor grid = dark ? QColor(80, 80, 80) : QColor(225, 225, 225);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(font);

    // Title and subtitle.
    QFont bold = font;
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(ink);
    painter.drawText(QRectF(area.left(), area.top() + 0.3 * fm.height(), area.width(), fm.height() * 1.3),
                     Qt::AlignHCenter | Qt::AlignVCenter, figure_.title);
    painter.setFont(font);
    if (!figure_.subtitle.isEmpty())
        painter.drawText(QRectF(area.left(), area.top() + 1.6 * fm.height(), area.width(), fm.height() * 1.2),
                         Qt::AlignHCenter | Qt::AlignVCenter,
                         fm.elidedText(figure_.subtitle, Qt::ElideRight, area.width()));

    // Grid, ticks and axis labels.
    for (double t : niceTicks(f.x0, f.x1, 8)) {
        const double x = f.map(t, 0).x();
        painter.setPen(QPen(grid, 1));
        painter.drawLine(QPointF(x, f.plot.top()), QPointF(x, f.plot.bottom()));
        painter.setPen(ink);
        painter.drawText(QRectF(x - 40, f.plot.bottom() + 0.2 * fm.height(), 80, fm.height()), Qt::AlignHCenter,
                         tickText(t));
    }
    for (double t : niceTicks(f.y0, f.y1, 6)) {
        const double y = f.map(0, t).y();
        painter.setPen(QPen(grid, 1));
        painter.drawLine(QPointF(f.plot.left(), y), QPointF(f.plot.right(), y));
        painter.setPen(ink);
        painter.drawText(QRectF(area.left(), y - fm.height() / 2, f.plot.left() - area.left() - 0.4 * fm.height(),
                                fm.height()),
                         Qt::AlignRight | Qt::AlignVCenter, tickText(t));
    }
    painter.setPen(QPen(ink, 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(f.plot);
    painter.drawText(QRectF(f.plot.left(), f.plot.bottom() + 1.4 * fm.height(), f.plot.width(), fm.height()),
                     Qt::AlignHCenter, figure_.xLabel);

    // Bands, seed lines, means: clipped to the axes.
    painter.setClipRect(f.plot.adjusted(-1, -1, 1, 1));
    for (int i = 0; i < int(figure_.points.size()); ++i) {
        const auto& p = figure_.points[std::size_t(i)];
        QColor band = pointColor(i);
        band.setAlphaF(0.22);
        QPolygonF polygon;
        for (std::size_t k = 0; k < p.t.size(); ++k)
            polygon << f.map(p.t[k], p.high[k]);
        for (std::size_t k = p.t.size(); k-- > 0;)
            polygon << f.map(p.t[k], p.low[k]);
        painter.setPen(Qt::NoPen);
        painter.setBrush(band);
        painter.drawPolygon(polygon);
    }
    painter.setBrush(Qt::NoBrush);
    for (int i = 0; i < int(figure_.points.size()); ++i) {
        const auto& p = figure_.points[std::size_t(i)];
        for (int r = 0; r < int(p.runs.size()); ++r) {
            const bool lit = highlighted && *highlighted == SweepRunIndex{i, r};
            QColor c = pointColor(i);
            c.setAlphaF(lit ? 1.0 : 0.45);
            painter.setPen(QPen(c, lit ? 2.5 : 0.8));
            QPolygonF line;
            for (std::size_t k = 0; k < p.runs[std::size_t(r)].t.size(); ++k)
                line << f.map(p.runs[std::size_t(r)].t[k], p.runs[std::size_t(r)].v[k]);
            painter.drawPolyline(line);
        }
        QPolygonF mean;
        for (std::size_t k = 0; k < p.t.size(); ++k)
            mean << f.map(p.t[k], p.mean[k]);
        painter.setPen(QPen(pointColor(i), 2.2));
        painter.drawPolyline(mean);
    }
    painter.setClipping(false);

    // Legend: one swatch per point.
    double y = f.legend.top();
    for (int i = 0; i < int(figure_.points.size()) && y + fm.height() <= f.legend.bottom(); ++i) {
        QColor band = pointColor(i);
        band.setAlphaF(0.22);
        const QRectF swatch(f.legend.left(), y + 0.15 * fm.height(), 1.6 * fm.height(), 0.7 * fm.height());
        painter.fillRect(swatch, band);
        painter.setPen(QPen(pointColor(i), 2.2));
        painter.drawLine(QPointF(swatch.left(), swatch.center().y()), QPointF(swatch.right(), swatch.center().y()));
        painter.setPen(ink);
        const QRectF text(swatch.right() + 0.4 * fm.height(), y, f.legend.right() - swatch.right() - 0.4 * fm.height(),
                          fm.height());
        painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(figure_.points[std::size_t(i)].name, Qt::ElideMiddle, text.width()));
        y += 1.3 * fm.height();
    }
    painter.restore();
}

std::optional<SweepRunIndex> SweepPlot::runAt(const QRectF& area, const QFont& font, QPointF position,
                                              double tolerance) const
{
    const Frame f = frame(area, font);
    if (!f.plot.adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(position))
        return std::nullopt;
    std::optional<SweepRunIndex> best;
    double bestDistance = tolerance;
    for (int i = 0; i < int(figure_.points.size()); ++i)
        for (int r = 0; r < int(figure_.points[std::size_t(i)].runs.size()); ++r) {
            const auto& run = figure_.points[std::size_t(i)].runs[std::size_t(r)];
            for (std::size_t k = 1; k < run.t.size(); ++k) {
                // Distance from the position to the segment between two samples, in pixels.
                const QPointF a = f.map(run.t[k - 1], run.v[k - 1]), b = f.map(run.t[k], run.v[k]);
                const QPointF ab = b - a, ap = position - a;
                const double len2 = QPointF::dotProduct(ab, ab);
                const double u = len2 > 0 ? std::clamp(QPointF::dotProduct(ap, ab) / len2, 0.0, 1.0) : 0.0;
                const QPointF d = position - (a + u * ab);
                const double distance = std::hypot(d.x(), d.y());
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = SweepRunIndex{i, r};
                }
            }
        }
    return best;
}

bool SweepPlot::save(const QString& path, const QSize& size, const QFont& font) const
{
    const QRectF area(QPointF(0, 0), QSizeF(size));
    if (path.endsWith(".svg", Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(area);
        svg.setTitle(figure_.title);
        svg.setDescription(figure_.subtitle);
        QPainter painter;
        if (!painter.begin(&svg))
            return false;
        painter.fillRect(area, Qt::white);
        paint(painter, area, font, false);
        return painter.end();
    }
    QImage picture(size * 2, QImage::Format_ARGB32_Premultiplied);
    picture.setDevicePixelRatio(2);
    picture.fill(Qt::white);
    QPainter painter(&picture);
    paint(painter, area, font, false);
    painter.end();
    return picture.save(path);
}

} // namespace plab
