#include "WinnerDraw.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plab {

double softmaxWeights(double* u, const std::uint8_t* lesioned, int n)
{
    double maxU = -std::numeric_limits<double>::infinity();
    for (int k = 0; k < n; ++k)
        if (!lesioned[k])
            maxU = std::max(maxU, u[k]);
    if (!std::isfinite(maxU)) {
        std::fill(u, u + n, 0.0);
        return 0.0;
    }
    double total = 0;
    for (int k = 0; k < n; ++k) {
        // A neuron held silent (-inf: a value the teacher or the evidence rules out) weighs
        // exactly 0 without the exp() call, which is most of a module's while it learns.
        u[k] = lesioned[k] || u[k] == -std::numeric_limits<double>::infinity() ? 0.0 : std::exp(u[k] - maxU);
        total += u[k];
    }
    return total;
}

int drawSoftmaxWinner(double* u, const std::uint8_t* lesioned, int n, RandomStream& rng)
{
    const double total = softmaxWeights(u, lesioned, n);
    if (!(total > 0) || !std::isfinite(total))
        return -1;  // a NaN potential: no neuron can be said to win
    return int(rng.categorical(u, std::size_t(n), total));
}

} // namespace plab
