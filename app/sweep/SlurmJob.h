#pragma once
// `sweep --slurm`: a SLURM job array over a sweep's unfinished points. Each array task runs its
// points with `plasticity-lab sweep SPEC --out DIR --point ...`, so a task that fails or is
// cancelled leaves exactly what a local run would, and the same sweep again resumes it.
#include "CommandLine.h"
#include "SweepSpec.h"

#include <string>
#include <vector>

namespace plab {

/// The job script: #SBATCH lines from the options, the points in a bash array, task K running
/// points [K·n, K·n + n).
std::string slurmJobScript(const SweepOptions& options, const std::string& specPath, const std::string& dir,
                           const std::vector<const SweepPoint*>& todo, const std::string& logFolder);

/// Writes DIR/slurm/job-K.sh, submits it with sbatch, prints the job id on stdout. Returns the
/// exit status (0 submitted or nothing to do, 1 sbatch failed).
int submitSlurmArray(const SweepOptions& options, const SweepSpec& spec, const std::string& dir,
                     const std::vector<const SweepPoint*>& todo);

} // namespace plab
