#pragma once
// The speeds the toolbar and the Simulation menu offer.
namespace plab {

struct SpeedChoice {
    const char* label;
    double factor;  // simulated seconds per wall second; 0 = as fast as possible
};

inline constexpr SpeedChoice kSpeeds[] = {{"Real time (×1)", 1}, {"×10", 10}, {"×100", 100}, {"×1000", 1000},
                                          {"As fast as possible", 0}};

} // namespace plab
