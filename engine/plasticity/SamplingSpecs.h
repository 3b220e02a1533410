#pragma once
// The parameters of synaptic sampling (Kappel et al. 2015), declared once for every
// experiment whose synapses are sampled, and read back into SamplingParameters.
#include "core/Parameters.h"
#include "plasticity/SynapticSampler.h"

#include <utility>
#include <vector>

namespace plab {

struct SamplingSpecOptions {
    double learningRate = 1e-4;  // default b
    bool liveTheta0 = true;      // θ0 may change during a run
    bool likelihoodTerms = true; // α and the clip of α e^w are parameters too
};

/// temperature, learning_rate (b), prior_mean, prior_sigma, likelihood_n, theta0
/// [, alpha, w_d_max], in this order (help texts and run files list them so).
std::vector<ParameterSpec> samplingSpecs(const SamplingSpecOptions& options);

/// The sampler's parameters from a parameter set that holds samplingSpecs(); a field whose
/// parameter the set does not have (α and the clip, in self-repair) keeps its default.
SamplingParameters samplingFrom(const ParameterSet& parameters);

/// Each parameter of samplingSpecs() with the field of SamplingParameters it sets.
std::vector<std::pair<const char*, double*>> samplingFields(SamplingParameters& p);

} // namespace plab
