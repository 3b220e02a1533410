#pragma once
// A run file: everything that fixes a run — experiment, parameters, seed, the commands a
// user gave and when they applied, and how long it ran. The GUI saves one (File → Save run);
// `plasticity-lab run --replay FILE.json` and File → Open run reproduce the run from it;
// every headless run leaves one as DIR/run.json.
//
//   {
//     "format": "plasticity-lab run", "version": 1,
//     "experiment": "self-repair", "seed": 1, "sim_seconds": 7200,
//     "parameters": {"learning_rate": 0.0003, "digits": "1,2", ...},
//     "commands": ["1800 set temperature 0.5", "3600 lesion zv-digit 2"]
//   }
//
// Parameters absent from the file keep their defaults; numbers are written shortest
// round-trip, so a replay sees bit-identical values. Commands scheduled by the experiment
// itself (a default lesion schedule) are not listed: the experiment schedules them again.
#include "core/Command.h"
#include "core/Parameters.h"

#include <cstdint>
#include <string>
#include <vector>

namespace plab {

struct RunFile {
    std::string experiment;
    std::uint64_t seed = 1;
    double simSeconds = 0;
    std::vector<std::pair<std::string, std::string>> parameters;  // name, value as text
    std::vector<Command> commands;
    int version = 2;  // of the file read (1: parameters added since mean their old value)

    /// Experiment defaults with this file's values applied (throws InputError).
    ParameterSet parameterSet() const;

    /// Reads and checks a run file; InputError names the file and the line, column or key.
    static RunFile read(const std::string& path);
    static RunFile parse(const std::string& text, const std::string& sourceName);
    std::string toJson() const;
    /// Writes atomically (temporary file, flush, rename).
    void write(const std::string& path) const;

    /// The run file of a run with these parameters; keeps only the commands a user gave.
    static RunFile fromRun(const std::string& experiment, const ParameterSet& params, std::uint64_t seed,
                           double simSeconds, const std::vector<Command>& applied);
};

} // namespace plab
