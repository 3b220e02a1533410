#pragma once
// A 3-D curve (the trajectory of θ on its first three principal components), drawn with a
// perspective projection and depth cues; drag with the mouse to rotate it, the wheel zooms.
// Segments are coloured by phase (before lesion 1, between, after lesion 2). Plain QPainter:
// the fallback of ScatterTrajectoryView where OpenGL is missing.
#include "TrajectoryDisplay.h"

#include <QColor>
#include <QWidget>
#include <Eigen/Core>
#include <vector>

namespace plab {

class TrajectoryView3D : public QWidget, public TrajectoryDisplay {
public:
    explicit TrajectoryView3D(QWidget* parent = nullptr);
    void setTrajectory(const Eigen::MatrixXd& points, const std::vector<int>& phases) override;
    void setPhaseNames(std::vector<QString> names, std::vector<QColor> colors) override;
    void setTitle(const QString& title) override;
    QWidget* widget() override { return this; }
    void setRotation(double yaw, double pitch);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    QPointF project(const Eigen::Vector3d& p, double* depth = nullptr) const;

    Eigen::MatrixXd points_;
    std::vector<int> phases_;
    std::vector<QString> phaseNames_;
    std::vector<QColor> phaseColors_;
    QString title_ = tr("θ on its first three principal components");
    double yaw_ = 0.7, pitch_ = 0.45, zoom_ = 1.0;
    QPoint lastMouse_;
    Eigen::Vector3d centre_ = Eigen::Vector3d::Zero();
    double scale_ = 1.0;
};

} // namespace plab
