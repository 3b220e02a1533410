#pragma once
// The θ trajectory in Qt Data Visualization's Q3DScatter: one series per phase, the curve
// drawn as densely interpolated points, the current position as a larger point. Drag to
// rotate, wheel to zoom (Q3DScatter's own input handler). The graph lives in a window
// container, which QWidget::grab() does not capture: renderImage() gives its picture for
// screenshots and exported figures (see composeWithGraphs).
#include "TrajectoryDisplay.h"

#include <QWidget>

class Q3DScatter;
class QLabel;
class QScatter3DSeries;

namespace plab {

class ScatterTrajectoryView : public QWidget, public TrajectoryDisplay {
    Q_OBJECT
public:
    explicit ScatterTrajectoryView(QWidget* parent = nullptr);
    ~ScatterTrajectoryView() override;

    void setTrajectory(const Eigen::MatrixXd& points, const std::vector<int>& phases) override;
    void setPhaseNames(std::vector<QString> names, std::vector<QColor> colors) override;
    QWidget* widget() override { return this; }

    /// The 3-D graph's current picture, at the container's size, and where it sits in this widget.
    QImage renderImage() const;
    QRect graphRect() const;
    /// Points shown per phase (tests).
    int pointsInPhase(int phase) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    void ensureSeries(std::size_t phases);

    Q3DScatter* graph_ = nullptr;
    QWidget* container_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* legend_ = nullptr;
    std::vector<QScatter3DSeries*> phaseSeries_;
    QScatter3DSeries* now_ = nullptr;
    std::vector<QString> phaseNames_;
    std::vector<QColor> phaseColors_;
};

/// `root->grab()` with every Q3DScatter inside drawn in (grab() leaves window containers blank).
QPixmap composeWithGraphs(QWidget* root);

} // namespace plab
