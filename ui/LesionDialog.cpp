#include "LesionDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace plab {

LesionDialog::LesionDialog(std::vector<LesionPopulation> populations, std::vector<LesionPathway> pathways,
                           QWidget* parent)
    : QDialog(parent), populations_(std::move(populations)), pathways_(std::move(pathways))
{
    setWindowTitle(tr("Lesion"));
    target_ = new QComboBox;
    if (!populations_.empty())
        target_->addItem(tr("Neurons"), "neurons");
    if (!pathways_.empty()) {
        target_->addItem(tr("Synapses"), "synapses");
        target_->addItem(tr("Weights"), "weights");
    }
    what_ = new QComboBox;
    action_ = new QComboBox;
    action_->addItem(tr("Remove for good"), "lesion");
    action_->addItem(tr("Silence (can be restored)"), "silence");
    action_->addItem(tr("Restore silenced neurons"), "restore");
    how_ = new QComboBox;
    amount_ = new QDoubleSpinBox;
    amount_->setDecimals(3);
    value_ = new QComboBox;
    numbers_ = new QLineEdit;
    numbers_->setPlaceholderText(tr("e.g. 1,3,5-8"));
    numbers_->setValidator(new QRegularExpressionValidator(QRegularExpression("[0-9,\\-]*"), numbers_));
    compare_ = new QCheckBox(tr("Compare with an intact copy (fork: the chart draws the unlesioned run dashed)"));
    compare_->setToolTip(tr("The run is copied as it is now, random state included, and the copy goes on without "
                            "the lesion on another core. The difference between the solid and the dashed curves is "
                            "the lesion's effect, free of seed noise."));
    preview_ = new QLabel;
    preview_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    preview_->setStyleSheet("font-family: monospace");

    auto* form = new QFormLayout;
    form->addRow(tr("&Lesion"), target_);
    form->addRow(tr("&In"), what_);
    form->addRow(tr("&Action"), action_);
    form->addRow(tr("&Which"), how_);
    form->addRow(tr("A&mount"), amount_);
    form->addRow(tr("&Preferring"), value_);
    form->addRow(tr("&Numbers"), numbers_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Apply"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(compare_);
    layout->addWidget(new QLabel(tr("Command (logged, marked on the chart, kept by Save run):")));
    layout->addWidget(preview_);
    layout->addWidget(buttons);

    const auto fillWhat = [this] {
        const QString t = target_->currentData().toString();
        what_->clear();
        if (t == "neurons")
            for (const auto& p : populations_)
                what_->addItem(QStringLiteral("%1 (%2 neurons)").arg(QString::fromStdString(p.name)).arg(p.size),
                               QString::fromStdString(p.name));
        else
            for (const auto& p : pathways_)
                what_->addItem(QStringLiteral("%1 (%2 synapses)").arg(QString::fromStdString(p.name)).arg(p.size),
                               QString::fromStdString(p.name));
        how_->clear();
        if (t == "weights") {
            how_->addItem(tr("Noise: add N(0, SD²) to each parameter"), "noise");
            how_->addItem(tr("Scale each weight by a factor"), "scale");
        } else {
            how_->addItem(tr("At random (fraction)"), "random");
            how_->addItem(tr("Strongest first (fraction)"), "strongest");
            how_->addItem(tr("Weakest first (fraction)"), "weakest");
            if (t == "neurons") {
                how_->addItem(tr("Those preferring a value"), "preferring");
                how_->addItem(tr("By number"), "numbers");
                how_->addItem(tr("All"), "all");
            }
        }
    };
    const auto fillValues = [this] {
        value_->clear();
        const int i = what_->currentIndex();
        if (target_->currentData().toString() == "neurons" && i >= 0 && std::size_t(i) < populations_.size())
            for (const auto& v : populations_[std::size_t(i)].preferences)
                value_->addItem(QString::fromStdString(v));
        // "Those preferring a value" only where the neurons prefer values (not reward's).
        const int preferring = how_->findData("preferring");
        if (target_->currentData().toString() == "neurons") {
            if (value_->count() == 0 && preferring >= 0)
                how_->removeItem(preferring);
            else if (value_->count() > 0 && preferring < 0)
                how_->insertItem(how_->findData("numbers"), tr("Those preferring a value"), "preferring");
        }
    };
    connect(target_, &QComboBox::currentIndexChanged, this, [=, this] {
        fillWhat();
        fillValues();
        update();
    });
    connect(what_, &QComboBox::currentIndexChanged, this, [=, this] {
        fillValues();
        update();
    });
    for (QComboBox* box : {action_, how_, value_})
        connect(box, &QComboBox::currentIndexChanged, this, &LesionDialog::update);
    connect(amount_, &QDoubleSpinBox::valueChanged, this, &LesionDialog::update);
    connect(numbers_, &QLineEdit::textChanged, this, &LesionDialog::update);
    fillWhat();
    fillValues();
    amount_->setValue(0.25);
    update();
}

QString LesionDialog::command() const
{
    const QString t = target_->currentData().toString();
    const QString what = what_->currentData().toString();
    const QString how = how_->currentData().toString();
    const QString amount = QString::number(amount_->value(), 'g', 6);
    if (t == "neurons") {
        const QString verb = action_->currentData().toString();
        QString selection = how + " " + amount;
        if (how == "preferring")
            selection = "preferring " + value_->currentText();
        else if (how == "numbers")
            selection = numbers_->text().isEmpty() ? QStringLiteral("1") : numbers_->text();
        else if (how == "all")
            selection = "all";
        if (verb == "restore")  // every silenced neuron of the population
            selection = "all";
        return verb + " neurons " + what + " " + selection;
    }
    if (t == "synapses")
        return "lesion synapses " + what + " " + how + " " + amount;
    return "lesion weights " + what + " " + how + " " + amount;
}

bool LesionDialog::compare() const
{
    return compare_->isChecked();
}

void LesionDialog::setCompare(bool on)
{
    compare_->setChecked(on);
}

void LesionDialog::selectNeurons(const QString& population, const QString& numbers)
{
    target_->setCurrentIndex(target_->findData("neurons"));
    what_->setCurrentIndex(std::max(0, what_->findData(population)));
    how_->setCurrentIndex(how_->findData("numbers"));
    numbers_->setText(numbers);
    update();
}

void LesionDialog::selectPopulation(const QString& population)
{
    target_->setCurrentIndex(target_->findData("neurons"));
    what_->setCurrentIndex(std::max(0, what_->findData(population)));
    update();
}

void LesionDialog::selectPathway(const QString& pathway)
{
    target_->setCurrentIndex(target_->findData("synapses"));
    what_->setCurrentIndex(std::max(0, what_->findData(pathway)));
    update();
}

void LesionDialog::update()
{
    const QString t = target_->currentData().toString();
    const QString how = how_->currentData().toString();
    const bool neurons = t == "neurons";
    const bool restore = neurons && action_->currentData().toString() == "restore";
    action_->setEnabled(neurons);
    how_->setEnabled(!restore);
    const bool fraction = how == "random" || how == "strongest" || how == "weakest";
    amount_->setEnabled(!restore && (fraction || t == "weights"));
    if (t == "weights" && how == "scale") {
        amount_->setRange(0.001, 100);
        amount_->setSingleStep(0.1);
        amount_->setSuffix(tr(" ×"));
    } else if (t == "weights") {
        amount_->setRange(0, 10);
        amount_->setSingleStep(0.1);
        amount_->setSuffix(tr(" SD"));
    } else {
        amount_->setRange(0, 1);
        amount_->setSingleStep(0.05);
        amount_->setSuffix(QString());
    }
    value_->setEnabled(!restore && how == "preferring" && value_->count() > 0);
    numbers_->setEnabled(!restore && how == "numbers");
    preview_->setText(command());
}

} // namespace plab
