#pragma once
// The input of Kappel et al.'s experiment 4 (their Matlab code): input neurons with Gaussian
// tuning curves over a D-dimensional "sensory" space, centres uniform in [0,1]^D,
//     rate_i(s) = background + peak · exp(−‖s − c_i‖² / width²),
// and experiences s drawn from a mixture of Gaussian clusters.
#include "core/Random.h"

#include <Eigen/Core>
#include <vector>

namespace plab {

struct GaussianMixtureInputs {
    int dimensions = 3;
    Eigen::MatrixXd centres;      // inputs × D, tuning-curve centres
    Eigen::MatrixXd clusterMeans; // clusters × D
    double clusterSd = 0.05;
    double width = 0.3;           // tuning-curve width σ_in
    double peak = 80.0;           // Hz
    double background = 2.0;      // Hz

    /// Centres uniform in [0,1]^D; cluster means uniform in [0.15, 0.85]^D, redrawn until every
    /// two are at least minSeparation apart (up to 1000 tries).
    static GaussianMixtureInputs random(int inputs, int clusters, int dimensions, double minSeparation,
                                        RandomStream& rng);

    int clusters() const { return int(clusterMeans.rows()); }
    /// Draws an experience: returns its cluster, writes the point into s.
    int sample(RandomStream& rng, Eigen::VectorXd& s) const;
    void rates(const Eigen::VectorXd& s, std::vector<double>& out) const;
};

} // namespace plab
