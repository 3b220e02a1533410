#include "Lesson.h"

#include "JsonFile.h"
#include "core/Command.h"
#include "core/Error.h"
#include "core/Experiment.h"
#include "core/ExperimentRegistry.h"
#include "experiments/BayesNetExperiment.h"
#include "io/Resources.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <memory>
#include <set>

namespace plab {

namespace {

constexpr const char* kFormat = "plasticity-lab lesson";
constexpr int kVersion = 1;

const std::set<QString> kLessonKeys = {"format", "version", "title", "summary", "steps"};
const std::set<QString> kStepKeys = {"title",    "text", "equation", "task",  "experiment", "seed",
                                     "set",      "commands", "speed", "run_until", "play", "table"};

/// A text or a list of paragraphs (which reads better in a JSON file than one long line).
QString richText(const QJsonValue& v, const std::string& what)
{
    if (v.isUndefined())
        return {};
    if (v.isString())
        return v.toString();
    if (!v.isArray())
        throw InputError(what + " must be a text or a list of paragraphs");
    QStringList paragraphs;
    for (const auto& p : v.toArray()) {
        if (!p.isString())
            throw InputError(what + " must be a text or a list of paragraphs");
        paragraphs << "<p>" + p.toString() + "</p>";
    }
    return paragraphs.join("");
}

double nonNegative(const QJsonValue& v, const std::string& what)
{
    if (!v.isDouble() || !(v.toDouble() >= 0) || !std::isfinite(v.toDouble()))
        throw InputError(what + " must be a number, 0 or more");
    return v.toDouble();
}

void checkKeys(const QJsonObject& o, const std::set<QString>& known, const std::string& where)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.count(it.key()))
            throw InputError(where + "unknown key \"" + it.key().toStdString() + "\"");
}

} // namespace

QString Lesson::experimentAt(std::size_t step) const
{
    for (std::size_t i = std::min(step + 1, steps.size()); i-- > 0;)
        if (!steps[i].experiment.isEmpty())
            return steps[i].experiment;
    return {};
}

Lesson Lesson::read(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw InputError(path.toStdString() + ": cannot open the lesson (" + file.errorString().toStdString() + ")");
    Lesson lesson = parse(file.readAll(), path);
    lesson.path = path;
    return lesson;
}

Lesson Lesson::parse(const QByteArray& json, const QString& sourceName)
{
    const std::string source = sourceName.toStdString();
    const QJsonObject o = parseJsonObject(json, source, "lesson");
    checkKeys(o, kLessonKeys, source + ": ");
    if (o.value("format").toString() != kFormat)
        throw InputError(source + ": \"format\" must be \"" + kFormat + "\" (is this a lesson?)");
    if (o.value("version").toDouble() != kVersion)
        throw InputError(source + ": \"version\" must be 1");

    Lesson lesson;
    lesson.path = sourceName;
    lesson.title = o.value("title").toString();
    if (lesson.title.isEmpty())
        throw InputError(source + ": \"title\" is missing");
    lesson.summary = richText(o.value("summary"), source + ": \"summary\"");
    const QJsonArray steps = o.value("steps").toArray();
    if (steps.isEmpty())
        throw InputError(source + ": \"steps\" must be a non-empty list");

    // Each step is checked against a probe of the experiment it runs in, so a misspelled
    // parameter or command fails here and not when a lecturer presses Next.
    std::unique_ptr<Experiment> probe;
    double reached = 0;  // run_until must not go back in time within one run
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const std::string where = source + ": step " + std::to_string(i + 1) + ": ";
        if (!steps[i].isObject())
            throw InputError(where + "must be a JSON object");
        const QJsonObject s = steps[i].toObject();
        checkKeys(s, kStepKeys, where);
        LessonStep step;
        step.title = s.value("title").toString();
        if (step.title.isEmpty())
            throw InputError(where + "\"title\" is missing");
        step.text = richText(s.value("text"), where + "\"text\"");
        step.equation = richText(s.value("equation"), where + "\"equation\"");
        step.task = richText(s.value("task"), where + "\"task\"");

        if (s.contains("experiment")) {
            step.experiment = s.value("experiment").toString();
            const std::string name = step.experiment.toStdString();
            if (!ExperimentRegistry::builtin().find(name))
                throw InputError(where + "unknown experiment '" + name + "' (plasticity-lab list shows them)");
            if (s.contains("seed")) {
                const double seed = nonNegative(s.value("seed"), where + "\"seed\"");
                if (seed != std::floor(seed) || seed > 9007199254740992.0)
                    throw InputError(where + "\"seed\" must be a whole number");
                step.seed = std::uint64_t(seed);
            }
            ParameterSet params = ExperimentRegistry::builtin().defaults(name);
            const QJsonObject set = s.value("set").toObject();
            if (s.contains("set") && !s.value("set").isObject())
                throw InputError(where + "\"set\" must be an object of parameter: value");
            for (auto it = set.begin(); it != set.end(); ++it) {
                std::string value;
                try {
                    value = parameterText(it.key(), it.value());
                    params.set(it.key().toStdString(), value);
                } catch (const InputError& e) {
                    throw InputError(where + e.what());
                }
                step.set.emplace_back(it.key().toStdString(), value);
            }
            try {
                probe = ExperimentRegistry::builtin().create(name, params, step.seed);
            } catch (const InputError& e) {
                throw InputError(where + e.what());
            }
            reached = 0;
        } else if (s.contains("seed") || s.contains("set")) {
            throw InputError(where + "\"seed\" and \"set\" belong to a step that starts an \"experiment\"");
        } else if (!probe) {
            throw InputError(where + "the first step must start an \"experiment\"");
        }

        if (s.contains("commands") && !s.value("commands").isArray())
            throw InputError(where + "\"commands\" must be a list of commands like \"lesion zv-digit 2\"");
        for (const auto& c : s.value("commands").toArray()) {
            if (!c.isString())
                throw InputError(where + "\"commands\" must be a list of commands like \"lesion zv-digit 2\"");
            try {
                probe->validate(Command::fromText(reached, c.toString().toStdString()));
            } catch (const InputError& e) {
                throw InputError(where + e.what());
            }
            step.commands << c.toString();
        }
        if (s.contains("speed"))
            step.speed = nonNegative(s.value("speed"), where + "\"speed\"");
        if (s.contains("run_until")) {
            step.runUntil = nonNegative(s.value("run_until"), where + "\"run_until\"");
            if (*step.runUntil < reached)
                throw InputError(where + "\"run_until\" " + formatNumber(*step.runUntil)
                                 + " s goes back in time (an earlier step runs to " + formatNumber(reached) + " s)");
            reached = *step.runUntil;
        }
        if (s.contains("play") && !s.value("play").isBool())
            throw InputError(where + "\"play\" must be true or false");
        step.play = s.value("play").toBool();
        if (step.play && step.runUntil)
            throw InputError(where + "a step either runs to a time (\"run_until\") or plays on (\"play\"), not both");
        if (s.contains("table")) {
            const auto* bayesnet = dynamic_cast<const BayesNetExperiment*>(probe.get());
            if (!bayesnet)
                throw InputError(where + "\"table\" opens a module table of the Bayesian-network experiment (bayesnet)");
            step.table = s.value("table").toString();
            if (bayesnet->network().find(step.table.toStdString()) < 0)
                throw InputError(where + "\"table\": the network has no variable '" + step.table.toStdString() + "'");
        }
        lesson.steps.push_back(std::move(step));
    }
    return lesson;
}

QString Lesson::peekTitle(const QString& path)
{
    QFile file(path);
    const QString title = file.open(QIODevice::ReadOnly)
                              ? QJsonDocument::fromJson(file.readAll()).object().value("title").toString()
                              : QString();
    return title.isEmpty() ? QFileInfo(path).completeBaseName() : title;
}

QString Lesson::find(const QString& nameOrPath)
{
    if (QFileInfo(nameOrPath).isFile())
        return nameOrPath;
    QStringList names;
    for (const QString& p : available()) {
        const QFileInfo info(p);
        if (info.completeBaseName() == nameOrPath || info.fileName() == nameOrPath)
            return p;
        names << info.completeBaseName();
    }
    throw InputError("no lesson '" + nameOrPath.toStdString() + "'"
                     + (names.isEmpty() ? std::string(" (no lessons found in resources/lessons)")
                                        : " (there are: " + names.join(", ").toStdString() + ")"));
}

QStringList Lesson::available()
{
    QStringList paths;
    for (const auto& p : Resources::list("lessons", ".json"))
        paths << QString::fromStdString(p);
    return paths;
}

} // namespace plab
