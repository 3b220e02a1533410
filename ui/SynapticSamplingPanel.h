#pragma once
// synaptic-sampling panel: the weight matrix (every potential synapse; black = not there),
// where connections appear and vanish; the distribution of θ against the prior N(μ, Tσ²);
// the survival of synapses formed in the reference window on log–log axes; and one synapse's
// "spine volume" w(t).
#include "ExperimentPanel.h"

#include <QElapsedTimer>
#include <QList>
#include <QPointF>
#include <QRect>
#include <vector>

class QChartView;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace plab {

struct SynapticSamplingState : PanelState {
    int rows = 0, cols = 0;
    std::vector<float> weights;       // rows × cols, 0 where θ ≤ 0
    std::vector<double> thetaCounts;  // histogram of θ over [thetaMin, thetaMax]
    double thetaMin = -5, thetaMax = 5;
    double mu = 0.5, sigma = 1, temperature = 1;
    std::vector<double> survivalAges, survivalFractions;
    double trackedTheta = 0, theta0 = 3;
    double activeFraction = 0;
};

class WeightMatrixView;

class SynapticSamplingPanel : public ExperimentPanel {
    Q_OBJECT
public:
    explicit SynapticSamplingPanel(QWidget* parent = nullptr);
    void showState(const PanelStatePtr& state) override;
    void showIntactState(const PanelStatePtr& state) override;
    static PanelStatePtr capture(const Experiment& experiment);
    const SynapticSamplingState* state() const { return state_.get(); }

private:
    void updateCharts();
    void scheduleCharts();  // updateCharts now, or when kChartInterval has passed

    std::shared_ptr<const SynapticSamplingState> state_;
    // Qt Charts re-lay out a whole chart on every replace(): at the 25 states a second of a
    // fast run that kept the window at 16 frames per second. They change slowly; ten
    // updates a second are plenty (the weight matrix still follows every state).
    QElapsedTimer chartClock_;
    QTimer* chartTimer_;
    WeightMatrixView* matrix_;
    QChartView* histogramView_;
    QLineSeries* histogram_;
    QLineSeries* prior_;
    QValueAxis* histogramY_;
    QChartView* survivalView_;
    QLineSeries* survival_;
    QLogValueAxis* survivalX_;
    QLogValueAxis* survivalY_;
    QChartView* spineView_;
    QLineSeries* spine_;
    QValueAxis* spineX_;
    QValueAxis* spineY_;
    QList<QPointF> spinePoints_;
    // Fork and compare: the intact copy's curves, dashed.
    std::shared_ptr<const SynapticSamplingState> intactState_;
    QLineSeries* intactHistogram_;
    QLineSeries* intactSurvival_;
    QLineSeries* intactSpine_;
    QList<QPointF> intactSpinePoints_;
    double lastSpineTime_ = -1;
};

/// The weight matrix as an image: one row per neuron, one column per input.
class WeightMatrixView : public QWidget {
public:
    explicit WeightMatrixView(QWidget* parent = nullptr);
    void setState(std::shared_ptr<const SynapticSamplingState> state);
    /// Each neuron's row of the matrix as drawn.
    QList<QRect> rowRects() const;

protected:
    void paintEvent(QPaintEvent*) override;

private:
    QRect imageRect() const;
    std::shared_ptr<const SynapticSamplingState> state_;
};

} // namespace plab
