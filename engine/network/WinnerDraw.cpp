#include "WinnerDraw.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plab {

int drawSoftmaxWinner(double* u, const std::uint8_t* lesioned, int n, RandomStream& rng)
{
    double maxU = -std::numeric_limits<double>::infinity();
    for (int k = 0; k < n; ++k)
        if (!lesioned[k])
            maxU = std::max(maxU, u[k]);
    if (!std::isfinite(maxU))
        return -1;
    double total = 0;
    for (int k = 0; k < n; ++k) {
        u[k] = lesioned[k] ? 0.0 : std::exp(u[k] - maxU);
        total += u[k];
    }
    if (!(total > 0) || !std::isfinite(total))
        return -1;  // a NaN potential: no neuron can be said to win
    return int(rng.categorical(u, std::size_t(n), total));
}

} // namespace plab
