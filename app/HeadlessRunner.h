#pragma once
// `plasticity-lab list` and `plasticity-lab run`: the engine without a window.
#include "CommandLine.h"

#include <iosfwd>

namespace plab {

int listExperiments(std::ostream& out);
/// Returns the exit status: 0 done, 2 bad input, 130 interrupted (partial results written).
int runHeadless(const RunOptions& options);

} // namespace plab
