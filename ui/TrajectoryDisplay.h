#pragma once
// A rotatable 3-D trajectory (θ on its first three principal components), coloured by phase.
// Two implementations: Qt Data Visualization's Q3DScatter where OpenGL works, and a QPainter
// projection where it does not (offscreen tests, remote sessions without GL).
#include <QColor>
#include <QImage>
#include <QString>
#include <Eigen/Core>
#include <vector>

class QWidget;

namespace plab {

class TrajectoryDisplay {
public:
    virtual ~TrajectoryDisplay() = default;
    virtual void setTrajectory(const Eigen::MatrixXd& points, const std::vector<int>& phases) = 0;
    virtual void setPhaseNames(std::vector<QString> names, std::vector<QColor> colors) = 0;
    /// What the points are (the title above the plot).
    virtual void setTitle(const QString& title) = 0;
    /// The widget to put in a layout.
    virtual QWidget* widget() = 0;
};

/// Q3DScatter if OpenGL 3.3 is available (and PLASTICITY_LAB_NO_GL unset), else QPainter.
TrajectoryDisplay* createTrajectoryDisplay();

} // namespace plab
