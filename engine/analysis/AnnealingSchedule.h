#pragma once
// Temperature over time for simulated annealing: from T0 to T1 over a duration, linearly or
// exponentially (geometric cooling), constant before and after.
#include <string>

namespace plab {

class StateArchive;

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
    void serialize(StateArchive& a);
};

} // namespace plab
