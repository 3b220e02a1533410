#pragma once
// Temperature over time for simulated annealing: from T0 to T1 over a duration, linearly or
// exponentially (geometric cooling), constant before and after.
#include <limits>
#include <string>

namespace plab {

class StateArchive;
struct Command;

struct AnnealingSchedule {
    enum class Shape { Linear, Exponential };
    double start = 0;     // s
    double duration = 0;  // s
    double from = 1, to = 0.05;
    Shape shape = Shape::Exponential;
    bool active = false;

    double at(double t) const;
    bool running(double t) const { return active && t >= start && t < start + duration; }
    static Shape parseShape(const std::string& text);  // "linear" | "exponential"
    /// Checks an `anneal T0 T1 SECONDS [linear|exponential]` command (InputError if malformed);
    /// temperatures above maxTemperature are refused too.
    static void checkCommand(const Command& c, double maxTemperature = std::numeric_limits<double>::infinity());
    /// The schedule a checked `anneal` command starts at time `now`.
    static AnnealingSchedule fromCommand(const Command& c, double now);
    void serialize(StateArchive& a);
};

} // namespace plab
