#pragma once
// fokker-planck: the principle behind synaptic sampling, made visible. Many independent
// particles θ = (θ1, θ2) follow
//     dθ = b ∇log p*(θ) dt + √(2 T b) dW
// on a landscape p* of Gaussian bumps of different heights. By the Fokker–Planck equation their
// density converges to p*(θ)^{1/T} / Z: at T = 1 the cloud samples p*, at T < 1 it sharpens
// around the maxima, and lowering T slowly (annealing) collects it in the global maximum.
#include "analysis/AnnealingSchedule.h"
#include "core/Experiment.h"

#include <Eigen/Core>

namespace plab {

struct Landscape {
    struct Bump {
        double x, y, height, width;
    };
    std::vector<Bump> bumps;
    double logDensity(double x, double y) const;
    int globalMaximum() const;
};

class FokkerPlanckExperiment : public Experiment {
public:
    static ExperimentInfo info();
    FokkerPlanckExperiment(const ExperimentInfo& info, const ParameterSet& params, std::uint64_t seed);

    std::vector<std::string> seriesNames() const override;
    std::vector<double> sampleSeries() override;
    MetricList summary() const override;
    std::vector<NeuronGroup> neuronGroups() const override { return {}; }

    // Read by views and tests.
    const Landscape& landscape() const { return landscape_; }
    const Eigen::ArrayXd& x() const { return x_; }
    const Eigen::ArrayXd& y() const { return y_; }
    double temperature() const { return temperature_; }
    bool annealing() const { return schedule_.running(time()); }
    /// Histogram (row-major, grid × grid over [−extent, extent]²) and the target p*^{1/T}.
    const std::vector<double>& histogram() const { return histogram_; }
    std::vector<double> target() const;
    int grid() const { return grid_; }
    double extent() const { return extent_; }
    double stationaryKl() const;
    double fractionAtGlobalMaximum() const;

protected:
    std::vector<std::string> verbHelp() const override;
    void advance() override;
    void validateCommand(const Command& command) const override;
    void applyCommand(const Command& command) override;
    void serialize(StateArchive& a) override;

private:
    void setTemperature(double t);
    void restartHistogram();

    Landscape landscape_;
    Eigen::ArrayXd x_, y_;
    Eigen::ArrayXd gx_, gy_, sum_, g_, noise_;  // scratch
    double temperature_, rate_;
    AnnealingSchedule schedule_;
    RandomStream &noiseRng_;
    int grid_;
    double extent_;
    std::vector<double> histogram_;
    double histogramSamples_ = 0;
    double histogramFrom_;  // s: samples start counting here (after T settled)
    double settle_;
    std::int64_t histogramEvery_;
};

} // namespace plab
