#include "Parameters.h"

#include "Error.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace plab {

ParameterSpec ParameterSpec::real(std::string name, double def, double lo, double hi, std::string unit,
                                  std::string description, bool live)
{
    ParameterSpec s;
    s.name = std::move(name);
    s.kind = Kind::Real;
    s.defaultValue = def;
    s.minimum = lo;
    s.maximum = hi;
    s.unit = std::move(unit);
    s.description = std::move(description);
    s.live = live;
    return s;
}

ParameterSpec ParameterSpec::integer(std::string name, int def, int lo, int hi, std::string description,
                                     bool live)
{
    ParameterSpec s = real(std::move(name), def, lo, hi, "", std::move(description), live);
    s.kind = Kind::Integer;
    return s;
}

ParameterSpec ParameterSpec::choice(std::string name, std::vector<std::string> choices, std::string def,
                                    std::string description, bool live)
{
    ParameterSpec s;
    s.name = std::move(name);
    s.kind = Kind::Choice;
    s.choices = std::move(choices);
    s.defaultText = std::move(def);
    s.description = std::move(description);
    s.live = live;
    return s;
}

ParameterSpec ParameterSpec::text(std::string name, std::string def, std::string description)
{
    ParameterSpec s;
    s.name = std::move(name);
    s.kind = Kind::Text;
    s.defaultText = std::move(def);
    s.description = std::move(description);
    return s;
}

std::string formatNumber(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

bool parseNumber(std::string_view text, double& out)
{
    if (text.empty())
        return false;
    if (text.front() == '+')
        text.remove_prefix(1);
    const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
    return result.ec == std::errc() && result.ptr == text.data() + text.size() && std::isfinite(out);
}

ParameterSet::ParameterSet(std::vector<ParameterSpec> specs) : specs_(std::move(specs))
{
    for (const auto& s : specs_) {
        if (s.isNumeric())
            numbers_[s.name] = s.defaultValue;
        else
            texts_[s.name] = s.defaultText;
    }
}

const ParameterSpec* ParameterSet::find(std::string_view name) const
{
    for (const auto& s : specs_)
        if (s.name == name)
            return &s;
    return nullptr;
}

const ParameterSpec& ParameterSet::spec(std::string_view name) const
{
    if (const auto* s = find(name))
        return *s;
    throw InputError("unknown parameter '" + std::string(name) + "'");
}

double ParameterSet::check(std::string_view name, std::string_view value) const
{
    const ParameterSpec& s = spec(name);
    const std::string n(name);
    switch (s.kind) {
    case ParameterSpec::Kind::Real:
    case ParameterSpec::Kind::Integer: {
        double v = 0;
        if (!parseNumber(value, v))
            throw InputError("parameter '" + n + "' needs a number, got '" + std::string(value) + "'");
        if (s.kind == ParameterSpec::Kind::Integer && v != std::floor(v))
            throw InputError("parameter '" + n + "' needs a whole number, got '" + std::string(value) + "'");
        if (v < s.minimum || v > s.maximum)
            throw InputError("parameter '" + n + "' = " + std::string(value) + " is outside its range ["
                             + formatNumber(s.minimum) + ", " + formatNumber(s.maximum) + "]"
                             + (s.unit.empty() ? "" : " " + s.unit));
        return v;
    }
    case ParameterSpec::Kind::Choice:
        if (std::find(s.choices.begin(), s.choices.end(), value) == s.choices.end()) {
            std::string list;
            for (const auto& c : s.choices)
                list += (list.empty() ? "" : ", ") + c;
            throw InputError("parameter '" + n + "' must be one of " + list + ", got '" + std::string(value) + "'");
        }
        return 0;
    case ParameterSpec::Kind::Text:
        return 0;
    }
    return 0;
}

void ParameterSet::set(std::string_view name, std::string_view value)
{
    const double v = check(name, value);
    const ParameterSpec& s = spec(name);
    if (s.isNumeric())
        numbers_.find(name)->second = v;
    else
        texts_.find(name)->second = std::string(value);
}

void ParameterSet::setAssignment(std::string_view assignment)
{
    const auto eq = assignment.find('=');
    if (eq == std::string_view::npos || eq == 0)
        throw InputError("expected key=value, got '" + std::string(assignment) + "'");
    set(assignment.substr(0, eq), assignment.substr(eq + 1));
}

double ParameterSet::number(std::string_view name) const
{
    const auto it = numbers_.find(name);
    if (it == numbers_.end())
        throw std::logic_error("no numeric parameter " + std::string(name));
    return it->second;
}

const std::string& ParameterSet::text(std::string_view name) const
{
    const auto it = texts_.find(name);
    if (it == texts_.end())
        throw std::logic_error("no text parameter " + std::string(name));
    return it->second;
}

std::string ParameterSet::formatted(std::string_view name) const
{
    const ParameterSpec& s = spec(name);
    return s.isNumeric() ? formatNumber(number(name)) : text(name);
}

void ParameterSet::setValuesBefore(const std::vector<std::string>& present, int runFileVersion)
{
    for (const auto& spec : specs_)
        if (!spec.valueBefore.empty() && (runFileVersion == 0 || runFileVersion < spec.valueBeforeRunFileVersion)
            && std::find(present.begin(), present.end(), spec.name) == present.end())
            set(spec.name, spec.valueBeforeIsParameter ? formatted(spec.valueBefore) : spec.valueBefore);
}

} // namespace plab
