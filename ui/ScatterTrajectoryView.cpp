#include "ScatterTrajectoryView.h"

#include <QElapsedTimer>
#include <QTimer>

#include "SpikeRaster.h"
#include "TrajectoryView3D.h"

#include <Q3DCamera>
#include <Q3DScatter>
#include <Q3DTheme>
#include <QElapsedTimer>
#include <QEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QScatter3DSeries>
#include <QScatterDataProxy>
#include <QTimer>
#include <QValue3DAxis>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <algorithm>

namespace plab {

namespace {

// Points between two recorded positions: the series then reads as a curve.
constexpr int kStepsPerSegment = 6;

} // namespace

TrajectoryDisplay* createTrajectoryDisplay()
{
    if (SpikeRaster::openGlAvailable())
        return new ScatterTrajectoryView;
    return new TrajectoryView3D;
}

/// Paints the graph's offscreen picture, rendered again only when something changed, and
/// turns the camera on drags and wheel turns. While changes come fast (a drag), pictures are
/// rendered without multisampling, and once it is quiet again one antialiased picture follows:
/// a 4× MSAA render on a software renderer costs more than a drag's frame.
class ScatterTrajectoryView::Canvas : public QWidget {
public:
    Canvas(ScatterTrajectoryView* view, Q3DScatter* graph) : QWidget(view), view_(view), graph_(graph)
    {
        setCursor(Qt::OpenHandCursor);
        setAttribute(Qt::WA_OpaquePaintEvent);
        refine_.setSingleShot(true);
        refine_.setInterval(kQuietMs);
        connect(&refine_, &QTimer::timeout, this, [this] { invalidate(); });
    }
    void invalidate()
    {
        stale_ = true;
        update();
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        const QSize pixels = size() * devicePixelRatioF();
        if (stale_ || picture_.size() != pixels) {
            const bool busy = lastRender_.isValid() && lastRender_.elapsed() < kQuietMs;
            graph_->resize(size());
            picture_ = graph_->renderToImage(busy ? 0 : 4, pixels);
            picture_.setDevicePixelRatio(devicePixelRatioF());
            lastRender_.restart();
            stale_ = false;
            if (busy)
                refine_.start();
        }
        QPainter p(this);
        p.fillRect(rect(), palette().color(QPalette::Base));
        if (!picture_.isNull())
            p.drawImage(QPoint(0, 0), picture_);
    }
    void mousePressEvent(QMouseEvent* event) override
    {
        last_ = event->position();
        setCursor(Qt::ClosedHandCursor);
    }
    void mouseReleaseEvent(QMouseEvent*) override { setCursor(Qt::OpenHandCursor); }
    void mouseMoveEvent(QMouseEvent* event) override
    {
        const QPointF d = event->position() - last_;
        last_ = event->position();
        view_->turn(d.x(), d.y());
    }
    void wheelEvent(QWheelEvent* event) override { view_->turn(0, 0, event->angleDelta().y() / 120.0); }

private:
    ScatterTrajectoryView* view_;
    Q3DScatter* graph_;
    QImage picture_;
    QPointF last_;
    bool stale_ = true;
    static constexpr int kQuietMs = 250;
    QElapsedTimer lastRender_;
    QTimer refine_;
};

ScatterTrajectoryView::ScatterTrajectoryView(QWidget* parent) : QWidget(parent)
{
    graph_ = new Q3DScatter;
    graph_->setShadowQuality(QAbstract3DGraph::ShadowQualityNone);
    graph_->setSelectionMode(QAbstract3DGraph::SelectionNone);
    graph_->setOrthoProjection(false);
    graph_->setAspectRatio(1.0);  // a cube: each component is scaled to its own range
    graph_->setHorizontalAspectRatio(1.0);
    graph_->scene()->activeCamera()->setCameraPosition(35.0f, 20.0f, 135.0f);
    const char* names[3] = {"PC1", "PC2", "PC3"};
    QValue3DAxis* axes[3] = {graph_->axisX(), graph_->axisY(), graph_->axisZ()};
    for (int d = 0; d < 3; ++d) {
        axes[d]->setTitle(names[d]);
        axes[d]->setTitleVisible(true);
        axes[d]->setLabelFormat("%.0f");
        axes[d]->setSegmentCount(2);
    }
    now_ = new QScatter3DSeries;
    now_->setItemSize(0.12f);
    now_->setMesh(QAbstract3DSeries::MeshSphere);
    graph_->addSeries(now_);

    canvas_ = new Canvas(this, graph_);
    canvas_->setMinimumSize(240, 180);
    title_ = new QLabel(tr("θ on its first three principal components (drag to rotate, wheel to zoom)"));
    title_->setAlignment(Qt::AlignCenter);
    title_->setWordWrap(true);
    legend_ = new QLabel;
    legend_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(title_);
    layout->addWidget(canvas_, 1);
    layout->addWidget(legend_);
    setMinimumSize(260, 220);
    applyPalette();
}

ScatterTrajectoryView::~ScatterTrajectoryView()
{
    delete graph_;  // a window that was never shown, owned by nobody else
}

void ScatterTrajectoryView::graphChanged()
{
    canvas_->invalidate();
}

void ScatterTrajectoryView::turn(double dx, double dy, double zoomSteps)
{
    Q3DCamera* camera = graph_->scene()->activeCamera();
    camera->setCameraPosition(camera->xRotation() + float(dx * 0.4), std::clamp(camera->yRotation() + float(dy * 0.4), -89.0f, 89.0f),
                              std::clamp(camera->zoomLevel() * float(std::pow(1.1, zoomSteps)), 30.0f, 400.0f));
    graphChanged();
}

void ScatterTrajectoryView::setTitle(const QString& title)
{
    title_->setText(title + tr(" (drag to rotate, wheel to zoom)"));
}

void ScatterTrajectoryView::setPhaseNames(std::vector<QString> names, std::vector<QColor> colors)
{
    phaseNames_ = std::move(names);
    phaseColors_ = std::move(colors);
    QStringList parts;
    for (std::size_t k = 0; k < phaseNames_.size(); ++k)
        parts << QString("<span style='color:%1'>■</span> %2").arg(phaseColors_[k].name(), phaseNames_[k]);
    legend_->setText(parts.join("&nbsp;&nbsp;&nbsp;") + "&nbsp;&nbsp;&nbsp;● " + tr("now"));
    ensureSeries(phaseNames_.size());
    graphChanged();
}

void ScatterTrajectoryView::ensureSeries(std::size_t phases)
{
    while (phaseSeries_.size() < phases) {
        auto* series = new QScatter3DSeries;
        series->setItemSize(0.07f);
        series->setMesh(QAbstract3DSeries::MeshMinimal);  // cheap for thousands of points, thicker than MeshPoint
        series->setMeshSmooth(false);
        series->setBaseColor(QColor(90, 90, 90));  // a phase without a name and colour
        graph_->addSeries(series);
        phaseSeries_.push_back(series);
    }
    for (std::size_t k = 0; k < phaseSeries_.size() && k < phaseColors_.size(); ++k)
        phaseSeries_[k]->setBaseColor(phaseColors_[k]);
}

void ScatterTrajectoryView::setTrajectory(const Eigen::MatrixXd& points, const std::vector<int>& phases)
{
    int maxPhase = 0;
    for (int p : phases)
        maxPhase = std::max(maxPhase, p);
    ensureSeries(std::size_t(maxPhase) + 1);
    std::vector<QScatterDataArray*> arrays(phaseSeries_.size());
    for (auto& a : arrays)
        a = new QScatterDataArray;
    const auto at = [&points](Eigen::Index r) {
        return QVector3D(float(points(r, 0)), float(points(r, 1)), float(points(r, 2)));
    };
    for (Eigen::Index i = 1; i < points.rows(); ++i) {
        const int phase = std::size_t(i) < phases.size() ? phases[std::size_t(i)] : 0;
        const QVector3D a = at(i - 1), b = at(i);
        for (int s = 0; s < kStepsPerSegment; ++s)
            arrays[std::size_t(phase)]->append(QScatterDataItem(a + (b - a) * (float(s) / kStepsPerSegment)));
    }
    for (std::size_t k = 0; k < phaseSeries_.size(); ++k)
        phaseSeries_[k]->dataProxy()->resetArray(arrays[k]);
    auto* now = new QScatterDataArray;
    if (points.rows() > 0)
        now->append(QScatterDataItem(at(points.rows() - 1)));
    now_->dataProxy()->resetArray(now);
    graphChanged();
}

int ScatterTrajectoryView::pointsInPhase(int phase) const
{
    return std::size_t(phase) < phaseSeries_.size() ? phaseSeries_[std::size_t(phase)]->dataProxy()->itemCount() : 0;
}

QRect ScatterTrajectoryView::graphRect() const
{
    return canvas_->geometry();
}

void ScatterTrajectoryView::changeEvent(QEvent* event)
{
    // The application font changes with the presentation view; the palette with the theme.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange
        || event->type() == QEvent::ApplicationFontChange || event->type() == QEvent::ApplicationPaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void ScatterTrajectoryView::applyPalette()
{
    // The graph follows the widget palette (light or dark theme) and font (presentation view).
    Q3DTheme* theme = graph_->activeTheme();
    const QColor base = palette().color(QPalette::Base), text = palette().color(QPalette::WindowText);
    theme->setBackgroundColor(base);
    theme->setWindowColor(base);
    theme->setLabelTextColor(text);
    theme->setLabelBackgroundEnabled(false);
    theme->setLabelBorderEnabled(false);
    QColor grid = text;
    grid.setAlphaF(0.35f);
    theme->setGridLineColor(grid);
    theme->setLightStrength(3.0f);
    QFont labels = font();
    labels.setPointSizeF(font().pointSizeF() * 3);  // label textures are scaled down in the scene
    theme->setFont(labels);
    now_->setBaseColor(text);
    if (canvas_)
        graphChanged();
}

} // namespace plab
