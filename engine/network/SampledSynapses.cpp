#include "SampledSynapses.h"

#include "plasticity/StdpEmRule.h"

#include <cmath>

namespace plab {

SampledSynapses::SampledSynapses(int rows, int cols, const Config& c, RandomStream& init, RandomStream& noise)
    : sampler_(rows, cols, c.sampling, init), homeostasis_(c.homeostasis), biasLimit_(c.biasLimit),
      normalization_(c.normalization), sweepSteps_(std::max<std::int64_t>(1, std::llround(c.sweepInterval / c.dt))),
      noiseRng_(noise)
{
}

void SampledSynapses::changeSampling(double* field, double value, double t)
{
    sampler_.advanceAll(t, noiseRng_);
    *field = value;
    SamplingParameters& p = sampler_.parameters();
    // w = e^{θ−θ0} and min(w_d_max, α e^{w}) are cached per synapse.
    if (field == &p.theta0 || field == &p.alpha || field == &p.wdMax)
        sampler_.refreshAllWeights();
}

void SampledSynapses::addDrive(const WtaGroup& circuit, const LiveInputs& live, Eigen::Ref<Eigen::VectorXd> u) const
{
    if (normalization_ != 0)
        for (int k = 0; k < circuit.count; ++k)
            u[k] -= normalization_ * sampler_.expectedDrive(circuit.first + k);
    // One dense matrix-vector product over the circuit's rows of w: the rows are contiguous,
    // so this streams them once, four columns per instruction, instead of striding down a
    // column per live input.
    const Eigen::Map<const Eigen::VectorXd> y(live.dense, sampler_.cols());
    u.noalias() += sampler_.weights().middleRows(circuit.first, circuit.count) * y;
}

void SampledSynapses::postSpike(const WtaGroup& circuit, int winner, const LiveInputs& live, double, Eigen::VectorXd& bias,
                                const std::vector<std::uint8_t>& lesioned)
{
    sampler_.postSpike(winner, live.dense);
    const int first = circuit.first;
    const int count = circuit.count;
    int alive = 0;
    for (int k = first; k < first + count; ++k)
        alive += lesioned[std::size_t(k)] ? 0 : 1;
    const double share = 1.0 / alive;
    const BiasRule rule{BiasRule::Mode::Homeostatic, -biasLimit_, biasLimit_};
    for (int k = first; k < first + count; ++k)
        if (!lesioned[std::size_t(k)])
            bias[k] = rule.clip(bias[k] + rule.delta(bias[k], k == winner ? 1.0 : 0.0, homeostasis_, share));
}

void SampledSynapses::endStep(std::int64_t n, double end, bool plastic)
{
    if (plastic && (n + 1) % sweepSteps_ == 0)
        sampler_.advanceAll(end, noiseRng_);
}

} // namespace plab
