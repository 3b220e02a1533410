#pragma once
// How the whole window looks: a light or a dark theme, and the presentation view (large
// fonts, thick lines, for the back of a lecture hall). Custom views draw with the widget
// palette and font, so the application palette and font carry most of it; Qt Charts keep
// their own colours and fonts, and are restyled here.
#include <QString>

class QChart;
class QWidget;

namespace plab {

struct ViewStyle {
    enum class Theme { Light, Dark };
    Theme theme = Theme::Light;
    bool presentation = false;

    double fontScale() const { return presentation ? 1.5 : 1.0; }
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
/// Every chart below `root`.
void styleCharts(QWidget* root, const ViewStyle& style);

} // namespace plab
