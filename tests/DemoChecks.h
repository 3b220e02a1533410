#pragma once
// Checks on what the screen shows, for the GUI suites that run under a window manager.
#include <QImage>
#include <QString>

class QWidget;

namespace plab::demo {

/// True when a window manager owns the X screen (openbox sets _NET_SUPPORTING_WM_CHECK).
bool windowManagerRunning();
/// What the screen shows of the window `w` (its frame excluded), as the X server has it.
QImage screenOf(QWidget& w);
/// The share of pixels that are nearly black (all channels below 24).
double darkFraction(const QImage& image);
/// Saves a picture for the failure message (in PLASTICITY_LAB_TEST_PICTURES or the temp
/// folder) and returns its path.
QString keepPicture(const QImage& image, const QString& name);

} // namespace plab::demo

namespace plab {
class MainWindow;
}

namespace plab::demo {

/// Every text the window shows cut short: chart labels and titles Qt Charts elided ("…"),
/// raster labels wider than their box, legend entries and labels narrower than their text,
/// buttons whose text does not fit. One line each, saying where.
QStringList cutTexts(QWidget& root);
/// Parts of the window outside the screen's available area (the window itself, the lesson's
/// Next button, the metric chart), one line each.
QStringList offScreen(MainWindow& w);

} // namespace plab::demo
