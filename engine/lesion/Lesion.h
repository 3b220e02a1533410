#pragma once
// The lesion vocabulary of every spiking experiment, as commands:
//
//   lesion  neurons [POP] SELECTION     remove neurons for good
//   silence neurons [POP] SELECTION     stop them firing, until
//   restore neurons [POP] SELECTION     brings silenced neurons back ("all": every one)
//     SELECTION: K | K,L,... | K-L      neuron numbers, from 1
//                random FRACTION         round(FRACTION × size) neurons, drawn at random
//                strongest|weakest FRACTION   by total weight onto them
//                preferring VALUE        the neurons that prefer VALUE now
//                all
//   lesion synapses [PATHWAY] random|strongest|weakest FRACTION
//                                        round(FRACTION × size) synapses, for good
//   lesion weights [PATHWAY] noise SD    adds N(0, SD²) to every synapse's parameter
//   lesion weights [PATHWAY] scale FACTOR   multiplies every weight by FACTOR
//   lesion neuron K                      (older form) = lesion neurons POP K, the first POP
//
// POP or PATHWAY may be left out where the network has only one. Counts are exact; a
// selection takes only neurons or synapses that are still there (silenced neurons are: a
// lesion removes them too). Random draws come from a stream named by the command, its step
// and how many lesions came before it in that step, so a replay or a fork draws the same.
#include "core/Command.h"
#include "lesion/LesionSite.h"

#include <string>
#include <vector>

namespace plab {

class RandomStream;

struct Lesion {
    enum class Action { RemoveNeurons, SilenceNeurons, RestoreNeurons, RemoveSynapses, WeightNoise, WeightScale };
    enum class Selection { List, Random, Strongest, Weakest, Preferring, All };
    Action action = Action::RemoveNeurons;
    Selection selection = Selection::List;
    int target = 0;            // population, or pathway
    std::vector<int> neurons;  // 0-based (Selection::List)
    double amount = 0;         // fraction, SD or factor
    int preference = -1;       // index into the population's preferences (Selection::Preferring)
};

/// Whether `command` is one of the vocabulary's (by verb and first word), whatever its arguments.
bool isLesionCommand(const Command& command);
/// Whether a command is a lesion for the lesion effects (Simulation::lesionTimes): any
/// `lesion` (an experiment's own forms too, such as self-repair's `lesion cut zv-za`) or
/// `silence neurons`; not `restore`.
bool countsAsLesion(const Command& command);

/// Parses against what `site` offers; throws InputError saying what is wrong and what
/// `experiment` understands.
Lesion parseLesion(const Command& command, const LesionSite& site, const std::string& experiment);

/// Applies it; returns how many neurons or synapses it changed. `rng` draws random selections
/// and noise.
std::int64_t applyLesion(const Lesion& lesion, LesionSite& site, RandomStream& rng);

/// Help lines: the commands, with the site's populations and pathways.
std::vector<std::string> lesionHelp(const LesionSite& site);

} // namespace plab
