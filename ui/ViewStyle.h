#pragma once
// How the whole window looks: a light or a dark theme, and the presentation view (large
// fonts, thick lines, for the back of a lecture hall). Custom views draw with the widget
// palette and font, so the application palette and font carry most of it; Qt Charts keep
// their own colours and fonts, and are restyled here.
#include <QSize>
#include <QString>
#include <algorithm>

class QChart;
class QChartView;
class QWidget;

namespace plab {

struct ViewStyle {
    enum class Theme { Light, Dark };
    Theme theme = Theme::Light;
    bool presentation = false;
    /// Font factor of the presentation view: 1.5 on a 1080-line screen, less on a 720-line
    /// projector, where 1.5× would push the plots off the screen (forScreenHeight).
    double presentationFontScale = 1.5;

    double fontScale() const { return presentation ? presentationFontScale : 1.0; }
    static double presentationScaleForScreenHeight(int pixels)
    {
        return std::clamp(1.25 + 0.25 * (pixels - 720) / 360.0, 1.25, 1.5);
    }
    double lineScale() const { return presentation ? 2.0 : 1.0; }
    QString themeName() const { return theme == Theme::Dark ? "dark" : "light"; }
    static Theme themeFromName(const QString& name) { return name == "dark" ? Theme::Dark : Theme::Light; }
    friend bool operator==(const ViewStyle&, const ViewStyle&) = default;
};

/// Sets the application's palette and font for the style (the font scales the one the
/// application started with).
void applyApplicationStyle(const ViewStyle& style);
/// Colours, fonts and line widths of one chart.
void styleChart(QChart* chart, const ViewStyle& style);
/// Every chart below `root`; each chart view is kept readable (keepChartReadable).
void styleCharts(QWidget* root, const ViewStyle& style);
/// The width a chart needs so that Qt Charts does not elide its title.
int widthForTitle(const QChart* chart);
/// The height a chart needs for its title, legend, axis texts and a plot in which its
/// vertical axes' titles and four labels fit, in their current fonts.
int heightForTexts(const QChart* chart);
/// Keeps the view at least widthForTitle × heightForTexts (and at least the minimum its owner
/// set), now and whenever it is shown or resized or its font changes; call again after a
/// title or axis changes.
void keepChartReadable(QChartView* view);
/// The same, with the owner's own minimum (what its content needs) as the floor.
void keepChartReadable(QChartView* view, QSize floor);

} // namespace plab
