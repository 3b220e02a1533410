// self-repair: what the experiment is and what it can be set to (the protocol is in SelfRepairExperiment.cpp).
#include "SelfRepairExperiment.h"

#include "plasticity/SamplingSpecs.h"

namespace plab {

namespace {

using Spec = ParameterSpec;

std::vector<ParameterSpec> selfRepairParameters()
{
    auto p = commonParameters(60.0);
    const std::vector<ParameterSpec> own = {
        Spec::integer("zv_neurons", 20, 2, 200, "neurons of the visual population zV"),
        Spec::integer("za_neurons", 20, 2, 200, "neurons of the auditory population zA"),
        Spec::integer("zv_circuits", 1, 1, 50, "WTA circuits zV is split into (each fires at wta_rate)"),
        Spec::integer("za_circuits", 5, 1, 50,
                      "WTA circuits zA is split into: several winners at a time give zV a population code to read"),
        Spec::real("wta_rate", 100.0, 1.0, 2000.0, "Hz", "total firing rate of each WTA circuit"),
        Spec::real("homeostasis", 0.005, 0.0, 1.0, "", "rate of the homeostatic biases (equal share of spikes)"),
        Spec::real("bias_limit", 50.0, 0.0, 1000.0, "",
                   "the homeostatic biases stay within +-this"),
        Spec::real("visual_peak", 50.0, 0.0, 500.0, "Hz", "rate of a visual input neuron at a black pixel"),
        Spec::real("auditory_peak", 50.0, 0.0, 500.0, "Hz", "rate of an auditory input neuron at full power"),
        Spec::real("background_rate", 1.0, 0.0, 50.0, "Hz", "rate of every input neuron without a stimulus"),
        Spec::real("auditory_floor", 0.4, 0.0, 0.99, "",
                   "spectrogram values below this fraction of the range give background rate"),
        Spec::real("example", 0.2, 0.01, 10.0, "s", "how long each digit is shown"),
        Spec::choice("within_lateral", {"off", "between-circuits", "all"}, "off",
                     "potential synapses inside a population: between its WTA circuits only, none, or also inside "
                     "a circuit (which locks a circuit onto its current winner)"),
        Spec::real("within_theta", -5.0, -5.0, 5.0, "",
                   "initial theta of synapses inside a population (when within_lateral allows them)"),
        Spec::real("within_prior", -3.0, -5.0, 5.0, "",
                   "offset of the prior mean of synapses inside a population (negative: a priori rare)"),
        Spec::real("normalization", 1.0, 0.0, 10.0, "",
                   "weight of the Poisson normaliser -sum(alpha e^w) in each neuron's potential (0: none)"),
        Spec::real("lateral_gain", 1.0, 0.0, 100.0, "",
                   "amplitude of the EPSPs between hidden neurons, relative to input EPSPs"),
    };
    p.insert(p.end(), own.begin(), own.end());
    const auto sampling = samplingSpecs({3e-4, false, false});
    p.insert(p.end(), sampling.begin(), sampling.end());
    const std::vector<ParameterSpec> rest = {
        Spec::real("crossmodal_theta", -5.0, -5.0, 5.0, "",
                   "initial theta of auditory->zV and visual->zA synapses (negative: they start retracted)"),
        Spec::real("crossmodal_prior", -1.25, -5.0, 5.0, "",
                   "offset of the prior mean of auditory->zV and visual->zA synapses (negative: a priori rare)"),
        Spec::real("sweep_interval", 1.0, 0.001, 3600.0, "s", "every synapse is brought up to date at least this often"),
        Spec::real("test_every", 300.0, 1.0, 1e6, "s", "interval between two test blocks"),
        Spec::real("perf_window", 900.0, 1.0, 1e7, "s",
                   "perf_pre and perf_recovered average the tests of this last stretch before an event"),
        Spec::integer("test_items", 40, 2, 1000, "examples per modality in a test block (half of each digit)"),
        Spec::real("lesion1_at", 3600.0, -1.0, 1e7, "s", "time of 'lesion zv-digit 2' (-1: none)"),
        Spec::real("lesion2_at", 7200.0, -1.0, 1e7, "s", "time of 'lesion cut zv-za' (-1: none)"),
        Spec::integer("pca_synapses", 2000, 3, 100000, "randomly chosen synapses whose theta the PCA follows"),
        Spec::choice("pca_space", {"existing", "theta", "theta-raw"}, "existing",
                     "what the PCA follows of each synapse: max(theta, 0), the connections that exist (retracted "
                     "ones drifting below 0 count as 0); theta itself; both hold a removed synapse at its value "
                     "before removal; theta-raw: theta as stored, removed ones pinned at theta_min")
            .withValueBefore("theta-raw", 4),  // the only trajectory before 2 December 2026
        Spec::real("preference_time", 600.0, 1.0, 1e6, "s", "memory of the responses that define a preferred digit"),
        Spec::real("eval_delay", 0.03, 0.0, 10.0, "s", "spikes this soon after an onset are not counted"),
    };
    p.insert(p.end(), rest.begin(), rest.end());
    return p;
}

} // namespace

const char* SelfRepairExperiment::pathwayName(int p)
{
    static const char* names[] = {"visual_to_zv", "auditory_to_zv", "visual_to_za", "auditory_to_za",
                                  "zv_to_zv",     "za_to_za",       "zv_to_za",     "za_to_zv"};
    return names[p];
}

ExperimentInfo SelfRepairExperiment::info()
{
    ExperimentInfo i;
    i.name = "self-repair";
    i.title = "Self-repair after lesions";
    i.description = "visual and auditory WTA circuits learn digits under synaptic sampling and recover from two lesions";
    i.paper = "Kappel, Habenschuss, Legenstein & Maass (2015) PLoS Comput Biol 11(11): e1004485";
    i.seriesHelp = {
        {"performance", "information about the digit in zV's winner when only spoken test digits are heard "
                        "(bits, 0–1; one test block every test_every seconds, plasticity frozen)"},
        {"performance_za", "the same for zA, the auditory population (bits, 0–1)"},
        {"performance_visual", "zV with only the handwritten test digits shown (bits, 0–1)"},
        {"active_*", "existing synapses (θ > 0) in one pathway (count)"},
        {"phase", "number of lesions so far (0, 1, 2)"},
        {"pc*", "the θ of the tracked synapses projected on a principal component (filled in at the end of a "
                "headless run)"},
    };
    i.defaultSeconds = 14400;
    i.recordAtStart = true;
    i.headlineSeries = {"performance", "performance_za", "performance_visual"};
    i.parameters = selfRepairParameters;
    i.create = [](const ExperimentInfo& self, const ParameterSet& p, std::uint64_t seed) -> std::unique_ptr<Experiment> {
        return std::make_unique<SelfRepairExperiment>(self, p, seed);
    };
    return i;
}

} // namespace plab
