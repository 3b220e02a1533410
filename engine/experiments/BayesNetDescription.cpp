// bayesnet: what the experiment is and what it can be set to (the protocol is in BayesNetExperiment.cpp).
#include "BayesNetExperiment.h"

#include "plasticity/StdpEmSpecs.h"

namespace plab {

namespace {

using Spec = ParameterSpec;

std::vector<ParameterSpec> bayesNetParameters()
{
    auto p = commonParameters(5.0);
    const std::vector<ParameterSpec> own = {
        Spec::text("network", "knill-kersten",
                   "the Bayesian network: the name of one in resources/networks (knill-kersten) or the path of a "
                   "BIF, Hugin .net or XMLBIF (.xml, .xmlbif) file (--network)")
            .withFileFilter("Bayesian networks (*.bif *.BIF *.net *.xml *.xmlbif);;All files (*)"),
        Spec::choice("markov_blanket", {"graph", "all"}, "graph",
                     "inputs of each module: its Markov blanket from the graph, or all other variables"),
        Spec::integer("modes", 0, 0, 256,
                      "hidden neurons (mixture components) per value; 0 = one per Markov-blanket configuration, "
                      "capped at max_modes"),
        Spec::integer("max_modes", 32, 1, 256, "cap of the automatic number of modes")
            .withValueBefore("16", 7),  // 16 before 4 December 2026
        Spec::choice("hidden_start", {"random", "configurations"}, "configurations",
                     "how the hidden neurons' weights start: random, or (where a value has at least one hidden "
                     "neuron per Markov-blanket configuration) hidden neuron k of each value tuned to "
                     "configuration k, so that no rare configuration is left without a component of its own")
            .withValueBefore("random", 3),  // the only start before 2 December 2026
        Spec::real("learning_seconds", 0.0, 0.0, 1e7, "s",
                   "learning phase, sampling follows; 0 = as long as the network needs: every value in every "
                   "Markov-blanket configuration with at least 0.05 % of the probability is shown at least "
                   "examples_per_configuration times (at least 300 s)")
            .withValueBefore("300", 3),  // a fixed 300 s before 2 December 2026
        Spec::integer("examples_per_configuration", 300, 1, 100000,
                      "learning_seconds = 0: how often the rarest entry p*(x, mb) with at least 0.05 % of the "
                      "probability is shown")
            .withValueBefore("200", 7),  // 200 before 4 December 2026
        Spec::choice("families", {"joint", "separate"}, "joint",
                     "deterministic families (a variable that is a function of its parents, with them): joint = "
                     "one module samples the family's free members together and the function is computed from "
                     "them; separate = a module per variable, whose single-variable updates the function traps")
            .withValueBefore("separate", 6),  // every module one variable before 2 December 2026
        Spec::real("presentation", 0.1, 0.005, 10.0, "s", "how long each joint sample is shown while learning"),
        Spec::real("module_rate", 200.0, 1.0, 5000.0, "Hz",
                   "firing rate of each module's hidden WTA circuit, and of a clamped output neuron"),
        Spec::real("tau", 0.03, 0.001, 0.5, "s",
                   "EPSP and STDP window; a variable's state is the value whose output fired within tau"),
    };
    // The modules' STDP-EM, declared beside the rule (plasticity/StdpEmSpecs), then its
    // learning-rate mode and the evidence: the order of help texts and run files.
    const std::vector<ParameterSpec> rule = stdpEmSpecs(BayesNetExperiment::stdpEmOptions());
    const std::vector<ParameterSpec> evidence = {
        Spec::choice("learning_rate_mode", {"decaying", "counting"}, "counting",
                     "decaying: eta/(1 + t/decay) for every hidden neuron; counting: each hidden neuron learns at "
                     "least at 1/(count_prior + its wins), so a component of a rare blanket configuration learns "
                     "from its few examples")
            .withValueBefore("decaying", 2),  // the only rate before December 2026
        Spec::real("count_prior", 2.0, 0.1, 1e6, "", "counting mode: the prior count n0 in 1/(n0 + wins)"),
        // A bias is a log prior: one clip shared with the weights (w_min = -10) held the rare
        // components of 32 modes above their share (chest clinic given asia, seed 3: 0.130).
        Spec::real("b_min", -16.0, -30.0, 0.0, "",
                   "lower clip of the hidden biases, the log prior of the rarest component a module can hold")
            .withValueBeforeFrom("w_min", 7),  // w_min clipped the biases too before 4 December 2026
        Spec::text("evidence", "", "evidence clamped while sampling, e.g. Z3=1,Z4=1 (value names or 1-based numbers)"),
        Spec::integer("chains", 4, 1, 16,
                      "sampling chains: the network's own and chains - 1 more with its learned weights, started at "
                      "random values; their agreement gives R-hat and the effective sample size (the figures "
                      "are the network's own chain's)"),
    };
    for (const auto* part : {&own, &rule, &evidence})
        p.insert(p.end(), part->begin(), part->end());
    return p;
}

} // namespace

StdpEmSpecOptions BayesNetExperiment::stdpEmOptions()
{
    StdpEmSpecOptions o;
    o.decayTime = 5.0;
    o.wMin = -10.0;
    o.wMinLowest = -30.0;
    o.modes = false;
    o.biasRate = true;
    o.biasMax = 0.0;  // a bias is a log prior
    o.ownBiasClip = true;
    return o;
}

ExperimentInfo BayesNetExperiment::info()
{
    ExperimentInfo i;
    i.name = "bayesnet";
    i.title = "Spiking modules learn a Bayesian network";
    i.description = "one STDP-learning module per variable learns a Bayesian network, then the network samples from it";
    i.paper = "Pecevski & Maass (2016) eNeuro 3(2): ENEURO.0048-15.2016";
    i.seriesHelp = {
        {"kl_module_mean", "mean over the modules of their KL divergence (bits)"},
        {"kl_joint", "KL(p* ‖ histogram of the sampled states), under the evidence if any (bits; sampling phase)"},
        {"posterior_error", "largest |sampled − exact| marginal probability of a variable without evidence "
                            "(sampling phase)"},
        {"kl_module_evidence_max", "the largest module KL of a free variable with its Markov blanket weighted by "
                                   "p*(mb | evidence), where the sampling under the evidence goes (bits)"},
        {"posterior_kl_max", "largest KL(exact posterior ‖ sampled marginal) of a variable without evidence (bits; "
                             "sampling phase)"},
        {"posterior_relative_error", "largest |sampled − exact| / exact over the values of free variables whose exact "
                                     "probability is at least 0.01 (sampling phase)"},
        {"rhat_max", "the largest split R-hat of a free variable over the sampling chains (1 = they agree; "
                     "above 1.01 the chains have not mixed; sampling phase)"},
        {"counting_floor", "the posterior_error of the network counted from the same training examples (Laplace's "
                           "rule, exact inference): what the examples allow (sampling phase)"},
        {"kl_*", "KL(p*(x | Markov blanket) ‖ the module's conditional) of one variable's module, averaged over "
                 "its Markov blanket (bits, from the weights; 0 = the table is learned)"},
    };
    i.hiddenSeries = {"rhat_max"};  // near 1 beside KLs near 0: in the legend, off at first
    i.defaultSeconds = 400;
    i.durationHelp = "the learning phase (learning_seconds) and then 400 s of sampling";
    i.recordAtStart = true;
    i.parameters = bayesNetParameters;
    i.create = [](const ExperimentInfo& self, const ParameterSet& p, std::uint64_t seed) -> std::unique_ptr<Experiment> {
        return std::make_unique<BayesNetExperiment>(self, p, seed);
    };
    return i;
}

} // namespace plab
