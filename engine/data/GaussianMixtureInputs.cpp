#include "GaussianMixtureInputs.h"

#include <cmath>

namespace plab {

GaussianMixtureInputs GaussianMixtureInputs::random(int inputs, int clusters, int dimensions, double minSeparation,
                                                    RandomStream& rng)
{
    GaussianMixtureInputs g;
    g.dimensions = dimensions;
    g.centres.resize(inputs, dimensions);
    for (int i = 0; i < inputs; ++i)
        for (int d = 0; d < dimensions; ++d)
            g.centres(i, d) = rng.uniform();
    g.clusterMeans.resize(clusters, dimensions);
    for (int k = 0; k < clusters; ++k) {
        for (int attempt = 0; attempt < 1000; ++attempt) {
            for (int d = 0; d < dimensions; ++d)
                g.clusterMeans(k, d) = rng.uniform(0.15, 0.85);
            bool far = true;
            for (int j = 0; j < k && far; ++j)
                far = (g.clusterMeans.row(k) - g.clusterMeans.row(j)).norm() >= minSeparation;
            if (far)
                break;
        }
    }
    return g;
}

int GaussianMixtureInputs::sample(RandomStream& rng, Eigen::VectorXd& s) const
{
    const int k = int(rng.index(std::uint64_t(clusters())));
    s.resize(dimensions);
    for (int d = 0; d < dimensions; ++d)
        s[d] = clusterMeans(k, d) + clusterSd * rng.normal();
    return k;
}

void GaussianMixtureInputs::rates(const Eigen::VectorXd& s, std::vector<double>& out) const
{
    out.resize(std::size_t(centres.rows()));
    const double inv = 1.0 / (width * width);
    for (Eigen::Index i = 0; i < centres.rows(); ++i)
        out[std::size_t(i)] = background + peak * std::exp(-(centres.row(i).transpose() - s).squaredNorm() * inv);
}

} // namespace plab
