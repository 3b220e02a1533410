#include "RasterDecorations.h"

#include <QEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace plab {

RasterBandLabels::RasterBandLabels(const RasterModel& model, QWidget* parent) : QWidget(parent), model_(model)
{
    fitToFont();
}

void RasterBandLabels::fitToFont()
{
    setFixedWidth(fontMetrics().horizontalAdvance("200 neurons") + 16);
}

void RasterBandLabels::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        fitToFont();
    QWidget::changeEvent(event);
}

void RasterBandLabels::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const int h = height();
    for (const auto& band : model_.bands()) {
        const int top = int((1.0f - band.top) * float(h));
        const int bottom = int((1.0f - band.bottom) * float(h));
        p.fillRect(QRect(width() - 5, top, 3, bottom - top), QColor(120, 120, 120));
        p.setPen(palette().color(QPalette::WindowText));
        // Name and size where two lines fit, the name where one does, nothing in a sliver.
        const int lines = (bottom - top) / std::max(1, fontMetrics().height());
        if (lines < 1)
            continue;
        const QString text = lines >= 2 ? QString("%1\n%2 neurons").arg(band.name).arg(band.count)
                                        : fontMetrics().elidedText(band.name, Qt::ElideRight, width() - 12);
        p.drawText(QRect(2, top, width() - 12, bottom - top), Qt::AlignRight | Qt::AlignVCenter, text);
    }
}

RasterTimeAxis::RasterTimeAxis(const RasterModel& model, QWidget* parent) : QWidget(parent), model_(model)
{
    fitToFont();
}

void RasterTimeAxis::fitToFont()
{
    setFixedHeight(fontMetrics().height() + 8);
}

void RasterTimeAxis::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        fitToFont();
    QWidget::changeEvent(event);
}

void RasterTimeAxis::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawLine(0, 0, width(), 0);
    // A round step that gives as many ticks as fit: each label needs its width plus a gap.
    const double window = model_.window();
    const int labelWidth = fontMetrics().horizontalAdvance(QString::number(model_.now(), 'f', 1) + " s") + 24;
    const double raw = window / std::clamp(width() / std::max(1, labelWidth), 2, 8);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    // The smallest round step at least `raw`, so that the labels never crowd.
    const double f = raw / magnitude;
    const double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    const double t1 = model_.now(), t0 = t1 - window;
    for (double t = std::max(0.0, std::ceil(t0 / step) * step); t <= t1 + 1e-9; t += step) {
        const int x = int((t - t0) / window * width());
        p.drawLine(x, 0, x, 4);
        // Labels at the ends are pushed inside rather than cut in half.
        const int left = std::clamp(x - 40, 0, std::max(0, width() - 80));
        p.drawText(QRect(left, 4, 80, height() - 4), Qt::AlignHCenter | Qt::AlignTop,
                   QString::number(t, 'f', step < 1 ? 1 : 0) + " s");
    }
}

} // namespace plab
