#pragma once
// Base of the per-experiment panels: a view that shows the latest PanelState.
#include "PanelState.h"

#include <QWidget>

namespace plab {

class ExperimentPanel : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;
    virtual void showState(const PanelStatePtr& state) = 0;

signals:
    /// The panel asks for a command ("evidence Z3=1", "lesion zv-digit 2"); the main window
    /// sends it to the engine, stamped with the simulated time at which it applies.
    void commandRequested(const QString& command);
};

} // namespace plab
