#pragma once
// Metric curves over simulated time (Qt Charts). Every series keeps at most a fixed number
// of points: when it fills up, every other point is dropped and later points are kept at
// half the rate, so an hour-long run draws as fast as a minute-long one. Points are
// replaced in one call (QXYSeries::replace), never cleared and re-appended one by one.
#include <QChartView>
#include <QList>
#include <QPointF>
#include <vector>

class QLineSeries;
class QValueAxis;

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

    int pointsIn(int series) const;
    /// Saves the chart as a picture: SVG (vector) if the name ends in .svg, else PNG at twice
    /// the screen resolution. Returns false if the file cannot be written.
    bool exportTo(const QString& path);
    int markerCount() const { return int(markers_.size()); }
    static constexpr int kMaxPoints = 2000;

private:
    struct Curve {
        QLineSeries* series = nullptr;
        QList<QPointF> points;
        int stride = 1;    // keep every stride-th incoming point
        int skipped = 0;
    };
    void refresh();

    std::vector<Curve> curves_;
    std::vector<QLineSeries*> markers_;
    std::vector<double> markerTimes_;
    QValueAxis* x_ = nullptr;
    QValueAxis* y_ = nullptr;
    double tMax_ = 1;
};

} // namespace plab
