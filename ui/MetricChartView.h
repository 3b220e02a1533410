#pragma once
// Metric curves over simulated time (Qt Charts). Every series keeps at most a fixed number
// of points: when it fills up, every other point is dropped and later points are kept at
// half the rate, so an hour-long run draws as fast as a minute-long one. Points are
// replaced in one call (QXYSeries::replace), never cleared and re-appended one by one.
// The legend is a column of check boxes beside the plot (ChartLegend): never elided.
// The time axis zooms with the wheel and pans with a drag; zoomed at the right end it
// follows the newest data; a double click shows the whole run again.
#include <QChartView>
#include <QList>
#include <QPointF>
#include <memory>
#include <utility>
#include <vector>

class QLineSeries;
class QValueAxis;
class QPainter;

namespace plab {

class MetricChartView : public QChartView {
    Q_OBJECT
public:
    explicit MetricChartView(QWidget* parent = nullptr);

    /// One curve per name; `visible` lists the ones shown at first (empty = all).
    /// `descriptions[i]` says what series i is (its unit, where it comes from): the chart's
    /// tooltip lists them.
    void setSeries(const std::vector<std::string>& names, const std::vector<std::string>& visible = {},
                   const std::vector<std::string>& descriptions = {});
    void append(const std::vector<double>& times, const std::vector<std::vector<double>>& rows);
    void clear();
    void setTitle(const QString& title);
    /// A vertical marker (e.g. a lesion) at simulated time t.
    void addMarker(double t, const QString& label);
    /// Fork and compare: from now on each curve has a dashed twin, the intact branch (rows
    /// come with appendIntact); a new comparison starts its twins afresh.
    void startComparison();
    void appendIntact(const std::vector<double>& times, const std::vector<std::vector<double>>& rows);
    bool comparing() const { return !intact_.empty(); }
    int intactPointsIn(int series) const;
    /// The points drawn for a series (tests): the running branch's, or the intact twin's.
    QList<QPointF> pointsOf(int series, bool intact = false) const;

    int pointsIn(int series) const;
    /// Saves the chart as a picture: SVG (vector) if the name ends in .svg, else PNG at twice
    /// the screen resolution. Returns false if the file cannot be written.
    bool exportTo(const QString& path);
    int markerCount() const { return int(markers_.size()); }
    static constexpr int kMaxPoints = 2000;

    class ChartLegend* legend() const { return legend_; }
    /// The time range shown: everything, a fixed range, or the last `span` seconds.
    enum class TimeRange { All, Fixed, Follow };
    TimeRange timeRange() const { return range_; }
    std::pair<double, double> shownTimes() const;
    /// Zooms the time axis by `factor` (< 1: in) about time t; pans by dt seconds; shows all.
    void zoomTime(double factor, double t);
    void panTime(double dt);
    void showAllTimes();
    /// The exported chart's size in logical pixels: 16:9, whatever the window's shape.
    static QSize exportSize() { return {1280, 720}; }
    /// Minimum size from the fonts, the title and the legend (called again when they change).
    void fitToFont();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    struct Curve {
        QLineSeries* series = nullptr;
        QList<QPointF> points;
        int stride = 1;    // keep every stride-th incoming point
        int skipped = 0;
    };
    void refresh();
    void placeLegend();
    void appendTo(std::vector<Curve>& curves, const std::vector<double>& times,
                  const std::vector<std::vector<double>>& rows);
    void removeIntact();
    double timeAt(int viewportX) const;
    /// Shows `span` seconds from `from`: all of the run, a fixed range, or following its end.
    void showTimes(double from, double span);
    /// A copy of this chart at `size`, for export (the window's chart keeps its shape).
    std::unique_ptr<MetricChartView> copyAt(QSize size) const;
    int legendPaintWidth() const;
    void paintLegend(QPainter& painter) const;

    class ChartLegend* legend_ = nullptr;
    std::vector<std::string> names_, visibleNames_, descriptions_;
    TimeRange range_ = TimeRange::All;
    double shownFrom_ = 0, shownTo_ = 1, followSpan_ = 0;
    bool dragging_ = false;
    bool forExport_ = false;  // a copy made by copyAt
    int dragX_ = 0;
    std::vector<Curve> curves_;
    std::vector<Curve> intact_;  // dashed twins while comparing with an intact fork
    std::vector<QLineSeries*> markers_;
    std::vector<double> markerTimes_;
    QValueAxis* x_ = nullptr;
    QValueAxis* y_ = nullptr;
    double tMax_ = 1;
};

} // namespace plab
