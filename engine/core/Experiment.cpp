#include "Experiment.h"

#include "lesion/Lesion.h"

#include "Error.h"
#include "io/StateArchive.h"

#include <cmath>
#include <stdexcept>

namespace plab {

std::string seriesDescription(const ExperimentInfo& info, const std::string& series)
{
    for (const auto& [name, text] : info.seriesHelp) {
        const bool prefix = !name.empty() && name.back() == '*';
        if (prefix ? series.rfind(name.substr(0, name.size() - 1), 0) == 0 : series == name)
            return text;
    }
    return {};
}

std::vector<ParameterSpec> commonParameters(double recordInterval, double dt)
{
    return {
        ParameterSpec::real("dt", dt, 1e-5, 0.05, "s", "simulation time step"),
        ParameterSpec::real("record_interval", recordInterval, 0.01, 36000, "s",
                            "simulated time between two rows of metrics.csv"),
    };
}

Experiment::Experiment(const ExperimentInfo& info, const ParameterSet& params, std::uint64_t seed)
    : params_(params), info_(info), initialParams_(params), streams_(seed), dt_(params.number("dt")),
      recordSteps_(std::max<std::int64_t>(1, std::llround(params.number("record_interval") / dt_)))
{
}

Experiment::~Experiment() = default;

void Experiment::serializeState(StateArchive& a)
{
    a.section("experiment " + info_.name);
    a.value(step_);
    if (a.reading() && step_ < 0)
        a.fail("a negative step count");
    // Current parameter values: `set` commands may have changed the live ones. From format 2
    // by name, so the order of an experiment's parameters may change; format 1 kept them in
    // the order of the specs.
    const auto restore = [&](const std::string& name, const std::string& value) {
        try {
            params_.set(name, value);
        } catch (const InputError& e) {
            a.fail(e.what());
        }
    };
    if (a.format() < 2) {
        if (!a.reading())
            a.fail("format 1 is read, never written");
        for (const std::string& name : a.parameterNames()) {
            std::string value;
            a.value(value);
            restore(name, value);
        }
    } else {
        std::uint64_t count = params_.specs().size();
        a.value(count);
        if (a.reading() && count > params_.specs().size())
            a.fail("more parameters than the experiment has");
        for (std::uint64_t k = 0; k < count; ++k) {
            std::string name = a.reading() ? std::string() : params_.specs()[std::size_t(k)].name;
            std::string value = a.reading() ? std::string() : params_.formatted(name);
            a.value(name);
            a.value(value);
            if (a.reading())
                restore(name, value);
        }
    }
    serialize(a);
    if (a.format() >= 2) {
        // Every stream by name; a format-1 file kept them inside serialize().
        a.section("random streams");
        std::uint64_t count = owned_.size();
        a.value(count);
        if (a.reading() && count != owned_.size())
            a.fail("the state holds " + std::to_string(count) + " random streams, this experiment has "
                   + std::to_string(owned_.size()));
        for (auto& [name, rng] : owned_) {
            std::string stored = name;
            a.value(stored);
            if (a.reading() && stored != name)
                a.fail("random stream '" + stored.substr(0, 40) + "' where this experiment has '" + name + "'");
            a.value(rng);
        }
    }
    a.section("end of experiment");
}

RandomStream& Experiment::stream(const std::string& name)
{
    auto it = owned_.find(name);
    if (it == owned_.end())
        it = owned_.emplace(name, streams_.stream(name)).first;
    return it->second;
}

void Experiment::step()
{
    advance();
    ++step_;
}

void Experiment::validate(const Command& c) const
{
    if (c.verb == "set") {
        if (c.args.size() != 2)
            throw InputError("'set' needs a parameter and a value: set NAME VALUE");
        const ParameterSpec* spec = params_.find(c.args[0]);
        if (!spec)
            throw InputError("unknown parameter '" + c.args[0] + "' for " + info_.name);
        if (!spec->live)
            throw InputError("parameter '" + c.args[0] + "' cannot change during a run (use --set)");
        params_.check(c.args[0], c.args[1]);
        return;
    }
    validateCommand(c);
}

void Experiment::apply(const Command& c)
{
    validate(c);
    if (c.verb == "set") {
        params_.set(c.args[0], c.args[1]);
        for (const LiveBinding& b : bindings_)
            if (b.name == c.args[0]) {
                const double next = c.number ? *c.number : params_.number(b.name);
                if (b.before)
                    b.before(next);
                *b.field = next;
            }
        parameterChanged(c.args[0]);
        return;
    }
    applyCommand(c);
}

void Experiment::bindLive(const std::string& name, double* field, std::function<void()> before)
{
    bindLive(name, field, before ? std::function<void(double)>([before](double) { before(); })
                                 : std::function<void(double)>());
}

void Experiment::bindLive(const std::string& name, double* field, std::function<void(double next)> before)
{
    const ParameterSpec* spec = params_.find(name);
    if (!spec || !spec->live || !spec->isNumeric())
        throw std::logic_error("bindLive: '" + name + "' is not a live number of " + info_.name);
    bindings_.push_back({name, field, std::move(before)});
}

std::vector<std::string> Experiment::commandHelp() const
{
    std::vector<std::string> lines;
    std::string live;
    for (const auto& spec : params_.specs())
        if (spec.live)
            live += (live.empty() ? "" : "|") + spec.name;
    if (!live.empty())
        lines.push_back("set " + live + " VALUE");
    const auto verbs = verbHelp();
    lines.insert(lines.end(), verbs.begin(), verbs.end());
    if (lesionSite_) {
        const auto lesions = lesionHelp(*lesionSite_);
        lines.insert(lines.end(), lesions.begin(), lesions.end());
    }
    return lines;
}

void Experiment::validateCommand(const Command& c) const
{
    if (lesionSite_ && (c.verb == "lesion" || c.verb == "silence" || c.verb == "restore")) {
        parseLesion(c, *lesionSite_, info_.name);  // says what is understood if it is none
        return;
    }
    throw InputError("unknown command '" + c.verb + "' for " + info_.name);
}

void Experiment::applyCommand(const Command& c)
{
    if (lesionSite_ && isLesionCommand(c)) {
        // Drawn from a stream named by the command and its step: a replay, a state file or a
        // fork draws the same neurons, and no other stream moves.
        // Two alike in one step draw apart (their number in the step is in the name).
        lesionsInStep_ = lesionStep_ == stepIndex() ? lesionsInStep_ + 1 : 0;
        lesionStep_ = stepIndex();
        RandomStream rng = freshStream("lesion@" + std::to_string(stepIndex())
                                       + (lesionsInStep_ > 0 ? "#" + std::to_string(lesionsInStep_) : std::string())
                                       + " " + c.text());
        applyLesion(parseLesion(c, *lesionSite_, info_.name), *lesionSite_, rng);
        if (c.verb != "restore")
            lesionApplied(c);
        return;
    }
    validateCommand(c);
}

} // namespace plab
