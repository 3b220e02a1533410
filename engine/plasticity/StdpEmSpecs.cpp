#include "StdpEmSpecs.h"

#include <cmath>

namespace plab {

std::vector<ParameterSpec> stdpEmSpecs(const StdpEmSpecOptions& o)
{
    using Spec = ParameterSpec;
    std::vector<ParameterSpec> p;
    p.push_back(Spec::real("learning_rate", 0.02, 0.0, 1.0, "", "STDP and bias learning rate eta (0 freezes learning)", true)
                    .withSymbol("η"));
    if (o.modes)
        p.push_back(Spec::choice("learning_rate_mode", {"decaying", "constant", "adaptive", "counting"}, "counting",
                                 "decaying: eta/(1 + t/decay); constant; adaptive: variance tracking per synapse; "
                                 "counting: decaying, but each neuron learns at least at min(eta, g/(n0 + its wins))")
                        .withValueBefore("decaying", 5));  // the default before 2 December 2026
    p.push_back(Spec::real("learning_rate_decay", o.decayTime, 0.1, 1e7, "s",
                           "time constant of the decaying learning rate: eta/(1 + t/decay)"));
    if (o.modes) {
        p.push_back(Spec::real("count_prior", 2.0, 0.1, 1e6, "", "counting mode: the prior count n0 in g/(n0 + wins)"));
        p.push_back(Spec::real("count_gain", 10.0, 0.01, 1e6, "",
                               "counting mode: g in g/(n0 + wins); 1 = a plain running mean of each neuron's examples"));
    }
    if (o.modes) {
        p.push_back(Spec::choice("bias_mode", {"learned", "homeostatic", "fixed"}, "learned",
                                 "biases learn the prior log p(z_k), hold every neuron at an equal share, or stay fixed"));
        p.push_back(Spec::choice(
            "depression", {"constant", "window"}, "constant",
            "LTD: -eta for every inactive input at a post spike (theory), or when pre follows post within sigma"));
    }
    if (o.biasRate)
        p.push_back(Spec::real("bias_rate", 0.1, 0.0, 10.0, "",
                               "learning rate of the hidden biases (the prior over mixture components), relative to eta"));
    p.push_back(Spec::real("c", 1.0, 1e-3, 1e3, "", "STDP constant c: weights converge to log p + log c"));
    p.push_back(Spec::real("w_min", o.wMin, o.wMinLowest, 0.0, "",
                           o.ownBiasClip ? "lower clip of the weights (the biases': b_min)"
                                         : "lower clip of the weights and biases"));
    if (o.modes)
        p.push_back(Spec::real("w_max", 2.0, 0.0, 10.0, "", "upper clip of the weights"));
    return p;
}

StdpEmSettings stdpEmFrom(const ParameterSet& p, const StdpEmSpecOptions& o)
{
    StdpEmSettings s;
    s.rule.logC = std::log(p.number("c"));
    s.rule.wMin = p.number("w_min") + s.rule.logC;
    s.rule.wMax = (p.find("w_max") ? p.number("w_max") : 2.0) + s.rule.logC;
    if (p.find("depression"))
        s.rule.depression =
            p.text("depression") == "window" ? StdpEmRule::Depression::Window : StdpEmRule::Depression::Constant;
    if (p.find("bias_mode")) {
        const std::string mode = p.text("bias_mode");
        s.biasRule.mode = mode == "learned"       ? BiasRule::Mode::Learned
                          : mode == "homeostatic" ? BiasRule::Mode::Homeostatic
                                                  : BiasRule::Mode::Fixed;
    }
    s.biasRule.bMin = p.find("b_min") ? p.number("b_min") : p.number("w_min");
    s.biasRule.bMax = o.biasMax;
    s.schedule.mode = p.find("learning_rate_mode") ? LearningRateSchedule::parseMode(p.text("learning_rate_mode"))
                                                    : LearningRateSchedule::Mode::Decaying;
    s.schedule.eta0 = p.number("learning_rate");
    s.schedule.decayTime = p.number("learning_rate_decay");
    if (p.find("count_prior"))
        s.schedule.countPrior = p.number("count_prior");
    if (p.find("count_gain"))
        s.schedule.countGain = p.number("count_gain");
    if (p.find("bias_rate"))
        s.biasRate = p.number("bias_rate");
    return s;
}

} // namespace plab
