#pragma once
// A time-stamped intervention: the only way anything outside changes a running simulation.
//
// Text form (commands files, run files, the GUI's log): "<time_s> <verb> [args...]",
// e.g. "100 set learning_rate 0.005" or "3600 lesion zv-digit 2".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plab {

class StateArchive;

struct Command {
    double time = 0.0;  // simulated seconds at which it applies (before the step starting then)
    std::string verb;
    std::vector<std::string> args;
    std::string origin;  // "FILE:LINE" when read from a file, for error messages; not compared
    /// For "set NAME VALUE" made from a number (a slider): the value itself, applied as it is.
    /// The text in args (shortest round-trip form) is what logs and run files keep.
    std::optional<double> number;

    /// "set NAME VALUE" from a number.
    static Command set(double time, std::string name, double value);

    /// "set learning_rate 0.005" (without the time).
    std::string text() const;
    /// "100 set learning_rate 0.005".
    std::string line() const;

    /// Parses "verb args..." (no time); throws InputError on an empty text.
    static Command fromText(double time, std::string_view text);
    /// Parses "<time> verb args..."; throws InputError on a bad line.
    static Command fromLine(std::string_view line);

    void serialize(StateArchive& a);

    friend bool operator==(const Command& a, const Command& b)
    {
        return a.time == b.time && a.verb == b.verb && a.args == b.args;
    }
};

/// Reads a commands file: one command per line, '#' starts a comment, blank lines are skipped.
/// Errors name the file and line. The commands come back sorted by time (stable).
std::vector<Command> readCommandsFile(const std::string& path);
std::vector<Command> parseCommands(std::string_view text, const std::string& sourceName);

} // namespace plab
