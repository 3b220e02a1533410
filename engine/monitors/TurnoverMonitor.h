#pragma once
// Rewiring of sampled synapses (Kappel et al. 2015): at every recording, which potential
// synapses exist (θ > 0), how many formed and vanished since the last one (per potential
// synapse and hour), and how long the synapses formed in a reference window survive (the
// heavy-tailed survival curve of their Fig. 3).
#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace plab {

class StateArchive;

class TurnoverMonitor {
public:
    using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    /// `theta` at the start; synapses formed in (refStart, refEnd] are followed; the survival
    /// curve has a point every `interval` seconds of age.
    TurnoverMonitor(const Matrix& theta, double refStart, double refEnd, double interval);

    /// A recording at time t.
    void snapshot(const Matrix& theta, double t);

    double lastFormationRate() const { return lastFormationRate_; }
    double lastEliminationRate() const { return lastEliminationRate_; }
    /// Means over every recording so far (NaN before the first).
    double meanFormationRate() const;
    double meanEliminationRate() const;
    /// Synapses formed in the reference window.
    std::int64_t formedInWindow() const;
    /// The fraction of them that exist at time t (NaN up to the window's end or if none formed).
    double survivingFraction(double t) const;
    /// Survival against age (s), as of the last recording.
    const std::vector<double>& survivalAges() const { return survivalAges_; }
    const std::vector<double>& survivalFractions() const { return survivalFractions_; }
    /// Slope of log10(survival) against log10(age): a power law is a straight line.
    double survivalSlope() const;

    /// The state in two parts, around the experiment's tracked synapse (the layout of
    /// earlier state files).
    void serializeRates(StateArchive& a);
    void serializeSurvival(StateArchive& a);

private:
    void updateSurvival();

    std::vector<std::uint8_t> exists_;
    std::vector<double> formedAt_;  // reference-window synapses: snapshot time they appeared (−1: not tracked)
    std::vector<double> diedAt_;    // ... and disappeared (inf: still there)
    double refStart_, refEnd_, interval_;
    double lastFormationRate_ = 0, lastEliminationRate_ = 0;
    double formationSum_ = 0, eliminationSum_ = 0;
    int rateSamples_ = 0;
    double lastSnapshot_ = 0;
    std::vector<double> survivalAges_, survivalFractions_;  // cached at every recording
};

} // namespace plab
