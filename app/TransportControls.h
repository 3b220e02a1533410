#pragma once
// The transport: Play/Pause (Space), Step, Step 100 ms, Reset, and the speed, in the
// Simulation menu and the toolbar alike.
#include <QObject>
#include <QString>

class QAction;
class QActionGroup;
class QComboBox;
class QMenu;
class QToolBar;

namespace plab {

class MainWindow;
class SimulationController;

class TransportControls : public QObject {
    Q_OBJECT
public:
    TransportControls(MainWindow& window, SimulationController& controller);

    void addTo(QMenu* menu, QToolBar* toolbar);
    /// Sets the speed and shows it in the menu and the toolbar, however it was chosen.
    void setSpeed(double factor);
    QString speedChoiceText() const;
    QAction* playAction() const { return playAction_; }

private:
    void togglePlay();

    MainWindow& w_;
    SimulationController& controller_;
    QAction* playAction_ = nullptr;
    QActionGroup* speedGroup_ = nullptr;
    QComboBox* speedBox_ = nullptr;
};

} // namespace plab
