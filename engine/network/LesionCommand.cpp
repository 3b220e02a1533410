#include "LesionCommand.h"

#include "core/Error.h"
#include "core/Parameters.h"

#include <cmath>

namespace plab {

LesionCommand parseLesion(const Command& c, int neurons, bool synapses, const std::string& experiment)
{
    const std::string understood = experiment + " understands 'lesion neuron K'"
                                   + (synapses ? std::string(" and 'lesion synapses FRACTION'") : std::string());
    if (c.verb != "lesion" || c.args.size() != 2)
        throw InputError(understood);
    LesionCommand lesion;
    double x = 0;
    const bool number = parseNumber(c.args[1], x);
    if (c.args[0] == "neuron") {
        if (!number || x != std::floor(x) || x < 1 || x > neurons)
            throw InputError("lesion neuron: K must be a neuron number from 1 to " + std::to_string(neurons)
                             + ", got '" + c.args[1] + "'");
        lesion.kind = LesionCommand::Kind::Neuron;
        lesion.neuron = int(x) - 1;
        return lesion;
    }
    if (synapses && c.args[0] == "synapses") {
        if (!number || !(x >= 0 && x <= 1))
            throw InputError("lesion synapses: FRACTION must be between 0 and 1, got '" + c.args[1] + "'");
        lesion.kind = LesionCommand::Kind::Synapses;
        lesion.fraction = x;
        return lesion;
    }
    throw InputError(understood);
}

std::string lesionNeuronHelp(int neurons)
{
    return "lesion neuron K  (K = 1.." + std::to_string(neurons) + ")";
}

std::string lesionSynapsesHelp()
{
    return "lesion synapses FRACTION  (removes that fraction of potential synapses for good)";
}

} // namespace plab
