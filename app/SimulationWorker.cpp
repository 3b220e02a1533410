#include "SimulationWorker.h"

#include "core/Error.h"
#include "io/RunOutput.h"
#include "io/StateFile.h"
#include "lesion/Lesion.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace plab {

namespace {

constexpr double kChunkWall = 0.015;     // s of wall time per chunk: GUI sees news at ~60 Hz
constexpr double kCaptureEvery = 0.040;  // s of wall time between panel captures

#if defined(__x86_64__) || defined(__i386__)
// A thread starts with a copy of its creator's vector registers. When Qt's GUI start-up has
// left the upper halves of the AVX registers dirty, every SSE instruction of the engine
// (built without -mavx unless PLASTICITY_LAB_X86_64_V3 is on) pays an AVX–SSE transition penalty: measured here, the engine
// ran 12x slower in the GUI's thread than headless. One vzeroupper at thread start clears it.
__attribute__((target("avx"))) void clearUpperVectorState()
{
    __builtin_ia32_vzeroupper();
}
#endif

} // namespace

SimulationWorker::SimulationWorker(SnapshotMailbox& mailbox) : mailbox_(mailbox)
{
    clock_.start();
}

SimulationWorker::~SimulationWorker()
{
    stop();
}

void SimulationWorker::start()
{
    if (!thread_.joinable())
        thread_ = std::thread([this] { run(); });
}

void SimulationWorker::stop()
{
    {
        std::unique_lock lock(mutex_);
        controls_.quit = true;
        wake_.notify_one();
    }
    if (thread_.joinable())
        thread_.join();
}

static std::shared_ptr<const LesionReport> lesionReport(const Simulation& sim, const Simulation* intact)
{
    const auto measure = sim.experiment().performanceMeasure();
    const std::vector<double> times = sim.lesionTimes();
    if (!measure || times.empty())
        return nullptr;
    auto report = std::make_shared<LesionReport>();
    report->measure = measure->oneMinus ? "1 − " + measure->series : measure->series;
    report->effects = lesionEffects(sim.series(), times, *measure);
    report->commands.resize(times.size());
    for (const Command& command : sim.appliedCommands()) {
        if (!countsAsLesion(command))
            continue;
        const auto k = std::size_t(std::lower_bound(times.begin(), times.end(), command.time) - times.begin());
        if (k < times.size()) {
            auto& text = report->commands[k];
            text += (text.empty() ? "" : "; ") + command.text();
        }
    }
    report->now = recentPerformance(sim.series(), *measure);
    report->intactNow = intact ? recentPerformance(intact->series(), *measure) : std::numeric_limits<double>::quiet_NaN();
    return report;
}

void SimulationWorker::load(std::unique_ptr<Simulation> simulation, PanelCapture capture, std::uint64_t generation)
{
    std::unique_lock lock(mutex_);
    controls_.incoming = std::move(simulation);
    controls_.incomingCapture = std::move(capture);
    controls_.incomingGeneration = generation;
    controls_.commands.clear();  // a fork posted for the old run goes with it
    controls_.endComparison = false;
    controls_.steps = 0;
    controls_.capture = true;
    wake_.notify_one();
}

void SimulationWorker::setRunning(bool running)
{
    std::unique_lock lock(mutex_);
    controls_.running = running;
    controls_.pacingChanged = true;
    controls_.capture = true;
    wake_.notify_one();
}

void SimulationWorker::runUntil(double t)
{
    std::unique_lock lock(mutex_);
    controls_.stopAt = t;
    controls_.running = true;
    controls_.pacingChanged = true;
    wake_.notify_one();
}

void SimulationWorker::requestSteps(std::int64_t steps)
{
    std::unique_lock lock(mutex_);
    controls_.steps += steps;
    controls_.capture = true;
    wake_.notify_one();
}

void SimulationWorker::setSpeed(double factor)
{
    std::unique_lock lock(mutex_);
    controls_.speed = factor;
    controls_.pacingChanged = true;
    wake_.notify_one();
}

void SimulationWorker::post(Command command)
{
    std::unique_lock lock(mutex_);
    controls_.commands.push_back({std::move(command), Posted::Route::Normal});
    wake_.notify_one();
}

void SimulationWorker::postToLesioned(Command command)
{
    std::unique_lock lock(mutex_);
    controls_.commands.push_back({std::move(command), Posted::Route::LesionedOnly});
    wake_.notify_one();
}

void SimulationWorker::fork(std::vector<Command> commands)
{
    std::unique_lock lock(mutex_);
    controls_.commands.push_back({Command{}, Posted::Route::Fork});
    for (Command& c : commands)
        controls_.commands.push_back({std::move(c), Posted::Route::LesionedOnly});
    wake_.notify_one();
}

void SimulationWorker::endComparison()
{
    std::unique_lock lock(mutex_);
    controls_.endComparison = true;
    wake_.notify_one();
}

void SimulationWorker::setSpikeWindow(double seconds)
{
    std::unique_lock lock(mutex_);
    controls_.spikeWindow = seconds;
}

void SimulationWorker::requestResults()
{
    std::unique_lock lock(mutex_);
    controls_.results = true;
    wake_.notify_one();
}

void SimulationWorker::requestState()
{
    std::unique_lock lock(mutex_);
    controls_.state = true;
    wake_.notify_one();
}

void SimulationWorker::requestCapture()
{
    std::unique_lock lock(mutex_);
    controls_.capture = true;
    wake_.notify_one();
}

bool SimulationWorker::hasRequests() const
{
    const Controls& c = controls_;
    return c.quit || c.incoming || !c.commands.empty() || c.capture || c.results || c.state || c.steps > 0 || c.pacingChanged
           || c.endComparison;
}

bool SimulationWorker::hasWork() const
{
    const Controls& c = controls_;
    return c.quit || c.incoming || !c.commands.empty() || c.capture || c.results || c.state || c.endComparison
           || ((sim_ || c.incoming) && (c.running || c.steps > 0));
}

void SimulationWorker::run()
{
#if defined(__x86_64__) || defined(__i386__)
    if (__builtin_cpu_supports("avx"))
        clearUpperVectorState();
#endif
    for (;;) {
        Controls c;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return hasWork(); });
            if (controls_.quit)
                return;
            // Take the requests; keep the standing settings.
            c.incoming = std::move(controls_.incoming);
            c.incomingCapture = std::move(controls_.incomingCapture);
            c.incomingGeneration = controls_.incomingGeneration;
            c.commands.swap(controls_.commands);
            c.endComparison = controls_.endComparison;
            controls_.endComparison = false;
            c.steps = controls_.steps;
            controls_.steps = 0;
            c.capture = controls_.capture;
            controls_.capture = false;
            c.results = controls_.results;
            controls_.results = false;
            c.state = controls_.state;
            controls_.state = false;
            c.pacingChanged = controls_.pacingChanged;
            controls_.pacingChanged = false;
            c.running = controls_.running;
            c.speed = controls_.speed;
            c.stopAt = controls_.stopAt;
            c.spikeWindow = controls_.spikeWindow;
        }
        if (c.incoming) {
            sim_ = std::move(c.incoming);
            capture_ = std::move(c.incomingCapture);
            generation_ = c.incomingGeneration;
            publishedRows_ = publishedCommands_ = 0;
            intact_.reset();
            speedEstimate_ = 0;
            steppingWall_ = 0;
            c.pacingChanged = true;
            sim_->experiment().spikes().setEnabled(true);
        }
        if (!sim_)
            continue;
        runChunk(c);

        // Paced and ahead of the clock: sleep until there is simulated time to catch up on,
        // or until a control call wakes us.
        if (c.running && c.speed > 0) {
            const double wall = clock_.nsecsElapsed() * 1e-9;
            const double ahead = sim_->time() - (paceSim_ + c.speed * (wall - paceWall_));
            if (ahead > 0) {
                std::unique_lock lock(mutex_);
                const auto sleep = std::chrono::milliseconds(std::max<std::int64_t>(1, std::int64_t(ahead / c.speed * 1000)));
                if (!hasRequests())
                    wake_.wait_for(lock, sleep);
            }
        }
    }
}

void SimulationWorker::followIntact(const std::atomic<std::int64_t>& lead, const std::atomic<bool>& leadDone)
{
#if defined(__x86_64__) || defined(__i386__)
    if (__builtin_cpu_supports("avx"))
        clearUpperVectorState();
#endif
    Simulation& intact = *intact_;
    for (;;) {
        const bool done = leadDone.load(std::memory_order_acquire);
        const std::int64_t until = lead.load(std::memory_order_acquire);
        while (intact.experiment().stepIndex() < until)
            intact.step();
        if (done)
            return;
        std::this_thread::yield();
    }
}

void SimulationWorker::runChunk(Controls& c)
{
    Simulation& sim = *sim_;
    Experiment& e = sim.experiment();
    SimulationSnapshot piece;
    piece.generation = generation_;

    if (c.endComparison)
        intact_.reset();
    for (auto& [command, route] : c.commands) {
        if (route == Posted::Route::Fork) {
            // The intact branch: the same state and random state, every command scheduled so
            // far included, so that from here the two differ only by what follows (an
            // unlesioned fork is the same run, bit for bit).
            intact_ = decodeState(encodeState(sim), "the fork");
            intact_->experiment().spikes().setEnabled(false);
            publishedIntactRows_ = intact_->series().size();
            piece.forked = true;
            continue;
        }
        if (command.time < 0)
            command.time = sim.time();
        try {
            sim.schedule(command);
        } catch (const InputError& error) {
            piece.error = command.text() + ": " + error.what();
            continue;
        }
        // While comparing, what is not a lesion (a slider, evidence, a lesson's step) changes
        // both branches: the two differ only by the lesions.
        if (intact_ && route == Posted::Route::Normal && command.verb != "lesion" && !isLesionCommand(command))
            intact_->schedule(command);
    }

    const double startWall = clock_.nsecsElapsed() * 1e-9;
    if (c.pacingChanged) {
        paceWall_ = startWall;
        paceSim_ = sim.time();
        rateWall_ = startWall;
        rateSim_ = sim.time();
        achievedSpeed_ = 0;
    }
    const double startSim = sim.time();

    // How far this chunk may go in simulated time.
    double target = sim.time();
    if (c.steps > 0)
        target = sim.time() + double(c.steps) * e.dt();
    if (c.running) {
        const double paced = c.speed > 0 ? paceSim_ + c.speed * (startWall + kChunkWall - paceWall_)
                                         : std::numeric_limits<double>::infinity();
        target = std::max(target, paced);
        target = std::min(target, c.stopAt);
    }
    // Recording every spike at thousands of times real time would cost more than simulating
    // them; only the last window before the expected end of the chunk can be shown.
    const double expectedEnd = std::min(target, startSim + std::max(speedEstimate_, 1.0) * kChunkWall);
    double recordFrom = expectedEnd - c.spikeWindow;

    std::int64_t lastStep = std::isfinite(target) ? std::llround(target / e.dt()) : INT64_MAX;
    std::int64_t n = 0;
    bool extended = false;
    // The intact branch follows on another core, never ahead of this one.
    std::atomic<std::int64_t> lead{e.stepIndex()};
    std::atomic<bool> leadDone{false};
    std::thread follower;
    if (intact_ && lastStep > e.stepIndex())
        follower = std::thread([&] { followIntact(lead, leadDone); });
    while (e.stepIndex() < lastStep) {
        e.spikes().setEnabled(e.time() >= recordFrom);
        sim.step();
        lead.store(e.stepIndex(), std::memory_order_release);
        // Look at the clock every 32 steps only: it costs more than a step of a small network.
        if ((++n & 31) == 0 && c.running && !extended && clock_.nsecsElapsed() * 1e-9 - startWall > kChunkWall) {
            // Ending sooner than expected, before a whole raster window was recorded: the raster
            // would have nothing (or a sliver) to show. Record one window more; recording was
            // skipped only because the chunk goes faster than a window per chunk, so this
            // costs less than another chunk.
            if (recordFrom > startSim && e.time() < recordFrom + c.spikeWindow) {
                recordFrom = std::min(recordFrom, e.time());
                lastStep = std::min<std::int64_t>(lastStep, std::llround((recordFrom + c.spikeWindow) / e.dt()));
                extended = true;
                continue;
            }
            break;
        }
    }
    leadDone.store(true, std::memory_order_release);
    if (follower.joinable())
        follower.join();
    const double endWall = clock_.nsecsElapsed() * 1e-9;
    steppingWall_ += endWall - startWall;
    if (n > 0 && endWall > startWall) {
        const double rate = (sim.time() - startSim) / (endWall - startWall);
        speedEstimate_ = speedEstimate_ > 0 ? 0.8 * speedEstimate_ + 0.2 * rate : rate;
    }

    if (c.running && sim.time() >= c.stopAt - 0.5 * e.dt()) {
        std::unique_lock lock(mutex_);
        controls_.running = false;
        controls_.stopAt = std::numeric_limits<double>::infinity();
        c.running = false;
        piece.reachedStop = true;
    }
    piece.time = sim.time();
    // The speed shown is what the user sees happen: simulated time over wall time with the
    // pacing sleeps included, measured over half-second windows.
    if (!c.running) {
        rateWall_ = endWall;
        rateSim_ = sim.time();
        achievedSpeed_ = 0;
    } else if (endWall - rateWall_ >= 0.5) {
        achievedSpeed_ = (sim.time() - rateSim_) / (endWall - rateWall_);
        rateWall_ = endWall;
        rateSim_ = sim.time();
    }
    const double firstGuess = c.speed > 0 ? std::min(c.speed, speedEstimate_) : speedEstimate_;
    piece.speed = c.running ? (achievedSpeed_ > 0 ? achievedSpeed_ : firstGuess) : 0.0;
    piece.capacity = c.running ? speedEstimate_ : 0.0;
    piece.running = c.running;
    piece.spikes = e.spikes().take();
    const auto& series = sim.series();
    for (; publishedRows_ < series.size(); ++publishedRows_) {
        piece.seriesTimes.push_back(series.times[publishedRows_]);
        piece.seriesRows.push_back(series.rows[publishedRows_]);
    }
    if (intact_) {
        const auto& rows = intact_->series();
        for (; publishedIntactRows_ < rows.size(); ++publishedIntactRows_) {
            piece.intactTimes.push_back(rows.times[publishedIntactRows_]);
            piece.intactRows.push_back(rows.rows[publishedIntactRows_]);
        }
    }
    const auto& applied = sim.appliedCommands();
    piece.applied.assign(applied.begin() + std::ptrdiff_t(publishedCommands_), applied.end());
    publishedCommands_ = applied.size();
    if (capture_ && (c.capture || !c.running || endWall - lastCaptureWall_ >= kCaptureEvery)) {
        piece.panel = capture_(e);
        if (intact_)
            piece.intactPanel = capture_(intact_->experiment());
        piece.lesions = lesionReport(sim, intact_.get());
        lastCaptureWall_ = endWall;
    }
    if (c.results) {
        auto results = std::make_shared<RunResults>();
        RunRecord record;
        record.experiment = &e;
        record.simSeconds = sim.time();
        record.wallSeconds = steppingWall_;
        record.series = &series;
        record.metrics = sim.summary();
        results->time = sim.time();
        results->summaryJson = summaryJson(record);
        results->metricsCsv = metricsCsv(sim.finalSeries());
        piece.results = std::move(results);
    }
    if (c.state)
        piece.state = std::make_shared<const EncodedState>(EncodedState{sim.time(), encodeState(sim)});
    mailbox_.post(std::move(piece));
}

} // namespace plab
