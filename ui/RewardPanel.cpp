#include "RewardPanel.h"

#include "Heatmap.h"
#include "Palette.h"
#include "experiments/RewardExperiment.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace plab {

PanelStatePtr RewardPanel::capture(const Experiment& experiment)
{
    const auto& e = static_cast<const RewardExperiment&>(experiment);
    auto s = std::make_shared<RewardState>();
    s->time = e.time();
    s->inputs = e.inputs();
    s->populationSize = e.populationSize();
    s->neurons = 2 * e.populationSize();
    // Inputs in display order: those of pattern 1 only, of both, of pattern 2 only, of neither.
    std::vector<int> order;
    order.reserve(std::size_t(s->inputs));
    for (int group = 0; group < 4; ++group)
        for (int i = 0; i < s->inputs; ++i) {
            const double background = e.parameters().number("background_rate");
            const bool in1 = e.patternRates(0)[std::size_t(i)] > background;
            const bool in2 = e.patternRates(1)[std::size_t(i)] > background;
            const int g = in1 && !in2 ? 0 : (in1 && in2 ? 1 : (in2 ? 2 : 3));
            if (g == group) {
                order.push_back(i);
                ++s->inputGroups[std::size_t(group)];
            }
        }
    const auto& theta = e.synapses().theta();
    s->theta.resize(std::size_t(s->neurons * s->inputs));
    for (int j = 0; j < s->neurons; ++j)
        for (int k = 0; k < s->inputs; ++k)
            s->theta[std::size_t(j * s->inputs + k)] = theta(j, order[std::size_t(k)]);
    for (int pop = 0; pop < 2; ++pop)
        for (int pattern = 0; pattern < 2; ++pattern)
            s->rates[std::size_t(pop)][std::size_t(pattern)] = e.populationRate(pop, pattern);
    s->target = {e.targetOf(0), e.targetOf(1)};
    s->rewardMean = e.rewardMean();
    s->lastReward = e.lastReward();
    s->temperature = e.temperature();
    s->annealing = e.annealing();
    s->existing = e.synapses().existing();
    s->potential = e.synapses().potential();
    s->pattern = e.pattern();
    return s;
}

RewardPanel::RewardPanel(QWidget* parent) : ExperimentPanel(parent)
{
    rates_ = new RatesView;
    rates_->setToolTip(tr("Mean firing rate (Hz) of each output population while each pattern is shown, averaged "
                          "over the last ~10 trials of that pattern.\nThe star marks the population that should "
                          "fire most (the target); the reward grows with how much more it fires than the other."));
    weights_ = new WeightView;
    weights_->setToolTip(tr("θ of every potential synapse (its weight is w = exp(θ − θ0)): a row per output neuron "
                            "(population A above, B below),\na column per input, grouped by the pattern the input "
                            "belongs to. Black: retracted (θ < 0), the synapse does not exist.\nLearning makes each "
                            "population keep the synapses from its own pattern; after 'switch task' the picture has "
                            "to turn over."));
    info_ = new QLabel;
    info_->setWordWrap(true);
    info_->setMinimumWidth(260);
    switch_ = new QPushButton(tr("Switch task"));
    switch_->setToolTip(tr("Swap which population is the target of which pattern (command 'switch-task'). The "
                           "reward drops at once;\nwith a temperature above 0 the network rewires and recovers."));
    anneal_ = new QPushButton(tr("Anneal: cool to T = 0.001 over 2000 s"));
    anneal_->setToolTip(tr("Lower the temperature exponentially from its current value to 0.001 over 2000 "
                           "simulated seconds (command 'anneal').\nLess noise sharpens the sampled distribution "
                           "toward the best configurations: simulated annealing."));
    connect(switch_, &QPushButton::clicked, this, [this] { emit commandRequested("switch-task"); });
    connect(anneal_, &QPushButton::clicked, this, [this] {
        const double from = state_ ? std::max(state_->temperature, 0.0011) : 0.1;
        emit commandRequested(QString("anneal %1 0.001 2000 exponential").arg(from));
    });

    auto* side = new QVBoxLayout;
    side->addWidget(info_, 1);
    side->addWidget(switch_);
    side->addWidget(anneal_);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(rates_, 2);
    layout->addWidget(weights_, 3);
    layout->addLayout(side, 2);
    setMinimumHeight(260);
}

void RewardPanel::showState(const PanelStatePtr& state)
{
    auto s = std::dynamic_pointer_cast<const RewardState>(state);
    if (!s)
        return;
    state_ = s;
    rates_->setState(s);
    weights_->setState(s);
    const double active = s->potential ? 100.0 * double(s->existing) / double(s->potential) : 0.0;
    info_->setText(tr("<b>Reward</b> %1 (mean of the last 50 s; maximum 1)<br>last trial: %2, pattern %3 "
                      "→ population %4<br><br><b>Temperature</b> T = %5%6<br><b>Synapses</b> %7 of %8 exist "
                      "(%9 %)")
                       .arg(s->rewardMean, 0, 'f', 3)
                       .arg(s->lastReward, 0, 'f', 3)
                       .arg(s->pattern + 1)
                       .arg(QChar('A' + s->target[std::size_t(s->pattern)]))
                       .arg(s->temperature, 0, 'g', 3)
                       .arg(s->annealing ? tr(" (annealing)") : QString())
                       .arg(s->existing)
                       .arg(s->potential)
                       .arg(active, 0, 'f', 1));
    anneal_->setEnabled(!s->annealing && s->temperature > 0.001);
}

RatesView::RatesView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(240, 200);
}

void RatesView::setState(std::shared_ptr<const RewardState> state)
{
    state_ = std::move(state);
    update();
}

void RatesView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Window));
    const QColor text = palette().color(QPalette::WindowText);
    const int line = fontMetrics().height();
    p.setPen(text);
    p.drawText(QRect(0, 0, width(), line + 4), Qt::AlignCenter, tr("output rate per pattern (Hz)"));
    if (!state_)
        return;
    const QRect plot(36, line + 10, width() - 46, height() - 2 * line - 24);
    double top = 20;
    for (const auto& pop : state_->rates)
        for (double r : pop)
            top = std::max(top, std::ceil(r / 10) * 10);
    // Axis with a few ticks.
    p.setPen(QPen(text, 1));
    p.drawLine(plot.bottomLeft(), plot.topLeft());
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    for (int k = 0; k <= 4; ++k) {
        const double v = top * k / 4;
        const int y = plot.bottom() - int(plot.height() * k / 4.0);
        p.drawText(QRect(0, y - line / 2, plot.left() - 4, line), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(v, 'f', 0));
    }
    const QColor colors[2] = {palette::labelColor(0), palette::labelColor(1)};
    const double groupWidth = plot.width() / 2.0;
    for (int pattern = 0; pattern < 2; ++pattern) {
        const double x0 = plot.left() + groupWidth * pattern + groupWidth * 0.15;
        const double barWidth = groupWidth * 0.35;
        for (int pop = 0; pop < 2; ++pop) {
            const double r = state_->rates[std::size_t(pop)][std::size_t(pattern)];
            const double h = plot.height() * std::clamp(r / top, 0.0, 1.0);
            const QRectF bar(x0 + pop * barWidth, plot.bottom() - h, barWidth - 3, h);
            p.fillRect(bar, colors[pop]);
            p.setPen(text);
            p.drawText(QRectF(bar.left(), plot.bottom() + 2, bar.width(), line), Qt::AlignCenter,
                       QString(QChar('A' + pop)) + (state_->target[std::size_t(pattern)] == pop ? "★" : ""));
        }
        p.drawText(QRectF(plot.left() + groupWidth * pattern, plot.bottom() + line + 2, groupWidth, line),
                   Qt::AlignCenter, tr("pattern %1").arg(pattern + 1));
    }
}

WeightView::WeightView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(300, 200);
}

void WeightView::setState(std::shared_ptr<const RewardState> state)
{
    state_ = std::move(state);
    update();
}

void WeightView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window));
    const QColor text = palette().color(QPalette::WindowText);
    const int line = fontMetrics().height();
    p.setPen(text);
    p.drawText(QRect(0, 0, width(), line + 4), Qt::AlignCenter, tr("θ of each synapse (black: none)"));
    if (!state_ || state_->theta.empty())
        return;
    const QRect image(24, line + 8, width() - 30, height() - 2 * line - 16);
    // heatmap() puts row 0 at the bottom: flip so that population A is on top. The scale is
    // fixed (θ from 0 to its bound 5) so that pictures at different times compare; a retracted
    // synapse (θ < 0) is drawn black.
    const int n = state_->neurons, m = state_->inputs;
    std::vector<double> values(state_->theta.size());
    for (int j = 0; j < n; ++j)
        for (int k = 0; k < m; ++k)
            values[std::size_t((n - 1 - j) * m + k)] = std::max(0.0, state_->theta[std::size_t(j * m + k)]);
    QImage picture = heatmap(values.data(), n, m, 5.0);
    for (int j = 0; j < n; ++j)
        for (int k = 0; k < m; ++k)
            if (state_->theta[std::size_t(j * m + k)] < 0)
                picture.setPixelColor(k, j, Qt::black);
    p.drawImage(image, picture);
    p.setPen(QPen(Qt::white, 1));
    const int mid = image.top() + image.height() / 2;
    p.drawLine(image.left(), mid, image.right(), mid);
    double x = image.left();
    const char* names[4] = {"1", "1+2", "2", "-"};
    for (int g = 0; g < 4; ++g) {
        const double w = image.width() * double(state_->inputGroups[std::size_t(g)]) / m;
        if (w > 0) {
            p.setPen(text);
            p.drawText(QRectF(x, image.bottom() + 2, w, line), Qt::AlignCenter, names[g]);
            if (g > 0) {
                p.setPen(QPen(Qt::white, 1, Qt::DashLine));
                p.drawLine(QPointF(x, image.top()), QPointF(x, image.bottom()));
            }
        }
        x += w;
    }
    p.setPen(text);
    p.drawText(QRect(0, image.top(), 22, image.height() / 2), Qt::AlignCenter, "A");
    p.drawText(QRect(0, mid, 22, image.height() / 2), Qt::AlignCenter, "B");
}

} // namespace plab
