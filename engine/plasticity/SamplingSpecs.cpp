#include "SamplingSpecs.h"

namespace plab {

std::vector<ParameterSpec> samplingSpecs(const SamplingSpecOptions& o)
{
    using Spec = ParameterSpec;
    std::vector<ParameterSpec> p = {
        Spec::real("temperature", 1.0, 0.0, 10.0, "", "T: scales the variance of the parameter noise", true)
            .withSymbol("T"),
        Spec::real("learning_rate", o.learningRate, 0.0, 1.0, "1/s", "b: speed of the parameter dynamics", true)
            .withSymbol("b"),
        Spec::real("prior_mean", 0.5, -5.0, 5.0, "", "mu of the Gaussian prior on theta", true),
        Spec::real("prior_sigma", 1.0, 0.01, 10.0, "", "sigma of the Gaussian prior on theta", true),
        Spec::real("likelihood_n", 100.0, 0.0, 1e6, "", "N: weight of the likelihood (STDP) term against the prior",
                   true),
        Spec::real("theta0", 3.0, -10.0, 10.0, "", "weight offset: w = exp(theta - theta0)", o.liveTheta0),
    };
    if (o.likelihoodTerms) {
        p.push_back(Spec::real("alpha", 0.1353352832366127, 0.0, 10.0, "", "alpha in the likelihood term y - alpha e^w",
                               true));
        p.push_back(Spec::real("w_d_max", 5.0, 0.0, 1e3, "", "clip of alpha e^w"));
    }
    return p;
}

SamplingParameters samplingFrom(const ParameterSet& p)
{
    SamplingParameters s;
    for (const auto& [name, field] : samplingFields(s))
        if (p.find(name))
            *field = p.number(name);
    return s;
}

std::vector<std::pair<const char*, double*>> samplingFields(SamplingParameters& p)
{
    return {{"temperature", &p.temperature}, {"learning_rate", &p.rate}, {"prior_mean", &p.mu},
            {"prior_sigma", &p.sigma},       {"likelihood_n", &p.n},     {"theta0", &p.theta0},
            {"alpha", &p.alpha},             {"w_d_max", &p.wdMax}};
}

} // namespace plab
