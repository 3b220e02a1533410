// em-mixture: what is measured: the distance of the weights from their EM fixed point, how well
// the winners name the classes, and each neuron's share of the spikes.
#include "EmMixtureExperiment.h"

#include "analysis/InformationMeasures.h"

#include <cmath>
#include <limits>

namespace plab {

std::vector<std::string> EmMixtureExperiment::seriesNames() const
{
    return {"equilibrium_error", "bias_error", "nmi", "cond_entropy", "cond_entropy_joint", "learning_rate"};
}

std::vector<double> EmMixtureExperiment::sampleSeries()
{
    monitor_.closeBlock();
    const auto w = monitor_.window();
    const double ce = conditionalEntropyRatio(w.labels);
    if (std::isnan(firstCondEntropy_))
        firstCondEntropy_ = ce;
    return {WtaMonitor::equilibriumError(w, net_.synapses().weights(), logC(), 50),
            WtaMonitor::biasError(w, net_.biases()),
            normalizedMutualInformation(w.labels),
            ce,
            conditionalEntropyJointRatio(w.labels),
            currentLearningRate()};
}

MetricList EmMixtureExperiment::summary() const
{
    const auto w = monitor_.window();
    return {
        {"equilibrium_error", WtaMonitor::equilibriumError(w, net_.synapses().weights(), logC(), 50)},
        {"bias_error", WtaMonitor::biasError(w, net_.biases())},
        {"nmi", normalizedMutualInformation(w.labels)},
        {"cond_entropy", conditionalEntropyRatio(w.labels)},
        {"cond_entropy_joint", conditionalEntropyJointRatio(w.labels)},
        {"cond_entropy_first", firstCondEntropy_},
        {"circuit_spikes", double(circuitSpikes_)},
        {"input_spikes", double(inputSpikes_)},
    };
}

Eigen::VectorXd EmMixtureExperiment::firingShares() const
{
    const auto w = monitor_.window();
    const double total = w.spikes.sum();
    return total > 0 ? Eigen::VectorXd(w.spikes / total) : Eigen::VectorXd(Eigen::VectorXd::Zero(w.spikes.size()));
}

std::vector<int> EmMixtureExperiment::preferredLabels() const
{
    const auto w = monitor_.window();
    std::vector<int> out(std::size_t(net_.hidden()), -1);
    for (int k = 0; k < net_.hidden(); ++k) {
        Eigen::Index best = 0;
        if (w.labels.col(k).maxCoeff(&best) > 0)
            out[std::size_t(k)] = int(best);
    }
    return out;
}

} // namespace plab
