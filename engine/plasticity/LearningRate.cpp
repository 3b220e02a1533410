#include "LearningRate.h"

#include "io/StateArchive.h"

#include <cmath>
#include <stdexcept>

namespace plab {

LearningRateSchedule::Mode LearningRateSchedule::parseMode(const std::string& text)
{
    if (text == "constant")
        return Mode::Constant;
    if (text == "decaying")
        return Mode::Decaying;
    if (text == "adaptive")
        return Mode::Adaptive;
    if (text == "counting")
        return Mode::Counting;
    throw std::invalid_argument("unknown learning-rate mode " + text);
}

double VarianceTracker::rate(double eta0, double s, double q)
{
    const double variance = std::max(0.0, q - s * s);
    return eta0 * variance / (std::exp(-s) + 1.0);
}

void LearningRateSchedule::serialize(StateArchive& a)
{
    int m = int(mode);
    a.value(m);
    if (a.reading() && (m < 0 || m > 3))
        a.fail("learning-rate mode " + std::to_string(m));
    mode = Mode(m);
    a.value(eta0);
    a.value(decayTime);
    a.value(start);
}

} // namespace plab
