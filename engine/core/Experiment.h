#pragma once
// An experiment: a network, its input, its plasticity and what it measures, advanced in
// fixed steps. Subclasses implement advance() (simulate one step) and the recording; this
// base owns time, parameters, the random streams by name and the handling of `set` commands.
#include "Command.h"
#include "analysis/LesionEffects.h"
#include "Metrics.h"
#include "Parameters.h"
#include "Random.h"
#include "SpikeRecorder.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace plab {

class Experiment;
class JsonWriter;
class LesionSite;
class StateArchive;

struct ExperimentInfo {
    std::string name;         // command-line name, e.g. "em-mixture"
    std::string title;        // "EM through STDP in a WTA circuit"
    std::string description;  // one line for `plasticity-lab list`
    std::string paper;        // reference
    double defaultSeconds = 60.0;
    std::string durationHelp;  // how the duration is chosen, where it is not always defaultSeconds
    /// Record a row of the series at t = 0 too (the untrained state), not only after the
    /// first interval.
    bool recordAtStart = false;
    /// Series a chart shows at first (the others can be switched on); empty = all.
    std::vector<std::string> headlineSeries;
    /// Series a chart hides at first, where headlineSeries is empty (a figure on another scale:
    /// bayesnet's R-hat, near 1, beside KLs near 0).
    std::vector<std::string> hiddenSeries;
    /// What each series is, its unit and where it comes from (chart tooltips, run --help).
    /// A name ending in '*' describes every series with that prefix ("kl_*").
    std::vector<std::pair<std::string, std::string>> seriesHelp;
    std::function<std::vector<ParameterSpec>()> parameters;
    /// Builds the experiment; `self` is this description as stored in the registry.
    std::function<std::unique_ptr<Experiment>(const ExperimentInfo& self, const ParameterSet&, std::uint64_t seed)>
        create;
};

/// The description of one series, or "" if the experiment gives none.
std::string seriesDescription(const ExperimentInfo& info, const std::string& series);

class Experiment {
public:
    Experiment(const ExperimentInfo& info, const ParameterSet& params, std::uint64_t seed);
    virtual ~Experiment();
    Experiment(const Experiment&) = delete;
    Experiment& operator=(const Experiment&) = delete;

    const ExperimentInfo& info() const { return info_; }
    const ParameterSet& parameters() const { return params_; }
    /// The parameters the run started with (`set` commands change parameters()).
    const ParameterSet& initialParameters() const { return initialParams_; }
    std::uint64_t seed() const { return streams_.seed(); }

    double dt() const { return dt_; }
    std::int64_t stepIndex() const { return step_; }
    double time() const { return double(step_) * dt_; }
    /// Steps between two rows of the metric series.
    std::int64_t recordEverySteps() const { return recordSteps_; }

    /// Simulates [time(), time() + dt).
    void step();

    /// Throws InputError if the command cannot apply to this experiment.
    void validate(const Command& command) const;
    void apply(const Command& command);

    /// How long a run lasts when no one says (--seconds): the experiment's default duration,
    /// or one that depends on what was loaded (bayesnet: the learning its network needs).
    virtual double duration() const { return info_.defaultSeconds; }

    virtual std::vector<std::string> seriesNames() const = 0;
    /// One row of the series, taken every recordEverySteps() steps.
    virtual std::vector<double> sampleSeries() = 0;
    /// Final figures for summary.json.
    virtual MetricList summary() const = 0;
    /// The series that says how well the network does, for the effects of lesions
    /// (Simulation::summary); none where the experiment measures them itself or cannot.
    virtual std::optional<PerformanceMeasure> performanceMeasure() const { return std::nullopt; }
    /// Commands the experiment schedules for itself at the start (a default lesion schedule):
    /// they go through the command queue like a user's, so they are logged and marked.
    virtual std::vector<Command> scheduledCommands() const { return {}; }
    /// Fills in series columns that need the whole run (principal components), before the
    /// series is written out.
    virtual void finalizeSeries(MetricSeries& series) const { (void)series; }
    /// Further top-level entries of summary.json (written after "metrics"), if any.
    virtual void writeSummaryExtras(JsonWriter& json) const { (void)json; }

    virtual std::vector<NeuronGroup> neuronGroups() const = 0;
    SpikeRecorder& spikes() { return spikes_; }

    /// Synaptic events so far (spike deliveries plus plastic updates), for benchmarks.
    virtual std::int64_t synapticEvents() const { return 0; }

    /// Writes or reads the complete state: time, current parameters and everything the
    /// experiment changes while it runs (state files; see io/StateFile.h).
    void serializeState(StateArchive& a);

    /// The network's populations and pathways as lesions see them (null: none).
    const LesionSite* lesionSite() const { return lesionSite_; }

    /// The commands this experiment understands, for help texts: `set` with its live
    /// parameters (from their specs), then verbHelp().
    std::vector<std::string> commandHelp() const;

protected:
    virtual void advance() = 0;
    /// Commands besides `set`, one help line each: "lesion neuron K  (K = 1..4)".
    virtual std::vector<std::string> verbHelp() const { return {}; }
    /// Verbs other than `set`. Throw InputError for anything not understood. These handle the
    /// lesion vocabulary (lesion/Lesion.h) on the network that setLesionSite() describes; an
    /// override handles its own verbs and hands the rest on.
    virtual void validateCommand(const Command& command) const;
    virtual void applyCommand(const Command& command);
    /// The network's populations and pathways, for the lesion commands (kept, not owned).
    void setLesionSite(LesionSite* site) { lesionSite_ = site; }
    /// Called after a lesion or silence command applied (to mark it, to measure right after it).
    virtual void lesionApplied(const Command& command) { (void)command; }
    /// Called after a live parameter changed through `set` (after its bound field, if any).
    virtual void parameterChanged(const std::string& name) { (void)name; }
    /// Binds a live parameter to the field of the rule that reads it: `set NAME x` writes x
    /// there, after `before` runs (e.g. the OU step up to now, under the old value).
    void bindLive(const std::string& name, double* field, std::function<void()> before = {});
    /// The same with a `before` that sees the new value (and the old one still in the field).
    void bindLive(const std::string& name, double* field, std::function<void(double next)> before);
    /// The experiment's own part of the state: every field that changes during a run, in a
    /// fixed order. Data and sizes that the parameters and seed determine are rebuilt instead.
    virtual void serialize(StateArchive& a) = 0;

    /// The experiment's random stream of this name, owned here: the same object at every
    /// call, and saved in state files by name. One per concern ("data", "input", "noise"),
    /// so a new stream never shifts the numbers of another.
    RandomStream& stream(const std::string& name);
    /// A fresh copy of the stream of this name, for the draws that building the experiment
    /// makes (the data's truth, initial weights): not saved, as loading builds again.
    RandomStream freshStream(std::string_view name) const { return streams_.stream(name); }

    ParameterSet params_;
    SpikeRecorder spikes_;

private:
    struct LiveBinding {
        std::string name;
        double* field;
        std::function<void(double)> before;
    };
    std::vector<LiveBinding> bindings_;
    LesionSite* lesionSite_ = nullptr;
    // Lesions applied in the current step (commands apply between steps: a state file never
    // falls between two of one step, so this needs no saving).
    std::int64_t lesionStep_ = -1;
    int lesionsInStep_ = 0;
    const ExperimentInfo& info_;
    ParameterSet initialParams_;
    RandomStreams streams_;
    std::map<std::string, RandomStream, std::less<>> owned_;  // map: references stay valid
    double dt_;
    std::int64_t step_ = 0;
    std::int64_t recordSteps_;
};

/// The parameters every experiment has: step and recording interval.
std::vector<ParameterSpec> commonParameters(double recordInterval, double dt = 0.001);

} // namespace plab
