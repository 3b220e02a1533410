#pragma once
// The trajectory of a network through parameter space (Kappel et al. 2015, Fig. 6): θ of a
// fixed set of synapses at every recording, projected on the first principal components of
// all recordings so far. Each recording adds a row and column to the Gram matrix, so the
// projection costs a T×T eigenproblem, not a pass over the samples.
//
// A synapse that a lesion removed (or whose neuron it removed) leaves the picture when it is
// removed: it keeps the value it had at the last recording before, so the removal itself
// moves nothing (pinning it at θ_min drew a jump that was bookkeeping, not the network).
#include "analysis/Pca.h"

#include <Eigen/Core>
#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

namespace plab {

class StateArchive;

class PcaMonitor {
public:
    using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    /// Follows θ(row, col) for each index pair.
    explicit PcaMonitor(std::vector<std::pair<int, int>> synapses = {});

    /// Which synapses have been removed, (row, col) -> true.
    using Removed = std::function<bool(int, int)>;

    /// A recording; `phase` labels it (self-repair: lesions so far). With `existingOnly`,
    /// θ ≤ 0 counts as 0: the trajectory of the connections that exist, without the drift
    /// of retracted ones below zero.
    void record(const Matrix& theta, int phase, const Removed& removed = {}, bool existingOnly = false);
    /// |x_i − x_{i−1}|² between recordings i − 1 and i (i ≥ 1), in the full space.
    double stepSquared(std::size_t i) const;
    /// The fraction of the variance each of the first three components explains.
    Eigen::VectorXd explained() const;
    std::size_t size() const { return samples_.size(); }
    const std::vector<int>& phases() const { return phases_; }
    /// Scores on the first three components (rows × 3) and the phase of each row.
    void trajectory(Eigen::MatrixXd& scores, std::vector<int>& phases) const;
    const std::vector<std::pair<int, int>>& synapses() const { return synapses_; }

    /// The state; on reading, checks it against a θ of rows × cols.
    void serialize(StateArchive& a, int rows, int cols);

private:
    const PcaResult& components() const;

    std::vector<std::pair<int, int>> synapses_;
    std::vector<Eigen::VectorXd> samples_;
    std::vector<int> phases_;
    Eigen::MatrixXd gram_;  // uncentred Gram matrix of the samples, grown a row at a time
    mutable PcaResult cache_;
    mutable std::size_t cachedRows_ = 0;
};

} // namespace plab
