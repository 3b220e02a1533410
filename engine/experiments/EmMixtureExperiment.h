#pragma once
// em-mixture: EM through STDP in a WTA circuit (Nessler, Pfeiffer, Buesing & Maass 2013).
//
// Binary images are shown one after another (`presentation` s each), every pixel coded by
// an "on" and an "off" input neuron that fire Poisson at `input_rate` when their value is
// present and at `background_rate` otherwise. A stochastic WTA circuit of `neurons`
// z-neurons fires at `wta_rate` in total; STDP on its input synapses and the bias rule
// make it fit a mixture model to the images: each z-neuron's weights converge to
// log p(input active | z fired) + log c, its receptive field becomes a prototype, and
// which neuron wins tells which cluster (digit) is shown.
#include "monitors/WtaMonitor.h"
#include "core/Experiment.h"
#include "data/BernoulliMixture.h"
#include "data/ImageDataset.h"
#include "lesion/WtaLesionSite.h"
#include "network/StdpEmSynapses.h"

#include <memory>

namespace plab {

struct StdpEmSpecOptions;

class EmMixtureExperiment : public Experiment {
public:
    static ExperimentInfo info();
    /// Which of STDP-EM's parameters the experiment offers, and their defaults.
    static StdpEmSpecOptions stdpEmOptions();

    EmMixtureExperiment(const ExperimentInfo& info, const ParameterSet& params, std::uint64_t seed);

    std::vector<std::string> seriesNames() const override;
    std::vector<double> sampleSeries() override;
    MetricList summary() const override;
    std::optional<PerformanceMeasure> performanceMeasure() const override
    {
        return PerformanceMeasure{"nmi", false, params_.number("measure_window")};
    }
    std::vector<NeuronGroup> neuronGroups() const override;
    /// Each input spike reaches K synapses; each circuit spike updates the winner's N synapses.
    std::int64_t synapticEvents() const override
    {
        return inputSpikes_ * net_.hidden() + circuitSpikes_ * net_.synapses().cols();
    }

    // Read by views and tests.
    const StdpEmWtaNetwork& network() const { return net_; }
    int imageRows() const { return rows_; }
    int imageCols() const { return cols_; }
    const std::vector<std::uint8_t>& currentImage() const { return image_; }  // 0/1 per pixel
    int currentLabel() const { return label_; }
    const std::vector<std::string>& labelNames() const { return labelNames_; }
    int lastWinner() const { return lastWinner_; }
    double currentLearningRate() const { return net_.synapses().schedule().at(time()); }
    double logC() const { return net_.synapses().rule().logC; }
    std::int64_t circuitSpikes() const { return circuitSpikes_; }
    std::int64_t inputSpikes() const { return inputSpikes_; }
    /// Share of the circuit's spikes that each neuron fired in the measurement window.
    Eigen::VectorXd firingShares() const;
    /// For each neuron, the label it fires for most (−1 if it has not fired).
    std::vector<int> preferredLabels() const;

protected:
    void advance() override;
    void parameterChanged(const std::string& name) override;
    void serialize(StateArchive& a) override;

private:
    void present(std::int64_t step);
    void setInputRates();
    void onWinner(int winner, double t);

    // Data
    std::unique_ptr<BernoulliMixture> mixture_;   // data=synthetic
    std::shared_ptr<const ImageDataset> dataset_; // data=mnist
    std::vector<int> datasetIndices_;             // training images of the chosen digits
    std::vector<int> digitToLabel_;               // digit -> label index
    int threshold_ = 128;
    std::vector<std::string> labelNames_;
    int rows_ = 0, cols_ = 0;

    StdpEmWtaNetwork net_;

    // Presentation
    std::int64_t presentationSteps_;
    std::int64_t nextPresentation_ = 0;
    std::int64_t onsetStep_ = 0;
    double evalDelay_;
    std::vector<std::uint8_t> image_;
    int label_ = -1;

    // Randomness: one stream per concern, so changing one part never shifts another.
    RandomStream &dataRng_, &inputRng_;

    // Measurement
    WtaMonitor monitor_;
    int lastWinner_ = -1;
    std::int64_t circuitSpikes_ = 0, inputSpikes_ = 0;
    double firstCondEntropy_;
    std::unique_ptr<WtaLesionSite<StdpEmSynapses>> lesionSite_;
};

} // namespace plab
