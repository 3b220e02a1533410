#include "ModuleNetwork.h"

#include <algorithm>
#include <limits>

namespace plab {

namespace {
constexpr double kNever = std::numeric_limits<double>::infinity();
}

ModuleNetwork::ModuleNetwork(std::vector<SpikingModule> modules, const Config& c, RandomStream& spikes,
                             RandomStream& winners)
    : modules_(std::move(modules)), rate_(c.rate), tau_(c.tau), biasRate_(c.biasRate), rule_(c.rule),
      biasRule_(c.biasRule), schedule_(c.schedule)
{
    main_.spikes = &spikes;
    main_.winners = &winners;
    const std::size_t n = modules_.size();
    int next = 0, maxHidden = 1, maxInputs = 1;
    for (const auto& m : modules_) {
        outBase_.push_back(next);
        next += m.values;
        hiddenBase_.push_back(next);
        next += m.hiddenSize();
        maxHidden = std::max(maxHidden, m.hiddenSize());
        maxInputs = std::max(maxInputs, m.inputSize);
        hiddenWins_.emplace_back(std::size_t(m.hiddenSize()), 0.0);
    }
    moduleWins_.assign(n, 0.0);
    main_.lastValue.assign(n, 0);
    main_.lastSpike.assign(n, -kNever);
    main_.clampValue.assign(n, -1);
    main_.allowed.assign(n, {});
    main_.nextOut.assign(n, kNever);
    main_.nextHidden.assign(n, kNever);
    u_.resize(maxHidden);
    dense_.assign(std::size_t(maxInputs), 0.0);
}

void ModuleNetwork::showSample(const std::vector<int>& values, double t, SpikeRecorder& spikes)
{
    for (int v = 0; v < size(); ++v) {
        main_.clampValue[std::size_t(v)] = values[std::size_t(v)];
        // Clamping starts with a spike of the new value, so no module shows a stale value.
        outputSpike(main_, v, values[std::size_t(v)], t, &spikes);
        main_.nextOut[std::size_t(v)] = t + main_.spikes->exponential(rate_);
    }
    for (auto& next : main_.nextHidden)
        if (next == kNever)
            next = t + main_.spikes->exponential(rate_);
}

void ModuleNetwork::startSampling(const std::vector<int>& evidence, double t)
{
    for (std::size_t v = 0; v < modules_.size(); ++v) {
        main_.clampValue[v] = evidence[v];
        main_.nextOut[v] = main_.clampValue[v] >= 0 ? t : kNever;
        main_.nextHidden[v] = main_.clampValue[v] >= 0 ? kNever : t + main_.spikes->exponential(rate_);
    }
}

void ModuleNetwork::changeEvidence(const std::vector<int>& evidence, double t)
{
    changeEvidence(main_, evidence, t);
}

void ModuleNetwork::changeEvidence(Chain& chain, const std::vector<int>& evidence, double t) const
{
    for (std::size_t v = 0; v < modules_.size(); ++v) {
        chain.clampValue[v] = evidence[v];
        chain.nextOut[v] = evidence[v] >= 0 ? t : kNever;
        if (evidence[v] >= 0)
            chain.nextHidden[v] = kNever;
        else if (chain.nextHidden[v] == kNever)
            chain.nextHidden[v] = t + chain.spikes->exponential(rate_);
    }
}

void ModuleNetwork::restrictValues(std::vector<std::vector<char>> allowed, double t)
{
    restrictValues(main_, std::move(allowed), t);
}

void ModuleNetwork::restrictValues(Chain& chain, std::vector<std::vector<char>> allowed, double t) const
{
    allowed.resize(modules_.size());
    chain.allowed = std::move(allowed);
    for (std::size_t v = 0; v < modules_.size(); ++v)
        if (chain.clampValue[v] < 0 && !chain.allowed[v].empty() && !chain.allowed[v][std::size_t(chain.lastValue[v])])
            chain.nextHidden[v] = std::min(chain.nextHidden[v], t);
}

ModuleNetwork::Chain ModuleNetwork::samplingChain(const std::vector<int>& start, const std::vector<int>& evidence, double t,
                                                  RandomStream& spikes, RandomStream& winners) const
{
    const std::size_t n = modules_.size();
    Chain c;
    c.spikes = &spikes;
    c.winners = &winners;
    c.lastValue = start;
    c.lastSpike.assign(n, t);
    c.clampValue.assign(n, -1);
    c.allowed.assign(n, {});
    c.nextOut.assign(n, kNever);
    c.nextHidden.assign(n, kNever);
    changeEvidence(c, evidence, t);
    return c;
}

void ModuleNetwork::advanceUntil(double end, bool learning, SpikeRecorder& spikes)
{
    advance(main_, end, learning, &spikes);
}

void ModuleNetwork::advanceChain(Chain& chain, double end)
{
    const std::int64_t events = synapticEvents_;
    advance(chain, end, false, nullptr);
    synapticEvents_ = events;  // the figure of the network's own chain, as before there were more
}

void ModuleNetwork::advance(Chain& c, double end, bool learning, SpikeRecorder* spikes)
{
    // Events of all modules in time order: clamped output spikes and hidden (WTA) spikes.
    for (;;) {
        int who = -1;
        bool output = false;
        double when = end;
        for (int v = 0; v < size(); ++v) {
            if (c.nextOut[std::size_t(v)] < when) {
                when = c.nextOut[std::size_t(v)];
                who = v;
                output = true;
            }
            if (c.nextHidden[std::size_t(v)] < when) {
                when = c.nextHidden[std::size_t(v)];
                who = v;
                output = false;
            }
        }
        if (who < 0)
            break;
        if (output) {
            outputSpike(c, who, c.clampValue[std::size_t(who)], when, spikes);
            c.nextOut[std::size_t(who)] += c.spikes->exponential(rate_);
        } else {
            hiddenSpike(c, who, when, learning, spikes);
            c.nextHidden[std::size_t(who)] += c.spikes->exponential(rate_);
        }
    }
}

void ModuleNetwork::outputSpike(Chain& c, int v, int value, double t, SpikeRecorder* spikes) const
{
    c.lastValue[std::size_t(v)] = value;
    c.lastSpike[std::size_t(v)] = t;
    if (spikes)
        spikes->record(t, outBase_[std::size_t(v)] + value);
}

void ModuleNetwork::hiddenSpike(Chain& c, int v, double t, bool learning, SpikeRecorder* spikes)
{
    SpikingModule& m = modules_[std::size_t(v)];
    const int H = m.hiddenSize();
    // Active inputs: for each blanket variable, its last output value if it fired within tau.
    activeInputs_.clear();
    for (std::size_t j = 0; j < m.inputs.size(); ++j) {
        const int b = m.inputs[j];
        if (isOn(c, b, t, tau_))
            activeInputs_.push_back(m.inputOffset[j] + c.lastValue[std::size_t(b)]);
    }
    auto u = u_.head(H);
    u = m.hidden.biases();
    for (int i : activeInputs_)
        u += m.hidden.weights().col(i);
    synapticEvents_ += std::int64_t(activeInputs_.size()) * H;
    const int teacher = learning ? c.clampValue[std::size_t(v)] : -1;
    if (teacher >= 0)  // while learning only the hidden neurons of the shown value may fire
        for (int k = 0; k < H; ++k)
            if (m.valueOf(k) != teacher)
                u[k] = -std::numeric_limits<double>::infinity();
    if (!learning && !c.allowed[std::size_t(v)].empty())
        for (int k = 0; k < H; ++k)
            if (!c.allowed[std::size_t(v)][std::size_t(m.valueOf(k))])
                u[k] = -std::numeric_limits<double>::infinity();
    const int k = m.hidden.drawWinner(u, *c.winners);
    if (k < 0)
        return;
    if (spikes)
        spikes->record(t, hiddenBase_[std::size_t(v)] + k);
    if (!learning) {
        outputSpike(c, v, m.valueOf(k), t, spikes);
        return;
    }
    double& wins = hiddenWins_[std::size_t(v)][std::size_t(k)];
    double& moduleWins = moduleWins_[std::size_t(v)];
    const double eta = schedule_.forNeuron(t, wins);
    if (!(eta > 0))
        return;
    // The prior learns ten times slower than the weights by default: a mixture component
    // that has not yet found its Markov-blanket configuration would otherwise lose its prior
    // and never win again (a dead unit, a worse optimum). Counting, it learns the module's
    // running frequency of each component.
    const double etaBias = schedule_.mode == LearningRateSchedule::Mode::Counting
                               ? std::max(schedule_.at(t) * biasRate_, 1.0 / (schedule_.countPrior + moduleWins))
                               : eta * biasRate_;
    if (schedule_.mode == LearningRateSchedule::Mode::Counting) {
        wins += 1;
        moduleWins += 1;
    }
    for (int i : activeInputs_)
        dense_[std::size_t(i)] = 1.0;
    rule_.updateRow(m.hidden.weights().row(k).data(), dense_.data(), m.inputSize, eta);
    m.hidden.keepRemovedAtZero(k);
    for (int i : activeInputs_)
        dense_[std::size_t(i)] = 0.0;
    // Removed and silenced neurons keep their biases: restored, a neuron comes back as it was.
    int alive = 0;
    for (int j = 0; j < H; ++j)
        alive += m.hidden.isLesioned(j) ? 0 : 1;
    for (int j = 0; j < H; ++j) {
        if (m.hidden.isLesioned(j))
            continue;
        double& b = m.hidden.biases()[j];
        b = biasRule_.clip(b + biasRule_.delta(b, j == k ? 1.0 : 0.0, etaBias, 1.0 / alive));
    }
    synapticEvents_ += m.inputSize;
}

} // namespace plab
