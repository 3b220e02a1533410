#pragma once
// One metric of a sweep over time: per point the mean over seeds with its 95 % confidence band,
// and a thin line per seed. The same drawing goes into `collect`'s PNG and SVG figures and into
// the application's sweep view, which also asks it which seed's line lies under the mouse.
#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>
#include <optional>
#include <vector>

class QPainter;
class QSize;

namespace plab {

struct SweepFigure {
    struct Run {
        QString label;     // "seed 3"
        QString runFile;   // its run.json, for replay
        std::vector<double> t, v;
    };
    struct Point {
        QString name;      // "learning_rate=0.01" ("all" without axes)
        std::vector<double> t, mean, low, high;
        std::vector<Run> runs;
    };
    QString title;         // the metric
    QString subtitle;      // experiment, seeds, what the band is
    QString xLabel = QStringLiteral("t (s)");
    std::vector<Point> points;
};

/// Which run's line: point index, run index.
struct SweepRunIndex {
    int point = -1, run = -1;
    friend bool operator==(const SweepRunIndex&, const SweepRunIndex&) = default;
};

class SweepPlot {
public:
    explicit SweepPlot(const SweepFigure& figure) : figure_(figure) {}

    void paint(QPainter& painter, const QRectF& area, const QFont& font, bool dark,
               std::optional<SweepRunIndex> highlighted = {}) const;
    /// The run whose line passes within `tolerance` pixels of `position`, nearest first.
    std::optional<SweepRunIndex> runAt(const QRectF& area, const QFont& font, QPointF position,
                                       double tolerance) const;
    /// PNG (twice the size, for sharp slides) or SVG, by the file's extension.
    bool save(const QString& path, const QSize& size, const QFont& font) const;

    static QColor pointColor(int index);

private:
    struct Frame;
    Frame frame(const QRectF& area, const QFont& font) const;

    const SweepFigure& figure_;
};

} // namespace plab
