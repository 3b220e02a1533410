#include "EmMixturePanel.h"

#include "Palette.h"
#include "TilePicker.h"
#include "experiments/EmMixtureExperiment.h"

#include <QPainter>
#include <cmath>

namespace plab {

EmMixturePanel::EmMixturePanel(QWidget* parent) : ExperimentPanel(parent)
{
    setMinimumHeight(170);
    setToolTip(tr("Receptive fields: for each z-neuron, the probability it has learned that each pixel is on\n"
                  "when it fires, e^w(on) / (e^w(on) + e^w(off)) — its prototype (white = 1).\n"
                  "Frame colour: the label it fires for most; bar: its share of the circuit's spikes.\n"
                  "Left: the image shown now and its label; the neuron that fired last is outlined.\n"
                  "Drag over fields, or right-click one, to lesion those neurons or the input synapses."));
    auto* picker = new TilePicker(this, [this] { return fieldRects_; });
    connect(picker, &TilePicker::picked, this,
            [this](const QList<int>& neurons, QPoint at) { emit lesionOffered("hidden", neurons, "input", at); });
}

PanelStatePtr EmMixturePanel::capture(const Experiment& experiment)
{
    const auto& e = static_cast<const EmMixtureExperiment&>(experiment);
    auto s = std::make_shared<EmMixtureState>();
    s->time = e.time();
    s->rows = e.imageRows();
    s->cols = e.imageCols();
    const auto& net = e.network();
    const auto& weights = net.synapses().weights();
    s->neurons = net.hidden();
    const int pixels = s->rows * s->cols;
    s->fields.resize(std::size_t(s->neurons * pixels));
    for (int k = 0; k < s->neurons; ++k)
        for (int j = 0; j < pixels; ++j) {
            const double on = std::exp(weights(k, 2 * j));
            const double off = std::exp(weights(k, 2 * j + 1));
            s->fields[std::size_t(k * pixels + j)] = float(on / (on + off));
        }
    const Eigen::VectorXd shares = e.firingShares();
    s->shares.assign(shares.data(), shares.data() + shares.size());
    s->preferred = e.preferredLabels();
    for (int k = 0; k < s->neurons; ++k)
        s->lesioned.push_back(net.isLesioned(k));
    s->labelNames = e.labelNames();
    s->image = e.currentImage();
    s->label = e.currentLabel();
    s->winner = e.lastWinner();
    // Raster: colour each z-neuron by the label it prefers.
    const int firstZ = e.neuronGroups()[1].first;
    s->rasterColors.assign(std::size_t(firstZ + s->neurons), -1);
    for (int k = 0; k < s->neurons; ++k)
        s->rasterColors[std::size_t(firstZ + k)] = s->preferred[std::size_t(k)] >= 0 ? s->preferred[std::size_t(k)] % palette::kLabelColors : -1;
    return s;
}

void EmMixturePanel::showState(const PanelStatePtr& state)
{
    if (auto s = std::dynamic_pointer_cast<const EmMixtureState>(state)) {
        const bool resized = !state_ || state_->neurons != s->neurons;
        state_ = std::move(s);
        if (resized)
            updateGeometry();  // ten MNIST neurons need another height than four
        update();
    }
}

namespace {

QImage toImage(const float* values, int rows, int cols)
{
    QImage img(cols, rows, QImage::Format_Grayscale8);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            img.scanLine(r)[c] = uchar(std::clamp(values[r * cols + c], 0.0f, 1.0f) * 255.0f + 0.5f);
    return img;
}

} // namespace

QSize EmMixturePanel::sizeHint() const
{
    const int tiles = (state_ ? state_->neurons : 4) + 1;
    // Many neurons (MNIST at 100): smaller fields with a one-line caption, so that the panel
    // asks for a height the window can give, and scrolls beyond it.
    const bool many = tiles > 25;
    const int wanted = many ? kWantedTile / 2 : kWantedTile;
    const int gap = 10, captionH = fontMetrics().height() * (many ? 1 : 2) + 10;
    const int perRow = std::max(1, (std::max(width(), 600) - gap) / (wanted + gap));
    const int rows = (tiles + perRow - 1) / perRow;
    return QSize(600, rows * (wanted + captionH + gap) + gap);
}

void EmMixturePanel::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window));
    fieldRects_.clear();
    if (!state_ || state_->neurons == 0) {
        p.drawText(rect(), Qt::AlignCenter, tr("Press Play to start learning."));
        return;
    }
    const EmMixtureState& s = *state_;
    const int pixels = s.rows * s.cols;
    // Tiles: the input first, then one per neuron, as large as fits. Below the width of
    // "z10 · 12%" a field gets a one-line caption: the label's last word ("5" of "digit 5").
    const int tiles = s.neurons + 1;
    const bool many = tiles > 25;
    const int captionH = fontMetrics().height() * (many ? 1 : 2) + 10;
    const int gap = 10;
    int tile = 0, perRow = 1;
    for (int candidate = 220; candidate >= 24; candidate -= 2) {
        perRow = std::max(1, (width() - gap) / (candidate + gap));
        const int rowsNeeded = (tiles + perRow - 1) / perRow;
        if (rowsNeeded * (candidate + captionH + gap) + gap <= height()) {
            tile = candidate;
            break;
        }
    }
    if (tile == 0) {
        tile = 24;
        perRow = std::max(1, (width() - gap) / (tile + gap));
    }
    const auto cell = [&](int index) {
        return QRect(gap + (index % perRow) * (tile + gap), gap + (index / perRow) * (tile + captionH + gap), tile, tile);
    };

    // Input image.
    std::vector<float> input(s.image.begin(), s.image.end());
    QRect r = cell(0);
    if (!input.empty()) {
        p.drawImage(r, toImage(input.data(), s.rows, s.cols));
    }
    p.setPen(QPen(palette::labelColor(s.label), 3));
    p.drawRect(r.adjusted(-2, -2, 1, 1));
    p.setPen(palette().color(QPalette::WindowText));
    const QString shown = s.label >= 0 ? QString::fromStdString(s.labelNames[std::size_t(s.label)]) : "—";
    p.drawText(QRect(r.left() - 4, r.bottom() + 4, r.width() + 8, captionH), Qt::AlignHCenter | Qt::AlignTop,
               many ? shown.section(' ', -1) : tr("input\n%1").arg(shown));

    for (int k = 0; k < s.neurons; ++k) {
        r = cell(k + 1);
        fieldRects_ << r;
        p.drawImage(r, toImage(s.fields.data() + std::size_t(k * pixels), s.rows, s.cols));
        const int pref = s.preferred[std::size_t(k)];
        p.setPen(QPen(palette::labelColor(pref), 3));
        p.drawRect(r.adjusted(-2, -2, 1, 1));
        if (k == s.winner) {
            p.setPen(QPen(palette().color(QPalette::Highlight), 3, Qt::DotLine));
            p.drawRect(r.adjusted(-6, -6, 5, 5));
        }
        if (s.lesioned[std::size_t(k)]) {
            p.setPen(QPen(QColor(200, 0, 0), 3));
            p.drawLine(r.topLeft(), r.bottomRight());
            p.drawLine(r.topRight(), r.bottomLeft());
        }
        // Share of the circuit's spikes as a bar under the tile.
        const double share = k < int(s.shares.size()) ? s.shares[std::size_t(k)] : 0.0;
        const QRect bar(r.left(), r.bottom() + 4, int(r.width() * std::min(1.0, share * s.neurons / 2.0)), 5);
        p.fillRect(bar, palette::labelColor(pref));
        p.setPen(palette().color(QPalette::WindowText));
        const QString who = pref >= 0 ? QString::fromStdString(s.labelNames[std::size_t(pref)]) : tr("—");
        const QString caption = tr("z%1 · %2%\n%3").arg(k + 1).arg(share * 100, 0, 'f', 0).arg(who);
        const QRect area(r.left() - 4, r.bottom() + 10, r.width() + 8, captionH);
        if (!many && fontMetrics().horizontalAdvance(caption.section('\n', 0, 0)) <= area.width())
            p.drawText(area, Qt::AlignHCenter | Qt::AlignTop, caption);
        else
            p.drawText(area, Qt::AlignHCenter | Qt::AlignTop, who.section(' ', -1));
    }
}

} // namespace plab
