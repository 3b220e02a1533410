#pragma once
// `plasticity-lab sweep`: lays out a sweep's folder and runs its unfinished points, here on
// several processes, on SLURM (SlurmJob) or through printed commands. Each point is one
// `plasticity-lab run` process, so a point's files are exactly those of a run.
#include "CommandLine.h"
#include "SweepSpec.h"

#include <string>

namespace plab {

/// DIR/sweep.json written (or found equal: a folder holds one sweep), one folder per point,
/// each point's commands.txt. InputError when DIR holds another sweep.
void prepareSweepFolder(const SweepSpec& spec, const std::string& dir);

/// A point is finished when its summary.json exists and says the run was complete.
bool pointFinished(const std::string& dir, const SweepPoint& point);

/// The arguments of the `plasticity-lab run` that computes a point (without the program).
std::vector<std::string> pointRunArguments(const SweepSpec& spec, const std::string& dir, const SweepPoint& point);

/// 'text' for a POSIX shell.
std::string shellQuoted(const std::string& text);

/// The program itself (for the processes and the jobs it writes).
std::string thisExecutable();

/// The sweep's folder: --out, or out/sweep-<spec's file name without .json>.
std::string sweepFolder(const SweepOptions& options);

/// Returns the exit status: 0 every selected point finished, 1 some failed, 130 interrupted.
int runSweep(const SweepOptions& options);

} // namespace plab
