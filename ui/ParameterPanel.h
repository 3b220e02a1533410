#pragma once
// A form generated from an experiment's parameter descriptions: a spin box with range and
// unit for numbers, a combo box for choices, a line edit for text, each with its description
// as tooltip. Live parameters take effect at once (as `set` commands); the others are
// collected and applied by a reset.
#include "core/Parameters.h"

#include <QWidget>
#include <functional>
#include <map>

class QFormLayout;

namespace plab {

class ParameterPanel : public QWidget {
    Q_OBJECT
public:
    explicit ParameterPanel(QWidget* parent = nullptr);

    void setParameters(const ParameterSet& values);
    /// The values as edited (throws InputError if an edit is invalid).
    ParameterSet values() const;
    bool hasPendingChanges() const { return pending_; }
    /// Shows a live value changed elsewhere (a slider) without emitting anything.
    void showLiveValue(const std::string& name, double value);
    /// Shows a text that the running experiment now has (evidence set by clicking), so that
    /// a reset keeps it; no pending change, nothing emitted.
    void showText(const std::string& name, const QString& text);
    QWidget* editorFor(const std::string& name) const;

signals:
    /// A live parameter was edited: send "set name value".
    void liveParameterEdited(const QString& name, const QString& value);
    /// A parameter that needs a reset was edited.
    void pendingChangesChanged(bool pending);

private:
    void edited(const ParameterSpec& spec, const QString& value);

    QFormLayout* form_ = nullptr;
    std::unique_ptr<ParameterSet> values_;
    std::map<std::string, QWidget*> editors_;
    bool pending_ = false;
    bool updating_ = false;
};

/// "[0, 100] Hz — the rate of ..." for tooltips.
QString describe(const ParameterSpec& spec);

} // namespace plab
