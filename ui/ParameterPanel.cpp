#include "ParameterPanel.h"

#include "core/Error.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <cmath>

namespace plab {

QString describe(const ParameterSpec& s)
{
    QString range;
    if (s.kind == ParameterSpec::Kind::Real || s.kind == ParameterSpec::Kind::Integer)
        range = QString("[%1, %2]%3").arg(formatNumber(s.minimum).c_str(), formatNumber(s.maximum).c_str(),
                                          s.unit.empty() ? QString() : " " + QString::fromStdString(s.unit));
    QString text = QString::fromStdString(s.description);
    if (!range.isEmpty())
        text += "\n" + range;
    text += s.live ? "\nChanges apply immediately (recorded as a 'set' command)." : "\nApplies when the run is reset.";
    return text;
}

ParameterPanel::ParameterPanel(QWidget* parent) : QWidget(parent)
{
    form_ = new QFormLayout(this);
    form_->setContentsMargins(0, 0, 0, 0);
    form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

QWidget* ParameterPanel::editorFor(const std::string& name) const
{
    const auto it = editors_.find(name);
    return it == editors_.end() ? nullptr : it->second;
}

void ParameterPanel::setParameters(const ParameterSet& values)
{
    updating_ = true;
    while (form_->rowCount() > 0)
        form_->removeRow(0);
    editors_.clear();
    values_ = std::make_unique<ParameterSet>(values);
    for (const auto& spec : values_->specs()) {  // the lambdas below keep references into values_
        QWidget* editor = nullptr;
        const std::string name = spec.name;
        switch (spec.kind) {
        case ParameterSpec::Kind::Real: {
            auto* box = new QDoubleSpinBox;
            // Enough decimals for the smallest useful step of this range.
            const double span = spec.maximum - spec.minimum;
            const int decimals = std::clamp(int(std::ceil(-std::log10(std::max(1e-12, std::min(span, 1.0) / 1e4)))), 2, 8);
            box->setDecimals(decimals);
            box->setRange(spec.minimum, spec.maximum);
            box->setValue(values.number(name));
            box->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
            if (!spec.unit.empty())
                box->setSuffix(" " + QString::fromStdString(spec.unit));
            box->setKeyboardTracking(false);
            connect(box, &QDoubleSpinBox::valueChanged, this,
                    [this, &spec](double v) { edited(spec, QString::fromStdString(formatNumber(v))); });
            editor = box;
            break;
        }
        case ParameterSpec::Kind::Integer: {
            auto* box = new QSpinBox;
            box->setRange(int(spec.minimum), int(spec.maximum));
            box->setValue(values.integer(name));
            box->setKeyboardTracking(false);
            connect(box, &QSpinBox::valueChanged, this, [this, &spec](int v) { edited(spec, QString::number(v)); });
            editor = box;
            break;
        }
        case ParameterSpec::Kind::Choice: {
            auto* box = new QComboBox;
            for (const auto& c : spec.choices)
                box->addItem(QString::fromStdString(c));
            box->setCurrentText(QString::fromStdString(values.text(name)));
            connect(box, &QComboBox::currentTextChanged, this, [this, &spec](const QString& v) { edited(spec, v); });
            editor = box;
            break;
        }
        case ParameterSpec::Kind::Text: {
            auto* line = new QLineEdit(QString::fromStdString(values.text(name)));
            connect(line, &QLineEdit::editingFinished, this, [this, &spec, line] { edited(spec, line->text()); });
            editor = line;
            if (!spec.fileFilter.empty()) {
                // A file: typed, or chosen in a dialog (an absolute path, wherever the program runs).
                line->setObjectName(QString::fromStdString("parameter " + name));
                auto* browse = new QToolButton;
                browse->setText(tr("…"));
                browse->setObjectName(QString::fromStdString("browse " + name));
                browse->setToolTip(tr("Choose the file"));
                const QString filter = QString::fromStdString(spec.fileFilter);
                connect(browse, &QToolButton::clicked, this, [this, &spec, line, filter] {
                    const QString path = QFileDialog::getOpenFileName(this, tr("Choose %1").arg(QString::fromStdString(spec.name)),
                                                                      {}, filter);
                    if (path.isEmpty())
                        return;
                    line->setText(path);
                    edited(spec, path);
                });
                auto* row = new QWidget;
                row->setObjectName(QString::fromStdString("row " + name));
                auto* h = new QHBoxLayout(row);
                h->setContentsMargins(0, 0, 0, 0);
                h->setSpacing(2);
                h->addWidget(line, 1);
                h->addWidget(browse);
                editor = row;
            }
            break;
        }
        }
        editor->setToolTip(describe(spec));
        if (editor->objectName().isEmpty())
            editor->setObjectName(QString::fromStdString("parameter " + name));
        auto* label = new QLabel(QString::fromStdString(name) + (spec.live ? " ●" : ""));
        label->setToolTip(describe(spec));
        form_->addRow(label, editor);
        editors_[name] = editor;
    }
    pending_ = false;
    updating_ = false;
    emit pendingChangesChanged(false);
}

void ParameterPanel::edited(const ParameterSpec& spec, const QString& value)
{
    if (updating_)
        return;
    try {
        values_->set(spec.name, value.toStdString());
    } catch (const InputError&) {
        return;  // the editor's range already prevents this; text fields are checked at reset
    }
    if (spec.live) {
        emit liveParameterEdited(QString::fromStdString(spec.name), value);
    } else if (!pending_) {
        pending_ = true;
        emit pendingChangesChanged(true);
    }
}

ParameterSet ParameterPanel::values() const
{
    return *values_;
}

void ParameterPanel::showText(const std::string& name, const QString& text)
{
    auto* line = findChild<QLineEdit*>(QString::fromStdString("parameter " + name));
    if (!line || !values_->find(name))
        return;
    try {
        values_->set(name, text.toStdString());
    } catch (const InputError&) {
        return;
    }
    line->setText(text);
}

void ParameterPanel::showLiveValue(const std::string& name, double value)
{
    auto* box = qobject_cast<QDoubleSpinBox*>(editorFor(name));
    if (!box)
        return;
    const QSignalBlocker block(box);
    box->setValue(value);
    values_->set(name, formatNumber(value));
}

} // namespace plab
