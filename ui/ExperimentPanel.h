#pragma once
// Base of the per-experiment panels: a view that shows the latest PanelState.
#include "PanelState.h"

#include <QList>
#include <QPoint>
#include <QWidget>

namespace plab {

class ExperimentPanel : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;
    virtual void showState(const PanelStatePtr& state) = 0;
    /// Fork and compare: the intact copy's state, which panels with charts draw dashed
    /// beside the running one's; null when there is no comparison (or it ended).
    virtual void showIntactState(const PanelStatePtr& state) { (void)state; }

signals:
    /// The panel asks for a command ("evidence Z3=1", "lesion zv-digit 2"); the main window
    /// sends it to the engine, stamped with the simulated time at which it applies.
    void commandRequested(const QString& command);
    /// Something in a view was chosen for a lesion: neurons of a population (numbers from 0;
    /// none: the population as a whole) and/or a pathway; the main window offers "Lesion
    /// selected…" at `at` (global), which opens the lesion dialog with them.
    void lesionOffered(const QString& population, const QList<int>& neurons, const QString& pathway, QPoint at);
};

} // namespace plab
