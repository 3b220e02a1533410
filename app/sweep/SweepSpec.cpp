#include "SweepSpec.h"

#include "CommandLine.h"
#include "JsonFile.h"

#include "core/Command.h"
#include "core/Error.h"
#include "core/ExperimentRegistry.h"
#include "core/Parameters.h"
#include "core/Simulation.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace plab {

namespace {

/// One axis: a name and its values, each with the place it was written (for messages).
struct Axis {
    std::string name;
    std::vector<std::string> values;
    std::vector<std::string> places;
};

/// One block of axes that take their values together: a grid key alone, the zip keys, the list.
struct Block {
    std::vector<Axis> axes;  // every axis of the block has the same number of values
    std::size_t size() const { return axes.empty() ? 1 : axes.front().values.size(); }
};

class SpecReader {
public:
    SpecReader(std::string source) : source_(std::move(source)) {}

    [[noreturn]] void fail(const std::string& place, const std::string& why) const
    {
        throw InputError(source_ + ": " + (place.empty() ? "" : place + ": ") + why);
    }

    std::string valueText(const QJsonValue& v, const std::string& place) const
    {
        if (v.isDouble())
            return formatNumber(v.toDouble());
        if (v.isString())
            return v.toString().toStdString();
        fail(place, "a value is a number or a text");
    }

    QJsonArray nonEmptyArray(const QJsonValue& v, const std::string& place) const
    {
        if (!v.isArray() || v.toArray().isEmpty())
            fail(place, "needs a non-empty list of values");
        return v.toArray();
    }

    Axis axisFrom(const std::string& name, const QJsonArray& values, const std::string& place) const
    {
        Axis a{name, {}, {}};
        for (qsizetype i = 0; i < values.size(); ++i) {
            const std::string at = place + "[" + std::to_string(i) + "]";
            a.values.push_back(valueText(values[i], at));
            a.places.push_back(at);
        }
        return a;
    }

private:
    std::string source_;
};

/// The {name} placeholders of a commands template.
std::vector<std::string> placeholders(const std::string& text)
{
    std::vector<std::string> names;
    for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        const auto close = text.find('}', open);
        if (close == std::string::npos)
            break;
        names.push_back(text.substr(open + 1, close - open - 1));
    }
    return names;
}

std::string expand(std::string text, const AxisValues& values)
{
    for (const auto& [name, value] : values) {
        const std::string key = "{" + name + "}";
        for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
            text.replace(at, key.size(), value);
    }
    return text;
}

} // namespace

SweepSpec SweepSpec::read(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        throw InputError(path + ": cannot read the sweep spec: " + file.errorString().toStdString());
    const auto folder = std::filesystem::absolute(path).parent_path().string();
    return parse(file.readAll(), path, folder);
}

SweepSpec SweepSpec::parse(const QByteArray& text, const std::string& source, const std::string& folder)
{
    const SpecReader r(source);
    QJsonObject json = parseJsonObject(text, source, "sweep spec");
    static const std::set<QString> known = {"experiment", "description", "seconds", "set",    "grid",
                                            "zip",        "list",        "seeds",   "commands"};
    for (const QString& key : json.keys())
        if (!known.count(key))
            r.fail(key.toStdString(), "unknown key (known: experiment, description, seconds, set, grid, zip, list, "
                                      "seeds, commands)");

    SweepSpec spec;
    spec.source = source;
    if (!json.value("experiment").isString())
        r.fail("experiment", "the experiment's name is required (see plasticity-lab list)");
    spec.experiment = json.value("experiment").toString().toStdString();
    const ExperimentRegistry& registry = ExperimentRegistry::builtin();
    try {
        registry.get(spec.experiment);
    } catch (const InputError& e) {
        r.fail("experiment", e.what());
    }
    if (json.contains("seconds")) {
        const QJsonValue s = json.value("seconds");
        if (!s.isDouble() || !(s.toDouble() > 0))
            r.fail("seconds", "must be a positive number of simulated seconds");
        spec.seconds = s.toDouble();
    }

    // The fixed assignments and the axes, each value with its place.
    AxisValues fixed;
    std::vector<std::string> fixedPlaces;
    if (json.contains("set")) {
        if (!json.value("set").isObject())
            r.fail("set", "is an object of parameter values");
        const QJsonObject set = json.value("set").toObject();
        for (auto it = set.begin(); it != set.end(); ++it) {
            const std::string place = "set." + it.key().toStdString();
            fixed.emplace_back(it.key().toStdString(), r.valueText(it.value(), place));
            fixedPlaces.push_back(place);
        }
    }
    std::vector<Block> blocks;
    if (json.contains("list")) {
        const QJsonArray list = r.nonEmptyArray(json.value("list"), "list");
        Block block;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const std::string place = "list[" + std::to_string(i) + "]";
            if (!list[i].isObject() || list[i].toObject().isEmpty())
                r.fail(place, "each entry is an object of parameter values");
            const QJsonObject entry = list[i].toObject();
            if (i == 0)
                for (const QString& key : entry.keys())
                    block.axes.push_back(Axis{key.toStdString(), {}, {}});
            if (entry.keys().size() != qsizetype(block.axes.size()))
                r.fail(place, "every entry names the same parameters as the first");
            for (Axis& a : block.axes) {
                const QString key = QString::fromStdString(a.name);
                if (!entry.contains(key))
                    r.fail(place, "has no '" + a.name + "' (every entry names the same parameters as the first)");
                a.values.push_back(r.valueText(entry.value(key), place + "." + a.name));
                a.places.push_back(place + "." + a.name);
            }
        }
        blocks.push_back(std::move(block));
    }
    if (json.contains("grid")) {
        if (!json.value("grid").isObject() || json.value("grid").toObject().isEmpty())
            r.fail("grid", "is an object: parameter → list of values");
        const QJsonObject grid = json.value("grid").toObject();
        for (auto it = grid.begin(); it != grid.end(); ++it) {
            const std::string place = "grid." + it.key().toStdString();
            blocks.push_back(Block{{r.axisFrom(it.key().toStdString(), r.nonEmptyArray(it.value(), place), place)}});
        }
    }
    if (json.contains("zip")) {
        if (!json.value("zip").isObject() || json.value("zip").toObject().isEmpty())
            r.fail("zip", "is an object: parameter → list of values, all lists as long");
        const QJsonObject zip = json.value("zip").toObject();
        Block block;
        for (auto it = zip.begin(); it != zip.end(); ++it) {
            const std::string place = "zip." + it.key().toStdString();
            block.axes.push_back(r.axisFrom(it.key().toStdString(), r.nonEmptyArray(it.value(), place), place));
            if (block.axes.back().values.size() != block.axes.front().values.size())
                r.fail(place, "has " + std::to_string(block.axes.back().values.size()) + " values, zip."
                                  + block.axes.front().name + " has " + std::to_string(block.size())
                                  + ": zipped lists vary together and must be as long");
        }
        blocks.push_back(std::move(block));
    }

    // Seeds: a list of whole numbers or a range text.
    if (!json.contains("seeds")) {
        spec.seeds = {1};
    } else if (json.value("seeds").isString()) {
        try {
            spec.seeds = parseSeedRanges(json.value("seeds").toString().toStdString());
        } catch (const InputError& e) {
            r.fail("seeds", e.what());
        }
    } else {
        const QJsonArray seeds = r.nonEmptyArray(json.value("seeds"), "seeds");
        for (qsizetype i = 0; i < seeds.size(); ++i) {
            const double v = seeds[i].toDouble(-1);
            if (!seeds[i].isDouble() || v < 0 || v != std::floor(v) || v > 1e15)
                r.fail("seeds[" + std::to_string(i) + "]", "a seed is a non-negative whole number");
            spec.seeds.push_back(std::uint64_t(v));
        }
    }
    if (std::set<std::uint64_t>(spec.seeds.begin(), spec.seeds.end()).size() != spec.seeds.size())
        r.fail("seeds", "a seed appears twice");

    // The commands template: lines, or a file beside the spec.
    std::string commands;
    if (json.contains("commands")) {
        const QJsonValue c = json.value("commands");
        if (c.isString()) {
            const auto path = std::filesystem::path(folder) / c.toString().toStdString();
            std::ifstream in(path);
            if (!in)
                r.fail("commands", "cannot read the commands file " + path.string());
            std::ostringstream text;
            text << in.rdbuf();
            commands = text.str();
        } else if (c.isArray()) {
            const QJsonArray lines = c.toArray();
            for (qsizetype i = 0; i < lines.size(); ++i) {
                if (!lines[i].isString())
                    r.fail("commands[" + std::to_string(i) + "]", "a command is a text, \"<time_s> <command> [args]\"");
                commands += lines[i].toString().toStdString() + "\n";
            }
        } else {
            r.fail("commands", "is a list of command lines or the name of a commands file");
        }
        json.insert("commands", QString::fromStdString(commands));  // sweep.json holds the text itself
    }
    const std::vector<std::string> used = placeholders(commands);

    // Every name once; every axis a parameter or a placeholder; every value in its range.
    const ParameterSet defaults = registry.defaults(spec.experiment);
    std::set<std::string> names;
    const auto checkName = [&](const std::string& name, const std::string& place) {
        if (!names.insert(name).second)
            r.fail(place, "'" + name + "' is given twice");
        if (name == "seed")
            r.fail(place, "seeds have their own key, \"seeds\"");
    };
    for (std::size_t i = 0; i < fixed.size(); ++i) {
        checkName(fixed[i].first, fixedPlaces[i]);
        if (!defaults.find(fixed[i].first))
            r.fail(fixedPlaces[i], "not a parameter of " + spec.experiment + " (see run " + spec.experiment + " --help)");
    }
    for (const Block& b : blocks)
        for (const Axis& a : b.axes) {
            checkName(a.name, a.places.front());
            spec.axisNames.push_back(a.name);
            const bool parameter = defaults.find(a.name) != nullptr;
            if (!parameter && std::find(used.begin(), used.end(), a.name) == used.end())
                r.fail(a.places.front(), "'" + a.name + "' is neither a parameter of " + spec.experiment
                                             + " nor a {placeholder} of the commands");
        }
    for (const std::string& p : used)
        if (!names.count(p))
            r.fail("commands", "{" + p + "} is not an axis of the sweep");
    ParameterSet base = defaults;
    for (std::size_t i = 0; i < fixed.size(); ++i) {
        try {
            base.set(fixed[i].first, fixed[i].second);
        } catch (const InputError& e) {
            r.fail(fixedPlaces[i], e.what());
        }
    }
    for (const Block& b : blocks)
        for (const Axis& a : b.axes)
            if (defaults.find(a.name))
                for (std::size_t i = 0; i < a.values.size(); ++i) {
                    ParameterSet p = base;
                    try {
                        p.set(a.name, a.values[i]);
                    } catch (const InputError& e) {
                        r.fail(a.places[i], e.what());
                    }
                }

    // The points: the product of the blocks (the first varies slowest), then the seeds.
    std::size_t combinations = 1;
    for (const Block& b : blocks)
        combinations *= b.size();
    if (combinations * spec.seeds.size() > 100000)
        r.fail("", "more than 100 000 runs; split the sweep");
    std::set<std::string> groups;
    for (std::size_t c = 0; c < combinations; ++c) {
        AxisValues values;
        std::size_t rest = c;
        std::vector<std::size_t> index(blocks.size());
        for (std::size_t k = blocks.size(); k-- > 0;) {
            index[k] = rest % blocks[k].size();
            rest /= blocks[k].size();
        }
        for (std::size_t k = 0; k < blocks.size(); ++k)
            for (const Axis& a : blocks[k].axes)
                values.emplace_back(a.name, a.values[index[k]]);
        std::string group;
        for (const auto& [name, value] : values)
            group += (group.empty() ? "" : ",") + name + "=" + folderSafe(value);
        if (group.empty())
            group = "all";
        if (!groups.insert(group).second)  // two values that differ only in odd characters
            group += ",point=" + std::to_string(c + 1);
        for (const std::uint64_t seed : spec.seeds) {
            SweepPoint p;
            p.group = group;
            p.axes = values;
            p.seed = seed;
            p.folder = (values.empty() ? "" : group + ",") + "seed=" + std::to_string(seed);
            for (const auto& [name, value] : fixed)
                p.assignments.push_back(name + "=" + value);
            for (const auto& [name, value] : values)
                if (defaults.find(name))
                    p.assignments.push_back(name + "=" + value);
            p.commands = expand(commands, values);
            spec.points.push_back(std::move(p));
        }
    }

    // The first point's commands against the experiment itself (verbs, arguments, times).
    if (!commands.empty()) {
        const SweepPoint& first = spec.points.front();
        ParameterSet params = defaults;
        for (const auto& a : first.assignments)
            params.setAssignment(a);
        try {
            const auto experiment = registry.create(spec.experiment, params, first.seed);
            for (const Command& cmd : parseCommands(first.commands, "commands of " + first.folder))
                experiment->validate(cmd);
        } catch (const InputError& e) {
            r.fail("commands", e.what());
        }
    }
    spec.json = json;
    return spec;
}

} // namespace plab
