#pragma once
// The simulation thread. It owns the Simulation, runs it in chunks of about 15 ms of wall
// time, applies the commands the GUI posted between chunks, paces simulated time to the
// chosen speed, and posts what happened to the mailbox. Every control call returns at once:
// it only changes a few fields under a mutex and wakes the thread (the pattern of Qt's
// Mandelbrot example). The thread and its locks are the standard library's, which
// ThreadSanitizer understands (Debian's Qt is not built for it).
#include "PanelState.h"
#include "SnapshotMailbox.h"
#include "core/Simulation.h"

#include <QElapsedTimer>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>

namespace plab {

class SimulationWorker {
public:
    explicit SimulationWorker(SnapshotMailbox& mailbox);
    ~SimulationWorker();
    SimulationWorker(const SimulationWorker&) = delete;
    SimulationWorker& operator=(const SimulationWorker&) = delete;

    /// Starts the thread (once).
    void start();

    /// Replaces the running simulation (a reset); data of older generations is dropped.
    void load(std::unique_ptr<Simulation> simulation, PanelCapture capture, std::uint64_t generation);
    void setRunning(bool running);
    /// Runs until simulated time t, then pauses by itself (reported as reachedStop).
    void runUntil(double t);
    /// Advances `steps` steps, then stops (single step while paused).
    void requestSteps(std::int64_t steps);
    /// Simulated seconds per wall second; 0 = as fast as possible.
    void setSpeed(double factor);
    /// Queues a command; time < 0 means "at the next step". While comparing with an intact
    /// branch, a lesion applies to the running (lesioned) one only, any other command to both.
    void post(Command command);
    /// The same for the lesioned branch only (a fork's later commands).
    void postToLesioned(Command command);
    /// Fork and compare: copies the simulation as it is then (state and random state, every
    /// command posted before included) into an intact branch that runs beside it, in step, on
    /// another core; then applies `commands` (the lesion) to the running one only. A reset or
    /// endComparison() drops the branch.
    void fork(std::vector<Command> commands);
    void endComparison();
    /// How many seconds of spikes the raster shows (older ones need not be recorded).
    void setSpikeWindow(double seconds);
    /// Asks for a fresh panel capture even while paused.
    void requestCapture();
    /// Asks for summary.json and metrics.csv of the run as it stands (in the next snapshot).
    void requestResults();
    /// Asks for the encoded engine state (io/StateFile.h) in the next snapshot.
    void requestState();
    void stop();

private:
    void run();

    /// A posted command and which branches it goes to (a fork is an entry of its own, so it
    /// happens exactly between the commands posted before and after it).
    struct Posted {
        enum class Route { Normal, LesionedOnly, Fork };
        Command command;
        Route route = Route::Normal;
    };

    struct Controls {
        std::unique_ptr<Simulation> incoming;
        PanelCapture incomingCapture;
        std::uint64_t incomingGeneration = 0;
        bool running = false;
        std::int64_t steps = 0;
        double speed = 1.0;
        double stopAt = std::numeric_limits<double>::infinity();
        double spikeWindow = 2.0;
        std::vector<Posted> commands;
        bool endComparison = false;
        bool capture = false;
        bool results = false;
        bool state = false;
        bool quit = false;
        bool pacingChanged = false;
    };

    bool hasWork() const;      // anything to do at all (else sleep until woken)
    bool hasRequests() const;  // a control call arrived since the last chunk
    void runChunk(Controls& c);
    /// Steps the intact branch up to the running one's step, as that one advances (`lead`);
    /// returns when it reached `until` (the running one's final step of the chunk).
    void followIntact(const std::atomic<std::int64_t>& lead, const std::atomic<bool>& leadDone);

    SnapshotMailbox& mailbox_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::thread thread_;
    Controls controls_;

    // Owned by the simulation thread only.
    std::unique_ptr<Simulation> sim_;
    std::unique_ptr<Simulation> intact_;  // the intact branch of a fork, or null
    std::size_t publishedIntactRows_ = 0;
    PanelCapture capture_;
    std::uint64_t generation_ = 0;
    std::size_t publishedRows_ = 0;
    std::size_t publishedCommands_ = 0;
    QElapsedTimer clock_;
    double paceWall_ = 0, paceSim_ = 0;
    double speedEstimate_ = 0;    // simulated per wall second while stepping (capacity)
    double rateWall_ = 0, rateSim_ = 0;  // start of the window the achieved speed is measured over
    double achievedSpeed_ = 0;    // simulated per wall second, sleeps included: the speed shown
    double lastCaptureWall_ = -1;
    double steppingWall_ = 0;  // wall seconds spent stepping this run (summary.json)
};

} // namespace plab
