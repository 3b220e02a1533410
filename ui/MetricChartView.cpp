#include "MetricChartView.h"

#include <QPainter>
#include <QSvgGenerator>

#include "ChartLegend.h"
#include "Palette.h"
#include "ViewStyle.h"

#include <QChart>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QMouseEvent>
#include <QWheelEvent>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace plab {

namespace {

/// 1, 2 or 5 times a power of ten, giving about `ticks` ticks over `span`.
double niceStep(double span, double ticks = 5)
{
    const double raw = std::max(span, 1e-12) / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / magnitude;
    return (f < 2 ? 1 : f < 5 ? 2 : 5) * magnitude;
}

} // namespace

MetricChartView::MetricChartView(QWidget* parent) : QChartView(parent)
{
    auto* chart = new QChart;
    chart->legend()->hide();  // ChartLegend beside the plot instead
    chart->setMargins(QMargins(4, 4, 4, 4));
    x_ = new QValueAxis;
    x_->setTitleText(tr("simulated time (s)"));
    x_->setLabelFormat("%g");
    y_ = new QValueAxis;
    y_->setLabelFormat("%.3g");
    for (QValueAxis* axis : {x_, y_}) {
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0);
    }
    chart->addAxis(x_, Qt::AlignBottom);
    chart->addAxis(y_, Qt::AlignLeft);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    fitToFont();
    setToolTip(tr("Metrics over simulated time, one point per recording interval.\n"
                  "Click a legend entry to hide or show its curve."));
    legend_ = new ChartLegend(this);
    connect(legend_, &ChartLegend::toggled, this, [this](int i, bool on) {
        curves_[std::size_t(i)].series->setVisible(on);
        if (std::size_t(i) < intact_.size())
            intact_[std::size_t(i)].series->setVisible(on);
        refresh();
    });
    setDragMode(QGraphicsView::NoDrag);
}

void MetricChartView::fitToFont()
{
    // Title, time labels and time title, margins and a plot that can still be read: below
    // this Qt Charts elides the tick labels ("…").
    setMinimumHeight(int(4.6 * QFontMetrics(font()).height()) + 80);
    // As wide as the title (Qt Charts elides a wider one) beside the legend.
    setMinimumWidth(widthForTitle(chart()) + (legend_ && legend_->count() > 0 ? legend_->neededWidth() : 0));
}

void MetricChartView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::ApplicationFontChange)
        fitToFont();
    QChartView::changeEvent(event);
}

void MetricChartView::placeLegend()
{
    if (forExport_) {  // a plain legend is painted into the margin (paintLegend)
        legend_->hide();
        setViewportMargins(0, 0, legendPaintWidth(), 0);
        return;
    }
    const int w = legend_->count() > 0 ? std::min(legend_->neededWidth(), width() / 2) : 0;
    setViewportMargins(0, 0, w, 0);
    legend_->setGeometry(width() - w - frameWidth(), frameWidth(), w, height() - 2 * frameWidth());
    legend_->setVisible(w > 0);
}

void MetricChartView::resizeEvent(QResizeEvent* event)
{
    placeLegend();
    QChartView::resizeEvent(event);
    // QChartView sizes the chart to the whole widget; the legend's margin is not the chart's.
    chart()->resize(viewport()->size());
    setSceneRect(chart()->geometry());
    refresh();  // tick counts follow the plot's height
}

double MetricChartView::timeAt(int viewportX) const
{
    const QRectF plot = chart()->plotArea();
    const double f = plot.width() > 0 ? (viewportX - plot.left()) / plot.width() : 0;
    const auto [lo, hi] = shownTimes();
    return lo + std::clamp(f, 0.0, 1.0) * (hi - lo);
}

std::pair<double, double> MetricChartView::shownTimes() const
{
    switch (range_) {
    case TimeRange::All:
        return {0.0, tMax_};
    case TimeRange::Follow:
        return {std::max(0.0, tMax_ - followSpan_), std::max(tMax_, followSpan_)};
    case TimeRange::Fixed:
        break;
    }
    return {shownFrom_, shownTo_};
}

void MetricChartView::showTimes(double from, double span)
{
    if (span >= tMax_) {
        range_ = TimeRange::All;
    } else if (from + span >= tMax_ - 1e-9 * std::max(1.0, tMax_)) {
        range_ = TimeRange::Follow;  // the right end: keep showing the newest data
        followSpan_ = span;
    } else {
        range_ = TimeRange::Fixed;
        shownFrom_ = from;
        shownTo_ = from + span;
    }
    refresh();
}

void MetricChartView::zoomTime(double factor, double t)
{
    const auto [lo, hi] = shownTimes();
    const double span = std::clamp((hi - lo) * factor, 1e-3, std::max(tMax_, 1e-3));
    const double f = hi > lo ? (t - lo) / (hi - lo) : 1.0;
    showTimes(std::max(0.0, t - f * span), span);
}

void MetricChartView::panTime(double dt)
{
    if (range_ == TimeRange::All)
        return;
    const auto [lo, hi] = shownTimes();
    const double span = hi - lo;
    showTimes(std::clamp(lo + dt, 0.0, std::max(0.0, tMax_ - span)), span);
}

void MetricChartView::showAllTimes()
{
    range_ = TimeRange::All;
    refresh();
}

void MetricChartView::wheelEvent(QWheelEvent* event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches != 0)
        zoomTime(std::pow(0.8, notches), timeAt(int(event->position().x())));
    event->accept();
}

void MetricChartView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && range_ != TimeRange::All) {
        dragging_ = true;
        dragX_ = int(event->position().x());
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
    QChartView::mousePressEvent(event);
}

void MetricChartView::mouseMoveEvent(QMouseEvent* event)
{
    if (dragging_) {
        const int x = int(event->position().x());
        panTime(timeAt(dragX_) - timeAt(x));
        dragX_ = x;
    }
    QChartView::mouseMoveEvent(event);
}

void MetricChartView::mouseReleaseEvent(QMouseEvent* event)
{
    dragging_ = false;
    viewport()->unsetCursor();
    QChartView::mouseReleaseEvent(event);
}

void MetricChartView::mouseDoubleClickEvent(QMouseEvent* event)
{
    showAllTimes();
    QChartView::mouseDoubleClickEvent(event);
}

void MetricChartView::setTitle(const QString& title)
{
    chart()->setTitle(title);
    fitToFont();
}

void MetricChartView::setSeries(const std::vector<std::string>& names, const std::vector<std::string>& visible,
                                const std::vector<std::string>& descriptions)
{
    QString tip = tr("<p>Metrics over simulated time, one point per recording interval (the columns of "
                     "metrics.csv); dashed lines mark interventions. Click a legend entry to hide or show its "
                     "curve.</p>");
    for (std::size_t i = 0; i < names.size(); ++i)
        if (i < descriptions.size() && !descriptions[i].empty())
            tip += QString("<p><b>%1</b>: %2</p>")
                       .arg(QString::fromStdString(names[i]), QString::fromStdString(descriptions[i]).toHtmlEscaped());
    setToolTip(tip);
    setWhatsThis(tip);
    chart()->removeAllSeries();
    curves_.clear();
    intact_.clear();
    markers_.clear();
    markerTimes_.clear();
    for (std::size_t i = 0; i < names.size(); ++i) {
        Curve c;
        c.series = new QLineSeries;
        c.series->setName(QString::fromStdString(names[i]));
        c.series->setPen(QPen(palette::seriesColor(int(i)), 2));
        chart()->addSeries(c.series);
        c.series->attachAxis(x_);
        c.series->attachAxis(y_);
        if (!visible.empty() && std::find(visible.begin(), visible.end(), names[i]) == visible.end())
            c.series->setVisible(false);
        curves_.push_back(c);
    }
    QStringList legendNames;
    std::vector<QColor> colors;
    std::vector<bool> shown;
    for (std::size_t i = 0; i < curves_.size(); ++i) {
        legendNames << curves_[i].series->name();
        colors.push_back(palette::seriesColor(int(i)));
        shown.push_back(curves_[i].series->isVisible());
    }
    legend_->setEntries(legendNames, colors, shown);
    names_ = names;
    visibleNames_ = visible;
    descriptions_ = descriptions;
    range_ = TimeRange::All;
    placeLegend();
    tMax_ = 1;
    refresh();
}

void MetricChartView::removeIntact()
{
    for (auto& c : intact_) {
        chart()->removeSeries(c.series);
        delete c.series;
    }
    intact_.clear();
}

void MetricChartView::startComparison()
{
    removeIntact();
    for (std::size_t i = 0; i < curves_.size(); ++i) {
        Curve c;
        c.series = new QLineSeries;
        c.series->setName(curves_[i].series->name() + tr(" (intact)"));
        c.series->setPen(QPen(palette::seriesColor(int(i)), 1.5, Qt::DashLine));
        chart()->addSeries(c.series);
        c.series->attachAxis(x_);
        c.series->attachAxis(y_);
        c.series->setVisible(curves_[i].series->isVisible());
        // The twin starts where the branches part: the same points up to the fork.
        c.points = curves_[i].points;
        c.stride = curves_[i].stride;
        c.skipped = curves_[i].skipped;
        c.series->replace(c.points);
        intact_.push_back(c);
    }
    refresh();
}

void MetricChartView::appendIntact(const std::vector<double>& times, const std::vector<std::vector<double>>& rows)
{
    if (times.empty() || intact_.empty())
        return;
    appendTo(intact_, times, rows);
}

QList<QPointF> MetricChartView::pointsOf(int series, bool intact) const
{
    const auto& curves = intact ? intact_ : curves_;
    return std::size_t(series) < curves.size() ? curves[std::size_t(series)].points : QList<QPointF>{};
}

int MetricChartView::intactPointsIn(int series) const
{
    return std::size_t(series) < intact_.size() ? int(intact_[std::size_t(series)].points.size()) : 0;
}

void MetricChartView::clear()
{
    removeIntact();
    for (auto& c : curves_) {
        c.points.clear();
        c.stride = 1;
        c.skipped = 0;
        c.series->clear();
    }
    for (auto* m : markers_) {
        chart()->removeSeries(m);
        delete m;
    }
    markers_.clear();
    markerTimes_.clear();
    tMax_ = 1;
    range_ = TimeRange::All;
    refresh();
}

void MetricChartView::append(const std::vector<double>& times, const std::vector<std::vector<double>>& rows)
{
    if (times.empty())
        return;
    appendTo(curves_, times, rows);
}

void MetricChartView::appendTo(std::vector<Curve>& curves, const std::vector<double>& times,
                               const std::vector<std::vector<double>>& rows)
{
    for (std::size_t r = 0; r < times.size(); ++r) {
        for (std::size_t i = 0; i < curves.size() && i < rows[r].size(); ++i) {
            Curve& c = curves[i];
            if (++c.skipped < c.stride)
                continue;
            c.skipped = 0;
            if (std::isfinite(rows[r][i]))
                c.points.append(QPointF(times[r], rows[r][i]));
            if (c.points.size() >= kMaxPoints) {
                QList<QPointF> halved;
                halved.reserve(kMaxPoints / 2 + 1);
                for (qsizetype k = 0; k < c.points.size(); k += 2)
                    halved.append(c.points[k]);
                c.points.swap(halved);
                c.stride *= 2;
            }
        }
        tMax_ = std::max(tMax_, times[r]);
    }
    for (auto& c : curves)
        c.series->replace(c.points);
    refresh();
}

void MetricChartView::addMarker(double t, const QString& label)
{
    auto* m = new QLineSeries;
    m->setName(label);
    m->setPen(QPen(QColor(80, 80, 80), 1.5, Qt::DashLine));  // styleChart() lightens it on a dark theme
    chart()->addSeries(m);
    m->attachAxis(x_);
    m->attachAxis(y_);
    markers_.push_back(m);
    markerTimes_.push_back(t);
    refresh();
}

int MetricChartView::pointsIn(int series) const
{
    return int(curves_[std::size_t(series)].points.size());
}

void MetricChartView::refresh()
{
    double lo = 0, hi = 1;
    bool any = false;
    const auto [tFrom, tTo] = shownTimes();
    std::vector<const Curve*> all;
    for (const auto& c : curves_)
        all.push_back(&c);
    for (const auto& c : intact_)
        all.push_back(&c);
    for (const Curve* curve : all) {
        const Curve& c = *curve;
        if (!c.series->isVisible())
            continue;
        for (const auto& p : c.points) {
            if (p.x() < tFrom || p.x() > tTo)
                continue;
            if (!any) {
                lo = hi = p.y();
                any = true;
            }
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
    }
    if (!any || hi - lo < 1e-9) {
        lo = any ? lo - 0.5 : 0;
        hi = any ? hi + 0.5 : 1;
    }
    const double pad = 0.05 * (hi - lo);
    // Non-negative metrics (errors, information) are read against zero.
    // The tick interval goes first: a wide range with the old, fine interval would make the
    // axis build hundreds of thousands of ticks.
    // Few ticks, and the range ends on whole ticks: Qt Charts elides every label ("...")
    // when the labels of a short chart would crowd each other.
    // As many ticks as the plot's height holds at the labels' font size (fewer in a short
    // chart or the presentation view's large fonts).
    const double labelHeight = QFontMetricsF(y_->labelsFont()).height();
    const double plotHeight = chart()->plotArea().height();
    const double ticks = plotHeight > 0 ? std::clamp(plotHeight / (2.6 * labelHeight), 1.2, 3.5) : 3.5;
    const double step = niceStep(hi + pad - (lo >= 0 ? 0.0 : lo - pad), ticks);
    const double yLo = lo >= 0 ? 0.0 : std::floor((lo - pad) / step) * step;
    const double yHi = std::ceil((hi + pad) / step) * step;
    y_->setTickInterval(step);
    y_->setRange(yLo, yHi);
    // As many time ticks as the plot's width holds at the labels' size.
    const double labelWidth = QFontMetricsF(x_->labelsFont()).horizontalAdvance(QString::number(tTo, 'g', 6)) + 24;
    const double plotWidth = chart()->plotArea().width();
    const double xTicks = plotWidth > 0 ? std::clamp(plotWidth / (1.6 * labelWidth), 1.5, 8.0) : 5.0;
    x_->setTickAnchor(0);
    x_->setTickInterval(niceStep(tTo - tFrom, xTicks));
    x_->setRange(tFrom, tTo);
    // Markers span exactly the visible range (a line to ±infinity is not drawn).
    for (std::size_t i = 0; i < markers_.size(); ++i)
        markers_[i]->replace(QList<QPointF>{{markerTimes_[i], yLo}, {markerTimes_[i], yHi}});
}

} // namespace plab
