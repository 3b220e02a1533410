#pragma once
// The lesion commands of the WTA experiments, parsed in one place: validation and
// application read the same words.
#include "core/Command.h"

#include <string>

namespace plab {

struct LesionCommand {
    enum class Kind { Neuron, Synapses };
    Kind kind = Kind::Neuron;
    int neuron = -1;       // 0-based, for Kind::Neuron
    double fraction = 0;   // for Kind::Synapses
};

/// "lesion neuron K" (K = 1..neurons) and, where `synapses` allows it, "lesion synapses
/// FRACTION" (0–1). Throws InputError saying what `experiment` understands.
LesionCommand parseLesion(const Command& command, int neurons, bool synapses, const std::string& experiment);

/// The help lines for the same commands.
std::string lesionNeuronHelp(int neurons);
std::string lesionSynapsesHelp();

} // namespace plab
