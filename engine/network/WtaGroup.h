#pragma once
// One stochastic WTA circuit inside a network: a run of hidden neurons that fires as one
// Poisson process of a fixed total rate (lateral inhibition holds the rate), the winner of
// each spike drawn from the softmax of the potentials.
namespace plab {

struct WtaGroup {
    int first = 0;       // first hidden neuron (row)
    int count = 0;       // neurons
    int population = 0;  // which population it belongs to (self-repair: 0 zV, 1 zA)
    double nextSpike = 0;
};

} // namespace plab
