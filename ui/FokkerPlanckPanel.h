#pragma once
// fokker-planck panel: left, the target p*^{1/T} at the current temperature with the particle
// cloud on top; right, the particles' time-averaged histogram. As T changes the cloud follows;
// the annealing button cools it slowly, and it gathers in the global maximum.
#include "ExperimentPanel.h"

#include <vector>

class QLabel;
class QPushButton;

namespace plab {

struct FokkerPlanckState : PanelState {
    std::vector<float> x, y;          // particles (a subsample if there are many)
    std::vector<double> target, histogram;
    int grid = 0;
    double extent = 3.0;
    double temperature = 1;
    bool annealing = false;
    double atGlobalMax = 0, stationaryKl = 0;
};

class DensityView;

class FokkerPlanckPanel : public ExperimentPanel {
    Q_OBJECT
public:
    explicit FokkerPlanckPanel(QWidget* parent = nullptr);
    void showState(const PanelStatePtr& state) override;
    static PanelStatePtr capture(const Experiment& experiment);
    QPushButton* annealButton() const { return anneal_; }

private:
    DensityView* target_;
    DensityView* histogram_;
    QLabel* info_;
    QPushButton* anneal_;
    std::shared_ptr<const FokkerPlanckState> state_;
};

/// A density on a square grid as a heat map, optionally with particles on top.
class DensityView : public QWidget {
public:
    DensityView(QString title, bool showParticles, QWidget* parent = nullptr);
    void setState(std::shared_ptr<const FokkerPlanckState> state, const std::vector<double>* values);

protected:
    void paintEvent(QPaintEvent*) override;

private:
    QString title_;
    bool particles_;
    std::shared_ptr<const FokkerPlanckState> state_;
    const std::vector<double>* values_ = nullptr;
};

} // namespace plab
