// em-mixture: what the experiment is and what it can be set to (the protocol is in EmMixtureExperiment.cpp).
#include "EmMixtureExperiment.h"

#include "plasticity/StdpEmSpecs.h"

namespace plab {

namespace {

using Spec = ParameterSpec;

std::vector<ParameterSpec> emMixtureParameters()
{
    auto p = commonParameters(5.0);
    const std::vector<ParameterSpec> own = {
        Spec::choice("data", {"synthetic", "mnist"}, "synthetic",
                     "input images: a Bernoulli mixture with known truth, or handwritten MNIST digits"),
        Spec::integer("classes", 4, 2, 16, "synthetic data: number of Bernoulli prototypes (mixture components)"),
        Spec::integer("image_side", 8, 3, 16, "synthetic data: images are side x side pixels"),
        Spec::real("p_on", 0.9, 0.5, 1.0, "", "synthetic data: probability that a prototype's on-pixel is on"),
        Spec::real("p_off", 0.1, 0.0, 0.5, "", "synthetic data: probability that a prototype's off-pixel is on"),
        Spec::text("digits", "0-4", "MNIST data: the digits shown, e.g. 0-4 or 1,2,7"),
        Spec::choice("mnist_side", {"14", "28"}, "14",
                     "MNIST data: 14x14 images (2x2 blocks averaged) or the full 28x28 (1568 input neurons)"),
        Spec::integer("neurons", 0, 0, 1000,
                      "z-neurons in the WTA circuit; 0 = one per class (synthetic) or two per digit (MNIST)"),
        Spec::real("presentation", 0.05, 0.005, 10.0, "s", "how long each image is shown"),
        Spec::real("input_rate", 40.0, 0.0, 1000.0, "Hz", "rate of an input neuron whose value is present", true),
        Spec::real("background_rate", 0.0, 0.0, 100.0, "Hz", "rate of an input neuron whose value is absent", true),
        Spec::real("wta_rate", 100.0, 1.0, 2000.0, "Hz", "total firing rate of the WTA circuit", true),
        Spec::choice("epsp", {"rectangular", "double-exp"}, "rectangular",
                     "EPSP shape: rectangular window (theory) or double exponential (2 ms rise, 20 ms decay)"),
        Spec::real("sigma", 0.010, 0.001, 0.1, "s", "length of the rectangular EPSP and STDP window"),
        Spec::real("tau_rise", 0.002, 0.0001, 0.05, "s", "rise time of the double-exponential EPSP"),
        Spec::real("tau_fall", 0.020, 0.001, 0.2, "s", "decay time of the double-exponential EPSP"),
    };
    // STDP-EM, declared beside the rule (plasticity/StdpEmSpecs), then what is measured: the
    // order of help texts and run files.
    const std::vector<ParameterSpec> rule = stdpEmSpecs(EmMixtureExperiment::stdpEmOptions());
    const std::vector<ParameterSpec> measures = {
        Spec::real("measure_window", 30.0, 0.01, 36000.0, "s",
                   "window over which equilibrium error and information measures are computed"),
        Spec::real("eval_delay", 0.010, 0.0, 1.0, "s",
                   "circuit spikes this soon after an image onset are left out of nmi and cond_entropy"),
    };
    for (const auto* part : {&own, &rule, &measures})
        p.insert(p.end(), part->begin(), part->end());
    return p;
}

} // namespace

StdpEmSpecOptions EmMixtureExperiment::stdpEmOptions()
{
    return {};  // every choice, η counting (decaying over 20 s, each neuron at least g/(n0 + wins)), weights in [−8, 2] + log c
}

ExperimentInfo EmMixtureExperiment::info()
{
    ExperimentInfo i;
    i.name = "em-mixture";
    i.title = "EM through STDP in a WTA circuit";
    i.description = "a WTA circuit with STDP fits a mixture model to images (synthetic or MNIST digits)";
    i.paper = "Nessler, Pfeiffer, Buesing & Maass (2013) PLoS Comput Biol 9(4): e1003037";
    i.seriesHelp = {
        {"equilibrium_error", "distance from the EM fixed point: mean |e^w/c − p̂| over the synapses of neurons that "
                              "fired ≥ 50 times in the last measure_window (probability, 0 = converged)"},
        {"bias_error", "mean |e^b_k − p̂(z_k)|: how far the biases are from the measured prior of each neuron "
                       "(probability)"},
        {"nmi", "normalised mutual information I(label; winner)/√(H(label)H(winner)) over the last measure_window "
                "(0–1, 1 = the winner names the class perfectly)"},
        {"cond_entropy", "H(label | winner)/H(label): what the winner leaves unknown about the class (0–1, 0 = "
                         "nothing)"},
        {"cond_entropy_joint", "H(label | winner)/H(label, winner) (0–1)"},
        {"learning_rate", "the STDP learning rate η now (dimensionless; decays as η/(1 + t/decay) by default)"},
    };
    i.defaultSeconds = 300;
    i.headlineSeries = {"equilibrium_error", "nmi", "cond_entropy"};
    i.parameters = emMixtureParameters;
    i.create = [](const ExperimentInfo& self, const ParameterSet& p, std::uint64_t seed) -> std::unique_ptr<Experiment> {
        return std::make_unique<EmMixtureExperiment>(self, p, seed);
    };
    return i;
}

} // namespace plab
