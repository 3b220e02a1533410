#pragma once
// A guided lesson: a short sequence of steps, each with text to read, the one equation that
// matters, what to do now, and what the application does when the step begins (start an
// experiment, send commands, run to a time). Lessons are JSON files in resources/lessons/,
// so a new lesson needs no code; reading one checks every name, value and command against
// the engine, so a typo is an error when the lesson opens, not in front of a class.
#include "core/Parameters.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace plab {

struct LessonStep {
    QString title;
    QString text;      // rich text (Qt's HTML subset)
    QString equation;  // rich text, shown large; may be empty
    QString task;      // what the reader does now; may be empty

    // What happens when the step begins, in this order:
    QString experiment;  // non-empty: a new run of this experiment...
    std::uint64_t seed = 1;
    std::vector<std::pair<std::string, std::string>> set;  // ...with these parameters
    QStringList commands;           // sent at the current simulated time
    std::optional<double> speed;    // simulated seconds per wall second, 0 = as fast as possible
    std::optional<double> runUntil;  // run until this simulated time, then pause
    bool play = false;               // or just start running
    QString table;  // bayesnet: this variable's module table is opened in the panel
};

struct Lesson {
    QString path;
    QString title;
    QString summary;
    std::vector<LessonStep> steps;

    /// The experiment each step runs in (the last one a step started).
    QString experimentAt(std::size_t step) const;

    /// Reads and checks a lesson file; throws InputError ("FILE: step 3: ...").
    static Lesson read(const QString& path);
    static Lesson parse(const QByteArray& json, const QString& sourceName);
    /// The title of a lesson file without checking it (for menus); the file name if unreadable.
    static QString peekTitle(const QString& path);
    /// The file of a lesson given by path, file name or name without .json; throws
    /// InputError listing the lessons there are.
    static QString find(const QString& nameOrPath);
    /// Every lesson file in resources/lessons/, sorted by name.
    static QStringList available();
};

} // namespace plab
