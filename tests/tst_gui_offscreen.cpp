// Without OpenGL (the offscreen platform) the application falls back to the QPainter raster
// and still runs; the views take snapshots without the GL path.
#include "MainWindow.h"
#include "MetricChartView.h"
#include "RasterModel.h"
#include "SpikeRaster.h"

#include <QtTest>

using namespace plab;

class TestGuiOffscreen : public QObject {
    Q_OBJECT
private slots:
    void fallsBackToPainterRaster()
    {
        QVERIFY(!SpikeRaster::openGlAvailable());
        MainWindow w;
        w.show();
        QVERIFY(!w.raster()->usesOpenGL());
        w.setSpeed(0);
        w.controller().runUntil(3.0);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 10000);
        w.refresh();
        QCOMPARE(w.controller().time(), 3.0);
        QVERIFY(w.raster()->spikesReceived() > 0);
        const QPixmap shot = w.grab();
        QVERIFY(!shot.isNull());
    }

    void rasterModelKeepsTheWindow()
    {
        RasterModel m(1000);
        m.setLayout({{"input", 0, 10}, {"z", 10, 2}});
        m.setWindow(1.0);
        std::vector<SpikeEvent> spikes;
        for (int i = 0; i < 3000; ++i)
            spikes.push_back({i * 0.001, i % 12});
        m.add(spikes);
        // Ring of 1000: the oldest spikes are gone, the visible ones are the last second.
        QCOMPARE(m.written(), std::uint64_t(3000));
        // Spike 1999 sits exactly on the window's edge (t = now − 1 s): in or out by rounding.
        QVERIFY(m.firstVisible() == 1999 || m.firstVisible() == 2000);
        // z-neurons sit in the upper band, inputs in the lower one.
        QVERIFY(m.bands()[1].bottom > m.bands()[0].top);
    }

    void chartDownsamplesLongRuns()
    {
        MetricChartView chart;
        chart.setSeries({"a"});
        std::vector<double> times;
        std::vector<std::vector<double>> rows;
        for (int i = 0; i < 10 * MetricChartView::kMaxPoints; ++i) {
            times.push_back(i);
            rows.push_back({double(i % 7)});
        }
        chart.append(times, rows);
        QVERIFY(chart.pointsIn(0) < MetricChartView::kMaxPoints);
        QVERIFY(chart.pointsIn(0) > MetricChartView::kMaxPoints / 4);
    }
};

QTEST_MAIN(TestGuiOffscreen)
#include "tst_gui_offscreen.moc"
