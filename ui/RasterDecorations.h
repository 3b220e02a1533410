#pragma once
// The raster's band names (left of the spikes) and time axis (below them): plain QPainter
// widgets beside the canvas, so they look the same over OpenGL and QPainter backends.
// Each computes where its texts go in one place, used for painting and by the tests that
// check that no label is cut.
#include "RasterModel.h"

#include <QRect>
#include <QWidget>
#include <vector>

namespace plab {

/// A text as drawn: its lines, and the box it must fit in.
struct DrawnText {
    QRect rect;
    QString text;  // lines separated by '\n'
    bool movable = false;  // a one-line label placed off its band's centre when crowded
};

class RasterBandLabels : public QWidget {
public:
    explicit RasterBandLabels(const RasterModel& model, QWidget* parent = nullptr);
    /// Widens the gutter to the longest label of the current layout and font.
    void fitToLabels();
    /// The labels at the current size: a band's name and size where two lines fit, its name
    /// where one does; thin bands of one colour (a Bayesian-network module's layers) share
    /// one label, their common name.
    std::vector<DrawnText> labels() const;

protected:
    void paintEvent(QPaintEvent*) override;
    void changeEvent(QEvent* event) override;  // sizes follow the font (presentation view)

private:
    const RasterModel& model_;
};

class RasterTimeAxis : public QWidget {
public:
    explicit RasterTimeAxis(const RasterModel& model, QWidget* parent = nullptr);
    /// Tick positions (x) and labels at the current size and time.
    std::vector<DrawnText> labels(std::vector<int>* ticks = nullptr) const;

protected:
    void paintEvent(QPaintEvent*) override;
    void changeEvent(QEvent* event) override;  // sizes follow the font (presentation view)

private:
    void fitToFont();
    const RasterModel& model_;
};

} // namespace plab
