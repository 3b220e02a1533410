#pragma once
// self-repair: a "visual cortex" zV and an "auditory cortex" zA learn handwritten and spoken
// digits "1" and "2" together, every connection under synaptic sampling (rewiring + STDP),
// and repair themselves after two lesions (Kappel et al. 2015, the talk's showcase).
//
//   inputs:  196 visual neurons (MNIST 14×14 grey levels → rates), 200 auditory neurons
//            (espeak-ng spectrograms, 20 bands × 10 frames → rates);
//   network: zV (one WTA circuit of 20 neurons) and zA (five circuits of 4: several winners at
//            a time, a population code zV can read); potential synapses from every input to
//            every hidden neuron and between zV and zA in both directions, all sampled;
//            cross-modal input synapses start deeply retracted and have a lower prior mean
//            (a priori rare), so zV hears mostly through zA until that route is cut. Each
//            neuron's potential carries the Poisson normaliser −Σ α e^{w}.
//   learning: the same digit in both modalities, 200 ms per example.
//   performance: every 5 min a test block with held-out auditory input only (visual at
//            background, plasticity frozen): I(digit; zV winner) in bits (max 1).
//   lesions: `lesion zv-digit 2` removes the zV neurons that prefer "2"; `lesion cut zv-za`
//            removes every zV↔zA synapse for good. Default schedule: learn 1 h, lesion 1,
//            recover 1 h, lesion 2, recover 2 h.
#include "core/Experiment.h"
#include "data/ImageDataset.h"
#include "monitors/PcaMonitor.h"
#include "lesion/WtaLesionSite.h"
#include "network/SampledSynapses.h"

#include <memory>

namespace plab {

class SelfRepairExperiment : public Experiment {
public:
    static ExperimentInfo info();
    SelfRepairExperiment(const ExperimentInfo& info, const ParameterSet& params, std::uint64_t seed);

    std::vector<std::string> seriesNames() const override;
    std::vector<double> sampleSeries() override;
    MetricList summary() const override;
    /// The lesion effects every experiment reports (lesionK_*, and the GUI's lesion report),
    /// on zV's performance as the series records it; the README's figures are the
    /// experiment's own (relative_after_lesion1 …), from its test blocks.
    std::optional<PerformanceMeasure> performanceMeasure() const override
    {
        return PerformanceMeasure{"performance", false, params_.number("perf_window")};
    }
    void writeSummaryExtras(JsonWriter& json) const override;
    std::vector<NeuronGroup> neuronGroups() const override;
    std::vector<Command> scheduledCommands() const override;
    void finalizeSeries(MetricSeries& series) const override;
    std::int64_t synapticEvents() const override { return net_.synapticEvents(); }

    enum Pathway { VisualToZv, AuditoryToZv, VisualToZa, AuditoryToZa, ZvToZv, ZaToZa, ZvToZa, ZaToZv, Pathways };
    static const char* pathwayName(int p);

    // Read by views and tests.
    const SynapticSampler& sampler() const { return net_.synapses().sampler(); }
    int zvSize() const { return zv_; }
    int zaSize() const { return za_; }
    int visualInputs() const { return visualN_; }
    int auditoryInputs() const { return auditoryN_; }
    int visualRows() const { return visual_->rows; }
    int visualCols() const { return visual_->cols; }
    int auditoryRows() const { return auditory_->rows; }
    int auditoryCols() const { return auditory_->cols; }
    bool neuronRemoved(int hidden) const { return net_.isLesioned(hidden); }
    /// Digit (1 or 2) each hidden neuron prefers from its recent responses, 0 if unknown.
    std::vector<int> preferredDigits() const;
    std::int64_t activeSynapses(int pathway) const;
    std::int64_t potentialSynapses(int pathway) const;
    double performance() const { return performance_; }
    double performanceZa() const { return performanceZa_; }
    double performanceVisual() const { return performanceVisual_; }
    bool testing() const { return testPhase_ != 0; }
    int currentDigit() const { return digit_; }
    const std::uint8_t* currentVisual() const;    // null between examples
    const std::uint8_t* currentAuditory() const;  // null between examples
    /// The PCA trajectory so far: scores (rows × 3) and the phase (0, 1, 2) of each row.
    void pcaTrajectory(Eigen::MatrixXd& scores, std::vector<int>& phases) const { pca_.trajectory(scores, phases); }
    int phase() const { return lesions_; }
    std::vector<double> lesionTimes() const { return lesionTimes_; }

protected:
    std::vector<std::string> verbHelp() const override;
    void advance() override;
    void validateCommand(const Command& command) const override;
    void applyCommand(const Command& command) override;
    void lesionApplied(const Command& command) override;
    void serialize(StateArchive& a) override;

private:
    void startExample(std::int64_t step);
    void setRates();
    void onWinner(const WtaGroup& circuit, int winner, double t);
    void beginTest(std::int64_t step);
    void finishTest();
    int pathwayOf(int row, int col) const;

    // Data.
    std::shared_ptr<const ImageDataset> visual_, auditory_;
    std::vector<int> visualTrain_[2], visualTest_[2], auditoryTrain_[2], auditoryTest_[2];

    // Sizes and layout: columns are [visual | auditory | zV | zA], rows [zV | zA].
    int visualN_, auditoryN_, zv_, za_;
    SampledWtaNetwork net_;
    double visualPeak_, auditoryPeak_, background_, auditoryFloor_;

    // Presentation.
    std::int64_t exampleSteps_, nextExample_ = 0, onsetStep_ = 0;
    int digit_ = 0;          // 1 or 2, 0 between examples
    int visualIndex_ = -1, auditoryIndex_ = -1;
    bool showVisual_ = true, showAuditory_ = true;
    double evalDelay_;

    // Test blocks.
    std::int64_t testEverySteps_, nextTest_;
    int testItems_;
    double testDuration_;   // s, both modalities
    double testStart_ = 0;
    bool testAfterLesion_ = false;  // a lesion came during a test: test again right after it
    int testPhase_ = 0;      // 0 learning, 1 auditory only, 2 visual only
    int testItem_ = 0;
    Eigen::MatrixXd testCounts_[3];  // (auditory→zV, auditory→zA, visual→zV): digit × winner
    double performance_, performanceZa_, performanceVisual_;
    std::vector<std::pair<double, double>> performanceLog_;  // (start of the test, performance)

    // Preferences: decaying spike counts per hidden neuron and digit.
    Eigen::MatrixXd preference_;

    // Lesions and PCA.
    int lesions_ = 0;
    std::vector<double> lesionTimes_;
    PcaMonitor pca_;
    std::unique_ptr<WtaLesionSite<SampledSynapses>> lesionSite_;

    RandomStream &dataRng_, &inputRng_;
};

} // namespace plab
