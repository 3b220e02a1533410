// The metric chart as a figure: a copy laid out at 16:9 with its legend painted in, saved as
// SVG (vector) or PNG (2×).
#include "MetricChartView.h"

#include "ChartLegend.h"
#include "ViewStyle.h"

#include <QChart>
#include <QCoreApplication>
#include <QPainter>
#include <QSvgGenerator>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace plab {

std::unique_ptr<MetricChartView> MetricChartView::copyAt(QSize size) const
{
    auto copy = std::make_unique<MetricChartView>();
    copy->setSeries(names_, visibleNames_, descriptions_);
    copy->setTitle(chart()->title());
    for (std::size_t i = 0; i < curves_.size(); ++i) {
        Curve& c = copy->curves_[i];
        c.points = curves_[i].points;
        c.series->replace(c.points);
        c.series->setVisible(curves_[i].series->isVisible());
        c.series->setPen(curves_[i].series->pen());
    }
    if (comparing()) {  // the intact branch's dashed twins too
        copy->startComparison();
        for (std::size_t i = 0; i < intact_.size() && i < copy->intact_.size(); ++i) {
            Curve& c = copy->intact_[i];
            c.points = intact_[i].points;
            c.series->replace(c.points);
            c.series->setVisible(intact_[i].series->isVisible());
            c.series->setPen(intact_[i].series->pen());
        }
    }
    copy->tMax_ = tMax_;
    for (std::size_t i = 0; i < markers_.size(); ++i) {
        copy->addMarker(markerTimes_[i], markers_[i]->name());
        copy->markers_.back()->setPen(markers_[i]->pen());
    }
    copy->range_ = range_;
    copy->shownFrom_ = shownFrom_;
    copy->shownTo_ = shownTo_;
    copy->followSpan_ = followSpan_;
    // The window's theme and fonts (ViewStyle set them on this chart).
    QChart* to = copy->chart();
    to->setBackgroundBrush(chart()->backgroundBrush());
    to->setPlotAreaBackgroundVisible(chart()->isPlotAreaBackgroundVisible());
    to->setTitleFont(chart()->titleFont());
    to->setTitleBrush(chart()->titleBrush());
    const std::pair<QValueAxis*, QValueAxis*> axes[] = {{x_, copy->x_}, {y_, copy->y_}};
    for (const auto& [a, b] : axes) {
        b->setLabelsFont(a->labelsFont());
        b->setLabelsColor(a->labelsColor());
        b->setTitleFont(a->titleFont());
        b->setTitleBrush(a->titleBrush());
        b->setGridLineColor(a->gridLineColor());
        b->setLinePenColor(a->linePenColor());
    }
    copy->setFont(font());
    copy->setPalette(palette());
    // A plain legend is painted by exportTo; the check boxes are for the window.
    copy->forExport_ = true;
    copy->setAttribute(Qt::WA_DontShowOnScreen);
    copy->resize(size);
    copy->show();
    QCoreApplication::sendPostedEvents();
    copy->refresh();
    QCoreApplication::sendPostedEvents();
    return copy;
}

int MetricChartView::legendPaintWidth() const
{
    const QFontMetrics fm(font());
    int widest = 0;
    for (const auto& c : curves_)
        if (c.series->isVisible())
            widest = std::max(widest, fm.horizontalAdvance(c.series->name()));
    return widest > 0 ? widest + 2 * fm.height() + 16 : 0;
}

void MetricChartView::paintLegend(QPainter& painter) const
{
    const QFontMetrics fm(font());
    const int line = fm.height() + 4, w = legendPaintWidth();
    int y = int(chart()->plotArea().top());
    painter.setFont(font());
    for (const auto& c : curves_) {
        if (!c.series->isVisible())
            continue;
        const int x = width() - w + 4;
        painter.fillRect(QRect(x, y + line / 2 - 2, fm.height(), 4), c.series->pen().color());
        painter.setPen(chart()->titleBrush().color());
        painter.drawText(QRect(x + fm.height() + 6, y, w - fm.height() - 8, line), Qt::AlignLeft | Qt::AlignVCenter,
                         c.series->name());
        y += line;
    }
}

bool MetricChartView::exportTo(const QString& path)
{
    // Exported at a fixed 16:9 shape (a slide's, a paper figure's), not the window's strip.
    const QSize size = exportSize();
    const auto copy = copyAt(size);
    const auto draw = [&copy](QPainter& painter) {
        painter.fillRect(QRect(QPoint(0, 0), copy->size()), copy->chart()->backgroundBrush());
        copy->QWidget::render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
        copy->paintLegend(painter);
    };
    if (path.endsWith(".svg", Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(chart()->title());
        svg.setDescription(tr("Plasticity Lab chart"));
        QPainter painter;
        if (!painter.begin(&svg))
            return false;
        draw(painter);
        return painter.end();
    }
    QImage picture(size * 2, QImage::Format_ARGB32_Premultiplied);
    picture.setDevicePixelRatio(2);
    picture.fill(Qt::white);
    QPainter painter(&picture);
    draw(painter);
    painter.end();
    return picture.save(path);
}

} // namespace plab
