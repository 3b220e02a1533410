#pragma once
// The trajectory of a network through parameter space (Kappel et al. 2015, Fig. 6): θ of a
// fixed set of synapses at every recording, projected on the first principal components of
// all recordings so far. Each recording adds a row and column to the Gram matrix, so the
// projection costs a T×T eigenproblem, not a pass over the samples.
#include <Eigen/Core>
#include <cstddef>
#include <utility>
#include <vector>

namespace plab {

class StateArchive;

class PcaMonitor {
public:
    using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    /// Follows θ(row, col) for each index pair.
    explicit PcaMonitor(std::vector<std::pair<int, int>> synapses = {});

    /// A recording; `phase` labels it (self-repair: lesions so far).
    void record(const Matrix& theta, int phase);
    /// Scores on the first three components (rows × 3) and the phase of each row.
    void trajectory(Eigen::MatrixXd& scores, std::vector<int>& phases) const;
    const std::vector<std::pair<int, int>>& synapses() const { return synapses_; }

    /// The state; on reading, checks it against a θ of rows × cols.
    void serialize(StateArchive& a, int rows, int cols);

private:
    std::vector<std::pair<int, int>> synapses_;
    std::vector<Eigen::VectorXd> samples_;
    std::vector<int> phases_;
    Eigen::MatrixXd gram_;  // uncentred Gram matrix of the samples, grown a row at a time
    mutable Eigen::MatrixXd cache_;
    mutable std::size_t cachedRows_ = 0;
};

} // namespace plab
