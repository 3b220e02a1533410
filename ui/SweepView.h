#pragma once
// File → Open sweep: one metric of a sweep at a time, as mean and 95 % band per point with a
// thin line per seed (SweepPlot). Hovering a seed's line lights it up; clicking it asks for
// that run to be replayed.
#include "SweepPlot.h"

#include <QWidget>
#include <functional>

class QComboBox;
class QLabel;

namespace plab {

class SweepView : public QWidget {
    Q_OBJECT
public:
    using FigureSource = std::function<SweepFigure(const QString& metric)>;
    SweepView(const QString& title, const QStringList& metrics, FigureSource figureFor, QWidget* parent = nullptr);

    QString metric() const;
    void setMetric(const QString& metric);
    const SweepFigure& figure() const { return figure_; }
    /// The plot's canvas, for tests that click a line.
    QWidget* canvas() const { return canvas_; }
    /// A pixel of the canvas nearest to this run's line (-1, -1 if none is), for tests.
    QPointF runPosition(SweepRunIndex run) const;

signals:
    void runChosen(const QString& runFile);

private:
    friend class SweepCanvas;
    QComboBox* metrics_;
    QLabel* hint_;
    QWidget* canvas_;
    FigureSource figureFor_;
    SweepFigure figure_;
    std::optional<SweepRunIndex> hovered_;
};

} // namespace plab
