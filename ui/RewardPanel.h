#pragma once
// reward panel: how the two output populations answer each pattern (bars, the target
// marked), the weights of every potential synapse (inputs grouped by the pattern they belong
// to; retracted synapses dark), and the reward, temperature and synapse counts, with the
// switch-task and annealing buttons. The temperature slider sits with the live parameters.
#include "ExperimentPanel.h"

#include <array>
#include <vector>

class QLabel;
class QPushButton;

namespace plab {

struct RewardState : PanelState {
    int inputs = 0, neurons = 0, populationSize = 0;
    std::vector<double> theta;          // neurons × inputs, inputs in display order
    std::array<int, 4> inputGroups{};   // inputs in pattern 1 only, both, pattern 2 only, neither
    std::array<std::array<double, 2>, 2> rates{};  // [population][pattern], Hz
    std::array<int, 2> target{0, 1};    // target population of each pattern
    double rewardMean = 0, lastReward = 0;
    double temperature = 0;
    bool annealing = false;
    std::int64_t existing = 0, potential = 0;
    int pattern = 0;
};

class RatesView;
class WeightView;

class RewardPanel : public ExperimentPanel {
    Q_OBJECT
public:
    explicit RewardPanel(QWidget* parent = nullptr);
    void showState(const PanelStatePtr& state) override;
    static PanelStatePtr capture(const Experiment& experiment);

    QPushButton* switchButton() const { return switch_; }
    QPushButton* annealButton() const { return anneal_; }
    std::shared_ptr<const RewardState> state() const { return state_; }

private:
    RatesView* rates_;
    WeightView* weights_;
    QLabel* info_;
    QPushButton* switch_;
    QPushButton* anneal_;
    std::shared_ptr<const RewardState> state_;
};

/// Grouped bars: for each pattern, the mean rate of population A and of population B.
class RatesView : public QWidget {
public:
    explicit RatesView(QWidget* parent = nullptr);
    void setState(std::shared_ptr<const RewardState> state);

protected:
    void paintEvent(QPaintEvent*) override;

private:
    std::shared_ptr<const RewardState> state_;
};

/// The weight matrix as an image: a row per output neuron, a column per input.
class WeightView : public QWidget {
public:
    explicit WeightView(QWidget* parent = nullptr);
    void setState(std::shared_ptr<const RewardState> state);

protected:
    void paintEvent(QPaintEvent*) override;

private:
    std::shared_ptr<const RewardState> state_;
};

} // namespace plab
