#include "RewardSpecs.h"

namespace plab {

std::vector<ParameterSpec> rewardRuleSpecs()
{
    using Spec = ParameterSpec;
    return {
        Spec::real("temperature", 0.1, 0.0, 10.0, "", "T: multiplies the variance of the parameter noise", true)
            .withSymbol("T"),
        Spec::real("learning_rate", 1e-4, 0.0, 1.0, "1/s", "β: speed of the θ dynamics (SPORE: 5e-5)", true)
            .withSymbol("β"),
        Spec::real("gradient_scale", 1000.0, 0.0, 1e6, "",
                   "c_g: weight of the reward gradient against the prior (SPORE adds r̃·e every 1 ms while the "
                   "reward lasts: about 500 for a 0.5 s reward)",
                   true),
        Spec::real("prior_mean", 0.0, -5.0, 5.0, "", "μ of the Gaussian prior on θ", true),
        Spec::real("prior_sigma", 2.0, 0.01, 10.0, "", "σ of the Gaussian prior on θ", true),
        Spec::real("theta0", 3.0, -10.0, 10.0, "", "w = exp(θ − θ0) for θ ≥ 0"),
        Spec::real("theta_init_mean", -0.5, -2.0, 5.0, "", "θ at the start ~ N(mean, sd²) (SPORE: −0.5, 0.5)"),
        Spec::real("theta_init_sd", 0.5, 0.0, 5.0, "", "spread of θ at the start"),
        Spec::real("tau_e", 1.0, 0.001, 100.0, "s", "eligibility time constant τe"),
        Spec::real("tau_g", 50.0, 0.1, 1e5, "s", "reward-gradient time constant τg"),
    };
}

RewardRuleParameters rewardRuleFrom(const ParameterSet& p)
{
    RewardRuleParameters r;
    for (const auto& [name, field] : rewardRuleFields(r))
        *field = p.number(name);
    return r;
}

std::vector<std::pair<const char*, double*>> rewardRuleFields(RewardRuleParameters& p)
{
    return {{"temperature", &p.temperature}, {"learning_rate", &p.beta}, {"gradient_scale", &p.gradientScale},
            {"prior_mean", &p.mu},           {"prior_sigma", &p.sigma},  {"theta0", &p.theta0},
            {"tau_e", &p.tauE},              {"tau_g", &p.tauG}};
}

} // namespace plab
