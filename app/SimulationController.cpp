#include "SimulationController.h"

#include "ExperimentPanels.h"
#include "core/ExperimentRegistry.h"

namespace plab {

SimulationController::SimulationController(QObject* parent) : QObject(parent), worker_(mailbox_)
{
    worker_.setSpeed(speed_);
    worker_.start();
}

SimulationController::~SimulationController()
{
    worker_.stop();
}

void SimulationController::reset(const std::string& experiment, const ParameterSet& params, std::uint64_t seed)
{
    // Build first: if the parameters are impossible this throws and the old run goes on.
    resume(std::make_unique<Simulation>(ExperimentRegistry::builtin().create(experiment, params, seed)));
}

void SimulationController::play()
{
    if (running_)
        return;
    running_ = true;
    worker_.setRunning(true);
    emit runningChanged(true);
}

void SimulationController::pause()
{
    if (!running_)
        return;
    running_ = false;
    worker_.setRunning(false);
    emit runningChanged(false);
}

void SimulationController::runUntil(double t)
{
    running_ = true;
    worker_.runUntil(t);
    emit runningChanged(true);
}

void SimulationController::step(std::int64_t steps)
{
    pause();
    worker_.requestSteps(steps);
}

void SimulationController::setSpeed(double factor)
{
    speed_ = factor;
    worker_.setSpeed(factor);
}

void SimulationController::setSpikeWindow(double seconds)
{
    worker_.setSpikeWindow(seconds);
}

void SimulationController::send(const std::string& commandText)
{
    worker_.post(Command::fromText(-1.0, commandText));
}

void SimulationController::setParameter(const QString& name, double value)
{
    worker_.post(Command::set(-1.0, name.toStdString(), value));
}

void SimulationController::forkAndApply(const std::vector<std::string>& commands)
{
    std::vector<Command> parsed;
    for (const auto& text : commands)
        parsed.push_back(Command::fromText(-1.0, text));
    worker_.fork(std::move(parsed));
    comparing_ = true;
}

void SimulationController::scheduleInLesioned(const Command& command)
{
    worker_.postToLesioned(command);
}

void SimulationController::endComparison()
{
    worker_.endComparison();
    comparing_ = false;
}

void SimulationController::schedule(const Command& command)
{
    worker_.post(command);
}

void SimulationController::requestState()
{
    worker_.requestState();
}

void SimulationController::resume(std::unique_ptr<Simulation> sim)
{
    // A new run and a loaded one are handed over alike: a new generation, the view state of
    // the simulation as it stands (t = 0 for a new one).
    pause();
    ++generation_;
    experiment_ = sim->experiment().info().name;
    params_ = std::make_unique<ParameterSet>(sim->experiment().parameters());
    seed_ = sim->experiment().seed();
    dt_ = sim->experiment().dt();
    lastTime_ = sim->time();
    const LesionSite* site = sim->experiment().lesionSite();
    populations_ = site ? site->populations() : std::vector<LesionPopulation>{};
    pathways_ = site ? site->pathways() : std::vector<LesionPathway>{};
    comparing_ = false;
    log_.clear();  // the snapshots hand over the applied commands again, from the start
    mailbox_.clear(generation_);
    worker_.load(std::move(sim), panelCaptureFor(experiment_), generation_);
    emit resetDone();
}

void SimulationController::requestResults()
{
    worker_.requestResults();
}

SimulationSnapshot SimulationController::takeSnapshot()
{
    SimulationSnapshot s = mailbox_.take();
    if (s.generation == generation_) {
        lastTime_ = s.time;
        engineRunning_ = s.running;
        if (s.reachedStop && running_) {
            running_ = false;
            emit runningChanged(false);
        }
        log_.insert(log_.end(), s.applied.begin(), s.applied.end());
        if (s.results)
            emit resultsReady(s.results);
        if (s.state)
            emit stateReady(s.state);
    }
    return s;
}

} // namespace plab
