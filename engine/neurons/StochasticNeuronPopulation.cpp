#include "StochasticNeuronPopulation.h"

#include "io/StateArchive.h"

#include <algorithm>
#include <cmath>

namespace plab {

StochasticNeuronPopulation::StochasticNeuronPopulation(int size, const Parameters& p)
    : p_(p), threshold_(Eigen::VectorXd::Zero(size)), bap_(Eigen::VectorXd::Zero(size)),
      deadUntil_(static_cast<std::size_t>(size), -1.0),
      lesioned_(static_cast<std::size_t>(size), 0)
{
}

void StochasticNeuronPopulation::step(const Eigen::VectorXd& u, double t, double dt, RandomStream& rng,
                                      std::vector<int>& fired)
{
    fired.clear();
    const double drift = dt * p_.targetRate * p_.adaptation;
    for (int j = 0; j < size(); ++j) {
        if (lesioned_[std::size_t(j)]) {
            bap_[j] = 0.0;
            continue;
        }
        threshold_[j] -= drift;
        // Half a step of tolerance against rounding: a 5 ms dead time at 1 ms steps covers the
        // spike's own step and the next four.
        if (t + 0.5 * dt < deadUntil_[std::size_t(j)]) {
            bap_[j] = 0.0;
            continue;
        }
        const double rate = std::exp(std::min(30.0, u[j] + p_.bias - threshold_[j]));
        const double p = -std::expm1(-rate * dt);
        const bool spike = rng.uniform() < p;
        bap_[j] = (spike ? 1.0 : 0.0) - p;
        if (spike) {
            threshold_[j] += p_.adaptation;
            deadUntil_[std::size_t(j)] = t + p_.deadTime;
            fired.push_back(j);
        }
    }
}

void StochasticNeuronPopulation::serialize(StateArchive& a)
{
    a.section("stochastic neurons");
    a.value(p_.deadTime);
    a.value(p_.bias);
    a.value(p_.targetRate);
    a.value(p_.adaptation);
    a.fixed(threshold_, "thresholds");
    a.fixed(bap_, "spike traces");
    a.fixed(deadUntil_, "dead times");
    if (a.format() >= 4)  // lesions came with format 4
        a.fixed(lesioned_, "lesion flags");
}

} // namespace plab
