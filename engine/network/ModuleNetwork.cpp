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
      biasRule_(c.biasRule), schedule_(c.schedule), spikeRng_(spikes), winnerRng_(winners)
{
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
    lastValue_.assign(n, 0);
    lastSpike_.assign(n, -kNever);
    clampValue_.assign(n, -1);
    allowed_.assign(n, {});
    nextOut_.assign(n, kNever);
    nextHidden_.assign(n, kNever);
    u_.resize(maxHidden);
    dense_.assign(std::size_t(maxInputs), 0.0);
}

void ModuleNetwork::showSample(const std::vector<int>& values, double t, SpikeRecorder& spikes)
{
    for (int v = 0; v < size(); ++v) {
        clampValue_[std::size_t(v)] = values[std::size_t(v)];
        // Clamping starts with a spike of the new value, so no module shows a stale value.
        outputSpike(v, values[std::size_t(v)], t, spikes);
        nextOut_[std::size_t(v)] = t + spikeRng_.exponential(rate_);
    }
    for (auto& next : nextHidden_)
        if (next == kNever)
            next = t + spikeRng_.exponential(rate_);
}

void ModuleNetwork::startSampling(const std::vector<int>& evidence, double t)
{
    for (std::size_t v = 0; v < modules_.size(); ++v) {
        clampValue_[v] = evidence[v];
        nextOut_[v] = clampValue_[v] >= 0 ? t : kNever;
        nextHidden_[v] = clampValue_[v] >= 0 ? kNever : t + spikeRng_.exponential(rate_);
    }
}

void ModuleNetwork::changeEvidence(const std::vector<int>& evidence, double t)
{
    for (std::size_t v = 0; v < modules_.size(); ++v) {
        clampValue_[v] = evidence[v];
        nextOut_[v] = evidence[v] >= 0 ? t : kNever;
        if (evidence[v] >= 0)
            nextHidden_[v] = kNever;
        else if (nextHidden_[v] == kNever)
            nextHidden_[v] = t + spikeRng_.exponential(rate_);
    }
}

void ModuleNetwork::restrictValues(std::vector<std::vector<char>> allowed, double t)
{
    allowed.resize(modules_.size());
    allowed_ = std::move(allowed);
    for (std::size_t v = 0; v < modules_.size(); ++v)
        if (clampValue_[v] < 0 && !allowed_[v].empty() && !allowed_[v][std::size_t(lastValue_[v])])
            nextHidden_[v] = std::min(nextHidden_[v], t);
}

void ModuleNetwork::advanceUntil(double end, bool learning, SpikeRecorder& spikes)
{
    // Events of all modules in time order: clamped output spikes and hidden (WTA) spikes.
    for (;;) {
        int who = -1;
        bool output = false;
        double when = end;
        for (int v = 0; v < size(); ++v) {
            if (nextOut_[std::size_t(v)] < when) {
                when = nextOut_[std::size_t(v)];
                who = v;
                output = true;
            }
            if (nextHidden_[std::size_t(v)] < when) {
                when = nextHidden_[std::size_t(v)];
                who = v;
                output = false;
            }
        }
        if (who < 0)
            break;
        if (output) {
            outputSpike(who, clampValue_[std::size_t(who)], when, spikes);
            nextOut_[std::size_t(who)] += spikeRng_.exponential(rate_);
        } else {
            hiddenSpike(who, when, learning, spikes);
            nextHidden_[std::size_t(who)] += spikeRng_.exponential(rate_);
        }
    }
}

void ModuleNetwork::outputSpike(int v, int value, double t, SpikeRecorder& spikes)
{
    lastValue_[std::size_t(v)] = value;
    lastSpike_[std::size_t(v)] = t;
    spikes.record(t, outBase_[std::size_t(v)] + value);
}

void ModuleNetwork::hiddenSpike(int v, double t, bool learning, SpikeRecorder& spikes)
{
    SpikingModule& m = modules_[std::size_t(v)];
    const int H = m.hiddenSize();
    // Active inputs: for each blanket variable, its last output value if it fired within tau.
    activeInputs_.clear();
    for (std::size_t j = 0; j < m.inputs.size(); ++j) {
        const int b = m.inputs[j];
        if (isOn(b, t))
            activeInputs_.push_back(m.inputOffset[j] + lastValue_[std::size_t(b)]);
    }
    auto u = u_.head(H);
    u = m.hidden.biases();
    for (int i : activeInputs_)
        u += m.hidden.weights().col(i);
    synapticEvents_ += std::int64_t(activeInputs_.size()) * H;
    const int teacher = learning ? clampValue_[std::size_t(v)] : -1;
    if (teacher >= 0)  // while learning only the hidden neurons of the shown value may fire
        for (int k = 0; k < H; ++k)
            if (m.valueOf(k) != teacher)
                u[k] = -std::numeric_limits<double>::infinity();
    if (!learning && !allowed_[std::size_t(v)].empty())
        for (int k = 0; k < H; ++k)
            if (!allowed_[std::size_t(v)][std::size_t(m.valueOf(k))])
                u[k] = -std::numeric_limits<double>::infinity();
    const int k = m.hidden.drawWinner(u, winnerRng_);
    if (k < 0)
        return;
    spikes.record(t, hiddenBase_[std::size_t(v)] + k);
    if (!learning) {
        outputSpike(v, m.valueOf(k), t, spikes);
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
