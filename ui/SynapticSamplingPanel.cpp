#include "SynapticSamplingPanel.h"

#include "ViewStyle.h"

#include "Heatmap.h"
#include "TilePicker.h"
#include "experiments/SynapticSamplingExperiment.h"

#include <QChart>
#include <QChartView>
#include <QTimer>
#include <QGridLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QValueAxis>
#include <cmath>
#include <numbers>

namespace plab {

namespace {

constexpr int kBins = 50;

QChartView* smallChart(const QString& title, const QString& tip)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    QFont small = chart->titleFont();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    chart->setTitleFont(small);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(2, 2, 2, 2));
    auto* view = new QChartView(chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setToolTip(tip);
    view->setMinimumSize(240, 200);
    return view;
}

} // namespace

PanelStatePtr SynapticSamplingPanel::capture(const Experiment& experiment)
{
    const auto& e = static_cast<const SynapticSamplingExperiment&>(experiment);
    const auto& sampler = e.sampler();
    const auto& p = sampler.parameters();
    auto s = std::make_shared<SynapticSamplingState>();
    s->time = e.time();
    s->rows = sampler.rows();
    s->cols = sampler.cols();
    s->weights.resize(std::size_t(s->rows) * std::size_t(s->cols));
    for (int r = 0; r < s->rows; ++r)
        for (int c = 0; c < s->cols; ++c)
            s->weights[std::size_t(r) * std::size_t(s->cols) + std::size_t(c)] = float(sampler.weights()(r, c));
    s->thetaMin = p.thetaMin;
    s->thetaMax = p.thetaMax;
    s->thetaCounts.assign(kBins, 0.0);
    const double width = (p.thetaMax - p.thetaMin) / kBins;
    for (int r = 0; r < s->rows; ++r)
        for (int c = 0; c < s->cols; ++c)
            if (!sampler.removed(r, c)) {
                const int b = std::clamp(int((sampler.theta()(r, c) - p.thetaMin) / width), 0, kBins - 1);
                s->thetaCounts[std::size_t(b)] += 1;
            }
    s->mu = p.mu;
    s->sigma = p.sigma;
    s->temperature = p.temperature;
    e.survivalCurve(s->survivalAges, s->survivalFractions);
    s->trackedTheta = e.trackedTheta();
    s->theta0 = p.theta0;
    s->activeFraction = e.activeFraction();
    return s;
}

SynapticSamplingPanel::SynapticSamplingPanel(QWidget* parent) : ExperimentPanel(parent)
{
    chartTimer_ = new QTimer(this);
    chartTimer_->setSingleShot(true);
    connect(chartTimer_, &QTimer::timeout, this, &SynapticSamplingPanel::updateCharts);
    matrix_ = new WeightMatrixView;
    auto* picker = new TilePicker(matrix_, [this] { return matrix_->rowRects(); });
    connect(picker, &TilePicker::picked, this,
            [this](const QList<int>& neurons, QPoint at) { emit lesionOffered("hidden", neurons, "input", at); });

    histogramView_ = smallChart(tr("θ of all potential synapses, and the prior"),
                                tr("Histogram of every synapse's parameter θ (θ ≤ 0: the synapse does not exist) against "
                                   "the density of the prior N(μ, Tσ²).\nWithout activity θ is an Ornstein–Uhlenbeck "
                                   "process and the histogram becomes the prior; with activity, the likelihood\n(STDP) "
                                   "term pulls useful synapses up and useless ones below zero."));
    histogram_ = new QLineSeries;
    histogram_->setName(tr("θ histogram"));
    histogram_->setPen(QPen(QColor(46, 120, 200), 2));
    prior_ = new QLineSeries;
    prior_->setName(tr("prior N(μ, Tσ²)"));
    prior_->setPen(QPen(QColor(30, 30, 30), 2, Qt::DashLine));
    auto* hx = new QValueAxis;
    hx->setTitleText("θ");
    hx->setRange(-5, 5);
    hx->setTickCount(6);
    hx->setLabelFormat("%g");
    histogramY_ = new QValueAxis;
    histogramY_->setTitleText(tr("density"));
    histogramY_->setLabelFormat("%.2g");
    histogramY_->setTickCount(3);
    for (auto* series : {histogram_, prior_}) {
        histogramView_->chart()->addSeries(series);
    }
    histogramView_->chart()->addAxis(hx, Qt::AlignBottom);
    histogramView_->chart()->addAxis(histogramY_, Qt::AlignLeft);
    for (auto* series : {histogram_, prior_}) {
        series->attachAxis(hx);
        series->attachAxis(histogramY_);
    }

    survivalView_ = smallChart(tr("Survival of new synapses (log–log)"),
                               tr("Fraction of the synapses that formed in the reference window (default 1.0–1.5 h) that "
                                  "still exist, against their age.\nA straight line on log–log axes is a power law, as "
                                  "measured for dendritic spines; it follows from θ's first-passage times to zero."));
    survival_ = new QLineSeries;
    survival_->setName(tr("surviving fraction"));
    survival_->setPen(QPen(QColor(200, 80, 0), 2));
    survival_->setPointsVisible(true);
    survivalX_ = new QLogValueAxis;
    survivalX_->setTitleText(tr("age (s)"));
    survivalX_->setLabelFormat("%g");
    survivalX_->setBase(10);
    survivalY_ = new QLogValueAxis;
    survivalY_->setLabelFormat("%g");
    survivalY_->setBase(10);
    survivalView_->chart()->addSeries(survival_);
    survivalView_->chart()->addAxis(survivalX_, Qt::AlignBottom);
    survivalView_->chart()->addAxis(survivalY_, Qt::AlignLeft);
    survival_->attachAxis(survivalX_);
    survival_->attachAxis(survivalY_);
    // Until the reference window has passed there is nothing to draw; axes over the ages and
    // fractions to come read better than Qt's degenerate 1..1 (whose labels it elides).
    survivalX_->setRange(10, 1e4);
    survivalY_->setRange(0.01, 1);

    spineView_ = smallChart(tr("Spine volume of one synapse, w(t)"),
                            tr("w = exp(θ − θ0) of one synapse (one that existed at the start), 0 while it does not exist. Its "
                               "fluctuations are multiplicative (proportional to w),\nas in spine-volume imaging."));
    spine_ = new QLineSeries;
    spine_->setName(tr("w"));
    spine_->setPen(QPen(QColor(120, 60, 160), 2));
    spineX_ = new QValueAxis;
    spineX_->setTitleText(tr("simulated time (s)"));
    spineX_->setLabelFormat("%g");
    spineY_ = new QValueAxis;
    spineY_->setLabelFormat("%.2g");
    spineY_->setTickCount(3);
    spineX_->setTickCount(4);
    spineView_->chart()->addSeries(spine_);
    spineView_->chart()->addAxis(spineX_, Qt::AlignBottom);
    spineView_->chart()->addAxis(spineY_, Qt::AlignLeft);
    spine_->attachAxis(spineX_);
    spine_->attachAxis(spineY_);
    spineView_->chart()->legend()->hide();

    // Fork and compare: each curve's intact copy, dashed, shown only while comparing.
    const auto twin = [](QChartView* view, QLineSeries* of) {
        auto* series = new QLineSeries;
        series->setName(tr("intact copy"));
        QPen pen = of->pen();
        pen.setStyle(Qt::DashLine);
        series->setPen(pen);
        view->chart()->addSeries(series);
        for (QAbstractAxis* axis : of->attachedAxes())
            series->attachAxis(axis);
        series->setVisible(false);
        return series;
    };
    intactHistogram_ = twin(histogramView_, histogram_);
    intactSurvival_ = twin(survivalView_, survival_);
    intactSpine_ = twin(spineView_, spine_);

    auto* layout = new QGridLayout(this);
    layout->addWidget(matrix_, 0, 0);
    layout->addWidget(histogramView_, 0, 1);
    layout->addWidget(survivalView_, 1, 0);
    layout->addWidget(spineView_, 1, 1);
    setMinimumHeight(430);
}

void SynapticSamplingPanel::showState(const PanelStatePtr& state)
{
    auto s = std::dynamic_pointer_cast<const SynapticSamplingState>(state);
    if (!s)
        return;
    if (state_ && s->time < state_->time) {  // a new run
        spinePoints_.clear();
        lastSpineTime_ = -1;
    }
    state_ = s;
    matrix_->setState(s);
    // Spine volume: one point per state, a bounded history.
    if (s->time > lastSpineTime_) {
        const double w = s->trackedTheta > 0 ? std::exp(s->trackedTheta - s->theta0) : 0.0;
        spinePoints_ << QPointF(s->time, w);
        lastSpineTime_ = s->time;
        if (spinePoints_.size() > 1000) {  // a long polyline is costly to stroke antialiased
            QList<QPointF> halved;
            for (qsizetype i = 0; i < spinePoints_.size(); i += 2)
                halved << spinePoints_[i];
            spinePoints_.swap(halved);
        }
    }
    scheduleCharts();
}

void SynapticSamplingPanel::scheduleCharts()
{
    if (chartTimer_->isActive())
        return;  // the pending update will show this state
    constexpr qint64 kChartInterval = 100;  // ms
    const qint64 since = chartClock_.isValid() ? chartClock_.elapsed() : kChartInterval;
    if (since >= kChartInterval)
        updateCharts();
    else
        chartTimer_->start(int(kChartInterval - since));
}

void SynapticSamplingPanel::showIntactState(const PanelStatePtr& state)
{
    auto s = std::dynamic_pointer_cast<const SynapticSamplingState>(state);
    if (s == intactState_)
        return;
    if (!s || (intactState_ && s->time < intactState_->time))
        intactSpinePoints_.clear();  // the comparison ended, or a new one began
    intactState_ = std::move(s);
    if (intactState_ && (intactSpinePoints_.isEmpty() || intactState_->time > intactSpinePoints_.back().x())) {
        const double w = intactState_->trackedTheta > 0 ? std::exp(intactState_->trackedTheta - intactState_->theta0) : 0.0;
        intactSpinePoints_ << QPointF(intactState_->time, w);
        if (intactSpinePoints_.size() > 1000) {  // bounded, as the running copy's
            QList<QPointF> halved;
            for (qsizetype i = 0; i < intactSpinePoints_.size(); i += 2)
                halved << intactSpinePoints_[i];
            intactSpinePoints_.swap(halved);
        }
    }
    scheduleCharts();
}

namespace {

/// The θ histogram as a density's step outline.
QList<QPointF> densitySteps(const SynapticSamplingState& s, double& top)
{
    double total = 0;
    for (double c : s.thetaCounts)
        total += c;
    const double width = (s.thetaMax - s.thetaMin) / double(s.thetaCounts.size());
    QList<QPointF> steps;
    for (std::size_t b = 0; b < s.thetaCounts.size(); ++b) {
        const double d = total > 0 ? s.thetaCounts[b] / (total * width) : 0.0;
        const double x0 = s.thetaMin + b * width;
        steps << QPointF(x0, d) << QPointF(x0 + width, d);
        top = std::max(top, d);
    }
    return steps;
}

QList<QPointF> survivalPoints(const SynapticSamplingState& s, double& minFraction)
{
    QList<QPointF> survival;
    for (std::size_t i = 0; i < s.survivalAges.size(); ++i)
        if (s.survivalFractions[i] > 0) {
            survival << QPointF(s.survivalAges[i], s.survivalFractions[i]);
            minFraction = std::min(minFraction, s.survivalFractions[i]);
        }
    return survival;
}

void showTwin(QLineSeries* series, const QList<QPointF>& points)
{
    const bool shown = !points.isEmpty();
    if (series->isVisible() != shown) {
        series->setVisible(shown);
        if (auto* chart = series->chart())
            for (auto* marker : chart->legend()->markers(series))
                marker->setVisible(shown);
    }
    if (shown && points != series->points())
        series->replace(points);
}

} // namespace

void SynapticSamplingPanel::updateCharts()
{
    chartClock_.start();
    const auto& s = state_;
    if (!s)
        return;

    // Histogram as a density, step outline; the prior's density on the same axes.
    double top = 0;
    const QList<QPointF> steps = densitySteps(*s, top);
    showTwin(intactHistogram_, intactState_ ? densitySteps(*intactState_, top) : QList<QPointF>{});
    QList<QPointF> density;
    const double sd = std::sqrt(std::max(s->temperature, 1e-9)) * s->sigma;
    for (int i = 0; i <= 200; ++i) {
        const double x = s->thetaMin + (s->thetaMax - s->thetaMin) * i / 200.0;
        const double d = std::exp(-0.5 * (x - s->mu) * (x - s->mu) / (sd * sd)) / (sd * std::sqrt(2 * std::numbers::pi));
        density << QPointF(x, d);
        top = std::max(top, d);
    }
    histogram_->replace(steps);
    prior_->replace(density);
    histogramY_->setRange(0, top * 1.1);

    double minFraction = 1;
    const QList<QPointF> survival = survivalPoints(*s, minFraction);
    showTwin(intactSurvival_, intactState_ ? survivalPoints(*intactState_, minFraction) : QList<QPointF>{});
    // The curve grows by one point a recording (every 60 s simulated): most updates leave
    // it as it was, and re-laying out log axes for nothing costs frames.
    if (survival != survival_->points()) {
        survival_->replace(survival);
        if (!survival.isEmpty()) {
            survivalX_->setRange(survival.front().x(), std::max(survival.back().x(), survival.front().x() * 10));
            survivalY_->setRange(std::pow(10.0, std::floor(std::log10(minFraction))), 1.0);
        }
    }
    const QString title = survival.isEmpty() ? tr("Survival of new synapses (after the reference window)")
                                             : tr("Survival of new synapses (log–log)");
    if (survivalView_->chart()->title() != title) {  // a new title re-lays out the chart
        survivalView_->chart()->setTitle(title);
        keepChartReadable(survivalView_);
    }

    if (!spinePoints_.isEmpty()) {
        spine_->replace(spinePoints_);
        double wmax = 0.05;
        for (const auto& p : spinePoints_)
            wmax = std::max(wmax, p.y());
        spineX_->setRange(spinePoints_.front().x(), std::max(spinePoints_.back().x(), spinePoints_.front().x() + 1));
        for (const auto& p : intactSpinePoints_)
            wmax = std::max(wmax, p.y());
        spineY_->setRange(0, wmax * 1.1);
    }
    showTwin(intactSpine_, intactState_ ? intactSpinePoints_ : QList<QPointF>{});
}

WeightMatrixView::WeightMatrixView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(240, 170);
    setToolTip(tr("Every potential synapse: one row per neuron of the WTA circuit, one column per input (sorted "
                  "as created).\nBlack: the synapse does not exist (θ ≤ 0); colour: its weight w = exp(θ − θ0). "
                  "Connections appear and vanish as θ crosses zero.\nDrag over rows, or right-click one, to lesion "
                  "those neurons or the input synapses."));
}

void WeightMatrixView::setState(std::shared_ptr<const SynapticSamplingState> state)
{
    state_ = std::move(state);
    update();
}

void WeightMatrixView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window));
    if (!state_ || state_->rows == 0)
        return;
    const auto& s = *state_;
    QImage image(s.cols, s.rows, QImage::Format_RGB32);
    float wmax = 0;
    for (float w : s.weights)
        wmax = std::max(wmax, w);
    for (int r = 0; r < s.rows; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
        for (int c = 0; c < s.cols; ++c) {
            const float w = s.weights[std::size_t(r) * std::size_t(s.cols) + std::size_t(c)];
            line[c] = w > 0 ? heatColor(0.15 + 0.85 * std::sqrt(w / std::max(wmax, 1e-6f))).rgb() : qRgb(0, 0, 0);
        }
    }
    const int title = fontMetrics().height() + 6;
    p.drawText(QRect(0, 0, width(), title), Qt::AlignCenter,
               tr("Weights: %1 of %2 potential synapses exist (%3 %)")
                   .arg(qint64(std::llround(s.activeFraction * s.rows * s.cols)))
                   .arg(s.rows * s.cols)
                   .arg(s.activeFraction * 100, 0, 'f', 1));
    p.drawImage(imageRect(), image);
}

QRect WeightMatrixView::imageRect() const
{
    const int title = fontMetrics().height() + 6;
    return QRect(4, title, width() - 8, height() - title - 4);
}

QList<QRect> WeightMatrixView::rowRects() const
{
    QList<QRect> rows;
    if (!state_ || state_->rows == 0)
        return rows;
    const QRect image = imageRect();
    for (int r = 0; r < state_->rows; ++r) {
        const int top = image.top() + r * image.height() / state_->rows;
        const int bottom = image.top() + (r + 1) * image.height() / state_->rows;
        rows << QRect(image.left(), top, image.width(), std::max(1, bottom - top));
    }
    return rows;
}

} // namespace plab
