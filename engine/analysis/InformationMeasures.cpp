#include "InformationMeasures.h"

#include <cmath>
#include <limits>

namespace plab {

namespace {

double plogp(double p)
{
    return p > 0 ? p * std::log2(p) : 0.0;
}

} // namespace

double entropyBits(const Eigen::Ref<const Eigen::VectorXd>& weights)
{
    const double total = weights.sum();
    if (!(total > 0))
        return 0.0;
    double h = 0;
    for (Eigen::Index i = 0; i < weights.size(); ++i)
        h -= plogp(weights[i] / total);
    return h;
}

double mutualInformationBits(const Eigen::Ref<const Eigen::MatrixXd>& joint)
{
    const double total = joint.sum();
    if (!(total > 0))
        return 0.0;
    const Eigen::VectorXd rows = joint.rowwise().sum() / total;
    const Eigen::VectorXd cols = joint.colwise().sum().transpose() / total;
    double mi = 0;
    for (Eigen::Index r = 0; r < joint.rows(); ++r)
        for (Eigen::Index c = 0; c < joint.cols(); ++c) {
            const double p = joint(r, c) / total;
            if (p > 0)
                mi += p * std::log2(p / (rows[r] * cols[c]));
        }
    return std::max(0.0, mi);
}

double conditionalEntropyBits(const Eigen::Ref<const Eigen::MatrixXd>& joint)
{
    const Eigen::VectorXd rows = joint.rowwise().sum();
    return std::max(0.0, entropyBits(rows) - mutualInformationBits(joint));
}

double normalizedMutualInformation(const Eigen::Ref<const Eigen::MatrixXd>& joint)
{
    const double hl = entropyBits(joint.rowwise().sum());
    const double hz = entropyBits(joint.colwise().sum().transpose());
    if (hl <= 0 || hz <= 0)
        return 0.0;
    return mutualInformationBits(joint) / std::sqrt(hl * hz);
}

double conditionalEntropyRatio(const Eigen::Ref<const Eigen::MatrixXd>& joint)
{
    const double hl = entropyBits(joint.rowwise().sum());
    if (!(joint.sum() > 0) || hl <= 0)
        return std::numeric_limits<double>::quiet_NaN();
    return conditionalEntropyBits(joint) / hl;
}

double conditionalEntropyJointRatio(const Eigen::Ref<const Eigen::MatrixXd>& joint)
{
    Eigen::VectorXd all(joint.size());
    Eigen::Index j = 0;
    for (Eigen::Index r = 0; r < joint.rows(); ++r)
        for (Eigen::Index c = 0; c < joint.cols(); ++c)
            all[j++] = joint(r, c);
    const double hlz = entropyBits(all);
    if (!(hlz > 0))
        return std::numeric_limits<double>::quiet_NaN();
    return conditionalEntropyBits(joint) / hlz;
}

double klDivergenceBits(const Eigen::Ref<const Eigen::VectorXd>& p, const Eigen::Ref<const Eigen::VectorXd>& q,
                        double floor)
{
    // Plain loops, not Eigen's sum(): a vectorised reduction over memory that Eigen did not
    // allocate starts at an address-dependent element, and the last bits of the result would
    // then depend on where a vector happened to live (a reloaded state would differ).
    double ps = 0, qs = 0;
    Eigen::VectorXd qf(q.size());
    for (Eigen::Index i = 0; i < q.size(); ++i) {
        ps += p[i];
        qf[i] = std::max(q[i], floor);
        qs += qf[i];
    }
    qf /= qs;
    double kl = 0;
    for (Eigen::Index i = 0; i < p.size(); ++i) {
        const double pi = p[i] / ps;
        if (pi > 0)
            kl += pi * std::log2(pi / qf[i]);
    }
    return std::max(0.0, kl);
}

double klDivergenceBits(const std::vector<double>& p, const std::vector<double>& q, double floor)
{
    const Eigen::Map<const Eigen::VectorXd> pm(p.data(), Eigen::Index(p.size()));
    const Eigen::Map<const Eigen::VectorXd> qm(q.data(), Eigen::Index(q.size()));
    return klDivergenceBits(pm, qm, floor);
}

} // namespace plab
