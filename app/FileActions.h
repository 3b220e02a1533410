#pragma once
// The File menu and what it does: save and replay runs, open sweeps, save results and
// states, continue a saved state, export figures and spikes. Errors are shown, never thrown.
#include <QObject>
#include <QString>

class QMenu;

namespace plab {

class MainWindow;
class SimulationController;
class SweepView;
struct EncodedState;
struct RunResults;

class FileActions : public QObject {
    Q_OBJECT
public:
    FileActions(MainWindow& window, SimulationController& controller);

    /// Fills the File menu (without Quit).
    void addTo(QMenu* menu);

    bool saveRun(const QString& path);
    bool openRun(const QString& path);
    SweepView* openSweep(const QString& folder);
    void saveResults(const QString& folder);
    void saveState(const QString& path);
    bool openState(const QString& path);
    bool exportFigure(const QString& path);
    bool exportSpikes(const QString& path);

private:
    void writeResults(const RunResults& results);
    void writeState(const EncodedState& state);

    MainWindow& w_;
    SimulationController& controller_;
    QString resultsFolder_;  // where the next results go; empty: none asked for
    QString statePath_;      // where the next state goes
};

} // namespace plab
