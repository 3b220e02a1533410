#include "DemoChecks.h"

#include "ChartLegend.h"
#include "LessonPanel.h"
#include "MainWindow.h"
#include "MetricChartView.h"
#include "SpikeRaster.h"

#include <QAbstractButton>
#include <QChartView>
#include <QCheckBox>
#include <QDir>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QLabel>
#include <QPushButton>
#include <QGuiApplication>
#include <QProcess>
#include <QScreen>
#include <QWidget>

namespace plab::demo {

bool windowManagerRunning()
{
    QProcess xprop;
    xprop.start("xprop", {"-root", "_NET_SUPPORTING_WM_CHECK"});
    if (!xprop.waitForFinished(5000))
        return false;
    return xprop.readAllStandardOutput().contains("window id");
}

QImage screenOf(QWidget& w)
{
    QScreen* screen = w.screen() ? w.screen() : QGuiApplication::primaryScreen();
    const QPoint origin = w.mapToGlobal(QPoint(0, 0));
    // The root window's pixels where the window is: what a viewer of the screen sees.
    return screen->grabWindow(0, origin.x(), origin.y(), w.width(), w.height()).toImage();
}

double darkFraction(const QImage& image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    qint64 dark = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x)
            dark += qRed(line[x]) < 24 && qGreen(line[x]) < 24 && qBlue(line[x]) < 24;
    }
    return rgb.isNull() ? 1.0 : double(dark) / (double(rgb.width()) * rgb.height());
}

QString keepPicture(const QImage& image, const QString& name)
{
    QString folder = qEnvironmentVariable("PLASTICITY_LAB_TEST_PICTURES");
    if (folder.isEmpty())
        folder = QDir::tempPath();
    QDir().mkpath(folder);
    const QString path = folder + "/" + name + ".png";
    image.save(path);
    return path;
}

namespace {

QString where(QWidget* w)
{
    QStringList path;
    for (QWidget* p = w; p; p = p->parentWidget()) {
        const QString name = p->objectName().isEmpty() ? QString(p->metaObject()->className()) : p->objectName();
        path.prepend(name);
        if (p->isWindow())
            break;
    }
    return path.join('/');
}

/// Shown, and some of it inside every ancestor (a scroll area's viewport clips its content).
bool visibleOnScreen(QWidget* w)
{
    if (!w->isVisible())
        return false;
    QRect r = w->rect();
    for (QWidget* child = w; child->parentWidget() && !child->isWindow(); child = child->parentWidget()) {
        r = QRect(child->mapToParent(r.topLeft()), r.size()).intersected(child->parentWidget()->rect());
        if (r.isEmpty())
            return false;
    }
    return true;
}

} // namespace

QStringList cutTexts(QWidget& root)
{
    QStringList found;
    for (QChartView* view : root.findChildren<QChartView*>()) {
        if (!visibleOnScreen(view) || !view->scene())
            continue;
        for (QGraphicsItem* item : view->scene()->items()) {
            if (!item->isVisible())
                continue;
            QString text;
            if (auto* t = dynamic_cast<QGraphicsTextItem*>(item))
                text = t->toPlainText();
            else if (auto* t = dynamic_cast<QGraphicsSimpleTextItem*>(item))
                text = t->text();
            if (text.contains("...") || text.contains(QChar(0x2026)))
                found << QString("%1 [%2]: chart text elided: '%3'").arg(where(view), view->chart()->title(), text);
        }
    }
    QList<SpikeRaster*> rasters = root.findChildren<SpikeRaster*>();
    if (auto* self = qobject_cast<SpikeRaster*>(&root))
        rasters << self;
    for (SpikeRaster* raster : rasters) {
        if (!visibleOnScreen(raster))
            continue;
        const QFontMetrics fm = raster->fontMetrics();
        for (const DrawnText& d : raster->drawnLabels()) {
            const QStringList lines = d.text.split('\n');
            int widest = 0;
            for (const QString& line : lines)
                widest = std::max(widest, fm.horizontalAdvance(line));
            const bool outside = d.rect.left() < 0 || d.rect.right() >= raster->width();
            if (widest > d.rect.width() || int(lines.size()) * fm.height() > d.rect.height() || outside)
                found << QString("%1: raster label '%2' needs %3×%4 px, has %5×%6%7")
                             .arg(where(raster), QString(d.text).replace('\n', " / "))
                             .arg(widest)
                             .arg(int(lines.size()) * fm.height())
                             .arg(d.rect.width())
                             .arg(d.rect.height())
                             .arg(outside ? " (outside the raster)" : "");
        }
    }
    for (ChartLegend* legend : root.findChildren<ChartLegend*>()) {
        if (!visibleOnScreen(legend))
            continue;
        for (int i = 0; i < legend->count(); ++i) {
            QCheckBox* box = legend->entry(i);
            if (box->width() < box->sizeHint().width() || box->geometry().right() >= legend->viewport()->width())
                found << QString("%1: legend entry '%2' is cut (%3 of %4 px)")
                             .arg(where(legend), box->text())
                             .arg(std::min(box->width(), legend->viewport()->width() - box->x()))
                             .arg(box->sizeHint().width());
        }
    }
    for (QLabel* label : root.findChildren<QLabel*>()) {
        if (!visibleOnScreen(label) || label->wordWrap() || label->text().isEmpty() || !label->pixmap().isNull())
            continue;
        if (label->width() < label->minimumSizeHint().width() - 1)
            found << QString("%1: label '%2' is cut (%3 of %4 px)")
                         .arg(where(label), label->text().left(60))
                         .arg(label->width())
                         .arg(label->minimumSizeHint().width());
    }
    for (QAbstractButton* button : root.findChildren<QAbstractButton*>()) {
        if (!visibleOnScreen(button) || button->text().isEmpty() || qobject_cast<QCheckBox*>(button))
            continue;
        if (qobject_cast<QPushButton*>(button) && button->width() < button->minimumSizeHint().width() - 1)
            found << QString("%1: button '%2' is cut").arg(where(button), button->text());
    }
    return found;
}

QStringList offScreen(MainWindow& w)
{
    QStringList found;
    const QRect screen = w.screen()->availableGeometry();
    const QRect full = w.screen()->geometry();
    const QRect frame = w.frameGeometry();
    const QRect allowed = w.isFullScreen() ? full : screen;
    if (!allowed.contains(w.geometry()))
        found << QString("window %1×%2 at (%3, %4) is not inside the screen's %5×%6")
                     .arg(w.width())
                     .arg(w.height())
                     .arg(w.x())
                     .arg(w.y())
                     .arg(allowed.width())
                     .arg(allowed.height());
    if (!w.isFullScreen() && (frame.width() > screen.width() || frame.height() > screen.height()))
        found << QString("window frame %1×%2 is larger than the screen's %3×%4")
                     .arg(frame.width())
                     .arg(frame.height())
                     .arg(screen.width())
                     .arg(screen.height());
    const QSize minimum = w.minimumSizeHint().expandedTo(w.minimumSize());
    if (minimum.width() > allowed.width() || minimum.height() > allowed.height())
        found << QString("the window's minimum size %1×%2 exceeds the screen's %3×%4")
                     .arg(minimum.width())
                     .arg(minimum.height())
                     .arg(allowed.width())
                     .arg(allowed.height());
    QList<QWidget*> important;
    important << w.chart();
    if (w.lessonPanel()->isVisible())
        important << w.lessonPanel()->findChild<QPushButton*>("next");
    for (QWidget* part : important) {
        if (!part || !part->isVisible())
            continue;
        const QRect global(part->mapToGlobal(QPoint(0, 0)), part->size());
        if (!allowed.contains(global))
            found << QString("%1 at %2,%3 %4×%5 is (partly) off the screen").arg(where(part)).arg(global.x()).arg(global.y()).arg(global.width()).arg(global.height());
    }
    return found;
}

} // namespace plab::demo
