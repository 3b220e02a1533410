#include "ExperimentDock.h"

#include "CommandLine.h"
#include "LiveSlider.h"
#include "ParameterPanel.h"
#include "core/Experiment.h"
#include "core/ExperimentRegistry.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QVBoxLayout>

namespace plab {

ExperimentDock::ExperimentDock(QWidget* parent) : QDockWidget(tr("Experiment"), parent)
{
    setObjectName("experiment");
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);

    experiments_ = new QComboBox;
    // The long titles must not widen the dock: the list opens as wide as it needs.
    experiments_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    experiments_->setMinimumContentsLength(18);
    for (const auto& info : ExperimentRegistry::builtin().all())
        experiments_->addItem(QString::fromStdString(info.title + "  (" + info.name + ")"),
                              QString::fromStdString(info.name));
    experiments_->setToolTip(tr("Every experiment the engine offers."));
    layout->addWidget(experiments_);
    description_ = new QLabel;
    description_->setWordWrap(true);
    description_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(description_);

    auto* seedRow = new QFormLayout;
    seed_ = new QLineEdit("1");
    seed_->setValidator(new QRegularExpressionValidator(QRegularExpression("[0-9]{1,20}"), seed_));
    seed_->setToolTip(tr("Random seed. Experiment, parameters, seed and the command log fix a run bit for bit."));
    seedRow->addRow(tr("seed"), seed_);
    layout->addLayout(seedRow);

    learningRate_ = new LiveSlider(tr("learning rate"));
    temperature_ = new LiveSlider(tr("temperature"));
    layout->addWidget(learningRate_);
    layout->addWidget(temperature_);

    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    parameters_ = new ParameterPanel;
    scroll->setWidget(parameters_);
    layout->addWidget(scroll, 1);

    applyButton_ = new QPushButton(tr("Apply and reset"));
    applyButton_->setToolTip(tr("Start a new run with the parameters above (● marks live parameters,\n"
                                "which change the running simulation at once)."));
    layout->addWidget(applyButton_);

    setWidget(box);
    setMinimumWidth(280);

    connect(experiments_, &QComboBox::activated, this,
            [this](int index) { emit experimentChosen(experiments_->itemData(index).toString()); });
    connect(applyButton_, &QPushButton::clicked, this, &ExperimentDock::applyRequested);
    connect(parameters_, &ParameterPanel::liveParameterEdited, this, [this](const QString& name, const QString& value) {
        if (name == "learning_rate")
            learningRate_->setValue(value.toDouble());
        if (name == "temperature")
            temperature_->setValue(value.toDouble());
        emit liveParameterTyped(name, value);
    });
    connect(parameters_, &ParameterPanel::pendingChangesChanged, this, [this](bool pending) {
        applyButton_->setText(pending ? tr("Apply and reset *") : tr("Apply and reset"));
    });
}

void ExperimentDock::describe(const ExperimentInfo& info)
{
    experiments_->setCurrentIndex(experiments_->findData(QString::fromStdString(info.name)));
    description_->setText(QString("<b>%1</b><br>%2<br><i>%3</i>")
                              .arg(QString::fromStdString(info.title), QString::fromStdString(info.description),
                                   QString::fromStdString(info.paper)));
}

QString ExperimentDock::experiment() const
{
    return experiments_->currentData().toString();
}

bool ExperimentDock::seed(std::uint64_t& seed) const
{
    return parseSeed(seed_->text().toStdString(), seed);
}

void ExperimentDock::setSeed(std::uint64_t seed)
{
    seed_->setText(QString::number(seed));
}

void ExperimentDock::bindLiveSliders(const ParameterSet& p)
{
    const auto bind = [&p](LiveSlider* slider, const char* name, const QString& why) {
        const ParameterSpec* spec = p.find(name);
        if (spec && spec->live && spec->isNumeric())
            slider->bind(spec, p.number(name));
        else
            slider->bind(nullptr, 0, why);
    };
    bind(learningRate_, "learning_rate", tr("This experiment has no live learning rate."));
    bind(temperature_, "temperature",
         tr("Temperature scales the noise of synaptic sampling; this experiment does not sample."));
}

} // namespace plab
