#include "ModuleTableView.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace plab {

QColor klColour(double bits)
{
    // 0.01 bits and less: green; 0.1 bits and more: red; yellow between (log scale).
    const double t = std::clamp((std::log10(std::max(bits, 1e-6)) + 2.0), 0.0, 1.0);
    const QColor good(200, 235, 200), mid(250, 235, 170), bad(245, 190, 185);
    const auto mix = [](const QColor& a, const QColor& b, double s) {
        return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * s), float(a.greenF() + (b.greenF() - a.greenF()) * s),
                                float(a.blueF() + (b.blueF() - a.blueF()) * s));
    };
    return t < 0.5 ? mix(good, mid, 2 * t) : mix(mid, bad, 2 * t - 1);
}

ModuleTableView::ModuleTableView(QWidget* parent) : QWidget(parent)
{
    heading_ = new QLabel;
    heading_->setWordWrap(true);
    heading_->setTextFormat(Qt::RichText);
    table_ = new QTableWidget;
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setToolTip(tr("Each row: one configuration of the module's Markov blanket. For each value, the true "
                          "p*(x | mb) and what the module learned; the KL of the row in bits (green: ≤ 0.01, red: ≥ 0.1);\n"
                          "p*(mb): how often the configuration occurs, and under the evidence how often the sampling "
                          "meets it — the rows that decide the answers."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading_);
    layout->addWidget(table_, 1);
    clear();
}

void ModuleTableView::clear()
{
    variable_ = -1;
    heading_->setText(tr("Click a variable's name in the network to see its module's table here."));
    table_->clear();
    table_->setRowCount(0);
    table_->setColumnCount(0);
}

QString ModuleTableView::heading() const
{
    return heading_->text();
}

void ModuleTableView::show(const std::shared_ptr<const BayesNetState>& state, int variable)
{
    variable_ = variable;
    if (!state || variable < 0 || variable >= int(state->variables.size()))
        return;
    const auto& var = state->variables[std::size_t(variable)];
    const int m = var.moduleIndex;
    if (m < 0 || std::size_t(m) >= state->tables.size() || std::size_t(m) >= state->modules.size())
        return;
    const ModuleTable& t = state->tables[std::size_t(m)];
    const auto& module = state->modules[std::size_t(m)];
    QStringList inputs;  // plain, for the columns
    for (int j : t.inputs)
        inputs << QString::fromStdString(state->modules[std::size_t(j)].name);
    const QString weighting = t.underEvidence ? tr("p*(mb | evidence)") : tr("p*(mb)");
    QString text = tr("<b>%1</b> given its Markov blanket %2: %3 of %4 possible configurations shown, holding %5 % of %6.")
                       .arg(QString::fromStdString(module.name).toHtmlEscaped(), inputs.isEmpty() ? tr("(empty)") : "(" + inputs.join(", ").toHtmlEscaped() + ")")
                       .arg(t.rows.size())
                       .arg(t.possible)
                       .arg(t.shownWeight * 100, 0, 'f', t.shownWeight > 0.999 ? 1 : 2)
                       .arg(weighting);
    if (var.evidence >= 0 && var.module == var.name)
        text += tr(" <i>Observed: the module is clamped and does not sample.</i>");
    heading_->setText(text);

    QStringList columns = inputs;
    columns << tr("p*(mb)");
    if (t.underEvidence)
        columns << tr("p*(mb | e)");
    for (const auto& x : module.values)
        columns << tr("%1\ntrue / learned").arg(QString::fromStdString(x));  // two lines: narrower columns
    columns << tr("KL\n(bits)");
    if (table_->columnCount() != columns.size() || table_->rowCount() != int(t.rows.size())) {
        table_->clear();
        table_->setColumnCount(int(columns.size()));
        table_->setRowCount(int(t.rows.size()));
    }
    table_->setHorizontalHeaderLabels(columns);
    const auto set = [this](int r, int c, const QString& s, const QColor& background = QColor()) {
        QTableWidgetItem* item = table_->item(r, c);
        if (!item) {
            item = new QTableWidgetItem;
            table_->setItem(r, c, item);
        }
        if (item->text() != s)
            item->setText(s);
        item->setBackground(background.isValid() ? QBrush(background) : QBrush());
        if (background.isValid())
            item->setForeground(QColor(30, 30, 30));
    };
    for (int r = 0; r < int(t.rows.size()); ++r) {
        const auto& row = t.rows[std::size_t(r)];
        int c = 0;
        for (std::size_t j = 0; j < t.inputs.size(); ++j)
            set(r, c++, QString::fromStdString(state->modules[std::size_t(t.inputs[j])].values[std::size_t(row.blanket[j])]));
        set(r, c++, QString::number(row.mass, 'g', 3));
        if (t.underEvidence)
            set(r, c++, QString::number(row.massUnderEvidence, 'g', 3));
        for (std::size_t x = 0; x < row.truth.size(); ++x) {
            const double error = std::abs(row.truth[x] - row.learned[x]);
            const QColor tint = error >= 0.05 ? QColor(245, 190, 185) : error >= 0.02 ? QColor(250, 235, 170) : QColor();
            set(r, c++, QString("%1 / %2").arg(row.truth[x], 0, 'f', 3).arg(row.learned[x], 0, 'f', 3), tint);
        }
        set(r, c++, QString::number(row.kl, 'f', 4), klColour(row.kl));
    }
}

} // namespace plab
