#include "BayesNetPanel.h"

#include "ModuleTableView.h"

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
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QValueAxis>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>
#include <cmath>

namespace plab {

namespace {

constexpr std::size_t kMaxJointBars = 64;
const QColor kTrue(30, 30, 30);
const QColor kLearned(46, 160, 67);

/// Each variable's marginals of a joint over the network's states.
std::vector<std::vector<double>> marginalsOf(const BayesianNetwork& net, const std::vector<double>& joint)
{
    std::vector<std::vector<double>> m(std::size_t(net.size()));
    std::vector<int> state;
    for (int v = 0; v < net.size(); ++v)
        m[std::size_t(v)].assign(std::size_t(net.variables[std::size_t(v)].cardinality()), 0.0);
    for (std::size_t i = 0; i < joint.size(); ++i) {
        decodeState(net, i, state);
        for (int v = 0; v < net.size(); ++v)
            m[std::size_t(v)][std::size_t(state[std::size_t(v)])] += joint[i];
    }
    return m;
}

} // namespace

PanelStatePtr BayesNetPanel::capture(const Experiment& experiment)
{
    const auto& e = static_cast<const BayesNetExperiment&>(experiment);
    auto s = std::make_shared<BayesNetState>();
    s->time = e.time();
    const auto& net = e.network();
    const bool anyEvidence = std::any_of(e.evidence().begin(), e.evidence().end(), [](int x) { return x >= 0; });
    // Each module's KL and table, once. Under evidence the KL a box shows is weighted where the
    // sampling goes (p*(mb | e)), as its table is: averaged over p*(mb), a module wrong only
    // there reads "KL 0.000".
    std::vector<double> shownKl;
    for (int m = 0; m < e.families().network().size(); ++m) {
        const auto& var = e.families().network().variables[std::size_t(m)];
        s->modules.push_back({var.name, var.values});
        s->tables.push_back(e.moduleTable(m, ModuleTableView::kRows));
        const double underEvidence = anyEvidence ? e.moduleKlUnderEvidence(m) : std::nan("");
        shownKl.push_back(std::isnan(underEvidence) ? e.moduleKl(m) : underEvidence);
        if (!e.families().computed(m).empty())
            s->mergedModules.push_back(var.label);
    }
    for (int v = 0; v < net.size(); ++v) {
        const auto& var = net.variables[std::size_t(v)];
        const int module = e.moduleOf(v);
        s->variables.push_back({var.name, var.label, var.values, var.parents, e.evidence()[std::size_t(v)],
                                shownKl[std::size_t(module)], s->modules[std::size_t(module)].name, module, {}, {},
                                e.rhat(v), e.effectiveSamples(v)});
    }
    if (!e.families().mergesAnything())
        s->unmerged = e.families().unhandled();
    s->learning = e.learning();
    s->learningSeconds = e.learningSeconds();
    for (int v : net.deterministicVariables())
        s->deterministic.push_back(net.variables[std::size_t(v)].name);
    s->samples = e.samples();
    s->chains = e.chainCount();
    const bool sampled = !e.learning() && e.samples() > 0;
    const auto& exact = e.exactJoint();
    // While learning, "learned" is the distribution the modules define; while sampling, the
    // histogram of the network's states.
    std::vector<double> learned;
    if (!exact.empty() && exact.size() <= 1024)
        learned = sampled ? e.sampledJoint() : e.modelJoint();
    // Every node draws its marginals: exact (by enumeration or elimination), and the network's
    // (the modules' distribution while learning, where it can be enumerated; the sampled one after).
    const auto exactMarginals = e.exactMarginals();
    std::vector<std::vector<double>> estimate;
    if (sampled)
        estimate = e.sampledMarginals();
    else if (!learned.empty())
        estimate = marginalsOf(net, learned);
    for (std::size_t v = 0; v < s->variables.size(); ++v) {
        if (v < exactMarginals.size())
            s->variables[v].exact = exactMarginals[v];
        if (v < estimate.size())
            s->variables[v].estimate = estimate[v];
    }
    // The chart: the joint where it is small and there is no evidence, else the marginals.
    if (!anyEvidence && !learned.empty() && exact.size() <= kMaxJointBars) {
        s->trueJoint = exact;
        s->learnedJoint = learned;
    } else {
        s->trueMarginals = exactMarginals;
        s->learnedMarginals = estimate;
    }
    return s;
}

namespace {

QString diagnosticsText(const BayesNetState& s)
{
    // The worst variable by R-hat and by effective sample size: whether the chains agree.
    int worstR = -1, worstN = -1;
    for (std::size_t v = 0; v < s.variables.size(); ++v) {
        const auto& var = s.variables[v];
        if (!std::isnan(var.rhat) && (worstR < 0 || var.rhat > s.variables[std::size_t(worstR)].rhat))
            worstR = int(v);
        if (!std::isnan(var.ess) && (worstN < 0 || var.ess < s.variables[std::size_t(worstN)].ess))
            worstN = int(v);
    }
    // The answer first: how far the sampled marginals are from the exact ones, where most.
    QString error;
    double largest = -1;
    for (const auto& var : s.variables) {
        if (var.evidence >= 0)
            continue;
        for (std::size_t k = 0; k < var.exact.size() && k < var.estimate.size(); ++k) {
            const double d = std::abs(var.estimate[k] - var.exact[k]);
            if (std::isfinite(d) && d > largest) {
                largest = d;
                error = QString::fromStdString(var.name + " = " + var.values[k]).toHtmlEscaped();
            }
        }
    }
    const QString answer = largest >= 0 ? QObject::tr("Largest |sampled − exact| %1 (%2). ").arg(largest, 0, 'f', 3).arg(error)
                                        : QString();
    if (s.chains < 2 && worstN < 0)
        return answer;
    if (worstR < 0 && worstN < 0)
        return answer + QObject::tr("%1 chains: too few states for R-hat yet. ").arg(s.chains);
    QString text = answer + QObject::tr("%1 chains: ").arg(s.chains);
    if (worstR >= 0) {
        const double r = s.variables[std::size_t(worstR)].rhat;
        const QString figure = std::isinf(r) ? QString("∞") : QString::number(r, 'f', r < 1.1 ? 4 : 2);
        const QString shown = QObject::tr("R̂ ≤ %1 (%2)").arg(figure, QString::fromStdString(s.variables[std::size_t(worstR)].name).toHtmlEscaped());
        // Vehtari et al. (2021): above 1.01 the chains have not mixed.
        text += r > 1.01 ? QObject::tr("<span style='color:#c0392b'><b>%1: the chains disagree</b></span>").arg(shown) : shown;
    }
    if (worstN >= 0)
        text += QObject::tr("%1ESS ≥ %2 (%3)")
                    .arg(worstR >= 0 ? ", " : "")
                    .arg(QLocale::c().toString(s.variables[std::size_t(worstN)].ess, 'f', 0))
                    .arg(QString::fromStdString(s.variables[std::size_t(worstN)].name).toHtmlEscaped());
    // Agreeing chains and an error well beyond the sampling's own (two standard errors of a
    // probability at the smallest ESS): the sampling is done, the learned tables are not exact.
    if (worstR >= 0 && worstN >= 0 && s.variables[std::size_t(worstR)].rhat <= 1.01) {
        const double noise = 2 * std::sqrt(0.25 / s.variables[std::size_t(worstN)].ess);
        if (largest > std::max(0.01, 2 * noise))
            text += QObject::tr(" — they agree, so the difference is in the learned tables");
    }
    return text + ". ";
}

} // namespace

BayesNetPanel::BayesNetPanel(QWidget* parent) : ExperimentPanel(parent)
{
    graph_ = new NetworkGraphView;
    phase_ = new QLabel;
    phase_->setWordWrap(true);
    warning_ = new QLabel;
    warning_->setWordWrap(true);
    warning_->hide();
    auto* left = new QVBoxLayout;
    left->addWidget(warning_);
    left->addWidget(graph_, 1);
    left->addWidget(phase_);

    auto* chart = new QChart;
    truth_ = new QBarSet(tr("true p*"));
    truth_->setColor(kTrue);
    learned_ = new QBarSet(tr("learned"));
    learned_->setColor(kLearned);
    intact_ = new QBarSet(tr("intact copy"), this);  // in the series only while comparing
    intact_->setBrush(QBrush(kLearned.darker(140), Qt::BDiagPattern));
    intact_->setBorderColor(kLearned.darker(140));
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

    table_ = new ModuleTableView;
    tabs_ = new QTabWidget;
    // The chart scrolls in its tab: twenty variables' values need more room than a panel has.
    auto* barsScroll = new QScrollArea;
    barsScroll->setWidgetResizable(true);
    barsScroll->setFrameShape(QFrame::NoFrame);
    barsScroll->setWidget(bars_);
    tabs_->addTab(barsScroll, tr("Distribution"));
    tabs_->addTab(table_, tr("Module table"));

    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 3);
    layout->addWidget(tabs_, 2);
    setMinimumHeight(260);
    connect(graph_, &NetworkGraphView::laidOut, this, [this] { updateGeometry(); });
    connect(graph_, &NetworkGraphView::networkChanged, table_, &ModuleTableView::clear);  // the table was the old one's
    connect(graph_, &NetworkGraphView::tableRequested, this, qOverload<int>(&BayesNetPanel::openTable));
    connect(graph_, &NetworkGraphView::evidenceRequested, this,
            [this](const QString& evidence) { emit commandRequested("evidence " + evidence); });
    // A module's hidden neurons are a population, its input synapses a pathway, both named
    // after the variable.
    connect(graph_, &NetworkGraphView::moduleChosen, this,
            [this](const QString& variable, QPoint at) {
                // The lesion names the module, which for a merged family's member is the family's.
                QString module = variable;
                if (state_)
                    for (const auto& v : state_->variables)
                        if (QString::fromStdString(v.name) == variable)
                            module = QString::fromStdString(v.module);
                emit lesionOffered(module, {}, module, at);
            });
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
        phase_->setText(tr("<b>Sampling</b>: plasticity off, the network runs freely; %1 states read so far. %2"
                           "Click a value in a node to observe it, a name for its module's table.")
                            .arg(s->samples)
                            .arg(diagnosticsText(*s)));
    // Said above the graph, first thing seen: the answers are not to be trusted, and why.
    QStringList names;
    for (const auto& n : s->deterministic)
        names << QString::fromStdString(n);
    warning_->setVisible(!names.isEmpty());
    if (!names.isEmpty() && !s->mergedModules.empty()) {
        QStringList merged;
        for (const auto& m : s->mergedModules)
            merged << QString::fromStdString(m);
        warning_->setText(tr("<b>Deterministic:</b> %1 (a function of its parents). One module samples the family "
                             "jointly: %2, so every update moves the whole family.")
                              .arg(names.join(", "), merged.join("; ")));
    } else if (!names.isEmpty()) {
        warning_->setText(tr("<span style='color:#c0392b'><b>Deterministic:</b> %1 (a function of its parents), "
                             "sampled one variable at a time (%2). The network cannot leave the states it starts "
                             "near: its sampled posteriors can be far from the exact ones.</span>")
                              .arg(names.join(", "), QString::fromStdString(s->unmerged)));
    }
    updateBars();
    if (!pendingTable_.isEmpty())
        openTable(pendingTable_);
    else if (table_->variable() >= 0)
        table_->show(s, table_->variable());
}

QSize BayesNetPanel::sizeHint() const
{
    // As laid out, with the graph at its natural size rather than its hint.
    QSize hint = ExperimentPanel::sizeHint();
    hint.setHeight(hint.height() + std::max(0, graph_->naturalSize().height() - graph_->sizeHint().height()));
    return hint;
}

void BayesNetPanel::openTable(const QString& variable)
{
    pendingTable_ = variable;
    if (!state_)
        return;
    for (std::size_t v = 0; v < state_->variables.size(); ++v)
        if (QString::fromStdString(state_->variables[v].name) == variable)
            openTable(int(v));
    pendingTable_.clear();
}

void BayesNetPanel::openTable(int variable)
{
    table_->show(state_, variable);
    tabs_->setCurrentWidget(table_);
}

namespace {

/// The bars' categories and heights of one state: the joint's states, or each free
/// variable's values.
struct Bars {
    QStringList names;
    QList<qreal> truth, learned;
};

Bars barsOf(const BayesNetState& s)
{
    Bars b;
    if (!s.trueJoint.empty()) {
        for (std::size_t i = 0; i < s.trueJoint.size(); ++i) {
            // State label "1211": each variable's value number, first variable first.
            QString label;
            std::size_t rest = i;
            for (std::size_t v = s.variables.size(); v-- > 0;) {
                const std::size_t m = s.variables[v].values.size();
                label.prepend(QString::number(rest % m + 1));
                rest /= m;
            }
            b.names << label;
            b.truth << s.trueJoint[i];
            b.learned << (i < s.learnedJoint.size() ? s.learnedJoint[i] : 0.0);
        }
        return b;
    }
    for (std::size_t v = 0; v < s.trueMarginals.size(); ++v) {
        if (s.variables[v].evidence >= 0)
            continue;
        for (std::size_t k = 0; k < s.trueMarginals[v].size(); ++k) {
            b.names << QString::fromStdString(s.variables[v].name + "=" + s.variables[v].values[k]);
            b.truth << s.trueMarginals[v][k];
            const double l = v < s.learnedMarginals.size() ? s.learnedMarginals[v][k] : 0.0;
            b.learned << (std::isfinite(l) ? l : 0.0);
        }
    }
    return b;
}

} // namespace

void BayesNetPanel::showIntactState(const PanelStatePtr& state)
{
    auto s = std::dynamic_pointer_cast<const BayesNetState>(state);
    if (s == intactState_)
        return;
    intactState_ = std::move(s);
    if (state_)
        updateBars();
}

void BayesNetPanel::updateBars()
{
    const BayesNetState& s = *state_;
    const QString learnedLabel = s.learning ? tr("learned") : tr("sampled");
    if (learned_->label() != learnedLabel)
        learned_->setLabel(learnedLabel);
    const QString truthLabel = s.trueJoint.empty() ? tr("exact") : tr("true p*");
    if (truth_->label() != truthLabel)
        truth_->setLabel(truthLabel);
    if (!s.trueJoint.empty())
        bars_->chart()->setTitle(s.learning ? tr("Joint distribution: true p* and learned by the modules")
                                            : tr("Joint distribution: true p* and sampled by the network"));
    else
        bars_->chart()->setTitle(s.learning ? tr("Marginals: exact and learned") : tr("Marginals: exact and sampled"));
    const Bars b = barsOf(s);
    const QStringList& names = b.names;
    const QList<qreal>& truth = b.truth;
    const QList<qreal>& learned = b.learned;
    // While comparing: the intact copy's bars, hatched, where its categories are the same.
    QList<qreal> intact;
    if (intactState_) {
        const Bars i = barsOf(*intactState_);
        if (i.names == names)
            intact = i.learned;
    }
    const bool showIntact = !intact.isEmpty();
    if (showIntact != series_->barSets().contains(intact_)) {
        if (showIntact) {
            series_->append(intact_);
        } else {
            series_->take(intact_);
            intact_->setParent(this);
        }
    }
    intact_->remove(0, intact_->count());
    intact_->append(intact);
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
    keepChartReadable(bars_, QSize(int(names.size()) * (fm.height() + 14) + 7 * fm.height(), longest + 12 * fm.height()));
    truth_->remove(0, truth_->count());
    learned_->remove(0, learned_->count());
    truth_->append(truth);
    learned_->append(learned);
    double top = 0.05;
    for (qreal x : truth + learned + intact)
        top = std::max<double>(top, x);
    // Up to the next tenth above the tallest bar, never past 1, on round ticks (0.25 or 0.1).
    const double range = std::min(1.0, std::ceil(top * 10.0 + 1e-9) / 10.0);
    const double step = range > 0.5 && std::fmod(range * 4 + 1e-9, 1.0) < 1e-6 ? 0.25 : range > 0.5 ? 0.2 : 0.1;
    probability_->setRange(0, range);
    probability_->setTickType(QValueAxis::TicksDynamic);
    probability_->setTickAnchor(0);
    probability_->setTickInterval(step);
}

} // namespace plab
