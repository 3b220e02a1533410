#include "BayesNetPanel.h"

#include "ViewStyle.h"

#include "Palette.h"
#include "experiments/BayesNetExperiment.h"

#include <QBarCategoryAxis>
#include <QFontMetrics>
#include <QHelpEvent>
#include <QToolTip>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QValueAxis>
#include <QVBoxLayout>
#include <cmath>

namespace plab {

namespace {

constexpr std::size_t kMaxJointBars = 64;
const QColor kTrue(30, 30, 30);
const QColor kLearned(46, 160, 67);

} // namespace

PanelStatePtr BayesNetPanel::capture(const Experiment& experiment)
{
    const auto& e = static_cast<const BayesNetExperiment&>(experiment);
    auto s = std::make_shared<BayesNetState>();
    s->time = e.time();
    const auto& net = e.network();
    for (int v = 0; v < net.size(); ++v) {
        const auto& var = net.variables[std::size_t(v)];
        s->variables.push_back({var.name, var.label, var.values, var.parents, e.evidence()[std::size_t(v)], e.moduleKl(v)});
    }
    s->learning = e.learning();
    s->learningSeconds = e.parameters().number("learning_seconds");
    s->samples = e.samples();
    bool anyEvidence = false;
    for (int ev : e.evidence())
        anyEvidence = anyEvidence || ev >= 0;
    const auto& exact = e.exactJoint();
    // While learning, "learned" is the distribution the modules define; while sampling, the
    // histogram of the network's states.
    std::vector<double> learned;
    if (!exact.empty() && exact.size() <= 1024)
        learned = e.learning() || e.samples() == 0 ? e.modelJoint() : e.sampledJoint();
    if (!anyEvidence && !learned.empty() && exact.size() <= kMaxJointBars) {
        s->trueJoint = exact;
        s->learnedJoint = learned;
    } else if (!exact.empty()) {
        s->trueMarginals = e.exactMarginals();
        if (e.learning() || e.samples() == 0) {
            // Marginals of the modules' own distribution.
            std::vector<std::vector<double>> m(std::size_t(net.size()));
            std::vector<int> state;
            for (int v = 0; v < net.size(); ++v)
                m[std::size_t(v)].assign(std::size_t(net.variables[std::size_t(v)].cardinality()), 0.0);
            for (std::size_t i = 0; i < learned.size(); ++i) {
                decodeState(net, i, state);
                for (int v = 0; v < net.size(); ++v)
                    m[std::size_t(v)][std::size_t(state[std::size_t(v)])] += learned[i];
            }
            s->learnedMarginals = learned.empty() ? std::vector<std::vector<double>>{} : m;
        } else {
            s->learnedMarginals = e.sampledMarginals();
        }
    }
    return s;
}

BayesNetPanel::BayesNetPanel(QWidget* parent) : ExperimentPanel(parent)
{
    graph_ = new NetworkGraphView;
    phase_ = new QLabel;
    phase_->setWordWrap(true);
    auto* left = new QVBoxLayout;
    left->addWidget(graph_, 1);
    left->addWidget(phase_);

    auto* chart = new QChart;
    truth_ = new QBarSet(tr("true p*"));
    truth_->setColor(kTrue);
    learned_ = new QBarSet(tr("learned"));
    learned_->setColor(kLearned);
    series_ = new QBarSeries;
    series_->append(truth_);
    series_->append(learned_);
    chart->addSeries(series_);
    categories_ = new QBarCategoryAxis;
    categories_->setLabelsAngle(-90);  // "1211" under each of 16 bars would not fit flat
    probability_ = new QValueAxis;
    probability_->setLabelFormat("%.2g");
    probability_->setTitleText(tr("probability"));
    chart->addAxis(categories_, Qt::AlignBottom);
    chart->addAxis(probability_, Qt::AlignLeft);
    series_->attachAxis(categories_);
    series_->attachAxis(probability_);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(2, 2, 2, 2));
    bars_ = new QChartView(chart);
    bars_->setRenderHint(QPainter::Antialiasing);
    bars_->setToolTip(tr("Black (light grey in the dark theme): the true distribution p* of the Bayesian network. Green: what the spiking network "
                         "has learned —\nwhile learning, the distribution its modules' conditionals define; while "
                         "sampling, the histogram of\nthe states it visits (a variable's state is the value whose "
                         "output neuron fired within tau).\nUnder evidence: each variable's posterior marginals, "
                         "sampled against exact."));

    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 2);
    layout->addWidget(bars_, 3);
    setMinimumHeight(260);
    connect(graph_, &NetworkGraphView::evidenceRequested, this,
            [this](const QString& evidence) { emit commandRequested("evidence " + evidence); });
}

void BayesNetPanel::showState(const PanelStatePtr& state)
{
    auto s = std::dynamic_pointer_cast<const BayesNetState>(state);
    if (!s)
        return;
    state_ = s;
    graph_->setState(s);
    if (s->learning)
        phase_->setText(tr("<b>Learning</b> until t = %1 s: joint samples of p* are shown one after another, each "
                           "module clamped to its variable's value; STDP fits each module's hidden neurons to "
                           "p*(x | Markov blanket).")
                            .arg(s->learningSeconds));
    else
        phase_->setText(tr("<b>Sampling</b>: plasticity off, the network runs freely; %1 states read so far. "
                           "Click a node to set evidence.")
                            .arg(s->samples));
    updateBars();
}

void BayesNetPanel::updateBars()
{
    const BayesNetState& s = *state_;
    QStringList names;
    QList<qreal> truth, learned;
    const QString learnedLabel = s.learning ? tr("learned") : tr("sampled");
    if (learned_->label() != learnedLabel)
        learned_->setLabel(learnedLabel);
    const QString truthLabel = s.trueJoint.empty() ? tr("exact") : tr("true p*");
    if (truth_->label() != truthLabel)
        truth_->setLabel(truthLabel);
    if (!s.trueJoint.empty()) {
        bars_->chart()->setTitle(s.learning ? tr("Joint distribution: true p* and learned by the modules")
                                            : tr("Joint distribution: true p* and sampled by the network"));
        for (std::size_t i = 0; i < s.trueJoint.size(); ++i) {
            // State label "1211": each variable's value number, first variable first.
            QString label;
            std::size_t rest = i;
            for (std::size_t v = s.variables.size(); v-- > 0;) {
                const std::size_t m = s.variables[v].values.size();
                label.prepend(QString::number(rest % m + 1));
                rest /= m;
            }
            names << label;
            truth << s.trueJoint[i];
            learned << (i < s.learnedJoint.size() ? s.learnedJoint[i] : 0.0);
        }
    } else {
        bars_->chart()->setTitle(tr("Marginals: exact posterior and sampled by the network"));
        for (std::size_t v = 0; v < s.trueMarginals.size(); ++v) {
            if (s.variables[v].evidence >= 0)
                continue;
            for (std::size_t k = 0; k < s.trueMarginals[v].size(); ++k) {
                names << QString::fromStdString(s.variables[v].name + "=" + s.variables[v].values[k]);
                truth << s.trueMarginals[v][k];
                const double l = v < s.learnedMarginals.size() ? s.learnedMarginals[v][k] : 0.0;
                learned << (std::isfinite(l) ? l : 0.0);
            }
        }
    }
    if (names != shownCategories_) {
        categories_->clear();
        categories_->append(names);
        shownCategories_ = names;
    }
    // Qt Charts elides category labels that do not fit: one label height per bar across,
    // and the longest (turned) label down, in the labels' current font.
    const QFontMetrics fm(categories_->labelsFont());
    int longest = 0;
    for (const QString& n : names)
        longest = std::max(longest, fm.horizontalAdvance(n));
    bars_->setMinimumSize(int(names.size()) * (fm.height() + 14) + 7 * fm.height(), longest + 12 * fm.height());
    keepTitleWhole(bars_);
    truth_->remove(0, truth_->count());
    learned_->remove(0, learned_->count());
    truth_->append(truth);
    learned_->append(learned);
    double top = 0.05;
    for (qreal x : truth + learned)
        top = std::max<double>(top, x);
    probability_->setRange(0, std::ceil(top * 10.0 + 0.5) / 10.0);
}

NetworkGraphView::NetworkGraphView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(220, 180);
    setToolTip(tr("The Bayesian network. Each node is a random variable, learned by one spiking module; the number "
                  "is that module's KL divergence\nKL(p*(x | Markov blanket) ‖ module) in bits. Click a node to set "
                  "its evidence (cycles through its values, then clears)."));
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

void NetworkGraphView::mousePressEvent(QMouseEvent* event)
{
    if (!state_)
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
