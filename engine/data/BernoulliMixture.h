#pragma once
// A mixture of K Bernoulli images with known truth: the synthetic data of em-mixture.
// Component k has pixel-on probabilities p(k, j) ∈ {pOn, pOff}; an example is drawn by
// choosing k with probability weights[k] and then each pixel independently.
#include "core/Random.h"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace plab {

struct BernoulliMixture {
    Eigen::MatrixXd on;            // K × pixels, p(pixel on | k)
    std::vector<double> weights;   // mixing probabilities, sum 1
    int side = 0;                  // images are side × side

    int components() const { return int(on.rows()); }
    int pixels() const { return int(on.cols()); }

    /// Random prototypes, each pixel "on" in half of them on average, any two differing in at
    /// least a quarter of the pixels (redrawn until they do), equal mixing weights.
    static BernoulliMixture random(int components, int side, double pOn, double pOff, RandomStream& rng);

    /// Draws one example into `bits` (one byte per pixel, 0/1) and returns its component.
    int sample(RandomStream& rng, std::vector<std::uint8_t>& bits) const;
};

} // namespace plab
