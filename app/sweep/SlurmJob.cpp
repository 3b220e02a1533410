#include "SlurmJob.h"

#include "SweepRunner.h"

#include "core/Error.h"
#include "io/RunOutput.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace plab {

namespace fs = std::filesystem;

namespace {

/// An sbatch option's value goes into a "#SBATCH" line: one line, no shell syntax needed.
void checkOption(const std::string& name, const std::string& value)
{
    if (value.find_first_of("\n\r") != std::string::npos || value.find(' ') != std::string::npos)
        throw InputError(name + " '" + value + "': one word, as sbatch takes it");
}

} // namespace

std::string slurmJobScript(const SweepOptions& options, const std::string& specPath, const std::string& dir,
                           const std::vector<const SweepPoint*>& todo, const std::string& logFolder)
{
    const std::size_t per = std::size_t(options.pointsPerTask);
    const std::size_t tasks = (todo.size() + per - 1) / per;
    std::ostringstream s;
    s << "#!/bin/bash\n"
      << "# Written by plasticity-lab sweep --slurm: one array task per " << per << " point(s) of\n"
      << "# " << specPath << ". Submit again with the same command to resume what did not finish.\n"
      << "#SBATCH --job-name=plab-sweep\n"
      << "#SBATCH --array=0-" << tasks - 1 << "\n"
      << "#SBATCH --ntasks=1\n"
      << "#SBATCH --cpus-per-task=1\n"
      << "#SBATCH --output=" << logFolder << "/task-%a.log\n";
    if (!options.partition.empty())
        s << "#SBATCH --partition=" << options.partition << "\n";
    if (!options.timeLimit.empty())
        s << "#SBATCH --time=" << options.timeLimit << "\n";
    if (!options.memory.empty())
        s << "#SBATCH --mem=" << options.memory << "\n";
    s << "set -eu\n"
      << "points=(\n";
    for (const SweepPoint* p : todo)
        s << "  " << shellQuoted(p->folder) << "\n";
    s << ")\n"
      << "per=" << per << "\n"
      << "args=()\n"
      << "for p in \"${points[@]:SLURM_ARRAY_TASK_ID*per:per}\"; do args+=(--point \"$p\"); done\n"
      << "((${#args[@]})) || exit 0  # a task beyond the points (an --array given by hand)\n"
      << "exec " << shellQuoted(thisExecutable()) << " sweep " << shellQuoted(specPath) << " --out " << shellQuoted(dir)
      << " --jobs 1 --quiet \"${args[@]}\"\n";
    return s.str();
}

int submitSlurmArray(const SweepOptions& options, const SweepSpec& spec, const std::string& dir,
                     const std::vector<const SweepPoint*>& todo)
{
    // #SBATCH lines are not shell: a path there cannot be quoted, and sbatch expands '%'.
    for (const std::string& path : {fs::absolute(dir).string(), fs::absolute(spec.source).string()})
        if (path.find_first_of(" \t\n\r%") != std::string::npos)
            throw InputError("sweep --slurm: '" + path + "' has a space, a line break or a '%', which a job script's "
                             "#SBATCH lines cannot carry; choose another folder");
    checkOption("--partition", options.partition);
    checkOption("--time", options.timeLimit);
    checkOption("--mem", options.memory);
    if (todo.empty()) {
        std::fprintf(stderr, "sweep: every point is finished already; nothing to submit\n");
        return 0;
    }
    const fs::path slurmDir = fs::absolute(dir) / "slurm";
    fs::create_directories(slurmDir);
    int k = 1;
    while (fs::exists(slurmDir / ("job-" + std::to_string(k) + ".sh")))
        ++k;
    const fs::path script = slurmDir / ("job-" + std::to_string(k) + ".sh");
    const fs::path logs = slurmDir / ("job-" + std::to_string(k));
    fs::create_directories(logs);
    writeFileAtomically(script.string(), slurmJobScript(options, fs::absolute(spec.source).string(),
                                                        fs::absolute(dir).string(), todo, logs.string()));
    fs::permissions(script, fs::perms::owner_exec, fs::perm_options::add);

    // The job id from stdout alone: sbatch may also print notes on stderr.
    const fs::path errors = slurmDir / ("job-" + std::to_string(k) + ".sbatch-errors");
    const std::string command = "sbatch --parsable " + shellQuoted(script.string()) + " 2>" + shellQuoted(errors.string());
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) {
        std::fprintf(stderr, "sweep: cannot run sbatch\n");
        return 1;
    }
    std::string output;
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe))
        output += buffer;
    const int status = ::pclose(pipe);
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r'))
        output.pop_back();
    std::string why;
    {
        std::ifstream in(errors);
        std::getline(in, why, '\0');
        while (!why.empty() && (why.back() == '\n' || why.back() == '\r'))
            why.pop_back();
    }
    if (status != 0 || output.empty()) {
        std::fprintf(stderr, "sweep: sbatch failed (%s): %s\n", script.c_str(),
                     why.empty() ? "is SLURM installed here? (sbatch not found)" : why.c_str());
        return 1;
    }
    std::error_code ec;
    fs::remove(errors, ec);
    const std::string jobId = output.substr(0, output.find(';'));  // "id;cluster" on federated setups
    const std::size_t per = std::size_t(options.pointsPerTask);
    std::fprintf(stderr, "sweep: submitted %s: %zu points in %zu array tasks (%s); when squeue no longer lists it: "
                         "plasticity-lab collect %s\n",
                 script.c_str(), todo.size(), (todo.size() + per - 1) / per, logs.c_str(), dir.c_str());
    std::printf("%s\n", jobId.c_str());
    return 0;
}

} // namespace plab
