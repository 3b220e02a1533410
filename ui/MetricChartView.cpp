#include "MetricChartView.h"

#include <QPainter>
#include <QSvgGenerator>

#include "Palette.h"

#include <QChart>
#include <QFontMetricsF>
#include <QLegendMarker>
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
    chart->legend()->setAlignment(Qt::AlignRight);
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
    setMinimumHeight(180);
    setToolTip(tr("Metrics over simulated time, one point per recording interval.\n"
                  "Click a legend entry to hide or show its curve."));
}

void MetricChartView::setTitle(const QString& title)
{
    chart()->setTitle(title);
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
    markers_.clear();
    markerTimes_.clear();
    for (std::size_t i = 0; i < names.size(); ++i) {
        Curve c;
        c.series = new QLineSeries;
        c.series->setName(QString::fromStdString(names[i]));
        c.series->setPen(QPen(palette::color(int(i)), 2));
        chart()->addSeries(c.series);
        c.series->attachAxis(x_);
        c.series->attachAxis(y_);
        if (!visible.empty() && std::find(visible.begin(), visible.end(), names[i]) == visible.end())
            c.series->setVisible(false);
        curves_.push_back(c);
    }
    // Clicking a legend entry toggles its curve; the entry stays, dimmed.
    for (QLegendMarker* marker : chart()->legend()->markers()) {
        auto update = [marker] {
            QColor c = marker->labelBrush().color();
            c.setAlphaF(marker->series()->isVisible() ? 1.0 : 0.35);
            marker->setLabelBrush(c);
            marker->setVisible(true);
        };
        update();
        connect(marker, &QLegendMarker::clicked, this, [this, marker, update] {
            marker->series()->setVisible(!marker->series()->isVisible());
            update();
            refresh();
        });
    }
    tMax_ = 1;
    refresh();
}

void MetricChartView::clear()
{
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
    refresh();
}

void MetricChartView::append(const std::vector<double>& times, const std::vector<std::vector<double>>& rows)
{
    if (times.empty())
        return;
    for (std::size_t r = 0; r < times.size(); ++r) {
        for (std::size_t i = 0; i < curves_.size() && i < rows[r].size(); ++i) {
            Curve& c = curves_[i];
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
    for (auto& c : curves_)
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
    for (QLegendMarker* marker : chart()->legend()->markers(m))
        marker->setVisible(false);
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
    for (const auto& c : curves_) {
        if (!c.series->isVisible())
            continue;
        for (const auto& p : c.points) {
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
    x_->setTickInterval(niceStep(tMax_));
    x_->setRange(0, tMax_);
    // Markers span exactly the visible range (a line to ±infinity is not drawn).
    for (std::size_t i = 0; i < markers_.size(); ++i)
        markers_[i]->replace(QList<QPointF>{{markerTimes_[i], yLo}, {markerTimes_[i], yHi}});
}

bool MetricChartView::exportTo(const QString& path)
{
    if (path.endsWith(".svg", Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size());
        svg.setViewBox(rect());
        svg.setTitle(chart()->title());
        svg.setDescription(tr("Plasticity Lab chart"));
        QPainter painter;
        if (!painter.begin(&svg))
            return false;
        render(&painter);
        return painter.end();
    }
    QPixmap picture(size() * 2);
    picture.setDevicePixelRatio(2);
    picture.fill(Qt::white);
    QPainter painter(&picture);
    render(&painter);
    painter.end();
    return picture.save(path);
}

} // namespace plab
