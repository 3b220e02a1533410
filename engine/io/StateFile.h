#pragma once
// State files: a simulation frozen at a moment, to be continued later with the same result
// as if it had never stopped.
//
//   8 bytes   magic "PLABSTAT"
//   u32       format version (2; files of version 1 load too)
//   u64       length of the body
//   body      experiment name, seed, the parameters the run started with (name = value),
//             then Simulation::serializeState: time, current parameters, weights, θ, traces,
//             random generator states (version 2: by name, after the experiment's part;
//             version 1: inside it), pending and applied commands, recorded series
//   u32       CRC-32 of everything before it
//
// Little-endian, numbers stored bit for bit. Loading rebuilds the experiment from its name,
// seed and starting parameters (data and sizes follow from them) and then reads the state
// over it. Any damage — a truncated or flipped byte, a newer version, a state that does not
// fit its parameters — is an InputError naming the file, never a crash.
#include "core/Simulation.h"
#include "io/StateArchive.h"

#include <memory>
#include <string>
#include <string_view>

namespace plab {

constexpr std::uint32_t kStateFormatVersion = StateArchive::kCurrentFormat;

std::string encodeState(Simulation& sim);
std::unique_ptr<Simulation> decodeState(std::string_view bytes, const std::string& source);

/// Writes atomically: a crash or a full disk during the write leaves the previous file intact.
void saveStateFile(Simulation& sim, const std::string& path);
std::unique_ptr<Simulation> loadStateFile(const std::string& path);

} // namespace plab
