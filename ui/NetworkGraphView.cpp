#include "NetworkGraphView.h"

#include <QContextMenuEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace plab {

namespace {

constexpr double kPad = 5;
constexpr double kBarWidth = 58;
const QColor kExactBar(30, 30, 30);
const QColor kEstimateBar(46, 160, 67);
const QColor kObserved(200, 80, 0);
const QColor kBox(244, 247, 251);
const QColor kHeader(208, 223, 240);
const QColor kObservedHeader(255, 214, 170);
const QColor kInk(30, 30, 30);  // the boxes are light in both themes

} // namespace

NetworkGraphView::NetworkGraphView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(220, 180);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);  // + − 0 zoom
    setToolTip(tr("The Bayesian network, laid out by Graphviz. Each box is a random variable, learned by one "
                  "spiking module: black bars the exact (posterior) marginal, green what the network has learned "
                  "or sampled.\nClick a value to observe it (again to clear), the name to see the module's table; "
                  "right-click to lesion the module.\nWheel or + − zoom, drag the background to pan, double-click "
                  "or 0 fits the whole network."));
}

QFont NetworkGraphView::nameFont() const
{
    QFont f = font();
    f.setBold(true);
    return f;
}

QFont NetworkGraphView::smallFont() const
{
    QFont f = font();
    f.setPointSizeF(font().pointSizeF() * 0.85);
    return f;
}

double NetworkGraphView::headerHeight() const
{
    return QFontMetricsF(nameFont()).height() + 6;
}

double NetworkGraphView::captionLine() const
{
    return QFontMetricsF(smallFont()).height() + 2;
}

double NetworkGraphView::rowHeight() const
{
    return QFontMetricsF(smallFont()).height() + 4;
}

QString NetworkGraphView::nodeText(int v) const
{
    const auto& var = state_->variables[std::size_t(v)];
    if (var.evidence >= 0)
        return "= " + QString::fromStdString(var.values[std::size_t(var.evidence)]);
    return "KL " + QString::number(var.kl, 'f', 3);
}

QString NetworkGraphView::nodeCaption(int v) const
{
    return QString::fromStdString(state_->variables[std::size_t(v)].label);
}

void NetworkGraphView::setState(std::shared_ptr<const BayesNetState> state)
{
    state_ = std::move(state);
    if (!pending_.empty() && (state_->time > pendingAt_ || pending_.size() != state_->variables.size()))
        pending_.clear();
    // Laid out again for another network: names, values, labels or arrows that differ (the
    // same names from another file may have other values, and boxes of other sizes).
    std::vector<std::string> shape;
    for (const auto& v : state_->variables) {
        std::string line = v.name + '\x1f' + v.label + '\x1f' + v.module;  // (families merged or not: other tables)
        for (const auto& x : v.values)
            line += '\x1f' + x;
        for (int p : v.parents)
            line += '\x1e' + std::to_string(p);
        shape.push_back(std::move(line));
    }
    if (shape != laidOutShape_) {
        const bool another = !laidOutShape_.empty();
        laidOutShape_ = std::move(shape);
        if (another)
            emit networkChanged();
        zoom_ = 1;
        pan_ = {};
        layOut();
    }
    update();
}

void NetworkGraphView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange && state_)
        layOut();
    QWidget::changeEvent(event);
}

void NetworkGraphView::layOut()
{
    const auto& vars = state_->variables;
    const QFontMetricsF name(nameFont()), small(smallFont());
    sizes_.clear();
    std::vector<std::pair<int, int>> edges;
    for (std::size_t v = 0; v < vars.size(); ++v) {
        const auto& var = vars[v];
        // Room for the name and "KL 0.000" in the header, and for the longest value with its bar
        // and "100 %" in each row; a long label is cut (its whole text is in the tooltip).
        double valueWidth = 0;
        for (const auto& x : var.values)
            valueWidth = std::max(valueWidth, small.horizontalAdvance(QString::fromStdString(x)));
        valueWidth = std::min(valueWidth, 110.0);
        const double header = name.horizontalAdvance(QString::fromStdString(var.name)) + 8
                              + small.horizontalAdvance("KL 0.000");
        const double rows = valueWidth + 6 + kBarWidth + 6 + small.horizontalAdvance("100%");
        const double width = std::clamp(std::max(header, rows) + 2 * kPad, 120.0, 260.0);
        const double height = headerHeight() + (var.label.empty() ? 0 : captionLine())
                              + rowHeight() * double(var.values.size()) + kPad;
        sizes_.emplace_back(width, height);
        for (int p : var.parents)
            edges.emplace_back(p, int(v));
    }
    layout_ = layOutGraph(sizes_, edges);
    emit laidOut();  // the panel asks the window for the room the network needs
    update();
}

QSize NetworkGraphView::naturalSize() const
{
    if (layout_.bounds.isEmpty())
        return {420, 320};
    // At scale 1 up to a screenful; larger networks are fitted smaller, zoom shows detail.
    const QSizeF natural = layout_.bounds.size() + QSizeF(16, 16);
    return {int(std::clamp(natural.width(), 220.0, 900.0)), int(std::clamp(natural.height(), 180.0, 420.0))};
}

double NetworkGraphView::scale() const
{
    if (layout_.bounds.isEmpty())
        return 1;
    const double margin = 16;
    const double fit = std::min((width() - margin) / layout_.bounds.width(), (height() - margin) / layout_.bounds.height());
    return std::clamp(fit, 0.05, 1.25) * zoom_;
}

QTransform NetworkGraphView::toScreen() const
{
    QTransform t;
    t.translate(width() / 2.0 + pan_.x(), height() / 2.0 + pan_.y());
    const double s = scale();
    t.scale(s, s);
    t.translate(-layout_.bounds.center().x(), -layout_.bounds.center().y());
    return t;
}

void NetworkGraphView::fitWhole()
{
    zoom_ = 1;
    pan_ = {};
    update();
}

QRectF NetworkGraphView::boxOf(int v) const
{
    const QSizeF s = sizes_[std::size_t(v)];
    const QPointF c = layout_.centers[std::size_t(v)];
    return QRectF(c.x() - s.width() / 2, c.y() - s.height() / 2, s.width(), s.height());
}

QRectF NetworkGraphView::headerOf(int v) const
{
    const QRectF box = boxOf(v);
    const bool label = !state_->variables[std::size_t(v)].label.empty();
    return QRectF(box.left(), box.top(), box.width(), headerHeight() + (label ? captionLine() : 0));
}

QRectF NetworkGraphView::rowOf(int v, int value) const
{
    const QRectF header = headerOf(v);
    return QRectF(header.left(), header.bottom() + rowHeight() * value, header.width(), rowHeight());
}

QRectF NetworkGraphView::nodeRect(int v) const
{
    return toScreen().mapRect(boxOf(v));
}

QPointF NetworkGraphView::nodeCenter(int v) const
{
    return toScreen().map(layout_.centers[std::size_t(v)]);
}

QPointF NetworkGraphView::headerCenter(int v) const
{
    const QRectF h = headerOf(v);
    return toScreen().map(QPointF(h.center().x(), h.top() + headerHeight() / 2));
}

QPointF NetworkGraphView::valueCenter(int v, int value) const
{
    return toScreen().map(rowOf(v, value).center());
}

NetworkGraphView::Hit NetworkGraphView::hitAt(QPointF screen) const
{
    if (!state_ || layout_.centers.empty())
        return {};
    const QPointF at = toScreen().inverted().map(screen);
    for (std::size_t v = 0; v < sizes_.size(); ++v) {
        if (!boxOf(int(v)).contains(at))
            continue;
        const int values = int(state_->variables[v].values.size());
        for (int k = 0; k < values; ++k)
            if (rowOf(int(v), k).contains(at))
                return {int(v), k};
        return {int(v), -1};
    }
    return {};
}

void NetworkGraphView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (!state_ || layout_.centers.size() != state_->variables.size())
        return;
    p.setTransform(toScreen());
    QColor edge = palette().color(QPalette::WindowText);
    edge.setAlphaF(0.6f);
    QPen edgePen(edge, 1.4);
    edgePen.setCosmetic(true);
    for (const auto& e : layout_.edges) {
        p.setPen(edgePen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(e.path);
        // The arrow head, from where the spline ends to the child's border.
        QPointF d = e.arrowTip - e.arrowBase;
        double len = std::hypot(d.x(), d.y());
        QPointF base = e.arrowBase;
        if (len < 1) {  // no head from Graphviz: make one along the path's end
            d = e.arrowTip - e.path.pointAtPercent(0.9);
            len = std::max(1e-9, std::hypot(d.x(), d.y()));
            d = d / len * 9.0;
            len = 9.0;
            base = e.arrowTip - d;
        }
        const QPointF n(-d.y() / len * 4.5, d.x() / len * 4.5);
        QPainterPath head;
        head.moveTo(e.arrowTip);
        head.lineTo(base + n);
        head.lineTo(base - n);
        head.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(edge);
        p.drawPath(head);
    }
    for (int v = 0; v < int(state_->variables.size()); ++v)
        drawNode(p, v);
    bool waiting = false;
    if (pending_.size() == state_->variables.size()) {
        QPen dashed(kObserved, 2.0, Qt::DashLine);
        dashed.setCosmetic(true);
        for (int v = 0; v < int(pending_.size()); ++v) {
            if (pending_[std::size_t(v)] == state_->variables[std::size_t(v)].evidence)
                continue;
            waiting = true;
            p.setPen(dashed);
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(boxOf(v).adjusted(-4, -4, 4, 4), 6, 6);
            if (pending_[std::size_t(v)] >= 0)
                p.drawRect(rowOf(v, pending_[std::size_t(v)]).adjusted(1, 0, -1, 0));
        }
    }
    // What the bars are, in a corner, at the screen's scale, on the window's colour so that a
    // box zoomed under it does not show through.
    p.resetTransform();
    p.setFont(smallFont());
    const QFontMetricsF fm(smallFont());
    const double y = height() - fm.height() - 4;
    if (waiting) {
        const QString note = tr("Evidence clicked: it applies when the simulation runs (Play or Step).");
        const QRectF r(4, 4, fm.horizontalAdvance(note) + 8, fm.height() + 4);
        p.fillRect(r, palette().color(QPalette::Window));
        p.setPen(kObserved.darker(130));
        p.drawText(r.adjusted(4, 2, -4, -2), Qt::AlignLeft | Qt::AlignVCenter, note);
    }
    p.fillRect(QRectF(2, y - 2, fm.horizontalAdvance(tr("exact") + tr("sampled")) + 80, fm.height() + 6), palette().color(QPalette::Window));
    const QString estimate = state_->learning || state_->samples == 0 ? tr("learned") : tr("sampled");
    double x = 6;
    for (const auto& [colour, text] : {std::pair{kExactBar, tr("exact")}, std::pair{kEstimateBar, estimate}}) {
        p.fillRect(QRectF(x, y + fm.height() / 2 - 4, 14, 8), colour == kExactBar ? palette().color(QPalette::WindowText) : colour);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QPointF(x + 18, y + fm.ascent()), text);
        x += 18 + fm.horizontalAdvance(text) + 12;
    }
}

void NetworkGraphView::drawNode(QPainter& p, int v) const
{
    const auto& var = state_->variables[std::size_t(v)];
    const bool observed = var.evidence >= 0;
    const QRectF box = boxOf(v);
    const QRectF header = headerOf(v);
    QPen border(observed ? kObserved : QColor(70, 80, 95), observed ? 2.2 : 1.0);
    p.setPen(border);
    p.setBrush(kBox);
    p.drawRoundedRect(box, 4, 4);
    p.setPen(Qt::NoPen);
    p.setBrush(observed ? kObservedHeader : kHeader);
    QPainterPath top;
    top.addRoundedRect(header, 4, 4);
    top.addRect(header.adjusted(0, 4, 0, 0));
    p.drawPath(top.simplified());
    p.setPen(border);
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(box, 4, 4);

    const QFontMetricsF name(nameFont()), small(smallFont());
    const QRectF nameLine(box.left() + kPad, box.top(), box.width() - 2 * kPad, headerHeight());
    p.setPen(kInk);
    p.setFont(smallFont());
    const QString text = nodeText(v);
    const double textWidth = small.horizontalAdvance(text);
    p.drawText(nameLine, Qt::AlignRight | Qt::AlignVCenter, text);
    p.setFont(nameFont());
    p.drawText(nameLine.adjusted(0, 0, -textWidth - 6, 0), Qt::AlignLeft | Qt::AlignVCenter,
               name.elidedText(QString::fromStdString(var.name), Qt::ElideRight, nameLine.width() - textWidth - 6));
    if (!var.label.empty()) {
        QFont italic = smallFont();
        italic.setItalic(true);
        p.setFont(italic);
        const QRectF line(box.left() + kPad, box.top() + headerHeight() - 2, box.width() - 2 * kPad, captionLine());
        p.drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(italic).elidedText(nodeCaption(v), Qt::ElideRight, line.width()));
    }

    p.setFont(smallFont());
    const double percentWidth = small.horizontalAdvance("100%");
    for (int k = 0; k < int(var.values.size()); ++k) {
        const QRectF row = rowOf(v, k);
        if (var.evidence == k)
            p.fillRect(row.adjusted(1, 0, -1, 0), QColor(255, 225, 190));
        const double barLeft = row.right() - kPad - percentWidth - 4 - kBarWidth;
        const QRectF label(row.left() + kPad, row.top(), barLeft - row.left() - kPad - 4, row.height());
        const bool greyed = observed && var.evidence != k;
        p.setPen(greyed ? QColor(140, 140, 140) : kInk);
        p.drawText(label, Qt::AlignLeft | Qt::AlignVCenter,
                   small.elidedText(QString::fromStdString(var.values[std::size_t(k)]), Qt::ElideRight, label.width()));
        const auto valueOf = [k](const std::vector<double>& m) {
            return std::size_t(k) < m.size() && std::isfinite(m[std::size_t(k)]) ? std::clamp(m[std::size_t(k)], 0.0, 1.0) : -1.0;
        };
        const double exact = valueOf(var.exact), estimate = valueOf(var.estimate);
        const QRectF track(barLeft, row.top() + 2, kBarWidth, row.height() - 4);
        p.fillRect(track, QColor(222, 226, 232));
        // Green above: the network's; black below: exact. Side by side they show the error.
        if (estimate >= 0)
            p.fillRect(QRectF(track.left(), track.top(), kBarWidth * estimate, track.height() * 0.62), kEstimateBar);
        if (exact >= 0)
            p.fillRect(QRectF(track.left(), track.top() + track.height() * 0.66, kBarWidth * exact, track.height() * 0.34),
                       kExactBar);
        const double shown = estimate >= 0 ? estimate : exact;
        if (shown >= 0) {
            p.setPen(greyed ? QColor(140, 140, 140) : kInk);
            p.drawText(QRectF(track.right() + 2, row.top(), percentWidth + 2, row.height()), Qt::AlignRight | Qt::AlignVCenter,
                       shown >= 0.995 || shown < 0.005 ? QString::number(shown * 100, 'f', 0) + "%"
                                                       : QString::number(shown * 100, 'f', shown < 0.1 ? 1 : 0) + "%");
        }
    }
}

bool NetworkGraphView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && state_) {
        auto* help = static_cast<QHelpEvent*>(event);
        const Hit hit = hitAt(help->pos());
        if (hit.node >= 0) {
            const auto& var = state_->variables[std::size_t(hit.node)];
            QString detail;
            if (hit.value >= 0) {
                const auto k = std::size_t(hit.value);
                const auto number = [k](const std::vector<double>& m) {
                    return k < m.size() && std::isfinite(m[k]) ? QString::number(m[k], 'f', 4) : QString("—");
                };
                detail = tr("<br><b>%1</b>: exact %2, network %3<br>Click to %4.")
                             .arg(QString::fromStdString(var.values[k]).toHtmlEscaped(), number(var.exact), number(var.estimate),
                                  var.evidence == hit.value ? tr("clear this evidence") : tr("observe this value"));
            } else {
                detail = tr("<br>Click the name to see the module's table, learned beside true.");
            }
            if (!std::isnan(var.rhat) || !std::isnan(var.ess))
                detail += tr("<br>Sampling chains: R̂ %1 (1 = they agree), effective samples %2")
                              .arg(std::isnan(var.rhat) ? QString("—") : std::isinf(var.rhat) ? QString("∞") : QString::number(var.rhat, 'f', 4))
                              .arg(std::isnan(var.ess) ? QString("—") : QString::number(var.ess, 'f', 0));
            QToolTip::showText(help->globalPos(),
                               tr("<b>%1</b>%2<br>module %3, KL %4 bits (0 = learned exactly)%5")
                                   .arg(QString::fromStdString(var.name).toHtmlEscaped(),
                                        var.label.empty() ? QString() : " — " + QString::fromStdString(var.label).toHtmlEscaped(),
                                        QString::fromStdString(var.module).toHtmlEscaped())
                                   .arg(var.kl, 0, 'f', 3)
                                   .arg(detail),
                               this);
            return true;
        }
    }
    return QWidget::event(event);
}

void NetworkGraphView::contextMenuEvent(QContextMenuEvent* event)
{
    const Hit hit = hitAt(event->pos());
    if (hit.node >= 0)
        emit moduleChosen(QString::fromStdString(state_->variables[std::size_t(hit.node)].name), event->globalPos());
}

void NetworkGraphView::requestEvidence(int node, int value)
{
    // The whole network's evidence, with this node's value observed, or cleared if it was;
    // on top of what was clicked and is still to be applied.
    const auto& vars = state_->variables;
    if (pending_.size() != vars.size()) {
        pending_.clear();
        for (const auto& var : vars)
            pending_.push_back(var.evidence);
    }
    pending_[std::size_t(node)] = pending_[std::size_t(node)] == value ? -1 : value;
    pendingAt_ = state_->time;
    update();
    QStringList items;
    for (std::size_t j = 0; j < vars.size(); ++j) {
        const int e = pending_[j];
        if (e < 0)
            continue;
        // A value name a command cannot carry (a space or a comma, as Hugin and XMLBIF allow)
        // goes by its number, which evidence takes too.
        const std::string& name = vars[j].values[std::size_t(e)];
        const bool plain = name.find_first_of(" \t,") == std::string::npos;
        items << QString::fromStdString(vars[j].name + "=" + (plain ? name : std::to_string(e + 1)));
    }
    emit evidenceRequested(items.isEmpty() ? "clear" : items.join(','));
}

void NetworkGraphView::mousePressEvent(QMouseEvent* event)
{
    if (!state_ || event->button() != Qt::LeftButton)
        return;
    const Hit hit = hitAt(event->position());
    if (hit.node < 0) {
        dragging_ = true;
        dragFrom_ = event->position();
        setCursor(Qt::ClosedHandCursor);
    } else if (hit.value >= 0) {
        requestEvidence(hit.node, hit.value);
    } else {
        emit tableRequested(hit.node);
    }
}

void NetworkGraphView::mouseMoveEvent(QMouseEvent* event)
{
    if (!dragging_)
        return;
    pan_ += event->position() - dragFrom_;
    dragFrom_ = event->position();
    update();
}

void NetworkGraphView::mouseReleaseEvent(QMouseEvent*)
{
    if (dragging_)
        unsetCursor();
    dragging_ = false;
}

void NetworkGraphView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (hitAt(event->position()).node < 0)
        fitWhole();
}

void NetworkGraphView::zoomAround(QPointF screen, double factor)
{
    const QPointF at = toScreen().inverted().map(screen);
    zoom_ = std::clamp(zoom_ * factor, 0.25, 12.0);
    const QPointF middle(width() / 2.0, height() / 2.0);
    pan_ = screen - middle - (at - layout_.bounds.center()) * scale();
    update();
}

void NetworkGraphView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomAround(event->position(), std::pow(1.15, steps));
    event->accept();
}

void NetworkGraphView::keyPressEvent(QKeyEvent* event)
{
    const QPointF middle(width() / 2.0, height() / 2.0);
    if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal)
        zoomAround(middle, 1.25);
    else if (event->key() == Qt::Key_Minus)
        zoomAround(middle, 1 / 1.25);
    else if (event->key() == Qt::Key_0)
        fitWhole();
    else
        QWidget::keyPressEvent(event);
}

} // namespace plab
