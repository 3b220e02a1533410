#include "RunFile.h"

#include "CommandLine.h"
#include "core/Error.h"
#include "core/ExperimentRegistry.h"
#include "io/RunOutput.h"
#include "JsonFile.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <fstream>
#include <sstream>

namespace plab {

namespace {

constexpr const char* kFormat = "plasticity-lab run";
// A parameter the file leaves out has its default, unless the parameter (or its default) came
// after the file's version: then it has the value the builds of that version used
// (ParameterSpec::valueBefore). 1: before December 2026; 2: bayesnet's counting rate (1 Dec);
// 3: bayesnet's learning length and tuned start (2 Dec); 4: self-repair's θ trajectory of the
// existing connections, removed synapses held (2 Dec); 5: em-mixture's counting rate (2 Dec);
// 6: bayesnet's deterministic families sampled jointly (2 Dec); 7: bayesnet's 32 modes, own bias clip
// and 300 examples per configuration (4 Dec).
constexpr int kVersion = 7;

} // namespace

ParameterSet RunFile::parameterSet() const
{
    ParameterSet params = ExperimentRegistry::builtin().defaults(experiment);
    std::vector<std::string> present;
    for (const auto& [name, value] : parameters) {
        params.set(name, value);
        present.push_back(name);
    }
    params.setValuesBefore(present, version);
    return params;
}

RunFile RunFile::read(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot open the run file");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        throw InputError(path + ": cannot read the run file");
    return parse(text.str(), path);
}

RunFile RunFile::parse(const std::string& text, const std::string& sourceName)
{
    const auto fail = [&](const std::string& what) { return InputError(sourceName + ": " + what); };
    const QJsonObject o = parseJsonObject(QByteArray(text.data(), qsizetype(text.size())), sourceName, "run file");
    if (o.value("format").toString() != kFormat)
        throw fail(std::string("\"format\" must be \"") + kFormat + "\" (is this a run file?)");
    const QJsonValue version = o.value("version");
    if (!version.isDouble() || version.toDouble() != std::floor(version.toDouble()))
        throw fail("\"version\" must be a whole number");
    if (version.toDouble() > kVersion)
        throw fail("run file version " + std::to_string(version.toInt()) + " was written by a newer Plasticity Lab");
    if (version.toDouble() < 1)
        throw fail("\"version\" must be a whole number from 1 to " + std::to_string(kVersion));

    RunFile r;
    r.version = version.toInt();
    if (!o.value("experiment").isString())
        throw fail("\"experiment\" must be the name of an experiment");
    r.experiment = o.value("experiment").toString().toStdString();
    const ExperimentInfo* info = ExperimentRegistry::builtin().find(r.experiment);
    if (!info)
        throw fail("unknown experiment '" + r.experiment + "' (plasticity-lab list shows them)");

    const QJsonValue seed = o.value("seed");
    if (seed.isDouble()) {
        const double s = seed.toDouble();
        if (!(s >= 0) || s != std::floor(s) || s > 9007199254740992.0)
            throw fail("\"seed\" must be a whole number from 0 to 2^53 (larger seeds are written as strings)");
        r.seed = std::uint64_t(s);
    } else if (seed.isString()) {
        if (!parseSeed(seed.toString().toStdString(), r.seed))
            throw fail("\"seed\" '" + seed.toString().toStdString() + "' is not a whole number");
    } else {
        throw fail("\"seed\" is missing");
    }

    const QJsonValue seconds = o.value("sim_seconds");
    if (!seconds.isDouble() || !(seconds.toDouble() >= 0) || !std::isfinite(seconds.toDouble()))
        throw fail("\"sim_seconds\" must be a number of seconds, 0 or more");
    r.simSeconds = seconds.toDouble();

    const QJsonValue params = o.value("parameters");
    if (!params.isUndefined() && !params.isObject())
        throw fail("\"parameters\" must be an object of name: value");
    ParameterSet check = ExperimentRegistry::builtin().defaults(r.experiment);
    const QJsonObject p = params.toObject();
    for (auto it = p.begin(); it != p.end(); ++it) {
        const std::string name = it.key().toStdString();
        std::string value;
        try {
            value = parameterText(it.key(), it.value());
        } catch (const InputError& e) {
            throw fail(e.what());
        }
        try {
            check.set(name, value);
        } catch (const InputError& e) {
            throw fail(std::string("\"parameters\": ") + e.what());
        }
        r.parameters.emplace_back(name, value);
    }

    const QJsonValue commands = o.value("commands");
    if (!commands.isUndefined() && !commands.isArray())
        throw fail("\"commands\" must be a list of \"<time> <command>\" texts");
    const QJsonArray list = commands.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const std::string where = sourceName + ": commands[" + std::to_string(i) + "]";
        if (!list[i].isString())
            throw InputError(where + ": must be a text like \"100 set temperature 0.5\"");
        try {
            Command c = Command::fromLine(list[i].toString().toStdString());
            c.origin = where;
            r.commands.push_back(std::move(c));
        } catch (const InputError& e) {
            throw InputError(where + ": " + e.what());
        }
    }
    return r;
}

std::string RunFile::toJson() const
{
    QJsonObject o;
    o["format"] = kFormat;
    o["version"] = kVersion;
    o["experiment"] = QString::fromStdString(experiment);
    if (seed <= (std::uint64_t(1) << 53))
        o["seed"] = double(seed);
    else
        o["seed"] = QString::number(seed);
    o["sim_seconds"] = simSeconds;
    const ParameterSet defaults = ExperimentRegistry::builtin().defaults(experiment);
    QJsonObject p;
    for (const auto& [name, value] : parameters) {
        const ParameterSpec* spec = defaults.find(name);
        double number = 0;
        if (spec && spec->isNumeric() && parseNumber(value, number))
            p[QString::fromStdString(name)] = number;  // Qt writes the shortest round-trip form
        else
            p[QString::fromStdString(name)] = QString::fromStdString(value);
    }
    o["parameters"] = p;
    QJsonArray c;
    for (const auto& command : commands)
        c.append(QString::fromStdString(command.line()));
    o["commands"] = c;
    const QByteArray json = QJsonDocument(o).toJson(QJsonDocument::Indented);
    return json.toStdString();
}

void RunFile::write(const std::string& path) const
{
    writeFileAtomically(path, toJson());
}

RunFile RunFile::fromRun(const std::string& experiment, const ParameterSet& params, std::uint64_t seed,
                         double simSeconds, const std::vector<Command>& applied)
{
    RunFile r;
    r.experiment = experiment;
    r.seed = seed;
    r.simSeconds = simSeconds;
    // Every parameter, not only the changed ones: a later version's defaults must not change
    // what a saved run replays.
    for (const auto& spec : params.specs())
        r.parameters.emplace_back(spec.name, params.formatted(spec.name));
    for (const auto& c : applied)
        if (c.origin.rfind("scheduled by ", 0) != 0)
            r.commands.push_back(c);
    return r;
}

} // namespace plab
