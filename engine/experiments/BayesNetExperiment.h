#pragma once
// bayesnet: spiking modules learn a Bayesian network, then sample from it (Pecevski & Maass
// 2016). One SpikingModule per random variable. While learning, joint samples of p* are shown
// for `presentation` s each by clamping every module's output to its variable's value (and
// silencing the hidden neurons of the other values); STDP and the bias rule fit each module's
// mixture to p*(x | Markov blanket). After `learning_seconds` plasticity stops, clamping
// ends (except for evidence) and the network of modules runs freely: every hidden spike is a
// Gibbs update of its variable, and the histogram of network states is the learned joint.
#include "analysis/ChainDiagnostics.h"
#include "bayesnet/BayesianNetwork.h"
#include "lesion/NetworkLesionSites.h"
#include "bayesnet/CptCounts.h"
#include "bayesnet/ExactInference.h"
#include "bayesnet/MergedFamilies.h"
#include "bayesnet/SpikingModule.h"
#include "core/Experiment.h"
#include "network/ModuleNetwork.h"

#include <limits>
#include <memory>

namespace plab {

struct StdpEmSpecOptions;

/// One module's learned conditional beside the true one, blanket configuration by
/// configuration (the table view of the panel): the configurations carrying most of p*(mb),
/// or of p*(mb | evidence) when there is evidence, first.
struct ModuleTable {
    struct Row {
        std::vector<int> blanket;       // values of the module's inputs (modules of families())
        double mass = 0;                // p*(mb)
        double massUnderEvidence = 0;   // p*(mb | evidence); = mass without evidence
        std::vector<double> truth, learned;  // p*(x | mb) and the module's p(x | mb)
        double kl = 0;                  // KL(truth ‖ learned), bits
    };
    int module = 0;
    std::vector<int> inputs;         // the module's blanket, as modules of families()
    std::vector<Row> rows;
    std::size_t configurations = 0;  // of the blanket, possible or not
    std::size_t possible = 0;        // those of p* > 0 (under the evidence where weighted)
    double shownWeight = 0;          // how much of the weighting the rows shown hold
    bool underEvidence = false;      // ordered and weighted by p*(mb | evidence)
};

class BayesNetExperiment : public Experiment {
public:
    static ExperimentInfo info();
    /// Which of STDP-EM's parameters the experiment offers, and their defaults.
    static StdpEmSpecOptions stdpEmOptions();
    BayesNetExperiment(const ExperimentInfo& info, const ParameterSet& params, std::uint64_t seed);

    double duration() const override { return learningSeconds_ + kSamplingSeconds; }
    std::vector<std::string> seriesNames() const override;
    std::vector<double> sampleSeries() override;
    MetricList summary() const override;
    /// Lesion effects on 1 − the modules' mean KL (bits): it moves as soon as a module's
    /// neurons or synapses are hit, while the sampled marginals, counted since sampling
    /// began, would show a lesion only slowly.
    std::optional<PerformanceMeasure> performanceMeasure() const override
    {
        return PerformanceMeasure{"kl_module_mean", true, 10 * params_.number("record_interval")};
    }
    void writeSummaryExtras(JsonWriter& json) const override;
    std::vector<NeuronGroup> neuronGroups() const override;
    std::int64_t synapticEvents() const override { return spiking_.synapticEvents(); }

    // Read by views and tests.
    const BayesianNetwork& network() const { return net_; }
    /// The network the modules learn and sample: net_ with each deterministic family merged
    /// into one variable (families=joint), else net_ itself. Module m is its variable m.
    const MergedFamilies& families() const { return families_; }
    /// The module that samples original variable v (a merged family's for its members).
    int moduleOf(int variable) const { return families_.home(variable); }
    const ModuleNetwork& moduleNetwork() const { return spiking_; }
    const std::vector<SpikingModule>& modules() const { return spiking_.modules(); }
    bool learning() const { return learning_; }
    double learningSeconds() const { return learningSeconds_; }
    /// Sampling after the learning phase in a run of the default duration.
    static constexpr double kSamplingSeconds = 400.0;
    /// learning_seconds = 0: every value in every blanket configuration of every module, p*(x,
    /// mb), that carries at least kConfigurationFloor of the probability is shown
    /// examples_per_configuration times (and never less than kMinimumLearning s), so the rare
    /// configurations an evidence can make likely are learned from enough examples.
    static constexpr double kConfigurationFloor = 5e-4;
    static constexpr double kMinimumLearning = 300;
    const std::vector<int>& evidence() const { return evidence_; }
    /// KL(p*(x | mb) ‖ module's implicit conditional), averaged over mb ~ p*, in bits; of module
    /// m (the variable of the same number unless families are merged).
    double moduleKl(int module) const;
    /// The same KL averaged over mb ~ p*(mb | evidence): the blanket configurations the
    /// sampling under the evidence visits, against what the module samples under it (its
    /// conditional over the values the evidence leaves a merged family). NaN for an observed
    /// variable's module.
    double moduleKlUnderEvidence(int module) const;
    /// Sampling diagnostics over the chains (parameter `chains`), per variable of the file: the
    /// largest split R-hat and the smallest effective sample size over its values; NaN while
    /// learning, for an observed variable, with one chain or too few readings yet.
    double rhat(int variable) const;
    double effectiveSamples(int variable) const;
    int chainCount() const { return diagnostics_.chains(); }
    /// The largest R-hat and the smallest ESS over the free variables (NaN: none yet).
    std::pair<double, double> worstDiagnostics() const;
    std::vector<double> moduleKlsUnderEvidence() const;  // of every variable
    /// Module m's table, at most maxRows of it (the heaviest configurations).
    ModuleTable moduleTable(int module, std::size_t maxRows) const;
    std::vector<std::vector<double>> sampledMarginals() const;
    std::vector<std::vector<double>> exactMarginals() const;  // under the current evidence
    /// Sampled joint (normalised) and exact joint under the evidence; empty if not enumerable.
    std::vector<double> sampledJoint() const;
    const std::vector<double>& exactJoint() const { return exactConditioned_; }
    double jointKl() const;
    /// The distribution the modules' conditionals define: the stationary distribution of
    /// random-scan Gibbs sampling with them (power iteration; empty if not enumerable). Its KL
    /// from p* separates what learning got wrong from what sampling adds.
    std::vector<double> modelJoint() const;
    double modelKl() const;
    double posteriorError() const;
    /// KL(exact posterior ‖ sampled marginal) of each variable in bits; NaN where observed.
    std::vector<double> posteriorKl() const;
    /// Largest |sampled − exact| / exact over the values (exact ≥ kRelativeFloor) of free variables.
    double posteriorRelativeError() const;
    static constexpr double kRelativeFloor = 0.01;
    /// The counting floor: the posterior error (as posteriorError) and the joint KL that exact
    /// inference in the network counted from the same training examples gives; NaN before the
    /// sampling phase or without examples.
    double countingFloor() const;
    double countingFloorJointKl() const { return countedJointKl_; }
    const std::vector<std::vector<double>>& countedMarginals() const { return countedMarginals_; }
    const CptCounts& trainingCounts() const { return counts_; }
    std::int64_t samples() const { return validSamples_; }

    /// Parses "VAR=value,VAR=value" against a network; throws InputError naming the problem.
    static std::vector<int> parseEvidence(const BayesianNetwork& net, const std::string& text);

protected:
    std::vector<std::string> verbHelp() const override;
    void advance() override;
    void validateCommand(const Command& command) const override;
    void applyCommand(const Command& command) override;
    void serialize(StateArchive& a) override;

private:
    void present(double t);
    void enterSampling(double t);
    void setEvidence(std::vector<int> evidence);
    void translateEvidence();
    /// The original variables module m's table p*(x, mb) spans: its inputs' members, then its own.
    std::vector<int> familyVariables(const SpikingModule& m) const;
    void resetSamples();
    /// The further chains start at t from random values the evidence allows; the diagnostics
    /// start again.
    void startChains(double t);
    template <class F>
    std::vector<double> perVariable(F f) const
    {
        std::vector<double> out;
        for (int v = 0; v < net_.size(); ++v)
            out.push_back(f(v));
        return out;
    }
    /// InputError if the evidence has probability 0 (`text` names it).
    void requirePossible(const std::vector<int>& evidence, const std::string& text) const;
    void buildTargets();
    void buildEvidenceTargets();
    double automaticLearningSeconds() const;
    void measureCountingFloor();
    double moduleKl(int module, const std::vector<double>& familyTable, bool underEvidence) const;
    /// The module's conditional p(x | blanket), under evidence renormalised over the values the
    /// evidence leaves a merged family (what it samples).
    void moduleConditional(int module, const std::vector<int>& blanket, bool underEvidence, std::vector<double>& q) const;
    static ModuleNetwork spikingNetwork(const BayesianNetwork& net, bool merged, const ParameterSet& params, RandomStream init,
                                        RandomStream& spikes, RandomStream& winners);

    BayesianNetwork net_;
    MergedFamilies families_;
    std::vector<int> order_;
    RandomStream &dataRng_, &spikeRng_, &winnerRng_;
    ModuleNetwork spiking_;
    std::unique_ptr<EnumeratedJoint> joint_;      // null if the network is too large
    std::vector<std::vector<double>> targetJoint_;  // per module: p*(x, mb configuration)
    std::vector<std::vector<double>> evidenceTargets_;  // the same under the evidence
    CptCounts counts_;                                // the training examples, per CPT entry
    std::vector<std::vector<double>> countedMarginals_;  // posteriors of the counted network
    double countedJointKl_ = std::numeric_limits<double>::quiet_NaN();

    // Protocol.
    bool learning_ = true;
    double learningSeconds_;
    std::int64_t presentationSteps_;
    std::int64_t nextPresentation_ = 0;
    std::vector<int> sample_;
    std::vector<int> evidence_;
    std::vector<int> moduleClamp_;                 // the evidence as the modules see it
    std::vector<std::vector<char>> moduleAllowed_;
    std::vector<int> mergedScratch_, originalScratch_;  // per step, no allocation

    // Further sampling chains (chains − 1): the same modules, weights frozen, their own spikes
    // and streams, started at random values when sampling starts and when the evidence changes.
    std::vector<RandomStream> chainStreams_;  // two per chain; never resized (chains point into it)
    std::vector<ModuleNetwork::Chain> chains_;
    ChainDiagnostics diagnostics_;            // the network's chain and these
    std::vector<std::vector<int>> chainReadings_;

    // Sampling-phase histograms.
    std::vector<double> jointCounts_;
    std::vector<std::vector<double>> marginalCounts_;
    std::vector<double> marginalTotals_;
    std::int64_t validSamples_ = 0, sampledSteps_ = 0;
    std::vector<double> exactConditioned_;
    std::vector<std::vector<double>> exactMarginals_;
    std::unique_ptr<ModuleLesionSite> lesionSite_;
};

} // namespace plab
