// synaptic-sampling: what the experiment is and what it can be set to (the protocol is in
// SynapticSamplingExperiment.cpp).
#include "SynapticSamplingExperiment.h"

#include "plasticity/SamplingSpecs.h"

namespace plab {

namespace {

using Spec = ParameterSpec;

std::vector<ParameterSpec> samplingParameters()
{
    auto p = commonParameters(60.0);
    const std::vector<ParameterSpec> own = {
        Spec::choice("inputs", {"clusters", "silent"}, "clusters",
                     "clusters: 200 ms experiences from a mixture of Gaussian clusters; silent: no activity at all, "
                     "so theta is a pure Ornstein-Uhlenbeck process"),
        Spec::integer("input_neurons", 1000, 1, 20000, "input neurons with Gaussian tuning curves"),
        Spec::integer("neurons", 10, 1, 500, "neurons of the WTA circuit"),
        Spec::integer("clusters", 7, 1, 50, "Gaussian clusters the experiences come from"),
        Spec::integer("input_dimensions", 3, 1, 10, "dimensions of the sensory space"),
        Spec::real("cluster_sd", 0.05, 0.0, 1.0, "", "spread of the experiences around their cluster mean"),
        Spec::real("tuning_width", 0.3, 0.01, 10.0, "", "width of the input tuning curves"),
        Spec::real("input_peak", 80.0, 0.0, 1000.0, "Hz", "peak rate of a tuning curve"),
        Spec::real("background_rate", 2.0, 0.0, 100.0, "Hz", "background rate of every input"),
        Spec::real("presentation", 0.2, 0.01, 100.0, "s", "how long each experience lasts"),
        Spec::real("wta_rate", 100.0, 0.0, 2000.0, "Hz", "total firing rate of the WTA circuit"),
    };
    p.insert(p.end(), own.begin(), own.end());
    const auto sampling = samplingSpecs({1e-4, true, true});
    p.insert(p.end(), sampling.begin(), sampling.end());
    const std::vector<ParameterSpec> rest = {
        Spec::real("homeostasis", 0.005, 0.0, 1.0, "",
                   "rate of the homeostatic biases that give every neuron an equal share of the spikes"),
        Spec::real("sweep_interval", 1.0, 0.001, 3600.0, "s", "every synapse is brought up to date at least this often"),
        Spec::real("survival_from", 3600.0, 0.0, 1e7, "s", "start of the window whose newly formed synapses are followed"),
        Spec::real("survival_to", 5400.0, 0.0, 1e7, "s", "end of that window"),
        Spec::real("eval_delay", 0.03, 0.0, 10.0, "s", "circuit spikes this soon after an onset are left out of cond_entropy"),
        Spec::real("measure_window", 600.0, 0.01, 1e7, "s", "window of the conditional entropy"),
    };
    p.insert(p.end(), rest.begin(), rest.end());
    return p;
}

} // namespace

ExperimentInfo SynapticSamplingExperiment::info()
{
    ExperimentInfo i;
    i.name = "synaptic-sampling";
    i.title = "Synaptic sampling with rewiring";
    i.description = "every potential synapse follows an SDE: the network keeps rewiring while it learns";
    i.paper = "Kappel, Habenschuss, Legenstein & Maass (2015) PLoS Comput Biol 11(11): e1004485";
    i.seriesHelp = {
        {"active_fraction", "fraction of the potential synapses that exist now (θ > 0)"},
        {"formation_per_hour", "fraction of the potential synapses that appeared since the last recording, per "
                               "hour (1/h)"},
        {"elimination_per_hour", "fraction of the potential synapses that vanished since the last recording, per "
                                 "hour (1/h)"},
        {"survival", "fraction of the synapses formed in the reference window that still exist (0–1)"},
        {"cond_entropy", "H(cluster | winner)/H(cluster) over the last measure_window (0–1, 0 = the winner names "
                         "the cluster)"},
        {"spine_volume", "w = exp(θ − θ0) of one tracked synapse (0 while it does not exist)"},
        {"theta_tracked", "θ of the tracked synapse"},
        {"theta_mean", "mean θ over all potential synapses (the prior mean μ at rest)"},
        {"theta_sd", "standard deviation of θ over all potential synapses (√T·σ at rest)"},
    };
    i.defaultSeconds = 14400;
    i.recordAtStart = true;
    i.headlineSeries = {"active_fraction", "cond_entropy", "survival"};
    i.parameters = samplingParameters;
    i.create = [](const ExperimentInfo& self, const ParameterSet& p, std::uint64_t seed) -> std::unique_ptr<Experiment> {
        return std::make_unique<SynapticSamplingExperiment>(self, p, seed);
    };
    return i;
}

} // namespace plab
