#include "ViewSettings.h"

#include "ExperimentDock.h"
#include "LessonController.h"
#include "MainWindow.h"
#include "SpeedChoices.h"
#include "SpikeRaster.h"
#include "core/ExperimentRegistry.h"
#include "CommandLine.h"

#include <QActionGroup>
#include <QDockWidget>
#include <QMenu>
#include <QScreen>
#include <QSettings>
#include <QSignalBlocker>
#include <QTimer>

namespace plab {

ViewSettings::ViewSettings(MainWindow& window) : QObject(&window), w_(window)
{
}

void ViewSettings::addTo(QMenu* menu)
{
    windowGroup_ = new QActionGroup(&w_);
    for (double w : {0.5, 1.0, 2.0, 5.0}) {
        auto* a = menu->addAction(tr("Raster window %1 s").arg(w));
        a->setCheckable(true);
        a->setChecked(w == 2.0);
        a->setData(w);
        windowGroup_->addAction(a);
        connect(a, &QAction::triggered, this, [this, w] {
            w_.rasterWindow_ = w;
            w_.raster_->setWindow(w);
            w_.controller_.setSpikeWindow(w);
        });
    }
    menu->addSeparator();
    auto* dockToggle = w_.dock_->toggleViewAction();
    dockToggle->setText(tr("&Experiment panel"));
    menu->addAction(dockToggle);
    presentationAction_ = menu->addAction(tr("&Presentation view"));
    presentationAction_->setCheckable(true);
    presentationAction_->setShortcut(Qt::Key_F11);
    presentationAction_->setToolTip(tr("Full screen, large fonts and thick lines, readable from the back of a "
                                       "lecture hall (F11)"));
    connect(presentationAction_, &QAction::toggled, this, [this](bool on) {
        ViewStyle s = style_;
        s.presentation = on;
        setViewStyle(s);
    });
    themeGroup_ = new QActionGroup(&w_);
    for (auto [label, theme] : {std::pair{tr("&Light theme"), ViewStyle::Theme::Light},
                                std::pair{tr("&Dark theme"), ViewStyle::Theme::Dark}}) {
        auto* a = menu->addAction(label);
        a->setCheckable(true);
        a->setChecked(theme == style_.theme);
        a->setData(int(theme));
        themeGroup_->addAction(a);
        connect(a, &QAction::triggered, this, [this, theme] {
            ViewStyle s = style_;
            s.theme = theme;
            setViewStyle(s);
        });
    }

}

void ViewSettings::setViewStyle(const ViewStyle& requested)
{
    ViewStyle style = requested;
    style.presentationFontScale = ViewStyle::presentationScaleForScreenHeight(w_.shownOn()->geometry().height());
    const bool screenChange = style.presentation != style_.presentation;
    style_ = style;
    applyApplicationStyle(style_);
    styleCharts(&w_, style_);
    w_.raster_->setSpikeSize(2.5 * style_.lineScale());
    {
        const QSignalBlocker block(presentationAction_);
        presentationAction_->setChecked(style_.presentation);
    }
    for (QAction* a : themeGroup_->actions())
        a->setChecked(a->data().toInt() == int(style_.theme));
    if (screenChange) {
        // The presentation view gives the plots the screen: the parameter dock goes away
        // (View → Experiment panel brings it back) and returns when the view ends.
        QDockWidget* dock = w_.dock_;
        if (style_.presentation) {
            dockBeforePresentation_ = dock->isVisible();
            geometryBeforePresentation_ = w_.geometry();
            dock->hide();
            w_.showFullScreen();
        } else {
            dock->setVisible(dockBeforePresentation_);
            if (w_.isFullScreen())
                w_.showNormal();
            // Back to the size it had, not to what the larger fonts asked for meanwhile.
            if (geometryBeforePresentation_.isValid())
                w_.setGeometry(geometryBeforePresentation_);
        }
        QTimer::singleShot(150, &w_, [this] { w_.arrangeSplitter(); });
    }
}

void ViewSettings::saveSettings(QSettings& settings) const
{
    settings.setValue("window/geometry", w_.saveGeometry());
    settings.setValue("window/state", w_.QMainWindow::saveState());
    settings.setValue("view/theme", style_.themeName());
    settings.setValue("view/presentation", style_.presentation);
    settings.setValue("view/rasterWindow", w_.rasterWindow_);
    settings.setValue("run/experiment", QString::fromStdString(w_.controller_.experimentName()));
    settings.setValue("run/seed", QString::number(w_.controller_.seed()));
    settings.setValue("run/speed", w_.controller_.speed());
}

void ViewSettings::restoreSettings(const QSettings& settings, bool experimentToo)
{
    w_.restoreGeometry(settings.value("window/geometry").toByteArray());
    w_.QMainWindow::restoreState(settings.value("window/state").toByteArray());
    w_.lessons_->dock()->hide();  // a lesson is opened on purpose, not restored half-way
    ViewStyle s;
    s.theme = ViewStyle::themeFromName(settings.value("view/theme", "light").toString());
    s.presentation = settings.value("view/presentation", false).toBool();
    setViewStyle(s);
    const double window = settings.value("view/rasterWindow", 2.0).toDouble();
    for (QAction* a : windowGroup_->actions())
        if (a->data().toDouble() == window)
            a->trigger();
    if (experimentToo) {
        const QString name = settings.value("run/experiment").toString();
        std::uint64_t seed = 1;
        if (!name.isEmpty() && ExperimentRegistry::builtin().find(name.toStdString())
            && parseSeed(settings.value("run/seed", "1").toString().toStdString(), seed))
            w_.selectExperiment(name, seed);
    }
    // Only a speed that was saved: the experiment's opening speed stays otherwise.
    const double speed = settings.value("run/speed", -1.0).toDouble();
    for (const auto& choice : kSpeeds)
        if (choice.factor == speed)
            w_.setSpeed(speed);
}

} // namespace plab
