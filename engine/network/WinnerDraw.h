#pragma once
// The winner of a stochastic WTA circuit, drawn once for every experiment: at a circuit
// spike neuron k wins with probability q_k = e^{u_k} / Σ_j e^{u_j} over the neurons that
// are not lesioned (Nessler et al. 2013; Kappel et al. 2015).
#include "core/Random.h"

#include <cstdint>

namespace plab {

/// Overwrites u[0..n) with the unnormalised probabilities e^{u_k − max u} (0 for lesioned
/// neurons, all 0 if none can win) and returns their sum. Subtracting the maximum keeps
/// exp() in range (Kappel's wta_softmax does the same).
double softmaxWeights(double* u, const std::uint8_t* lesioned, int n);

/// Draws the winner among u[0..n) and returns its index, or −1 if every neuron is lesioned
/// (or a potential is not a number). u is overwritten as by softmaxWeights(): the draw needs
/// no division.
int drawSoftmaxWinner(double* u, const std::uint8_t* lesioned, int n, RandomStream& rng);

} // namespace plab
