#include "SampledWtaNetwork.h"

#include "network/WinnerDraw.h"
#include "plasticity/StdpEmRule.h"

#include <algorithm>
#include <cmath>

namespace plab {

SampledWtaNetwork::SampledWtaNetwork(const Config& c, RandomStream& init, RandomStream circuit, RandomStream noise)
    : inputs_(c.inputs, c.dt), traces_(c.inputs + (c.hiddenPresynaptic ? c.hidden : 0), c.kernel),
      sampler_(c.hidden, c.inputs + (c.hiddenPresynaptic ? c.hidden : 0), c.sampling, init),
      hiddenPresynaptic_(c.hiddenPresynaptic), dt_(c.dt), biasLimit_(c.biasLimit), bias_(Eigen::VectorXd::Zero(c.hidden)),
      lesioned_(std::size_t(c.hidden), 0), wtaRate_(c.wtaRate), homeostasis_(c.homeostasis),
      lateralGain_(c.lateralGain), normalization_(c.normalization),
      sweepSteps_(std::max<std::int64_t>(1, std::llround(c.sweepInterval / c.dt))), circuitRng_(circuit),
      noiseRng_(noise)
{
    dense_.assign(std::size_t(sampler_.cols()), 0.0);
    u_.resize(c.hidden);
}

void SampledWtaNetwork::addCircuit(int first, int count, int population)
{
    const double next = wtaRate_ > 0 ? circuitRng_.exponential(wtaRate_) : std::numeric_limits<double>::infinity();
    circuits_.push_back({first, count, population, next});
}

void SampledWtaNetwork::changeSampling(double* field, double value, double t)
{
    sampler_.advanceAll(t, noiseRng_);
    *field = value;
    SamplingParameters& p = sampler_.parameters();
    // w = e^{θ−θ0} and min(w_d_max, α e^{w}) are cached per synapse.
    if (field == &p.theta0 || field == &p.alpha || field == &p.wdMax)
        sampler_.refreshAllWeights();
}

void SampledWtaNetwork::step(std::int64_t n, double t, bool plastic, SpikeRecorder& spikes)
{
    for (const std::int32_t i : inputs_.spikesAt(n)) {
        traces_.onSpike(i, t);
        spikes.record(t, i);
        synapticEvents_ += sampler_.rows();
    }
    const double end = t + dt_;
    for (;;) {
        WtaGroup* next = nullptr;
        for (auto& c : circuits_)
            if (c.nextSpike < end && (!next || c.nextSpike < next->nextSpike))
                next = &c;
        if (!next)
            break;
        circuitSpike(*next, std::max(t, next->nextSpike), plastic, spikes);
        next->nextSpike += circuitRng_.exponential(wtaRate_);
    }
    if (plastic && (n + 1) % sweepSteps_ == 0)
        sampler_.advanceAll(end, noiseRng_);
}

void SampledWtaNetwork::circuitSpike(const WtaGroup& circuit, double t, bool plastic, SpikeRecorder& spikes)
{
    const int first = circuit.first;
    const int count = circuit.count;
    traces_.collect(t, liveIds_, liveValues_);
    if (hiddenPresynaptic_) {
        // EPSPs between hidden neurons are `lateralGain` times input EPSPs: in self-repair one
        // zA neuron of twenty must be able to move zV (our choice; the papers' value is unknown).
        const int hiddenBase = inputs_.size();
        for (std::size_t j = 0; j < liveIds_.size(); ++j)
            if (liveIds_[j] >= hiddenBase)
                liveValues_[j] *= lateralGain_;
    }
    // The circuit's potentials as one dense matrix-vector product over its rows of w: the
    // rows are contiguous, so this streams them once, four columns per instruction, instead
    // of striding down a column per live input.
    for (std::size_t j = 0; j < liveIds_.size(); ++j)
        dense_[std::size_t(liveIds_[j])] = liveValues_[j];
    struct ClearOnExit {
        std::vector<double>& dense;
        const std::vector<std::int32_t>& ids;
        ~ClearOnExit()
        {
            for (const std::int32_t i : ids)
                dense[std::size_t(i)] = 0.0;
        }
    } clearOnExit{dense_, liveIds_};
    const Eigen::Map<const Eigen::VectorXd> y(dense_.data(), sampler_.cols());
    auto u = u_.segment(first, count);
    u = bias_.segment(first, count);
    if (normalization_ != 0)
        for (int k = 0; k < count; ++k)
            u[k] -= normalization_ * sampler_.expectedDrive(first + k);
    u.noalias() += sampler_.weights().middleRows(first, count) * y;
    const int drawn = drawSoftmaxWinner(u.data(), lesioned_.data() + first, count, circuitRng_);
    if (drawn < 0)
        return;  // every neuron of this circuit is gone
    const int winner = first + drawn;
    const int column = hiddenColumn(winner);
    spikes.record(t, column);
    if (plastic) {
        sampler_.postSpike(winner, dense_.data());
        synapticEvents_ += sampler_.cols();
        int alive = 0;
        for (int k = first; k < first + count; ++k)
            alive += lesioned_[std::size_t(k)] ? 0 : 1;
        const double share = 1.0 / alive;
        const BiasRule rule{BiasRule::Mode::Homeostatic, -biasLimit_, biasLimit_};
        for (int k = first; k < first + count; ++k)
            if (!lesioned_[std::size_t(k)])
                bias_[k] = rule.clip(bias_[k] + rule.delta(bias_[k], k == winner ? 1.0 : 0.0, homeostasis_, share));
    }
    if (listener_)
        listener_(circuit, winner, t);
    // The hidden neuron's own trace, seen by the others from now on.
    if (hiddenPresynaptic_)
        traces_.onSpike(column, t);
}

} // namespace plab
