#pragma once
// The LesionSites of bayesnet's network of modules and reward's network.
//   ModuleLesionSite: one population and one pathway per module, both named by its variable:
//     the module's hidden neurons (each prefers the value it codes) and the synapses from the
//     Markov blanket's outputs onto them (parameter: the STDP-EM weight).
//   RewardLesionSite: the populations "A" and "B" (the two halves of its neurons) and the
//     pathway "input" (parameter: θ).
#include "lesion/LesionSite.h"

namespace plab {

class ModuleNetwork;
class RewardNetwork;

class ModuleLesionSite final : public LesionSite {
public:
    /// `names[v]`: variable v's name; `values[v]`: its value names.
    ModuleLesionSite(ModuleNetwork& net, std::vector<std::string> names, std::vector<std::vector<std::string>> values);

    std::vector<LesionPopulation> populations() const override;
    std::vector<LesionPathway> pathways() const override;
    NeuronState neuronState(int v, int k) const override;
    void setNeuronState(int v, int k, NeuronState s) override;
    double neuronStrength(int v, int k) const override;
    std::vector<int> neuronPreferences(int v) const override;
    bool synapseRemoved(int v, std::int64_t i) const override;
    double synapseStrength(int v, std::int64_t i) const override;
    void removeSynapse(int v, std::int64_t i) override;
    void perturbSynapse(int v, std::int64_t i, double delta) override;
    void scaleSynapse(int v, std::int64_t i, double factor) override;

private:
    ModuleNetwork& net_;
    std::vector<std::string> names_;
    std::vector<std::vector<std::string>> values_;
};

class RewardLesionSite final : public LesionSite {
public:
    /// Neurons [0, half) are population A, [half, 2·half) B.
    RewardLesionSite(RewardNetwork& net, int half) : net_(net), half_(half) {}

    std::vector<LesionPopulation> populations() const override;
    std::vector<LesionPathway> pathways() const override;
    NeuronState neuronState(int p, int k) const override;
    void setNeuronState(int p, int k, NeuronState s) override;
    double neuronStrength(int p, int k) const override;
    bool synapseRemoved(int p, std::int64_t i) const override;
    double synapseStrength(int p, std::int64_t i) const override;
    void removeSynapse(int p, std::int64_t i) override;
    void perturbSynapse(int p, std::int64_t i, double delta) override;
    void scaleSynapse(int p, std::int64_t i, double factor) override;

private:
    std::pair<int, int> cell(std::int64_t i) const;
    RewardNetwork& net_;
    int half_;
};

} // namespace plab
