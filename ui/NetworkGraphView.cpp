// The Bayesian network drawn as a graph: a node per variable with its sampled marginal, evidence
// marked; clicking a node sets or clears its evidence.
#include "BayesNetPanel.h"

#include "Palette.h"
#include "ViewStyle.h"
#include "experiments/BayesNetExperiment.h"

#include <QContextMenuEvent>
#include <QFontMetrics>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <cmath>

namespace plab {

NetworkGraphView::NetworkGraphView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(220, 180);
    setToolTip(tr("The Bayesian network. Each node is a random variable, learned by one spiking module; the number "
                  "is that module's KL divergence\nKL(p*(x | Markov blanket) ‖ module) in bits. Click a node to set "
                  "its evidence (cycles through its values, then clears); right-click it to lesion its module."));
    setMouseTracking(true);
}

QString NetworkGraphView::nodeText(int v) const
{
    const auto& var = state_->variables[std::size_t(v)];
    if (var.evidence >= 0)
        return "= " + QString::fromStdString(var.values[std::size_t(var.evidence)]);
    // The number is a module's error: say so, where it fits.
    const QString kl = QString::number(var.kl, 'f', 3);
    return QFontMetrics(valueFont()).horizontalAdvance("KL " + kl) <= 1.95 * radius_ ? "KL " + kl : kl;
}

QFont NetworkGraphView::valueFont() const
{
    QFont f = font();
    f.setPointSizeF(font().pointSizeF() * 0.9);
    return f;
}

QString NetworkGraphView::nodeCaption(int v) const
{
    return QString::fromStdString(state_->variables[std::size_t(v)].label);
}

QFont NetworkGraphView::captionFont() const
{
    QFont f = font();
    f.setPointSizeF(font().pointSizeF() * 0.85);
    return f;
}

double NetworkGraphView::captionHeight() const
{
    if (!state_)
        return 0;
    for (const auto& var : state_->variables)
        if (!var.label.empty())
            return 2 * QFontMetrics(captionFont()).height() + 2;  // two lines under each node
    return 0;
}

int NetworkGraphView::nodeAt(QPointF position) const
{
    if (!state_)
        return -1;
    for (std::size_t v = 0; v < centers_.size(); ++v) {
        const QPointF d = position - centers_[v];
        if (std::hypot(d.x(), d.y()) <= radius_)
            return int(v);
    }
    return -1;
}

bool NetworkGraphView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && state_) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int v = nodeAt(help->pos());
        if (v >= 0) {
            const auto& var = state_->variables[std::size_t(v)];
            QStringList values;
            for (const auto& x : var.values)
                values << QString::fromStdString(x);
            QToolTip::showText(help->globalPos(),
                               tr("<b>%1</b>%2<br>values: %3<br>KL of its module: %4 bits (0 = learned exactly)<br>"
                                  "Click to set its evidence.")
                                   .arg(QString::fromStdString(var.name).toHtmlEscaped(),
                                        var.label.empty() ? QString() : " — " + QString::fromStdString(var.label).toHtmlEscaped(),
                                        values.join(", ").toHtmlEscaped())
                                   .arg(var.kl, 0, 'f', 3),
                               this);
            return true;
        }
    }
    return QWidget::event(event);
}

void NetworkGraphView::setState(std::shared_ptr<const BayesNetState> state)
{
    const bool relayout = !state_ || state_->variables.size() != state->variables.size();
    state_ = std::move(state);
    if (relayout)
        layoutNodes();
    update();
}

QPointF NetworkGraphView::nodeCenter(int v) const
{
    return centers_[std::size_t(v)];
}

void NetworkGraphView::resizeEvent(QResizeEvent*)
{
    layoutNodes();
}

void NetworkGraphView::layoutNodes()
{
    if (!state_)
        return;
    const auto& vars = state_->variables;
    // Depth = longest path from a root; nodes of one depth share a row.
    std::vector<int> depth(vars.size(), 0);
    for (std::size_t round = 0; round < vars.size(); ++round)
        for (std::size_t v = 0; v < vars.size(); ++v)
            for (int p : vars[v].parents)
                depth[v] = std::max(depth[v], depth[std::size_t(p)] + 1);
    const int rows = *std::max_element(depth.begin(), depth.end()) + 1;
    std::vector<std::vector<std::size_t>> byRow(static_cast<std::size_t>(rows));
    for (std::size_t v = 0; v < vars.size(); ++v)
        byRow[std::size_t(depth[v])].push_back(v);
    centers_.assign(vars.size(), QPointF());
    slots_.assign(vars.size(), 0.0);
    int widest = 1;
    for (const auto& r : byRow)
        widest = std::max(widest, int(r.size()));
    // Each row: the circle, and under it two lines for what the variable means. Room for
    // circles that hold their name and "KL 0.020" comes first: the panel scrolls otherwise.
    const double caption = captionHeight();
    const int wanted = int(rows * (2.5 * 1.6 * fontMetrics().height() + caption));
    if (minimumHeight() != std::max(180, wanted))
        setMinimumHeight(std::max(180, wanted));
    const double rowHeight = double(height()) / rows;
    radius_ = std::clamp(std::min(width() / (2.6 * widest), (rowHeight - caption) / 2.5), 10.0, 34.0);
    for (int r = 0; r < rows; ++r) {
        const auto& row = byRow[std::size_t(r)];
        for (std::size_t i = 0; i < row.size(); ++i) {
            centers_[row[i]] = QPointF(width() * (i + 0.5) / row.size(), rowHeight * r + (rowHeight - caption) / 2);
            slots_[row[i]] = double(width()) / row.size() - 6;  // the caption's width under its node
        }
    }
}

void NetworkGraphView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (!state_)
        return;
    const auto& vars = state_->variables;
    // Edges with arrow heads, ending at the child's circle.
    QColor edge = palette().color(QPalette::WindowText);
    edge.setAlphaF(0.65f);
    p.setPen(QPen(edge, 1.5));
    p.setBrush(edge);
    for (std::size_t v = 0; v < vars.size(); ++v)
        for (int parent : vars[v].parents) {
            const QPointF a = centers_[std::size_t(parent)], b = centers_[v];
            const QPointF d = b - a;
            const double len = std::hypot(d.x(), d.y());
            if (len < 1)
                continue;
            const QPointF u = d / len;
            const QPointF start = a + u * radius_, end = b - u * radius_;
            p.drawLine(start, end);
            const QPointF n(-u.y(), u.x());
            QPainterPath head;
            head.moveTo(end);
            head.lineTo(end - u * 9 + n * 4.5);
            head.lineTo(end - u * 9 - n * 4.5);
            head.closeSubpath();
            p.drawPath(head);
        }
    QFont bold = font();
    bold.setBold(true);
    for (std::size_t v = 0; v < vars.size(); ++v) {
        const auto& var = vars[v];
        const QPointF c = centers_[v];
        const bool observed = var.evidence >= 0;
        p.setPen(QPen(observed ? QColor(200, 80, 0) : QColor(60, 60, 60), observed ? 3 : 1.5));
        p.setBrush(observed ? QColor(255, 225, 190) : QColor(235, 242, 250));
        p.drawEllipse(c, radius_, radius_);
        p.setPen(QColor(30, 30, 30));  // the nodes are light in both themes
        p.setFont(bold);
        const QRectF box(c.x() - radius_, c.y() - radius_, 2 * radius_, 2 * radius_);
        p.drawText(box.adjusted(0, 0, 0, -radius_ * 0.5), Qt::AlignCenter, QString::fromStdString(var.name));
        p.setFont(valueFont());
        p.drawText(box.adjusted(0, radius_ * 0.6, 0, 0), Qt::AlignCenter, nodeText(int(v)));
        if (!var.label.empty()) {
            // What the variable means, under its node, in the slot its row gives it.
            p.setFont(captionFont());
            p.setPen(palette().color(QPalette::WindowText));
            const QRectF area(c.x() - slots_[v] / 2, c.y() + radius_ + 2, slots_[v], captionHeight());
            const int flags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;
            // On the window's colour, so that an edge passing behind does not cross the words.
            p.fillRect(p.boundingRect(area, flags, nodeCaption(int(v))).adjusted(-2, 0, 2, 0), palette().color(QPalette::Window));
            p.drawText(area, flags, nodeCaption(int(v)));
        }
    }
}

void NetworkGraphView::contextMenuEvent(QContextMenuEvent* event)
{
    const int node = state_ ? nodeAt(event->pos()) : -1;
    if (node >= 0)
        emit moduleChosen(QString::fromStdString(state_->variables[std::size_t(node)].name), event->globalPos());
}

void NetworkGraphView::mousePressEvent(QMouseEvent* event)
{
    if (!state_ || event->button() != Qt::LeftButton)
        return;
    const int clicked = nodeAt(event->position());
    if (clicked < 0)
        return;
    // Cycle this node: none -> value 1 -> ... -> value m -> none.
    const auto& vars = state_->variables;
    QStringList items;
    for (std::size_t j = 0; j < vars.size(); ++j) {
        int e = vars[j].evidence;
        if (int(j) == clicked)
            e = e + 1 < int(vars[j].values.size()) ? e + 1 : -1;
        if (e >= 0)
            items << QString::fromStdString(vars[j].name + "=" + vars[j].values[std::size_t(e)]);
    }
    emit evidenceRequested(items.isEmpty() ? "clear" : items.join(','));
}

} // namespace plab
