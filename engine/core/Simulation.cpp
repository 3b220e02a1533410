#include "Simulation.h"

#include "lesion/Lesion.h"

#include "Error.h"
#include "io/StateArchive.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plab {

Simulation::Simulation(std::unique_ptr<Experiment> experiment) : experiment_(std::move(experiment))
{
    series_.names = experiment_->seriesNames();
    for (Command c : experiment_->scheduledCommands()) {
        c.origin = "scheduled by " + experiment_->info().name;
        schedule(c);
    }
    if (experiment_->info().recordAtStart && experiment_->stepIndex() == 0) {
        series_.times.push_back(0.0);
        series_.rows.push_back(experiment_->sampleSeries());
    }
}

void Simulation::serializeState(StateArchive& a)
{
    experiment_->serializeState(a);
    a.section("simulation");
    a.values(pending_);
    a.values(applied_);
    series_.serialize(a);
    if (a.reading()) {
        for (const auto& row : series_.rows)
            if (row.size() != series_.names.size())
                a.fail("a row of the recorded series has the wrong length");
        const auto names = experiment_->seriesNames();
        if (series_.names != names) {
            // A file from before a series was added: the new one was not recorded until now
            // (NaN); a series the experiment no longer has means the file is not its.
            std::vector<std::size_t> from;
            for (const auto& n : series_.names) {
                const auto it = std::find(names.begin(), names.end(), n);
                if (it == names.end())
                    a.fail("the recorded series do not fit this experiment");
                from.push_back(std::size_t(it - names.begin()));
            }
            for (auto& row : series_.rows) {
                std::vector<double> wide(names.size(), std::numeric_limits<double>::quiet_NaN());
                for (std::size_t i = 0; i < row.size(); ++i)
                    wide[from[i]] = row[i];
                row.swap(wide);
            }
            series_.names = names;
        }
        for (const auto& c : pending_)
            experiment_->validate(c);
    }
}

void MetricSeries::serialize(StateArchive& a)
{
    a.values(names);
    a.values(times);
    a.values(rows);
    if (a.reading() && times.size() != rows.size())
        a.fail("the recorded series has " + std::to_string(times.size()) + " times and " + std::to_string(rows.size())
               + " rows");
}

std::int64_t Simulation::stepForTime(double t, double dt)
{
    // The tolerance keeps "0.3 s at 1 ms" on step 300 despite 0.3/0.001 = 299.99999999999994.
    return std::int64_t(std::ceil(t / dt - 1e-6));
}

MetricSeries Simulation::finalSeries() const
{
    MetricSeries s = series_;
    experiment_->finalizeSeries(s);
    return s;
}

void Simulation::schedule(const Command& command)
{
    try {
        // Validation against the current state catches unknown verbs and bad values early;
        // state-dependent checks happen again when the command applies.
        experiment_->validate(command);
    } catch (const InputError& e) {
        if (command.origin.empty())
            throw;
        throw InputError(command.origin + ": " + e.what());
    }
    const auto at = std::upper_bound(pending_.begin(), pending_.end(), command.time,
                                     [](double t, const Command& c) { return t < c.time; });
    pending_.insert(at, command);
}

void Simulation::schedule(const std::vector<Command>& commands)
{
    for (const auto& c : commands)
        schedule(c);
}

void Simulation::step()
{
    Experiment& e = *experiment_;
    const std::int64_t n = e.stepIndex();
    while (!pending_.empty() && stepForTime(pending_.front().time, e.dt()) <= n) {
        Command c = std::move(pending_.front());
        pending_.pop_front();
        c.time = e.time();
        e.apply(c);
        applied_.push_back(std::move(c));
    }
    e.step();
    if (e.stepIndex() % e.recordEverySteps() == 0) {
        series_.times.push_back(e.time());
        series_.rows.push_back(e.sampleSeries());
    }
}

void Simulation::runUntil(double t, const std::function<void(double)>& progress, const std::atomic<bool>* stop,
                          std::int64_t progressEvery)
{
    const std::int64_t last = std::llround(t / experiment_->dt());
    std::int64_t sinceProgress = 0;
    while (experiment_->stepIndex() < last) {
        if (stop && stop->load(std::memory_order_relaxed))
            break;
        step();
        if (progress && ++sinceProgress >= progressEvery) {
            sinceProgress = 0;
            progress(experiment_->time());
        }
    }
    if (progress)
        progress(experiment_->time());
}

MetricList Simulation::summary() const
{
    MetricList metrics = experiment_->summary();
    if (const auto measure = experiment_->performanceMeasure())
        appendLesionEffects(metrics, series_, lesionTimes(), *measure);
    return metrics;
}

std::vector<double> Simulation::lesionTimes() const
{
    std::vector<double> times;
    for (const Command& c : applied_)
        if (countsAsLesion(c) && (times.empty() || times.back() != c.time))
            times.push_back(c.time);  // several at one moment are one lesion
    return times;
}

} // namespace plab
