#include "ScatterTrajectoryView.h"

#include "SpikeRaster.h"
#include "TrajectoryView3D.h"

#include <Q3DScatter>
#include <Q3DTheme>
#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QScatter3DSeries>
#include <QScatterDataProxy>
#include <QValue3DAxis>
#include <QVBoxLayout>
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

ScatterTrajectoryView::ScatterTrajectoryView(QWidget* parent) : QWidget(parent)
{
    graph_ = new Q3DScatter;
    graph_->setShadowQuality(QAbstract3DGraph::ShadowQualityNone);
    graph_->setSelectionMode(QAbstract3DGraph::SelectionNone);
    graph_->setOrthoProjection(false);
    graph_->setAspectRatio(1.0);  // a cube: each component is scaled to its own range
    graph_->setHorizontalAspectRatio(1.0);
    graph_->scene()->activeCamera()->setCameraPosition(35.0f, 20.0f, 115.0f);
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

    container_ = QWidget::createWindowContainer(graph_, this);
    container_->setMinimumSize(240, 180);
    container_->setFocusPolicy(Qt::StrongFocus);
    title_ = new QLabel(tr("θ on its first three principal components (drag to rotate, wheel to zoom)"));
    title_->setAlignment(Qt::AlignCenter);
    legend_ = new QLabel;
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(title_);
    layout->addWidget(container_, 1);
    layout->addWidget(legend_);
    setMinimumSize(260, 220);
    applyPalette();
}

ScatterTrajectoryView::~ScatterTrajectoryView() = default;  // the container owns the graph

void ScatterTrajectoryView::setPhaseNames(std::vector<QString> names, std::vector<QColor> colors)
{
    phaseNames_ = std::move(names);
    phaseColors_ = std::move(colors);
    QStringList parts;
    for (std::size_t k = 0; k < phaseNames_.size(); ++k)
        parts << QString("<span style='color:%1'>■</span> %2").arg(phaseColors_[k].name(), phaseNames_[k]);
    legend_->setText(parts.join("&nbsp;&nbsp;&nbsp;") + "&nbsp;&nbsp;&nbsp;● " + tr("now"));
    ensureSeries(phaseNames_.size());
}

void ScatterTrajectoryView::ensureSeries(std::size_t phases)
{
    while (phaseSeries_.size() < phases) {
        auto* series = new QScatter3DSeries;
        series->setItemSize(0.035f);
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
}

int ScatterTrajectoryView::pointsInPhase(int phase) const
{
    return std::size_t(phase) < phaseSeries_.size() ? phaseSeries_[std::size_t(phase)]->dataProxy()->itemCount() : 0;
}

QImage ScatterTrajectoryView::renderImage() const
{
    return graph_->renderToImage(0, container_->size() * container_->devicePixelRatioF());
}

QRect ScatterTrajectoryView::graphRect() const
{
    return container_->geometry();
}

void ScatterTrajectoryView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
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
}

QPixmap composeWithGraphs(QWidget* root)
{
    QPixmap picture = root->grab();
    QPainter p(&picture);
    for (ScatterTrajectoryView* view : root->findChildren<ScatterTrajectoryView*>()) {
        if (!view->isVisible())
            continue;
        const QImage graph = view->renderImage();
        const QRect target(view->mapTo(root, view->graphRect().topLeft()), view->graphRect().size());
        p.drawImage(target, graph);
    }
    return picture;
}

} // namespace plab
