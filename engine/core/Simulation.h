#pragma once
// The duty cycle, written once: apply the commands that are due, step the experiment,
// record the metric series. The headless runner and the GUI's simulation thread both drive
// an experiment through this class, so a run is fixed by (experiment, parameters, seed,
// commands) however it is driven.
#include "Command.h"
#include "Experiment.h"
#include "Metrics.h"

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>

namespace plab {

class StateArchive;

class Simulation {
public:
    explicit Simulation(std::unique_ptr<Experiment> experiment);

    Experiment& experiment() { return *experiment_; }
    const Experiment& experiment() const { return *experiment_; }
    double time() const { return experiment_->time(); }

    /// Queues a command; it applies before the first step that starts at or after its time.
    /// Throws InputError (naming command.origin if set) when the experiment cannot apply it.
    /// A command stamped in the past applies before the next step.
    void schedule(const Command& command);
    void schedule(const std::vector<Command>& commands);
    std::size_t pendingCommands() const { return pending_.size(); }
    const std::deque<Command>& pending() const { return pending_; }

    /// One step: due commands, experiment step, and a series row when one is due.
    void step();
    /// Steps until simulated time reaches `t` (to the nearest step). `progress` is called
    /// about every `progressEvery` steps; `stop` (if given) ends the run early when set.
    void runUntil(double t, const std::function<void(double)>& progress = {},
                  const std::atomic<bool>* stop = nullptr, std::int64_t progressEvery = 1000);

    const MetricSeries& series() const { return series_; }
    /// The series with the columns that need the whole run filled in (for metrics.csv).
    MetricSeries finalSeries() const;
    /// The experiment's summary, and what each lesion did to its performance (LesionEffects.h).
    MetricList summary() const;
    /// When each lesion applied (lesion and silence commands), in order.
    std::vector<double> lesionTimes() const;
    /// Every command applied so far, in order, stamped with the time it applied at.
    const std::vector<Command>& appliedCommands() const { return applied_; }

    /// Writes or reads everything: the experiment's state, the commands still to come and
    /// those applied, and the recorded series (io/StateFile.h wraps it in a file).
    void serializeState(StateArchive& a);

    /// Step index at which a command stamped `t` applies for step length dt.
    static std::int64_t stepForTime(double t, double dt);

private:
    std::unique_ptr<Experiment> experiment_;
    std::deque<Command> pending_;  // sorted by time, stable
    std::vector<Command> applied_;
    MetricSeries series_;
};

} // namespace plab
