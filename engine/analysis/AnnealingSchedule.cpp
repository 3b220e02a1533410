#include "AnnealingSchedule.h"

#include "core/Command.h"
#include "core/Error.h"
#include "core/Parameters.h"
#include "io/StateArchive.h"

#include <cmath>
#include <stdexcept>

namespace plab {

double AnnealingSchedule::at(double t) const
{
    if (t <= start || duration <= 0)
        return t <= start ? from : to;
    if (t >= start + duration)
        return to;
    const double f = (t - start) / duration;
    if (shape == Shape::Linear || from <= 0 || to <= 0)
        return from + (to - from) * f;
    return from * std::pow(to / from, f);
}

AnnealingSchedule::Shape AnnealingSchedule::parseShape(const std::string& text)
{
    if (text == "linear")
        return Shape::Linear;
    if (text == "exponential")
        return Shape::Exponential;
    throw std::invalid_argument("annealing shape must be linear or exponential, got " + text);
}

void AnnealingSchedule::checkCommand(const Command& c, double maxTemperature)
{
    double from = 0, to = 0, seconds = 0;
    if ((c.args.size() != 3 && c.args.size() != 4) || !parseNumber(c.args[0], from) || !parseNumber(c.args[1], to)
        || !parseNumber(c.args[2], seconds))
        throw InputError("anneal needs T0 T1 SECONDS [linear|exponential]");
    if (from < 0 || to < 0 || seconds <= 0)
        throw InputError("anneal: temperatures must not be negative and the duration must be positive");
    if (from > maxTemperature || to > maxTemperature)
        throw InputError("anneal: temperatures must be at most " + formatNumber(maxTemperature));
    if (c.args.size() == 4 && c.args[3] != "linear" && c.args[3] != "exponential")
        throw InputError("anneal: shape must be linear or exponential");
}

AnnealingSchedule AnnealingSchedule::fromCommand(const Command& c, double now)
{
    AnnealingSchedule s;
    parseNumber(c.args[0], s.from);
    parseNumber(c.args[1], s.to);
    parseNumber(c.args[2], s.duration);
    s.shape = c.args.size() == 4 ? parseShape(c.args[3]) : Shape::Exponential;
    s.start = now;
    s.active = true;
    return s;
}

void AnnealingSchedule::serialize(StateArchive& a)
{
    a.value(start);
    a.value(duration);
    a.value(from);
    a.value(to);
    int s = int(shape);
    a.value(s);
    if (a.reading() && (s < 0 || s > 1))
        a.fail("annealing shape " + std::to_string(s));
    shape = Shape(s);
    a.value(active);
}

} // namespace plab
