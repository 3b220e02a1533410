#include "AnnealingSchedule.h"

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
