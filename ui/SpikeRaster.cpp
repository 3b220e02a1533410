#include "SpikeRaster.h"

#include "GlRasterCanvas.h"
#include "PainterRasterCanvas.h"
#include "RasterDecorations.h"

#include <QGuiApplication>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QPainter>
#include <QGridLayout>
#include <QMouseEvent>
#include <QRubberBand>
#include <cmath>

namespace plab {

bool SpikeRaster::openGlAvailable()
{
    static const bool available = [] {
        if (qEnvironmentVariableIsSet("PLASTICITY_LAB_NO_GL"))
            return false;
        const QString platform = QGuiApplication::platformName();
        // A QOpenGLWidget in a window on the offscreen platform crashes Qt 6.4.
        if (platform == "offscreen" || platform == "minimal")
            return false;
        QSurfaceFormat format;
        format.setVersion(3, 3);
        format.setProfile(QSurfaceFormat::CoreProfile);
        QOpenGLContext context;
        context.setFormat(format);
        if (!context.create())
            return false;
        QOffscreenSurface surface;
        surface.setFormat(context.format());
        surface.create();
        if (!context.makeCurrent(&surface))
            return false;
        const auto version = context.format().version();
        context.doneCurrent();
        return version >= qMakePair(3, 3);
    }();
    return available;
}

SpikeRaster::SpikeRaster(Backend backend, QWidget* parent) : QWidget(parent)
{
    usesGl_ = backend == Backend::OpenGL || (backend == Backend::Auto && openGlAvailable());
    if (usesGl_)
        canvas_ = new GlRasterCanvas(model_, this);
    else
        canvas_ = new PainterRasterCanvas(model_, this);
    gutter_ = new RasterBandLabels(model_);
    axis_ = new RasterTimeAxis(model_);
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(gutter_, 0, 0);
    layout->addWidget(canvas_, 0, 1);
    layout->addWidget(axis_, 1, 1);
    layout->setColumnStretch(1, 1);
    layout->setRowStretch(0, 1);
    setMinimumHeight(110);
    setToolTip(tr("Spike raster: one dot per spike, one row per neuron, time running to the right.\n"
                  "Bottom band: input neurons; top band: the network's neurons, coloured by the\n"
                  "label they prefer. The window scrolls with simulated time.\n"
                  "Drag over rows to select neurons and lesion them."));
    canvas_->installEventFilter(this);
    rubberBand_ = new QRubberBand(QRubberBand::Rectangle, canvas_);
}

bool SpikeRaster::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != canvas_)
        return QWidget::eventFilter(watched, event);
    const auto type = event->type();
    if (type != QEvent::MouseButtonPress && type != QEvent::MouseMove && type != QEvent::MouseButtonRelease)
        return QWidget::eventFilter(watched, event);
    auto* mouse = static_cast<QMouseEvent*>(event);  // one of the three mouse events only
    switch (type) {
    case QEvent::MouseButtonPress:
        if (mouse->button() == Qt::LeftButton) {
            dragFrom_ = mouse->position().toPoint();
            rubberBand_->setGeometry(QRect(dragFrom_, QSize()));
            rubberBand_->show();
        }
        break;
    case QEvent::MouseMove:
        if (rubberBand_->isVisible())  // rows are what counts: the band spans the width
            rubberBand_->setGeometry(QRect(QPoint(0, dragFrom_.y()), QPoint(canvas_->width(), mouse->position().toPoint().y()))
                                         .normalized());
        break;
    case QEvent::MouseButtonRelease:
        if (mouse->button() == Qt::LeftButton && rubberBand_->isVisible()) {
            rubberBand_->hide();
            const int y0 = dragFrom_.y(), y1 = mouse->position().toPoint().y();
            const float h = float(std::max(1, canvas_->height()));
            lastGlobal_ = mouse->globalPosition().toPoint();
            if (std::abs(y1 - y0) >= 2)
                selectRows(1.0f - float(std::max(y0, y1)) / h, 1.0f - float(std::min(y0, y1)) / h);
        }
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void SpikeRaster::selectRows(float low, float high)
{
    int best = -1;
    std::vector<int> chosen;
    for (std::size_t b = 0; b < model_.bands().size(); ++b) {
        auto ids = model_.neuronsBetween(int(b), low, high);
        if (ids.size() > chosen.size()) {
            chosen = std::move(ids);
            best = int(b);
        }
    }
    if (best < 0)
        return;
    emit neuronsSelected(model_.bands()[std::size_t(best)].name, QList<int>(chosen.begin(), chosen.end()),
                         lastGlobal_);
}

void SpikeRaster::setLayout(const std::vector<NeuronGroup>& groups)
{
    model_.setLayout(groups);
    canvas_->update();
    static_cast<RasterBandLabels*>(gutter_)->fitToLabels();
}

void SpikeRaster::setNeuronColors(const std::vector<int>& colors)
{
    model_.setNeuronColors(colors);
}

void SpikeRaster::setWindow(double seconds)
{
    model_.setWindow(seconds);
    canvas_->update();
    axis_->update();
}

void SpikeRaster::clear()
{
    model_.clear();
    canvas_->update();
    axis_->update();
}

void SpikeRaster::addSpikes(const std::vector<SpikeEvent>& spikes, double now)
{
    model_.add(spikes);
    model_.setTime(now);
    canvas_->update();
    axis_->update();
}

std::uint64_t SpikeRaster::framesDrawn() const
{
    if (usesGl_)
        return static_cast<const GlRasterCanvas*>(canvas_)->frames();
    return static_cast<const PainterRasterCanvas*>(canvas_)->frames();
}

std::vector<DrawnText> SpikeRaster::drawnLabels() const
{
    std::vector<DrawnText> all;
    for (const DrawnText& d : static_cast<const RasterBandLabels*>(gutter_)->labels())
        all.push_back({QRect(gutter_->mapTo(this, d.rect.topLeft()), d.rect.size()), d.text});
    for (const DrawnText& d : static_cast<const RasterTimeAxis*>(axis_)->labels())
        all.push_back({QRect(axis_->mapTo(this, d.rect.topLeft()), d.rect.size()), d.text});
    return all;
}

void SpikeRaster::setSpikeSize(double pixels)
{
    model_.setSpikeSize(pixels);
    canvas_->update();
}

} // namespace plab
