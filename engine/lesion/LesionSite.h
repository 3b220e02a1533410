#pragma once
// What a network offers to lesions: named populations of neurons and named pathways of
// synapses, and the few operations every lesion is made of. Each experiment describes its
// network through one LesionSite; the vocabulary (Lesion.h) and its application
// (applyLesion) are written once, on top of it.
#include <cstdint>
#include <string>
#include <vector>

namespace plab {

/// A neuron's state under lesions, as the networks' flags store it (0 = takes part).
enum class NeuronState : std::uint8_t { Active = 0, Removed = 1, Silenced = 2 };

struct LesionPopulation {
    std::string name;  // as commands name it: "hidden", "zv", "Alarm"
    int size = 0;
    /// The values a neuron of it can prefer ("preferring VALUE"); empty: none is known.
    std::vector<std::string> preferences;
    /// The experiment's neuron group (NeuronGroup::name) its neurons are drawn in, in order.
    std::string group;
};

struct LesionPathway {
    std::string name;  // "input", "visual-zv", "Alarm"
    std::int64_t size = 0;  // potential synapses
};

class LesionSite {
public:
    virtual ~LesionSite() = default;

    virtual std::vector<LesionPopulation> populations() const = 0;
    virtual std::vector<LesionPathway> pathways() const = 0;

    virtual NeuronState neuronState(int population, int k) const = 0;
    virtual void setNeuronState(int population, int k, NeuronState state) = 0;
    /// Total weight onto neuron k (targeted lesions: strongest or weakest first).
    virtual double neuronStrength(int population, int k) const = 0;
    /// For each neuron, the index into the population's preferences of what it prefers now;
    /// −1: nothing yet. Empty where the population has no preferences.
    virtual std::vector<int> neuronPreferences(int population) const { (void)population; return {}; }

    /// Called once before a lesion touches the synapses (brings lazily updated ones up to date).
    virtual void prepareSynapses() {}
    virtual bool synapseRemoved(int pathway, std::int64_t i) const = 0;
    /// The synapse's parameter, by which targeted lesions rank it (w, or θ where the weight is
    /// a function of θ).
    virtual double synapseStrength(int pathway, std::int64_t i) const = 0;
    /// Removes it for good: it carries nothing and does not learn or grow back.
    virtual void removeSynapse(int pathway, std::int64_t i) = 0;
    /// Adds `delta` to its parameter (weight noise).
    virtual void perturbSynapse(int pathway, std::int64_t i, double delta) = 0;
    /// Multiplies its weight by `factor` > 0 (weight scaling).
    virtual void scaleSynapse(int pathway, std::int64_t i, double factor) = 0;
};

} // namespace plab
