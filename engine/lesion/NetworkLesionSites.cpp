#include "NetworkLesionSites.h"

#include "network/ModuleNetwork.h"
#include "network/RewardNetwork.h"

#include <cmath>

namespace plab {

ModuleLesionSite::ModuleLesionSite(ModuleNetwork& net, std::vector<std::string> names,
                                   std::vector<std::vector<std::string>> values)
    : net_(net), names_(std::move(names)), values_(std::move(values))
{
}

std::vector<LesionPopulation> ModuleLesionSite::populations() const
{
    std::vector<LesionPopulation> out;
    for (const SpikingModule& m : net_.modules())
        out.push_back({names_[std::size_t(m.variable)], m.hiddenSize(), values_[std::size_t(m.variable)],
                       names_[std::size_t(m.variable)] + " hidden"});
    return out;
}

std::vector<LesionPathway> ModuleLesionSite::pathways() const
{
    std::vector<LesionPathway> out;
    for (const SpikingModule& m : net_.modules())
        out.push_back({names_[std::size_t(m.variable)], std::int64_t(m.hiddenSize()) * m.inputSize});
    return out;
}

NeuronState ModuleLesionSite::neuronState(int v, int k) const
{
    return NeuronState(net_.modules()[std::size_t(v)].hidden.lesionFlags()[std::size_t(k)]);
}

void ModuleLesionSite::setNeuronState(int v, int k, NeuronState s)
{
    net_.modules()[std::size_t(v)].hidden.lesionFlags()[std::size_t(k)] = std::uint8_t(s);
}

double ModuleLesionSite::neuronStrength(int v, int k) const
{
    return net_.modules()[std::size_t(v)].hidden.weights().row(k).sum();
}

std::vector<int> ModuleLesionSite::neuronPreferences(int v) const
{
    const SpikingModule& m = net_.modules()[std::size_t(v)];
    std::vector<int> out;
    for (int k = 0; k < m.hiddenSize(); ++k)
        out.push_back(m.valueOf(k));
    return out;
}

bool ModuleLesionSite::synapseRemoved(int v, std::int64_t i) const
{
    const SpikingModule& m = net_.modules()[std::size_t(v)];
    return m.hidden.synapseRemoved(int(i / m.inputSize), int(i % m.inputSize));
}

double ModuleLesionSite::synapseStrength(int v, std::int64_t i) const
{
    const SpikingModule& m = net_.modules()[std::size_t(v)];
    return m.hidden.weights()(int(i / m.inputSize), int(i % m.inputSize));
}

void ModuleLesionSite::removeSynapse(int v, std::int64_t i)
{
    SpikingModule& m = net_.modules()[std::size_t(v)];
    m.hidden.removeSynapse(int(i / m.inputSize), int(i % m.inputSize));
}

void ModuleLesionSite::perturbSynapse(int v, std::int64_t i, double delta)
{
    SpikingModule& m = net_.modules()[std::size_t(v)];
    double& w = m.hidden.weights()(int(i / m.inputSize), int(i % m.inputSize));
    w = net_.rule().clip(w + delta);
}

void ModuleLesionSite::scaleSynapse(int v, std::int64_t i, double factor)
{
    SpikingModule& m = net_.modules()[std::size_t(v)];
    double& w = m.hidden.weights()(int(i / m.inputSize), int(i % m.inputSize));
    w = net_.rule().clip(w * factor);
}

std::vector<LesionPopulation> RewardLesionSite::populations() const
{
    return {{"A", half_, {}, "population A"}, {"B", half_, {}, "population B"}};
}

std::vector<LesionPathway> RewardLesionSite::pathways() const
{
    return {{"input", net_.synapses().potential()}};
}

NeuronState RewardLesionSite::neuronState(int p, int k) const
{
    return NeuronState(net_.neurons().lesionFlags()[std::size_t(p * half_ + k)]);
}

void RewardLesionSite::setNeuronState(int p, int k, NeuronState s)
{
    net_.neurons().lesionFlags()[std::size_t(p * half_ + k)] = std::uint8_t(s);
}

double RewardLesionSite::neuronStrength(int p, int k) const
{
    return net_.synapses().weights().row(p * half_ + k).sum();
}

std::pair<int, int> RewardLesionSite::cell(std::int64_t i) const
{
    const int cols = net_.inputCount();
    return {int(i / cols), int(i % cols)};
}

bool RewardLesionSite::synapseRemoved(int, std::int64_t i) const
{
    const auto [r, c] = cell(i);
    return net_.synapses().removed(r, c);
}

double RewardLesionSite::synapseStrength(int, std::int64_t i) const
{
    const auto [r, c] = cell(i);
    return net_.synapses().theta()(r, c);
}

void RewardLesionSite::removeSynapse(int, std::int64_t i)
{
    const auto [r, c] = cell(i);
    net_.synapses().remove(r, c);
}

void RewardLesionSite::perturbSynapse(int, std::int64_t i, double delta)
{
    const auto [r, c] = cell(i);
    net_.synapses().setTheta(r, c, net_.synapses().theta()(r, c) + delta);
}

void RewardLesionSite::scaleSynapse(int, std::int64_t i, double factor)
{
    const auto [r, c] = cell(i);
    const double theta = net_.synapses().theta()(r, c);
    if (theta >= 0)  // w = exp(θ − θ0): scaling w moves θ by ln factor
        net_.synapses().setTheta(r, c, theta + std::log(factor));
}

} // namespace plab
