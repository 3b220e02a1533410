#pragma once
// The LesionSite of a WtaNetwork (em-mixture, synaptic-sampling, self-repair): populations
// are runs of its hidden neurons, pathways are blocks of its synapse matrix (hidden rows ×
// presynaptic columns). What a synapse's parameter is depends on the synapses: the weight w
// for STDP-EM, θ for synaptic sampling (w = exp(θ − θ0) where θ > 0).
#include "lesion/LesionSite.h"
#include "network/SampledSynapses.h"
#include "network/StdpEmSynapses.h"

#include <functional>

namespace plab {

// One synapse (row r, column c) of each kind, as lesions see it (WtaLesionSite.cpp).
namespace synapse_lesions {
double rowWeight(const SampledSynapses& s, int r);
double rowWeight(const StdpEmSynapses& s, int r);
bool removed(const SampledSynapses& s, int r, int c);
bool removed(const StdpEmSynapses& s, int r, int c);
double parameter(const SampledSynapses& s, int r, int c);
double parameter(const StdpEmSynapses& s, int r, int c);
void remove(SampledSynapses& s, int r, int c);
void remove(StdpEmSynapses& s, int r, int c);
void perturb(SampledSynapses& s, int r, int c, double delta);
void perturb(StdpEmSynapses& s, int r, int c, double delta);
void scale(SampledSynapses& s, int r, int c, double factor);
void scale(StdpEmSynapses& s, int r, int c, double factor);
} // namespace synapse_lesions

template <class Synapses>
class WtaLesionSite final : public LesionSite {
public:
    struct Population {
        std::string name;
        int first = 0, count = 0;  // hidden neurons
        std::vector<std::string> preferences;
        std::function<std::vector<int>()> preference;  // of each neuron; −1: none yet
        std::string group;  // the neuron group it is drawn in
    };
    struct Pathway {
        std::string name;
        int firstRow = 0, rows = 0;  // hidden neurons
        int firstCol = 0, cols = 0;  // presynaptic columns
    };

    /// `prepare` runs before a lesion touches synapses (the lazy OU step up to now).
    WtaLesionSite(WtaNetwork<Synapses>& net, std::vector<Population> populations, std::vector<Pathway> pathways,
                  std::function<void()> prepare = {})
        : net_(net), pops_(std::move(populations)), paths_(std::move(pathways)), prepare_(std::move(prepare))
    {
    }

    std::vector<LesionPopulation> populations() const override
    {
        std::vector<LesionPopulation> out;
        for (const auto& p : pops_)
            out.push_back({p.name, p.count, p.preferences, p.group});
        return out;
    }
    std::vector<LesionPathway> pathways() const override
    {
        std::vector<LesionPathway> out;
        for (const auto& p : paths_)
            out.push_back({p.name, std::int64_t(p.rows) * p.cols});
        return out;
    }
    NeuronState neuronState(int p, int k) const override
    {
        return NeuronState(net_.lesionFlags()[std::size_t(row(p, k))]);
    }
    void setNeuronState(int p, int k, NeuronState s) override
    {
        net_.lesionFlags()[std::size_t(row(p, k))] = std::uint8_t(s);
    }
    double neuronStrength(int p, int k) const override { return synapse_lesions::rowWeight(net_.synapses(), row(p, k)); }
    std::vector<int> neuronPreferences(int p) const override
    {
        const auto& pop = pops_[std::size_t(p)];
        return pop.preference ? pop.preference() : std::vector<int>{};
    }
    void prepareSynapses() override
    {
        if (prepare_)
            prepare_();
    }
    bool synapseRemoved(int p, std::int64_t i) const override
    {
        const auto [r, c] = cell(p, i);
        return synapse_lesions::removed(net_.synapses(), r, c);
    }
    double synapseStrength(int p, std::int64_t i) const override
    {
        const auto [r, c] = cell(p, i);
        return synapse_lesions::parameter(net_.synapses(), r, c);
    }
    void removeSynapse(int p, std::int64_t i) override
    {
        const auto [r, c] = cell(p, i);
        synapse_lesions::remove(net_.synapses(), r, c);
    }
    void perturbSynapse(int p, std::int64_t i, double delta) override
    {
        const auto [r, c] = cell(p, i);
        synapse_lesions::perturb(net_.synapses(), r, c, delta);
    }
    void scaleSynapse(int p, std::int64_t i, double factor) override
    {
        const auto [r, c] = cell(p, i);
        synapse_lesions::scale(net_.synapses(), r, c, factor);
    }

private:
    int row(int p, int k) const { return pops_[std::size_t(p)].first + k; }
    std::pair<int, int> cell(int p, std::int64_t i) const
    {
        const Pathway& w = paths_[std::size_t(p)];
        return {w.firstRow + int(i / w.cols), w.firstCol + int(i % w.cols)};
    }

    WtaNetwork<Synapses>& net_;
    std::vector<Population> pops_;
    std::vector<Pathway> paths_;
    std::function<void()> prepare_;
};

} // namespace plab
