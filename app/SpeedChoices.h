#pragma once
// The speeds the toolbar and the Simulation menu offer, and the one an experiment opens at.
#include <cmath>

namespace plab {

struct SpeedChoice {
    const char* label;
    double factor;  // simulated seconds per wall second; 0 = as fast as possible
};

inline constexpr SpeedChoice kSpeeds[] = {{"Real time (×1)", 1}, {"×3", 3},     {"×10", 10},
                                          {"×30", 30},           {"×100", 100}, {"×300", 300},
                                          {"×1000", 1000},       {"As fast as possible", 0}};

/// How long an experiment's default run should take to watch when it opens.
inline constexpr double kStoryWallSeconds = 60;

/// The offered speed at which a run of `simulatedSeconds` takes closest to a minute (on a
/// log scale: ×3 for 300 s, ×300 for four hours). Opened at real time, self-repair took an
/// hour to reach its first lesion.
inline double openingSpeed(double simulatedSeconds)
{
    if (!(simulatedSeconds > 0))
        return 1;
    double best = 1, bestDistance = INFINITY;
    for (const auto& s : kSpeeds) {
        if (s.factor <= 0)
            continue;
        const double distance = std::abs(std::log(simulatedSeconds / s.factor / kStoryWallSeconds));
        if (distance < bestDistance) {
            best = s.factor;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace plab
