#pragma once
// The GUI's handle on the simulation thread: builds experiments, forwards controls and
// commands, and hands snapshots to the views. Nothing here waits for the engine.
#include "SimulationWorker.h"
#include "SnapshotMailbox.h"
#include "core/Parameters.h"

#include <QObject>
#include <memory>
#include <string>

#include "lesion/LesionSite.h"

namespace plab {

class SimulationController : public QObject {
    Q_OBJECT
public:
    explicit SimulationController(QObject* parent = nullptr);
    ~SimulationController() override;

    /// Builds a new run (throws InputError on bad parameters) and pauses it at t = 0.
    void reset(const std::string& experiment, const ParameterSet& params, std::uint64_t seed);
    const std::string& experimentName() const { return experiment_; }
    const ParameterSet& parameters() const { return *params_; }
    std::uint64_t seed() const { return seed_; }
    std::uint64_t generation() const { return generation_; }
    double dt() const { return dt_; }

    void play();
    void pause();
    bool isRunning() const { return running_; }
    void step(std::int64_t steps = 1);
    /// Runs until simulated time t and pauses there (runningChanged(false) follows).
    void runUntil(double t);
    /// Simulated seconds per wall second; 0 = as fast as possible.
    void setSpeed(double factor);
    double speed() const { return speed_; }
    void setSpikeWindow(double seconds);

    /// Sends a command to apply at the next step ("set learning_rate 0.01").
    void send(const std::string& commandText);
    /// Sets a live parameter from the next step on: the number goes to the engine as it is
    /// (and into the command log as "set NAME VALUE").
    void setParameter(const QString& name, double value);
    /// Fork and compare: an intact copy of the run as it is now goes on beside it (dashed in
    /// the chart), and `commands` (a lesion) apply to the running one only.
    void forkAndApply(const std::vector<std::string>& commands);
    void endComparison();
    bool comparing() const { return comparing_; }
    /// Queues a command for its own time in the lesioned branch only (a fork's later commands).
    void scheduleInLesioned(const Command& command);
    /// What the lesion commands can name in this run (its populations and pathways).
    const std::vector<LesionPopulation>& lesionPopulations() const { return populations_; }
    const std::vector<LesionPathway>& lesionPathways() const { return pathways_; }
    /// Queues a command for its own simulated time (a replayed run's log).
    void schedule(const Command& command);
    /// Asks the engine for summary.json and metrics.csv as they stand; resultsReady follows.
    void requestResults();
    /// Asks the engine for its state (a state file's bytes); stateReady follows.
    void requestState();
    /// Continues a loaded simulation (File → Open state), paused where it was saved.
    void resume(std::unique_ptr<Simulation> simulation);

    /// Everything that happened since the last call. Also keeps the log of applied commands.
    SimulationSnapshot takeSnapshot();
    const std::vector<Command>& commandLog() const { return log_; }
    /// Latest simulated time seen in a snapshot.
    double time() const { return lastTime_; }
    /// Whether the engine was running when it produced the latest snapshot (lags play/pause
    /// by one chunk: this is the engine's own acknowledgement).
    bool engineRunning() const { return engineRunning_; }

signals:
    void runningChanged(bool running);
    void resetDone();
    void resultsReady(std::shared_ptr<const plab::RunResults> results);
    void stateReady(std::shared_ptr<const plab::EncodedState> state);

private:
    std::vector<LesionPopulation> populations_;
    std::vector<LesionPathway> pathways_;
    bool comparing_ = false;
    SnapshotMailbox mailbox_;
    SimulationWorker worker_;
    std::string experiment_;
    std::unique_ptr<ParameterSet> params_;
    std::uint64_t seed_ = 1;
    std::uint64_t generation_ = 0;
    double dt_ = 0.001;
    bool running_ = false;
    double speed_ = 1.0;
    double lastTime_ = 0;
    bool engineRunning_ = false;
    std::vector<Command> log_;
};

} // namespace plab
