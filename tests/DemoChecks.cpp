#include "DemoChecks.h"

#include <QDir>
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

} // namespace plab::demo
