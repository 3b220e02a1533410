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
