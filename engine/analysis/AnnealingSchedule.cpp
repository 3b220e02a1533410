#include "AnnealingSchedule.h"

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

} // namespace plab
