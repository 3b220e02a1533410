#include "TrajectoryView3D.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <cmath>

namespace plab {

TrajectoryView3D::TrajectoryView3D(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(260, 220);
    setCursor(Qt::OpenHandCursor);
}

void TrajectoryView3D::setTrajectory(const Eigen::MatrixXd& points, const std::vector<int>& phases)
{
    points_ = points;
    phases_ = phases;
    if (points_.rows() > 0) {
        // Each component is scaled to fill the cube: the first component holds most of the
        // variance, and on a common scale the other two would be a flat line.
        const Eigen::Vector3d lo = points_.colwise().minCoeff().transpose();
        const Eigen::Vector3d hi = points_.colwise().maxCoeff().transpose();
        const Eigen::Vector3d half = ((hi - lo) / 2).cwiseMax(1e-9);
        for (Eigen::Index r = 0; r < points_.rows(); ++r)
            points_.row(r) = ((points_.row(r).transpose() - (lo + hi) / 2).cwiseQuotient(half)).transpose();
        centre_.setZero();
        scale_ = 1.0;
    }
    update();
}

void TrajectoryView3D::setTitle(const QString& title)
{
    if (title == title_)
        return;
    title_ = title;
    update();
}

void TrajectoryView3D::setPhaseNames(std::vector<QString> names, std::vector<QColor> colors)
{
    phaseNames_ = std::move(names);
    phaseColors_ = std::move(colors);
}

void TrajectoryView3D::setRotation(double yaw, double pitch)
{
    yaw_ = yaw;
    pitch_ = pitch;
    update();
}

QPointF TrajectoryView3D::project(const Eigen::Vector3d& p, double* depth) const
{
    const Eigen::Vector3d q = (p - centre_) / scale_;
    // Rotate about the vertical axis (yaw), then tilt (pitch).
    const double x1 = std::cos(yaw_) * q.x() + std::sin(yaw_) * q.y();
    const double y1 = -std::sin(yaw_) * q.x() + std::cos(yaw_) * q.y();
    const double z1 = q.z();
    const double y2 = std::cos(pitch_) * y1 - std::sin(pitch_) * z1;
    const double z2 = std::sin(pitch_) * y1 + std::cos(pitch_) * z1;
    const double camera = 4.0;
    const double f = camera / (camera + y2);  // perspective: far points closer to the centre
    if (depth)
        *depth = y2;
    const double size = 0.36 * std::min(width(), height() - 20) * zoom_;
    return QPointF(width() / 2.0 + size * f * x1, (height() + 16) / 2.0 - size * f * z2);
}

void TrajectoryView3D::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(0, 2, width(), fontMetrics().height()), Qt::AlignCenter,
               title_ + tr(" (drag to rotate)"));
    // The bounding cube as orientation.
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    for (int a = 0; a < 8; ++a)
        for (int bit = 0; bit < 3; ++bit) {
            const int b = a ^ (1 << bit);
            if (b < a)
                continue;
            const auto corner = [this](int c) -> Eigen::Vector3d {  // a value, not an Eigen expression of a temporary
                return Eigen::Vector3d(c & 1 ? 1 : -1, c & 2 ? 1 : -1, c & 4 ? 1 : -1) * scale_ + centre_;
            };
            p.drawLine(project(corner(a)), project(corner(b)));
        }
    const QStringList axes = {"PC1", "PC2", "PC3"};
    p.setPen(QColor(120, 120, 130));
    for (int d = 0; d < 3; ++d) {
        Eigen::Vector3d tip = -Eigen::Vector3d::Ones() * scale_ + centre_;
        tip[d] += 2.2 * scale_;
        p.drawText(project(tip), axes[d]);
    }
    if (points_.rows() < 2)
        return;
    for (Eigen::Index i = 1; i < points_.rows(); ++i) {
        double depth = 0;
        const QPointF a = project(points_.row(i - 1).transpose());
        const QPointF b = project(points_.row(i).transpose(), &depth);
        const int phase = std::size_t(i) < phases_.size() ? phases_[std::size_t(i)] : 0;
        QColor c = std::size_t(phase) < phaseColors_.size() ? phaseColors_[std::size_t(phase)] : QColor(60, 60, 60);
        c.setAlphaF(std::clamp(0.85 - 0.25 * depth, 0.3, 1.0));  // nearer segments are stronger
        p.setPen(QPen(c, 2.2, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(a, b);
    }
    // Where it is now.
    const QPointF now = project(points_.row(points_.rows() - 1).transpose());
    p.setBrush(palette().color(QPalette::WindowText));
    p.setPen(Qt::NoPen);
    const double r = 0.3 * fontMetrics().height();
    p.drawEllipse(now, r, r);
    // Legend.
    const int line = fontMetrics().height();
    int y = height() - 8 - line * int(phaseNames_.size());
    for (std::size_t k = 0; k < phaseNames_.size(); ++k, y += line) {
        p.fillRect(QRect(8, y + line / 2 - 2, line, 4), phaseColors_[k]);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(line + 14, y, width(), line), Qt::AlignLeft | Qt::AlignVCenter, phaseNames_[k]);
    }
}

void TrajectoryView3D::mousePressEvent(QMouseEvent* event)
{
    lastMouse_ = event->pos();
}

void TrajectoryView3D::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint d = event->pos() - lastMouse_;
    lastMouse_ = event->pos();
    yaw_ += d.x() * 0.01;
    pitch_ = std::clamp(pitch_ + d.y() * 0.01, -1.5, 1.5);
    update();
}

void TrajectoryView3D::wheelEvent(QWheelEvent* event)
{
    zoom_ = std::clamp(zoom_ * std::pow(1.0015, event->angleDelta().y()), 0.3, 5.0);
    update();
}

} // namespace plab
