#pragma once
// The θ trajectory in Qt Data Visualization's Q3DScatter: one series per phase, the curve
// drawn as densely interpolated points, the current position as a larger point. Drag to
// rotate, wheel to zoom.
//
// The graph is never shown as a window of its own: it renders offscreen (renderToImage)
// and a plain widget paints the picture. A Q3DScatter in a window container, next to the
// raster's QOpenGLWidget, turned the whole main window black under a window manager when
// the panel was rebuilt (Reset, Restart); a painted picture also comes along in grab(),
// so screenshots and exported figures need nothing special.
#include "TrajectoryDisplay.h"

#include <QImage>
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
    void setTitle(const QString& title) override;
    QWidget* widget() override { return this; }

    /// Points shown per phase (tests).
    int pointsInPhase(int phase) const;
    /// Where the graph's picture sits in this widget.
    QRect graphRect() const;
    /// Turns the camera as a drag of (dx, dy) pixels does; `zoomSteps` wheel notches zoom.
    void turn(double dx, double dy, double zoomSteps = 0);

protected:
    void changeEvent(QEvent* event) override;

private:
    class Canvas;
    void applyPalette();
    void ensureSeries(std::size_t phases);
    void graphChanged();

    Q3DScatter* graph_ = nullptr;
    Canvas* canvas_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* legend_ = nullptr;
    std::vector<QScatter3DSeries*> phaseSeries_;
    QScatter3DSeries* now_ = nullptr;
    std::vector<QString> phaseNames_;
    std::vector<QColor> phaseColors_;
};

} // namespace plab
