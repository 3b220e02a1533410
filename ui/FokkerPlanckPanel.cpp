#include "FokkerPlanckPanel.h"

#include "Heatmap.h"
#include "experiments/FokkerPlanckExperiment.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>

namespace plab {

PanelStatePtr FokkerPlanckPanel::capture(const Experiment& experiment)
{
    const auto& e = static_cast<const FokkerPlanckExperiment&>(experiment);
    auto s = std::make_shared<FokkerPlanckState>();
    s->time = e.time();
    const Eigen::Index n = e.x().size();
    const Eigen::Index step = std::max<Eigen::Index>(1, n / 3000);
    for (Eigen::Index i = 0; i < n; i += step) {
        s->x.push_back(float(e.x()[i]));
        s->y.push_back(float(e.y()[i]));
    }
    s->grid = e.grid();
    s->extent = e.extent();
    s->target = e.target();
    s->histogram = e.histogram();
    s->temperature = e.temperature();
    s->annealing = e.annealing();
    s->atGlobalMax = e.fractionAtGlobalMaximum();
    s->stationaryKl = e.stationaryKl();
    return s;
}

FokkerPlanckPanel::FokkerPlanckPanel(QWidget* parent) : ExperimentPanel(parent)
{
    target_ = new DensityView(tr("target p*^(1/T) and the particles"), true);
    target_->setToolTip(tr("Colour: the density p*(θ)^(1/T), normalised, at the current temperature T. Dots: the "
                           "particles, each following\ndθ = b ∇log p*(θ) dt + √(2Tb) dW. By the Fokker–Planck "
                           "equation their density converges to the colour map."));
    histogram_ = new DensityView(tr("histogram of the particles (time-averaged)"), false);
    histogram_->setToolTip(tr("Where the particles have been since the temperature last changed (after a settling "
                              "time). It converges to the target on the left;\nstationary_kl measures the "
                              "difference in bits."));
    info_ = new QLabel;
    info_->setWordWrap(true);
    anneal_ = new QPushButton(tr("Anneal: cool to T = 0.05 over 120 s"));
    anneal_->setToolTip(tr("Lower the temperature exponentially from its current value to 0.05 over 120 simulated "
                           "seconds (command 'anneal').\nSlow cooling is simulated annealing: the cloud collects "
                           "in the global maximum."));
    connect(anneal_, &QPushButton::clicked, this, [this] {
        const double from = state_ ? std::max(state_->temperature, 0.06) : 1.0;
        emit commandRequested(QString("anneal %1 0.05 120 exponential").arg(from));
    });
    auto* views = new QHBoxLayout;
    views->addWidget(target_);
    views->addWidget(histogram_);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(info_, 1);
    bottom->addWidget(anneal_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(views, 1);
    layout->addLayout(bottom);
    setMinimumHeight(300);
}

void FokkerPlanckPanel::showState(const PanelStatePtr& state)
{
    auto s = std::dynamic_pointer_cast<const FokkerPlanckState>(state);
    if (!s)
        return;
    state_ = s;
    target_->setState(s, &s->target);
    histogram_->setState(s, &s->histogram);
    info_->setText(tr("T = %1%2 · %3 % of the particles are at the global maximum · stationary KL = %4 bits")
                       .arg(s->temperature, 0, 'g', 3)
                       .arg(s->annealing ? tr(" (annealing)") : QString())
                       .arg(s->atGlobalMax * 100, 0, 'f', 1)
                       .arg(std::isnan(s->stationaryKl) ? QString("— (settling)") : QString::number(s->stationaryKl, 'f', 4)));
    anneal_->setEnabled(!s->annealing);
}

DensityView::DensityView(QString title, bool showParticles, QWidget* parent)
    : QWidget(parent), title_(std::move(title)), particles_(showParticles)
{
    setMinimumSize(220, 220);
}

void DensityView::setState(std::shared_ptr<const FokkerPlanckState> state, const std::vector<double>* values)
{
    state_ = std::move(state);
    values_ = values;
    update();
}

void DensityView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window));
    const int title = fontMetrics().height() + 6;
    p.drawText(QRect(0, 0, width(), title), Qt::AlignCenter, title_);
    if (!state_ || !values_ || values_->empty())
        return;
    const int side = std::min(width() - 8, height() - title - 4);
    const QRect square((width() - side) / 2, title, side, side);
    p.drawImage(square, heatmap(values_->data(), state_->grid, state_->grid));
    if (particles_) {
        p.setRenderHint(QPainter::Antialiasing);
        // Small translucent dots: the colour map must stay readable under a dense cloud.
        p.setPen(QPen(QColor(255, 255, 255, 110), 1.6, Qt::SolidLine, Qt::RoundCap));
        const double e = state_->extent;
        std::vector<QPointF> points;
        points.reserve(state_->x.size());
        for (std::size_t i = 0; i < state_->x.size(); ++i) {
            const double px = square.left() + (state_->x[i] + e) / (2 * e) * square.width();
            const double py = square.bottom() - (state_->y[i] + e) / (2 * e) * square.height();
            if (square.contains(QPoint(int(px), int(py))))
                points.emplace_back(px, py);
        }
        p.drawPoints(points.data(), int(points.size()));
    }
    p.setPen(palette().color(QPalette::WindowText));
    p.drawRect(square.adjusted(0, 0, -1, -1));
}

} // namespace plab
