#pragma once
// The parameters of reward-based synaptic sampling (Kappel et al. 2018), declared beside its
// rule, and read back into RewardRuleParameters (as SamplingSpecs does for synaptic sampling).
#include "core/Parameters.h"
#include "plasticity/RewardSynapses.h"

#include <utility>
#include <vector>

namespace plab {

/// temperature (T), learning_rate (β), gradient_scale, prior_mean, prior_sigma, theta0,
/// theta_init_mean, theta_init_sd, tau_e, tau_g, in this order.
std::vector<ParameterSpec> rewardRuleSpecs();

/// The rule's parameters from a parameter set that holds rewardRuleSpecs().
RewardRuleParameters rewardRuleFrom(const ParameterSet& parameters);

/// Each parameter of rewardRuleSpecs() that is a field of RewardRuleParameters, with it.
std::vector<std::pair<const char*, double*>> rewardRuleFields(RewardRuleParameters& p);

} // namespace plab
