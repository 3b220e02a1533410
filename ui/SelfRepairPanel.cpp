#include "SelfRepairPanel.h"

#include "Heatmap.h"
#include "Palette.h"
#include "TilePicker.h"
#include "TrajectoryDisplay.h"
#include "experiments/SelfRepairExperiment.h"

#include <QContextMenuEvent>
#include <QGridLayout>
#include <QMouseEvent>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>
#include <functional>

namespace plab {

namespace {

const QColor kDigit1 = palette::color(0);  // blue
const QColor kDigit2 = palette::color(2);  // red

QColor digitColor(int digit)
{
    return digit == 1 ? kDigit1 : digit == 2 ? kDigit2 : QColor(150, 150, 150);
}

QImage grey(const std::uint8_t* values, int rows, int cols, bool inkIsBlack)
{
    QImage img(cols, rows, QImage::Format_Grayscale8);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            img.scanLine(r)[c] = inkIsBlack ? 255 - values[r * cols + c] : values[r * cols + c];
    return img;
}

} // namespace

QString exampleCaption(const SelfRepairState& s)
{
    // Digit 0 means none is shown: before the first example and in the gaps between them.
    const QString what = s.digit > 0 ? QObject::tr("digit \"%1\"").arg(s.digit) : QObject::tr("no digit (background)");
    return s.testing ? QObject::tr("test block: %1").arg(what) : QObject::tr("learning: %1").arg(what);
}

/// The digit image and the spectrogram being shown now.
class InputView : public QWidget {
public:
    InputView()
    {
        setMinimumSize(200, 150);
        setToolTip(QObject::tr("The input now. Seen: the handwritten digit, 14×14 pixels, each the firing rate of one "
                               "visual input neuron (dark = fast, up to visual_peak Hz).\nHeard: the spoken word's "
                               "spectrogram, 20 frequency bands from bottom to top × 10 time slices from left to "
                               "right,\neach the rate of one auditory input neuron (bright = loud). During a test "
                               "block one of them is blank (background rate)."));
    }
    void setState(std::shared_ptr<const SelfRepairState> s)
    {
        state_ = std::move(s);
        update();
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        p.fillRect(rect(), palette().color(QPalette::Window));
        if (!state_)
            return;
        const auto& s = *state_;
        const int side = std::min(height() - 40, width() / 2 - 12);
        const QRect left(4, 20, side, side), right(width() / 2 + 4, 20, side, side);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(0, 0, width() / 2, 18), Qt::AlignCenter, tr("seen"));
        p.drawText(QRect(width() / 2, 0, width() / 2, 18), Qt::AlignCenter, tr("heard"));
        if (!s.visual.empty())
            p.drawImage(left, grey(s.visual.data(), s.visualRows, s.visualCols, true));
        else
            p.fillRect(left, QColor(235, 235, 235));
        if (!s.auditory.empty()) {
            std::vector<double> v(s.auditory.size());
            // Spectrogram rows are bands from low to high: draw low frequencies at the bottom.
            for (int b = 0; b < s.auditoryRows; ++b)
                for (int f = 0; f < s.auditoryCols; ++f)
                    v[std::size_t(b * s.auditoryCols + f)] = s.auditory[std::size_t(b * s.auditoryCols + f)];
            p.drawImage(right, heatmap(v.data(), s.auditoryRows, s.auditoryCols, 255.0));
        } else {
            p.fillRect(right, QColor(235, 235, 235));
        }
        p.setPen(QPen(digitColor(s.digit), 3));
        p.drawRect(left);
        p.drawRect(right);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(0, 22 + side, width(), 18), Qt::AlignCenter, exampleCaption(s));
    }

private:
    std::shared_ptr<const SelfRepairState> state_;
};

/// The receptive fields of the zV neurons.
class FieldsView : public QWidget {
public:
    QSize sizeHint() const override { return {480, 240}; }  // room for squares of about 45 px
    FieldsView()
    {
        setMinimumSize(320, 150);
        setToolTip(QObject::tr("What each of the 20 zV neurons has learned to see: its weights w = exp(θ − θ0) from the "
                               "visual inputs, one square per pixel\n(dark = strong; white = no synapse, θ ≤ 0). Frame "
                               "colour: the digit it prefers from its responses over the last preference_time\n"
                               "(blue \"1\", red \"2\", none yet). Crossed out: removed by lesion 1.\n"
                               "Drag over fields, or right-click one, to lesion those neurons."));
    }
    const QList<QRect>& fieldRects() const { return rects_; }
    void setState(std::shared_ptr<const SelfRepairState> s)
    {
        state_ = std::move(s);
        update();
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        p.fillRect(rect(), palette().color(QPalette::Window));
        if (!state_ || state_->zv == 0)
            return;
        const auto& s = *state_;
        const int pixels = s.visualRows * s.visualCols;
        // As many rows as make the squares largest in the space there is (two rows of ten
        // in a wide panel, four of five beside a lesson).
        const int gap = 6;
        int perRow = s.zv, side = 0;
        for (int rows = 1; rows <= s.zv; ++rows) {
            const int across = (s.zv + rows - 1) / rows;
            const int fits = std::min((width() - gap) / across - gap, (height() - 20) / rows - gap);
            if (fits > side) {
                side = fits;
                perRow = across;
            }
        }
        side = std::max(10, side);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(0, 0, width(), 16), Qt::AlignCenter, tr("zV receptive fields"));
        rects_.clear();
        for (int k = 0; k < s.zv; ++k) {
            const QRect r(gap + (k % perRow) * (side + gap), 18 + (k / perRow) * (side + gap), side, side);
            rects_ << r;
            float wmax = 1e-6f;
            for (int j = 0; j < pixels; ++j)
                wmax = std::max(wmax, s.fields[std::size_t(k * pixels + j)]);
            std::vector<std::uint8_t> img(static_cast<std::size_t>(pixels));
            for (int j = 0; j < pixels; ++j)
                img[std::size_t(j)] = std::uint8_t(255 * std::sqrt(s.fields[std::size_t(k * pixels + j)] / wmax));
            p.drawImage(r, grey(img.data(), s.visualRows, s.visualCols, true));
            p.setPen(QPen(digitColor(s.preferred[std::size_t(k)]), 2));
            p.drawRect(r.adjusted(-1, -1, 0, 0));
            if (s.removed[std::size_t(k)]) {
                p.setPen(QPen(QColor(120, 0, 0), 2));
                p.drawLine(r.topLeft(), r.bottomRight());
                p.drawLine(r.topRight(), r.bottomLeft());
            }
        }
    }

private:
    std::shared_ptr<const SelfRepairState> state_;
    QList<QRect> rects_;
};

/// Existing synapses per pathway, as bars against the potential ones; while comparing, the
/// intact copy's count as a dashed outline. Clicking a pathway offers to lesion it.
class PathwayView : public QWidget {
public:
    PathwayView()
    {
        setMinimumSize(230, 150);
        setToolTip(QObject::tr("Synapses that exist (θ > 0) in each pathway, against the potential synapses of "
                               "that pathway.\nRewiring keeps changing these counts; lesion 2 empties zV↔zA for "
                               "good, and auditory→zV grows to take over.\nDashed outline: the intact copy, while "
                               "comparing. Click a pathway to lesion its synapses."));
    }
    void setState(std::shared_ptr<const SelfRepairState> s)
    {
        state_ = std::move(s);
        update();
    }
    void setIntact(std::shared_ptr<const SelfRepairState> s)
    {
        if (s == intact_)
            return;
        intact_ = std::move(s);
        update();
    }
    /// Called with the pathway's number (SelfRepairExperiment::pathwayName) and where.
    std::function<void(int, QPoint)> picked;
    const QList<QRect>& rowRects() const { return rows_; }

protected:
    void mousePressEvent(QMouseEvent* event) override
    {
        if (event->button() == Qt::LeftButton)
            pick(event->position().toPoint(), event->globalPosition().toPoint());
    }
    void contextMenuEvent(QContextMenuEvent* event) override { pick(event->pos(), event->globalPos()); }

    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        p.fillRect(rect(), palette().color(QPalette::Window));
        rows_.clear();
        if (!state_)
            return;
        const auto& paths = state_->pathways;
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(0, 0, width(), 16), Qt::AlignCenter, tr("existing / potential synapses"));
        const int rowH = std::max(12, (height() - 20) / std::max<int>(1, int(paths.size())));
        const int labelW = fontMetrics().horizontalAdvance("auditory→zV") + 10;
        const auto fraction = [](const std::pair<std::int64_t, std::int64_t>& counts) {
            return counts.second > 0 ? double(counts.first) / double(counts.second) : 0.0;
        };
        for (std::size_t i = 0; i < paths.size(); ++i) {
            const int y = 18 + int(i) * rowH;
            rows_ << QRect(0, y, width(), rowH);
            const auto [active, potential] = paths[i].second;
            QString name = QString::fromStdString(paths[i].first).replace("_to_", "→").replace("zv", "zV").replace("za", "zA");
            p.setPen(palette().color(QPalette::WindowText));
            p.drawText(QRect(2, y, labelW - 4, rowH), Qt::AlignRight | Qt::AlignVCenter, name);
            const int countW = fontMetrics().horizontalAdvance("00000") + 8;
            const int full = width() - labelW - countW;
            p.fillRect(QRect(labelW, y + 3, full, rowH - 6), palette().color(QPalette::Midlight));
            p.fillRect(QRect(labelW, y + 3, int(full * fraction(paths[i].second)), rowH - 6), palette::color(4));
            if (intact_ && i < intact_->pathways.size()) {
                p.setPen(QPen(palette().color(QPalette::WindowText), 1, Qt::DashLine));
                p.setBrush(Qt::NoBrush);
                p.drawRect(QRect(labelW, y + 2, int(full * fraction(intact_->pathways[i].second)), rowH - 5));
                p.setPen(palette().color(QPalette::WindowText));
            }
            p.drawText(QRect(labelW + full + 4, y, countW, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                       potential > 0 ? QString::number(active) : tr("none"));
        }
    }

private:
    void pick(QPoint at, QPoint global)
    {
        for (int i = 0; i < rows_.size(); ++i)
            if (rows_[i].contains(at) && picked) {
                picked(i, global);
                return;
            }
    }

    std::shared_ptr<const SelfRepairState> state_, intact_;
    QList<QRect> rows_;
};

PanelStatePtr SelfRepairPanel::capture(const Experiment& experiment)
{
    const auto& e = static_cast<const SelfRepairExperiment&>(experiment);
    auto s = std::make_shared<SelfRepairState>();
    s->time = e.time();
    s->zv = e.zvSize();
    s->visualRows = e.visualRows();
    s->visualCols = e.visualCols();
    s->auditoryRows = e.auditoryRows();
    s->auditoryCols = e.auditoryCols();
    const int pixels = e.visualInputs();
    s->fields.resize(std::size_t(s->zv * pixels));
    for (int k = 0; k < s->zv; ++k)
        for (int j = 0; j < pixels; ++j)
            s->fields[std::size_t(k * pixels + j)] = float(e.sampler().weights()(k, j));
    s->preferred = e.preferredDigits();
    for (int k = 0; k < s->zv; ++k)
        s->removed.push_back(e.neuronRemoved(k));
    if (const auto* v = e.currentVisual())
        s->visual.assign(v, v + pixels);
    if (const auto* a = e.currentAuditory())
        s->auditory.assign(a, a + e.auditoryInputs());
    s->digit = e.currentDigit();
    s->testing = e.testing();
    for (int p = 0; p < SelfRepairExperiment::Pathways; ++p)
        s->pathways.push_back({SelfRepairExperiment::pathwayName(p), {e.activeSynapses(p), e.potentialSynapses(p)}});
    e.pcaTrajectory(s->pca, s->phases);
    s->pcaSpace = e.parameters().text("pca_space");
    s->performance = e.performance();
    s->lesions = e.phase();
    // Raster: zV and zA neurons in the colour of the digit they prefer.
    const int hiddenBase = e.visualInputs() + e.auditoryInputs();
    s->rasterColors.assign(std::size_t(hiddenBase + e.zvSize() + e.zaSize()), -1);
    for (std::size_t k = 0; k < s->preferred.size(); ++k)
        if (s->preferred[k])
            s->rasterColors[std::size_t(hiddenBase) + k] = s->preferred[k] == 1 ? 0 : 2;
    return s;
}

SelfRepairPanel::SelfRepairPanel(QWidget* parent) : ExperimentPanel(parent)
{
    input_ = new InputView;
    fields_ = new FieldsView;
    pathways_ = new PathwayView;
    trajectory_ = createTrajectoryDisplay();
    trajectory_->setPhaseNames({tr("learning"), tr("after lesion 1"), tr("after lesion 2")},
                               {palette::color(0), palette::color(1), palette::color(2)});
    trajectory_->widget()->setToolTip(
        tr("2000 randomly chosen potential synapses, one point per recording interval, projected on their first "
           "three\nprincipal components (the directions in which they changed most; units of θ). By default each "
           "counts as max(θ, 0):\nan existing connection by its strength, a retracted one as 0 (parameter pca_space). "
           "A synapse that a lesion\nremoves keeps its last value from then on. The path starts at t = 0, θ drawn "
           "from the prior, and never stops:\nthe synapses keep wandering through configurations that work. Neither "
           "lesion makes it jump or change pace\n(the move across a lesion is about one ordinary minute's move). Any "
           "slow diffusion draws smooth arcs in a PCA,\nso read the path as \"it keeps moving\", not as structure. "
           "Drag to rotate, wheel to zoom. Colour: phase; dot: now."));
    lesion1_ = new QPushButton(tr("Lesion 1: remove the zV neurons for \"2\""));
    lesion1_->setToolTip(tr("Removes every zV neuron whose recent responses prefer the digit 2 (command "
                            "'lesion zv-digit 2').\nzV can no longer represent \"2\" until other neurons take it over."));
    lesion2_ = new QPushButton(tr("Lesion 2: cut zV ↔ zA"));
    lesion2_->setToolTip(tr("Removes every synapse between zV and zA for good (command 'lesion cut zv-za').\nzV then "
                            "hears the auditory input only through auditory→zV synapses, which must grow."));
    // Lesions chosen in the views: zV's fields, and a pathway's bar.
    auto* picker = new TilePicker(fields_, [this] { return fields_->fieldRects(); });
    connect(picker, &TilePicker::picked, this,
            [this](const QList<int>& neurons, QPoint at) { emit lesionOffered("zv", neurons, {}, at); });
    pathways_->picked = [this](int pathway, QPoint at) {
        // The lesion vocabulary names pathways from-to: visual_to_zv is "visual-zv".
        const QString name = QString::fromStdString(SelfRepairExperiment::pathwayName(pathway)).replace("_to_", "-");
        emit lesionOffered({}, {}, name, at);
    };
    connect(lesion1_, &QPushButton::clicked, this, [this] { emit commandRequested("lesion zv-digit 2"); });
    connect(lesion2_, &QPushButton::clicked, this, [this] { emit commandRequested("lesion cut zv-za"); });
    info_ = new QLabel;
    info_->setWordWrap(true);

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(lesion1_);
    buttons->addWidget(lesion2_);
    buttons->addWidget(info_);
    buttons->addStretch(1);

    auto* grid = new QGridLayout(this);
    grid->addWidget(input_, 0, 0);
    grid->addWidget(fields_, 0, 1);
    grid->addWidget(pathways_, 0, 2);
    grid->addWidget(trajectory_->widget(), 1, 0, 1, 2);
    grid->addLayout(buttons, 1, 2);
    grid->setColumnStretch(1, 2);
    grid->setColumnStretch(2, 1);
    setMinimumHeight(440);
}

void SelfRepairPanel::showIntactState(const PanelStatePtr& state)
{
    intactState_ = std::dynamic_pointer_cast<const SelfRepairState>(state);
    pathways_->setIntact(intactState_);
}

void SelfRepairPanel::showState(const PanelStatePtr& state)
{
    auto s = std::dynamic_pointer_cast<const SelfRepairState>(state);
    if (!s)
        return;
    state_ = s;
    input_->setState(s);
    fields_->setState(s);
    pathways_->setState(s);
    if (s->pca.rows() != trajectory_->widget()->property("rows").toLongLong()) {
        trajectory_->setTrajectory(s->pca, s->phases);
        trajectory_->setTitle(s->pcaSpace == "existing"
                                  ? tr("The existing connections (θ⁺ = max(θ, 0)) on their first three principal "
                                       "components")
                                  : tr("θ on its first three principal components"));
        trajectory_->widget()->setProperty("rows", qlonglong(s->pca.rows()));
    }
    info_->setText(tr("Performance: %1 bits of information about the digit in zV when only the auditory "
                      "input is shown (max 1).")
                       .arg(std::isnan(s->performance) ? QString("—") : QString::number(s->performance, 'f', 2)));
    lesion1_->setEnabled(s->lesions == 0);
    lesion2_->setEnabled(s->lesions <= 1);
}

QWidget* SelfRepairPanel::fieldsView() const
{
    return fields_;
}

QWidget* SelfRepairPanel::pathwaysView() const
{
    return pathways_;
}

QList<QRect> SelfRepairPanel::fieldRects() const
{
    return fields_->fieldRects();
}

QList<QRect> SelfRepairPanel::pathwayRects() const
{
    return pathways_->rowRects();
}

} // namespace plab
