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
};

} // namespace plab
