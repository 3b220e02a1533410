#pragma once
// The parameters of STDP as online EM (Nessler et al. 2013): the rule, the biases' rule and
// the learning-rate schedule, declared once for em-mixture and the Bayesian-network modules,
// and read back into the rules (as SamplingSpecs does for synaptic sampling).
#include "core/Parameters.h"
#include "plasticity/LearningRate.h"
#include "plasticity/StdpEmRule.h"

#include <vector>

namespace plab {

struct StdpEmSpecOptions {
    double decayTime = 20.0;                       // s, default of learning_rate_decay
    double wMin = -8.0, wMinLowest = -20.0;        // default and lower bound of w_min
    bool modes = true;      // learning_rate_mode, bias_mode, depression and w_max are parameters
    bool biasRate = false;  // bias_rate: the biases' rate relative to η
    double biasMax = 2.0;   // upper clip of the biases (the lower is w_min, or b_min where set)
    bool ownBiasClip = false;  // the experiment declares b_min: w_min clips the weights only
};

/// learning_rate (η), [learning_rate_mode], learning_rate_decay, [bias_mode, depression],
/// [bias_rate], c, w_min, [w_max], in this order.
std::vector<ParameterSpec> stdpEmSpecs(const StdpEmSpecOptions& options);

struct StdpEmSettings {
    StdpEmRule rule;
    BiasRule biasRule;
    LearningRateSchedule schedule;
    double biasRate = 1.0;  // the biases learn at biasRate · η
};

/// The rules from a parameter set that holds stdpEmSpecs(options); a parameter the set does
/// not have keeps its default (w_max 2, decaying η, learned biases, constant depression);
/// learning_rate_mode, count_prior and b_min (the biases' own lower clip, else w_min) are read
/// where the set has them.
StdpEmSettings stdpEmFrom(const ParameterSet& parameters, const StdpEmSpecOptions& options);

} // namespace plab
