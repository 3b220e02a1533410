#pragma once
// em-mixture panel: the receptive field of every z-neuron (its learned p(pixel on | z_k) as
// an image, live), its share of the circuit's spikes, the label it prefers, the image being
// shown and the neuron that fired last.
#include "ExperimentPanel.h"

#include <QImage>
#include <QList>
#include <QRect>
#include <string>
#include <vector>

namespace plab {

struct EmMixtureState : PanelState {
    int rows = 0, cols = 0, neurons = 0;
    std::vector<float> fields;            // neurons × pixels: e^{w_on} / (e^{w_on} + e^{w_off})
    std::vector<double> shares;           // fraction of circuit spikes per neuron
    std::vector<int> preferred;           // label each neuron fires for most (−1: none yet)
    std::vector<char> lesioned;
    std::vector<std::string> labelNames;
    std::vector<std::uint8_t> image;      // current input, 0/1 per pixel
    int label = -1;
    int winner = -1;
};

class EmMixturePanel : public ExperimentPanel {
    Q_OBJECT
public:
    explicit EmMixturePanel(QWidget* parent = nullptr);
    void showState(const PanelStatePtr& state) override;
    static PanelStatePtr capture(const Experiment& experiment);

    const EmMixtureState* state() const { return state_.get(); }
    /// Asks for the height that shows every receptive field at least kWantedTile pixels wide.
    QSize sizeHint() const override;
    static constexpr int kWantedTile = 96;
    /// Each neuron's receptive field as last drawn (tests drag over them).
    const QList<QRect>& fieldRects() const { return fieldRects_; }

protected:
    void paintEvent(QPaintEvent*) override;

private:
    std::shared_ptr<const EmMixtureState> state_;
    QList<QRect> fieldRects_;
};

} // namespace plab
