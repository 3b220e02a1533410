#pragma once
// bayesnet panel: the network graph (NetworkGraphView: click a value to observe it, a name
// to open its module's table), and beside it, in tabs, bars of the learned distribution
// (green) against the true one (black) — the joint over all states, or each variable's
// marginals for larger networks and under evidence — and the chosen module's table
// (ModuleTableView).
#include "BayesNetState.h"
#include "ExperimentPanel.h"
#include "NetworkGraphView.h"

#include <string>
#include <vector>

class QBarSeries;
class QBarSet;
class QBarCategoryAxis;
class QChartView;
class QLabel;
class QTabWidget;
class QValueAxis;

namespace plab {

class ModuleTableView;

class BayesNetPanel : public ExperimentPanel {
    Q_OBJECT
public:
    explicit BayesNetPanel(QWidget* parent = nullptr);
    void showState(const PanelStatePtr& state) override;
    void showIntactState(const PanelStatePtr& state) override;
    static PanelStatePtr capture(const Experiment& experiment);
    const BayesNetState* state() const { return state_.get(); }
    NetworkGraphView* graph() const { return graph_; }
    ModuleTableView* tableView() const { return table_; }
    QTabWidget* tabs() const { return tabs_; }
    /// Opens variable v's module table (as clicking its name does).
    void openTable(int variable);
    /// The same by name; before the first state arrives, once it does.
    void openTable(const QString& variable);
    /// What the window should give the panel: room for the whole network at its natural size.
    QSize sizeHint() const override;

private:
    void updateBars();

    std::shared_ptr<const BayesNetState> state_;
    QString pendingTable_;  // a table asked for by name before there was a state
    std::shared_ptr<const BayesNetState> intactState_;
    NetworkGraphView* graph_ = nullptr;
    QLabel* warning_ = nullptr;  // what the network's sampling cannot do, above the graph
    QLabel* phase_ = nullptr;
    QChartView* bars_ = nullptr;
    QTabWidget* tabs_ = nullptr;  // the bars; the chosen module's table
    ModuleTableView* table_ = nullptr;
    QBarSeries* series_ = nullptr;
    QBarSet* truth_ = nullptr;
    QBarSet* learned_ = nullptr;
    QBarSet* intact_ = nullptr;  // the intact copy's learned or sampled values, while comparing
    QBarCategoryAxis* categories_ = nullptr;
    QValueAxis* probability_ = nullptr;
    QStringList shownCategories_;
};

} // namespace plab
