#pragma once
// View settings: the View menu (raster window, experiment panel, presentation view, theme),
// the style applied to every chart, and what the window remembers between sessions.
#include "ViewStyle.h"

#include <QObject>
#include <QRect>

class QAction;
class QActionGroup;
class QMenu;
class QSettings;

namespace plab {

class MainWindow;

class ViewSettings : public QObject {
    Q_OBJECT
public:
    explicit ViewSettings(MainWindow& window);

    /// Fills the View menu.
    void addTo(QMenu* menu);
    void setViewStyle(const ViewStyle& style);
    const ViewStyle& viewStyle() const { return style_; }
    void saveSettings(QSettings& settings) const;
    void restoreSettings(const QSettings& settings, bool experimentToo);

private:
    MainWindow& w_;
    ViewStyle style_;
    QAction* presentationAction_ = nullptr;
    bool dockBeforePresentation_ = true;
    QRect geometryBeforePresentation_;
    QActionGroup* themeGroup_ = nullptr;
    QActionGroup* windowGroup_ = nullptr;
};

} // namespace plab
