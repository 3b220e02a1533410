#pragma once
// bayesnet panel: the network graph (click a node to cycle its evidence through its values
// and back to none), and bars of the learned distribution (green) against the true one
// (black): the joint over all states, or each variable's marginals for larger networks and
// under evidence (then sampled posterior against the exact posterior).
#include "ExperimentPanel.h"

#include <string>
#include <vector>

class QBarSeries;
class QBarSet;
class QBarCategoryAxis;
class QChartView;
class QLabel;
class QValueAxis;

namespace plab {

struct BayesNetState : PanelState {
    struct Variable {
        std::string name, label;
        std::vector<std::string> values;
        std::vector<int> parents;
        int evidence = -1;
        double kl = 0;       // of the module that samples it
        std::string module;  // that module's name: the variable's own, or a merged family's
    };
    std::vector<Variable> variables;
    bool learning = true;
    double learningSeconds = 0;
    std::vector<double> trueJoint, learnedJoint;          // empty if not shown
    std::vector<std::vector<double>> trueMarginals, learnedMarginals;
    std::int64_t samples = 0;
    std::vector<std::string> deterministic;  // variables that are functions of their parents
    std::vector<std::string> mergedModules;  // modules that sample a family jointly
    std::string unmerged;                    // why the deterministic families are not merged
};

class NetworkGraphView;

class BayesNetPanel : public ExperimentPanel {
    Q_OBJECT
public:
    explicit BayesNetPanel(QWidget* parent = nullptr);
    void showState(const PanelStatePtr& state) override;
    void showIntactState(const PanelStatePtr& state) override;
    static PanelStatePtr capture(const Experiment& experiment);
    const BayesNetState* state() const { return state_.get(); }
    NetworkGraphView* graph() const { return graph_; }

private:
    void updateBars();

    std::shared_ptr<const BayesNetState> state_;
    std::shared_ptr<const BayesNetState> intactState_;
    NetworkGraphView* graph_ = nullptr;
    QLabel* warning_ = nullptr;  // what the network's sampling cannot do, above the graph
    QLabel* phase_ = nullptr;
    QChartView* bars_ = nullptr;
    QBarSeries* series_ = nullptr;
    QBarSet* truth_ = nullptr;
    QBarSet* learned_ = nullptr;
    QBarSet* intact_ = nullptr;  // the intact copy's learned or sampled values, while comparing
    QBarCategoryAxis* categories_ = nullptr;
    QValueAxis* probability_ = nullptr;
    QStringList shownCategories_;
};

/// The graph: nodes in layers by depth (parents above children), arrows for edges; a node
/// shows its name, its module's KL ("KL 0.020") or its evidence, and under it what the
/// variable means (the BIF file's label). Clicking a node emits the evidence text for the
/// whole network with that node's value cycled; hovering it tells its values and KL.
class NetworkGraphView : public QWidget {
    Q_OBJECT
public:
    explicit NetworkGraphView(QWidget* parent = nullptr);
    void setState(std::shared_ptr<const BayesNetState> state);
    /// Centre of variable v's node (for tests that click it).
    QPointF nodeCenter(int v) const;
    /// What is drawn in and under node v (tests read it).
    QString nodeText(int v) const;
    QString nodeCaption(int v) const;

signals:
    void evidenceRequested(const QString& evidence);
    /// Right-click on a node: its variable's module, offered for a lesion.
    void moduleChosen(const QString& variable, QPoint at);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void resizeEvent(QResizeEvent*) override;
    bool event(QEvent* event) override;

private:
    void layoutNodes();
    int nodeAt(QPointF position) const;
    double captionHeight() const;
    QFont valueFont() const;
    QFont captionFont() const;
    std::shared_ptr<const BayesNetState> state_;
    std::vector<QPointF> centers_;
    std::vector<double> slots_;  // per node: the width its row gives its caption
    double radius_ = 28;
};

} // namespace plab
