#include "SpikingModule.h"

#include "BayesianNetwork.h"

#include <cmath>
#include <limits>

namespace plab {

SpikingModule::SpikingModule(const BayesianNetwork& net, int var, std::vector<int> in, int modesPerValue, double rate)
    : variable(var), values(net.variables[std::size_t(var)].cardinality()), modes(modesPerValue), inputs(std::move(in))
{
    for (int j : inputs) {
        inputOffset.push_back(inputSize);
        inputValues.push_back(net.variables[std::size_t(j)].cardinality());
        inputSize += inputValues.back();
    }
    hidden = WtaCircuit(values * modes, std::max(1, inputSize), rate);
}

std::size_t SpikingModule::configurations() const
{
    std::size_t n = 1;
    for (int m : inputValues)
        n *= std::size_t(m);
    return n;
}

void SpikingModule::decodeConfiguration(std::size_t c, std::vector<int>& blanketValues) const
{
    blanketValues.assign(inputs.size(), 0);
    for (std::size_t j = inputs.size(); j-- > 0;) {
        blanketValues[j] = int(c % std::size_t(inputValues[j]));
        c /= std::size_t(inputValues[j]);
    }
}

void SpikingModule::conditional(const std::vector<int>& blanketValues, std::vector<double>& out) const
{
    const int H = hiddenSize();
    std::vector<double> u(static_cast<std::size_t>(H));
    double maxU = -std::numeric_limits<double>::infinity();
    for (int k = 0; k < H; ++k) {
        if (hidden.isLesioned(k)) {  // a removed or silenced neuron never wins
            u[std::size_t(k)] = -std::numeric_limits<double>::infinity();
            continue;
        }
        double s = hidden.biases()[k];
        for (std::size_t j = 0; j < inputs.size(); ++j)
            s += hidden.weights()(k, inputOffset[j] + blanketValues[j]);
        u[std::size_t(k)] = s;
        maxU = std::max(maxU, s);
    }
    out.assign(std::size_t(values), 0.0);
    double total = 0;
    if (!std::isfinite(maxU)) {  // every neuron gone: the module says nothing
        out.assign(std::size_t(values), 1.0 / values);
        return;
    }
    for (int k = 0; k < H; ++k) {
        const double e = std::exp(u[std::size_t(k)] - maxU);
        out[std::size_t(valueOf(k))] += e;
        total += e;
    }
    for (double& p : out)
        p /= total;
}

} // namespace plab
