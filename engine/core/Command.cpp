#include "Command.h"

#include "io/StateArchive.h"

#include "Error.h"
#include "Parameters.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace plab {

namespace {

std::vector<std::string> splitWords(std::string_view text)
{
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
            ++i;
        const std::size_t start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
            ++i;
        if (i > start)
            words.emplace_back(text.substr(start, i - start));
    }
    return words;
}

} // namespace

Command Command::set(double time, std::string name, double value)
{
    Command c;
    c.time = time;
    c.verb = "set";
    c.args = {std::move(name), formatNumber(value)};
    c.number = value;
    return c;
}

std::string Command::text() const
{
    std::string out = verb;
    for (const auto& a : args)
        out += " " + a;
    return out;
}

std::string Command::line() const
{
    return formatNumber(time) + " " + text();
}

Command Command::fromText(double time, std::string_view text)
{
    auto words = splitWords(text);
    if (words.empty())
        throw InputError("empty command");
    Command c;
    c.time = time;
    c.verb = words.front();
    c.args.assign(words.begin() + 1, words.end());
    return c;
}

Command Command::fromLine(std::string_view line)
{
    auto words = splitWords(line);
    if (words.empty())
        throw InputError("empty command line");
    double t = 0;
    if (!parseNumber(words.front(), t))
        throw InputError("a command line starts with its time in seconds, got '" + words.front() + "'");
    if (t < 0)
        throw InputError("command time " + words.front() + " is negative");
    if (words.size() < 2)
        throw InputError("no command after the time " + words.front());
    Command c;
    c.time = t;
    c.verb = words[1];
    c.args.assign(words.begin() + 2, words.end());
    return c;
}

std::vector<Command> parseCommands(std::string_view text, const std::string& sourceName)
{
    std::vector<Command> commands;
    long lineNumber = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        std::string_view line = text.substr(pos, end - pos);
        ++lineNumber;
        pos = end + 1;
        if (const auto hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        if (line.find('\0') != std::string_view::npos)
            throw fileError(sourceName, lineNumber, "binary data in a commands file");
        if (splitWords(line).empty())
            continue;
        try {
            commands.push_back(Command::fromLine(line));
            commands.back().origin = sourceName + ":" + std::to_string(lineNumber);
        } catch (const InputError& e) {
            throw fileError(sourceName, lineNumber, e.what());
        }
        if (end == text.size())
            break;
    }
    std::stable_sort(commands.begin(), commands.end(),
                     [](const Command& a, const Command& b) { return a.time < b.time; });
    return commands;
}

std::vector<Command> readCommandsFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot open commands file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parseCommands(buffer.str(), path);
}

void Command::serialize(StateArchive& a)
{
    a.value(time);
    a.value(verb);
    a.values(args);
    a.value(origin);
}

} // namespace plab
