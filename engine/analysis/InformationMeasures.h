#pragma once
// Entropy, mutual information and KL divergence, in bits, from counts or probabilities.
//
// A contingency table holds joint counts n(label, winner): rows are the true labels, columns
// the units (WTA winners). The performance measures of the Maass lab are computed from it:
//   nmi          = I(L; Z) / sqrt(H(L) H(Z))          (1 = the winner names the label)
//   cond_entropy = H(L | Z) / H(L)                    (Kappel's snn_performance_ce; 0 is perfect)
//   cond_entropy_joint = H(L | Z) / H(L, Z)           (the normalisation some attribute to Nessler 2013)
#include <Eigen/Core>
#include <vector>

namespace plab {

/// Entropy (bits) of a distribution given as non-negative weights (normalised inside).
double entropyBits(const Eigen::Ref<const Eigen::VectorXd>& weights);
/// I(rows; cols) in bits from a table of joint counts or probabilities.
double mutualInformationBits(const Eigen::Ref<const Eigen::MatrixXd>& joint);
/// H(rows | cols) in bits.
double conditionalEntropyBits(const Eigen::Ref<const Eigen::MatrixXd>& joint);
double normalizedMutualInformation(const Eigen::Ref<const Eigen::MatrixXd>& joint);
double conditionalEntropyRatio(const Eigen::Ref<const Eigen::MatrixXd>& joint);
double conditionalEntropyJointRatio(const Eigen::Ref<const Eigen::MatrixXd>& joint);
/// KL(p ‖ q) in bits; q is floored at `floor` before normalising (empty histogram bins).
double klDivergenceBits(const Eigen::Ref<const Eigen::VectorXd>& p, const Eigen::Ref<const Eigen::VectorXd>& q,
                        double floor = 1e-5);
/// The same for two distributions held in std::vector (same length).
double klDivergenceBits(const std::vector<double>& p, const std::vector<double>& q, double floor = 1e-5);

} // namespace plab
