#pragma once
// self-repair panel: the input being shown (digit image and spectrogram), the receptive fields
// of the zV neurons (what each has learned to see; lesioned ones crossed out), the synapses
// that exist in each pathway, the PCA trajectory of θ in 3-D, and the two lesion buttons.
#include "ExperimentPanel.h"

#include <Eigen/Core>
#include <QList>
#include <QRect>
#include <QString>
#include <string>
#include <vector>

class QLabel;
class QPushButton;

namespace plab {

struct SelfRepairState : PanelState {
    int zv = 0, visualRows = 14, visualCols = 14, auditoryRows = 20, auditoryCols = 10;
    std::vector<float> fields;          // zv × visual pixels: visual weights of each zV neuron
    std::vector<int> preferred;         // per hidden neuron: 1, 2 or 0
    std::vector<char> removed;          // per zV neuron
    std::vector<std::uint8_t> visual;   // current input (empty if none)
    std::vector<std::uint8_t> auditory;
    int digit = 0;
    bool testing = false;
    std::vector<std::pair<std::string, std::pair<std::int64_t, std::int64_t>>> pathways;  // active, potential
    Eigen::MatrixXd pca;
    std::vector<int> phases;
    std::string pcaSpace;  // what the trajectory follows: existing, theta or theta-raw
    double performance = 0;
    int lesions = 0;
};

/// The line under the input pictures: "learning: digit "2"", or no digit between examples.
QString exampleCaption(const SelfRepairState& s);

class InputView;
class FieldsView;
class PathwayView;
class TrajectoryDisplay;

class SelfRepairPanel : public ExperimentPanel {
    Q_OBJECT
public:
    explicit SelfRepairPanel(QWidget* parent = nullptr);
    void showState(const PanelStatePtr& state) override;
    void showIntactState(const PanelStatePtr& state) override;
    static PanelStatePtr capture(const Experiment& experiment);
    QPushButton* lesion1Button() const { return lesion1_; }
    QPushButton* lesion2Button() const { return lesion2_; }
    const SelfRepairState* state() const { return state_.get(); }
    /// The views a lesion can be chosen in (tests drag and click over them).
    QWidget* fieldsView() const;
    QWidget* pathwaysView() const;
    QList<QRect> fieldRects() const;
    QList<QRect> pathwayRects() const;

private:
    std::shared_ptr<const SelfRepairState> state_;
    std::shared_ptr<const SelfRepairState> intactState_;
    InputView* input_;
    FieldsView* fields_;
    PathwayView* pathways_;
    TrajectoryDisplay* trajectory_;
    QPushButton* lesion1_;
    QPushButton* lesion2_;
    QLabel* info_;
};

} // namespace plab
