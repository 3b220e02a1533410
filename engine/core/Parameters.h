#pragma once
// Named, typed, range-checked experiment parameters.
//
// An experiment describes its parameters once (name, kind, default, range, unit,
// description); the command line's --set, the `set` command and the GUI's generated
// parameter panel all go through the same parsing and checks, so a value that the GUI
// refuses is also refused headless.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace plab {

struct ParameterSpec {
    enum class Kind { Real, Integer, Choice, Text };

    std::string name;
    Kind kind = Kind::Real;
    double defaultValue = 0.0;  // Real, Integer
    double minimum = 0.0;       // inclusive
    double maximum = 0.0;       // inclusive
    std::string defaultText;    // Choice, Text
    std::vector<std::string> choices;
    std::string unit;           // "s", "Hz", "" ...
    std::string description;    // one sentence, shown as tooltip and in --help
    bool live = false;          // may change during a run through a `set` command
    std::string fileFilter;     // Text naming a file: the GUI offers a file dialog with this filter
    std::string symbol;         // the quantity's name in its paper: "η", "b", "β", "T"
    /// What a run file or state file written before this parameter existed means by leaving
    /// it out, where that is not the default (a new default must not change an old run).
    std::string valueBefore;
    /// Run files of a version below this one were written before the parameter (or its new
    /// default) existed; state files always name every parameter they had.
    int valueBeforeRunFileVersion = 0;
    /// Where valueBefore names another parameter: files before this one took that one's value
    /// (bayesnet's b_min was w_min), so a file that set that one means it here too.
    bool valueBeforeIsParameter = false;

    static ParameterSpec real(std::string name, double def, double lo, double hi, std::string unit,
                              std::string description, bool live = false);
    static ParameterSpec integer(std::string name, int def, int lo, int hi, std::string description,
                                 bool live = false);
    static ParameterSpec choice(std::string name, std::vector<std::string> choices, std::string def,
                                std::string description, bool live = false);
    static ParameterSpec text(std::string name, std::string def, std::string description);
    /// The same spec, naming a file ("Bayesian networks (*.bif)").
    ParameterSpec withFileFilter(std::string filter) &&
    {
        fileFilter = std::move(filter);
        return std::move(*this);
    }

    /// The same spec with the symbol its paper gives the quantity.
    ParameterSpec withSymbol(std::string s) &&
    {
        symbol = std::move(s);
        return std::move(*this);
    }

    /// The same spec with the value that files written before it existed stand for: state files,
    /// and run files of a version below `runFileVersion` (app/RunFile.cpp).
    ParameterSpec withValueBefore(std::string value, int runFileVersion) &&
    {
        valueBefore = std::move(value);
        valueBeforeRunFileVersion = runFileVersion;
        return std::move(*this);
    }

    /// The same spec, where files written before it took the value of `parameter` (which
    /// must come before it in the experiment's list).
    ParameterSpec withValueBeforeFrom(std::string parameter, int runFileVersion) &&
    {
        valueBeforeIsParameter = true;
        return std::move(*this).withValueBefore(std::move(parameter), runFileVersion);
    }

    bool isNumeric() const { return kind == Kind::Real || kind == Kind::Integer; }
};

/// The values of every parameter of one experiment, defaults filled in.
class ParameterSet {
public:
    explicit ParameterSet(std::vector<ParameterSpec> specs);

    const std::vector<ParameterSpec>& specs() const { return specs_; }
    const ParameterSpec* find(std::string_view name) const;

    /// Parses and checks `value` for `name`; throws InputError naming the problem.
    void set(std::string_view name, std::string_view value);
    /// Parses "key=value".
    void setAssignment(std::string_view assignment);
    /// Checks without changing anything; returns the parsed number for numeric kinds.
    double check(std::string_view name, std::string_view value) const;

    double number(std::string_view name) const;
    int integer(std::string_view name) const { return int(number(name)); }
    const std::string& text(std::string_view name) const;
    /// The value as it would be written back: shortest round-trip number or the text.
    std::string formatted(std::string_view name) const;
    /// For a file that names only `present` of the parameters: every other one that has a
    /// valueBefore takes it (the file was written before that parameter existed). A run file
    /// gives its version: a parameter whose valueBefore is for older versions keeps its default.
    void setValuesBefore(const std::vector<std::string>& present, int runFileVersion = 0);

private:
    const ParameterSpec& spec(std::string_view name) const;
    std::vector<ParameterSpec> specs_;
    std::map<std::string, double, std::less<>> numbers_;
    std::map<std::string, std::string, std::less<>> texts_;
};

/// Shortest decimal text that reads back to the same double ("0.1", "1e-05", "nan").
std::string formatNumber(double value);
/// Strict number parsing: the whole text must be a finite number.
bool parseNumber(std::string_view text, double& out);

} // namespace plab
