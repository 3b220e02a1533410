#pragma once
// One learning module of Pecevski & Maass (2016) for a random variable X with m values.
//
//  input layer:  one neuron per value of each variable in X's Markov blanket (in the network
//                of modules these are the output neurons of the blanket's modules);
//  hidden layer: `modes` stochastic neurons per value of X, one WTA circuit (lateral
//                inhibition); plastic input→hidden weights (STDP-EM) and biases;
//  output layer: one neuron per value, fired by the hidden neurons of that value.
//
// Each hidden neuron is a mixture component; the module's implicit conditional is
//     p(x | mb) ∝ Σ_{hidden k coding x} exp(b_k + Σ_{inputs i active under mb} w_ki).
#include "neurons/WtaCircuit.h"

#include <vector>

namespace plab {

class BayesianNetwork;

struct SpikingModule {
    int variable = 0;               // which random variable this module learns
    int values = 2;                 // m
    int modes = 1;                  // hidden neurons per value
    std::vector<int> inputs;        // Markov-blanket variables, sorted
    std::vector<int> inputOffset;   // first input neuron of each blanket variable
    std::vector<int> inputValues;   // cardinality of each blanket variable
    int inputSize = 0;
    WtaCircuit hidden{1, 1, 1.0};   // values*modes neurons × inputSize synapses

    SpikingModule(const BayesianNetwork& net, int variable, std::vector<int> inputs, int modes, double rate);

    int hiddenSize() const { return values * modes; }
    int valueOf(int hiddenNeuron) const { return hiddenNeuron / modes; }
    std::size_t configurations() const;
    /// Values of the blanket variables for configuration index c (last variable fastest).
    void decodeConfiguration(std::size_t c, std::vector<int>& blanketValues) const;
    /// The implicit conditional p(x | blanket values) into out[0..m).
    void conditional(const std::vector<int>& blanketValues, std::vector<double>& out) const;
};

} // namespace plab
