#include "WtaNetwork.h"

#include "network/SampledSynapses.h"
#include "network/StdpEmSynapses.h"
#include "network/WinnerDraw.h"

#include <stdexcept>

#include <algorithm>
#include <limits>

namespace plab {

template <WtaSynapses Synapses>
WtaNetwork<Synapses>::WtaNetwork(const Config& c, Synapses synapses, RandomStream& circuit)
    : inputs_(c.inputs, c.dt), traces_(c.inputs + (c.hiddenPresynaptic ? c.hidden : 0), c.kernel),
      synapses_(std::move(synapses)), hiddenPresynaptic_(c.hiddenPresynaptic), dt_(c.dt),
      bias_(Eigen::VectorXd::Zero(c.hidden)), lesioned_(std::size_t(c.hidden), 0), wtaRate_(c.wtaRate),
      lateralGain_(c.lateralGain), circuitRng_(circuit)
{
    if (synapses_.rows() != c.hidden || synapses_.cols() != traces_.size())
        throw std::logic_error("the synapses do not fit the network's neurons");
    dense_.assign(std::size_t(synapses_.cols()), 0.0);
    u_.resize(c.hidden);
}

template <WtaSynapses Synapses>
double WtaNetwork<Synapses>::firstSpikeAfter(double t)
{
    return wtaRate_ > 0 ? t + circuitRng_.exponential(wtaRate_) : std::numeric_limits<double>::infinity();
}

template <WtaSynapses Synapses>
void WtaNetwork<Synapses>::addCircuit(int first, int count, int population)
{
    circuits_.push_back({first, count, population, firstSpikeAfter(0.0)});
}

template <WtaSynapses Synapses>
void WtaNetwork<Synapses>::restartCircuits(double t)
{
    for (auto& c : circuits_)
        c.nextSpike = firstSpikeAfter(t);
}

template <WtaSynapses Synapses>
int WtaNetwork<Synapses>::activeNeurons() const
{
    return int(std::count(lesioned_.begin(), lesioned_.end(), std::uint8_t(0)));
}

template <WtaSynapses Synapses>
void WtaNetwork<Synapses>::step(std::int64_t n, double t, bool plastic, SpikeRecorder& spikes)
{
    for (const std::int32_t i : inputs_.spikesAt(n)) {
        traces_.onSpike(i, t);
        spikes.record(t, i);
        synapticEvents_ += synapses_.rows();
        ++counts_.inputSpikes;
        if (plastic)
            synapses_.preSpike(i, t);
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
    synapses_.endStep(n, end, plastic);
}

template <WtaSynapses Synapses>
void WtaNetwork<Synapses>::circuitSpike(const WtaGroup& circuit, double t, bool plastic, SpikeRecorder& spikes)
{
    if constexpr (ReadsDenseInputsOnly<Synapses>) {
        // Only the dense vector is read: the traces write all of it (no list, nothing to clear).
        liveIds_.clear();
        liveValues_.clear();
        counts_.liveInputs += traces_.collectDense(t, dense_.data(), hiddenPresynaptic_ ? inputs_.size() : traces_.size(),
                                                   lateralGain_);
    } else {
        traces_.collect(t, liveIds_, liveValues_);
        if (hiddenPresynaptic_) {
            // EPSPs between hidden neurons are `lateralGain` times input EPSPs: in self-repair one
            // zA neuron of twenty must be able to move zV (our choice; the papers' value is unknown).
            const int hiddenBase = inputs_.size();
            for (std::size_t j = 0; j < liveIds_.size(); ++j)
                if (liveIds_[j] >= hiddenBase)
                    liveValues_[j] *= lateralGain_;
        }
        for (std::size_t j = 0; j < liveIds_.size(); ++j)
            dense_[std::size_t(liveIds_[j])] = liveValues_[j];
        counts_.liveInputs += std::int64_t(liveIds_.size());
    }
    ++counts_.circuitSpikes;
    struct ClearOnExit {
        std::vector<double>& dense;
        const std::vector<std::int32_t>& ids;
        ~ClearOnExit()
        {
            for (const std::int32_t i : ids)
                dense[std::size_t(i)] = 0.0;
        }
    } clearOnExit{dense_, liveIds_};
    const LiveInputs live{liveIds_, liveValues_, dense_.data()};
    auto u = u_.segment(circuit.first, circuit.count);
    u = bias_.segment(circuit.first, circuit.count);
    synapses_.addDrive(circuit, live, u);
    const int drawn = drawSoftmaxWinner(u.data(), lesioned_.data() + circuit.first, circuit.count, circuitRng_);
    if (drawn < 0)
        return;  // every neuron of this circuit is gone
    const int winner = circuit.first + drawn;
    const int column = hiddenColumn(winner);
    spikes.record(t, column);
    if (plastic) {
        synapses_.postSpike(circuit, winner, live, t, bias_, lesioned_);
        synapticEvents_ += synapses_.cols();
    }
    if (listener_)
        listener_(circuit, winner, t);
    // The hidden neuron's own trace, seen by the others from now on.
    if (hiddenPresynaptic_)
        traces_.onSpike(column, t);
}

template class WtaNetwork<SampledSynapses>;
template class WtaNetwork<StdpEmSynapses>;

} // namespace plab
