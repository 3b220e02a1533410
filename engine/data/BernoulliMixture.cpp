#include "BernoulliMixture.h"

namespace plab {

BernoulliMixture BernoulliMixture::random(int components, int side, double pOn, double pOff, RandomStream& rng)
{
    const int pixels = side * side;
    BernoulliMixture m;
    m.side = side;
    m.on.resize(components, pixels);
    m.weights.assign(std::size_t(components), 1.0 / components);
    std::vector<std::vector<char>> bits(static_cast<std::size_t>(components), std::vector<char>(static_cast<std::size_t>(pixels)));
    for (int k = 0; k < components; ++k) {
        for (int attempt = 0;; ++attempt) {
            for (auto& b : bits[std::size_t(k)])
                b = rng.bernoulli(0.5);
            bool distinct = true;
            for (int j = 0; j < k && distinct; ++j) {
                int differ = 0;
                for (int i = 0; i < pixels; ++i)
                    differ += bits[std::size_t(k)][std::size_t(i)] != bits[std::size_t(j)][std::size_t(i)];
                distinct = differ * 4 >= pixels;
            }
            if (distinct || attempt > 1000)
                break;
        }
        for (int i = 0; i < pixels; ++i)
            m.on(k, i) = bits[std::size_t(k)][std::size_t(i)] ? pOn : pOff;
    }
    return m;
}

int BernoulliMixture::sample(RandomStream& rng, std::vector<std::uint8_t>& out) const
{
    const int k = int(rng.categorical(weights.data(), weights.size(), 1.0));
    out.resize(std::size_t(pixels()));
    for (int i = 0; i < pixels(); ++i)
        out[std::size_t(i)] = rng.bernoulli(on(k, i)) ? 1 : 0;
    return k;
}

} // namespace plab
