#pragma once
// Principal components of a trajectory: rows are time points, columns the recorded variables
// (e.g. 2000 synaptic parameters θ). With far fewer time points than variables the
// components come from the T × T Gram matrix of the centred data (Eigen's self-adjoint
// eigensolver), which is exact and costs O(T² D) instead of O(D³).
#include <Eigen/Core>

namespace plab {

struct PcaResult {
    Eigen::MatrixXd scores;        // T × k: the trajectory on the first k components
    Eigen::VectorXd explained;     // k: fraction of the variance each explains
};

/// k leading components of `data` (T × D). Signs are fixed so each component's largest-
/// magnitude score is positive, so the same data always gives the same picture.
PcaResult principalComponents(const Eigen::MatrixXd& data, int k);
/// The same from the uncentred Gram matrix G = X Xᵀ of the rows (a trajectory that grows a
/// row at a time keeps G up to date in O(T·D) per row instead of recomputing O(T²·D)).
PcaResult principalComponentsFromGram(const Eigen::MatrixXd& gram, int k);

} // namespace plab
