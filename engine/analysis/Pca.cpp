#include "Pca.h"

#include <Eigen/Eigenvalues>
#include <cmath>

namespace plab {

PcaResult principalComponents(const Eigen::MatrixXd& data, int k)
{
    return principalComponentsFromGram(data * data.transpose(), k);
}

PcaResult principalComponentsFromGram(const Eigen::MatrixXd& raw, int k)
{
    PcaResult r;
    const Eigen::Index T = raw.rows();
    r.scores = Eigen::MatrixXd::Zero(T, k);
    r.explained = Eigen::VectorXd::Zero(k);
    if (T < 2)
        return r;
    // Centre: C = G − (G·1·1ᵀ + 1·1ᵀ·G)/T + (1ᵀ·G·1)/T² · 1·1ᵀ, the Gram matrix of the rows
    // minus their mean.
    const Eigen::VectorXd rowMeans = raw.rowwise().mean();
    const double all = rowMeans.mean();
    Eigen::MatrixXd gram = raw;
    gram.colwise() -= rowMeans;
    gram.rowwise() -= rowMeans.transpose();
    gram.array() += all;
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(gram);
    const double total = std::max(1e-300, gram.trace());
    for (int j = 0; j < k && j < T; ++j) {
        const Eigen::Index idx = T - 1 - j;  // eigenvalues come in ascending order
        const double lambda = std::max(0.0, solver.eigenvalues()[idx]);
        Eigen::VectorXd score = solver.eigenvectors().col(idx) * std::sqrt(lambda);
        Eigen::Index at = 0;
        score.cwiseAbs().maxCoeff(&at);
        if (score[at] < 0)
            score = -score;
        r.scores.col(j) = score;
        r.explained[j] = lambda / total;
    }
    return r;
}

} // namespace plab
