#pragma once
// synaptic-sampling: a WTA circuit whose every potential input synapse is sampled
// (Kappel et al. 2015). The network keeps rewiring while it learns: synapses form and vanish,
// new synapses survive with a heavy-tailed (power-law-like) survival curve, and without any
// activity θ is exactly an Ornstein–Uhlenbeck process whose stationary distribution is the
// prior N(μ, Tσ²). Input as in Kappel's experiment 4: 1000 Gaussian-tuned inputs, 200 ms
// experiences drawn from a mixture of Gaussian clusters.
#include "monitors/WtaMonitor.h"
#include "core/Experiment.h"
#include "data/GaussianMixtureInputs.h"
#include "monitors/TurnoverMonitor.h"
#include "lesion/WtaLesionSite.h"
#include "network/SampledSynapses.h"

#include <memory>

namespace plab {

class SynapticSamplingExperiment : public Experiment {
public:
    static ExperimentInfo info();
    SynapticSamplingExperiment(const ExperimentInfo& info, const ParameterSet& params, std::uint64_t seed);

    std::vector<std::string> seriesNames() const override;
    std::vector<double> sampleSeries() override;
    MetricList summary() const override;
    /// How well the winner names the cluster: 1 − H(cluster | winner)/H(cluster).
    std::optional<PerformanceMeasure> performanceMeasure() const override
    {
        return PerformanceMeasure{"cond_entropy", true, params_.number("measure_window")};
    }
    void writeSummaryExtras(JsonWriter& json) const override;
    std::vector<NeuronGroup> neuronGroups() const override;
    std::int64_t synapticEvents() const override { return net_.synapticEvents(); }
    /// For each neuron, the cluster it fires for most in the measurement window (−1: none yet).
    std::vector<int> preferredClusters() const;

    // Read by views and tests.
    const SynapticSampler& sampler() const { return net_.synapses().sampler(); }
    SynapticSampler& sampler() { return net_.synapses().sampler(); }
    int currentCluster() const { return cluster_; }
    double activeFraction() const;
    double stationaryError() const;
    /// Survival of the synapses formed in the reference window: ages (s) and fractions,
    /// as of the last recording.
    void survivalCurve(std::vector<double>& ages, std::vector<double>& fractions) const
    {
        ages = turnover_.survivalAges();
        fractions = turnover_.survivalFractions();
    }
    /// θ of the synapse whose "spine volume" is followed (one that exists at the start).
    double trackedTheta() const { return sampler().theta()(trackedRow_, trackedCol_); }
    double lastFormationRate() const { return turnover_.lastFormationRate(); }
    double lastEliminationRate() const { return turnover_.lastEliminationRate(); }
    double survivalSlope() const { return turnover_.survivalSlope(); }
    std::int64_t formedInWindow() const { return turnover_.formedInWindow(); }

protected:
    std::vector<std::string> verbHelp() const override;
    void advance() override;
    void validateCommand(const Command& command) const override;
    void applyCommand(const Command& command) override;
    void serialize(StateArchive& a) override;

private:
    void present(std::int64_t step);
    void onWinner(int k, double t);
    void snapshot(double t);

    bool silent_;
    std::unique_ptr<GaussianMixtureInputs> inputs_;
    SampledWtaNetwork net_;
    std::int64_t presentationSteps_, nextPresentation_ = 0, onsetStep_ = 0;
    double evalDelay_;
    int cluster_ = -1;
    Eigen::VectorXd experience_;
    std::vector<double> rates_;

    RandomStream &dataRng_, &inputRng_, &lesionRng_;

    TurnoverMonitor turnover_;
    int trackedRow_ = 0, trackedCol_ = 0;

    WtaMonitor monitor_;
    std::unique_ptr<WtaLesionSite<SampledSynapses>> lesionSite_;
    double firstCondEntropy_;
};

} // namespace plab
