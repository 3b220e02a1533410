#include "FokkerPlanckExperiment.h"

#include "io/StateArchive.h"

#include "analysis/InformationMeasures.h"
#include "core/Error.h"

#include <cmath>
#include <limits>

namespace plab {

namespace {

using Spec = ParameterSpec;

std::vector<ParameterSpec> fokkerPlanckParameters()
{
    // A 5 ms Euler–Maruyama step: b·dt/width² ≈ 0.02 keeps the discretisation error well
    // below what the histogram can resolve.
    auto p = commonParameters(1.0, 0.005);
    const std::vector<ParameterSpec> own = {
        Spec::integer("particles", 2000, 1, 1000000, "independent particles, each one sample of theta"),
        Spec::real("temperature", 1.0, 0.0, 20.0, "", "T: the particles sample p*^(1/T)", true).withSymbol("T"),
        Spec::real("learning_rate", 1.0, 0.0, 100.0, "1/s", "b: speed of the SDE", true).withSymbol("b"),
        Spec::integer("grid", 36, 4, 400, "histogram cells per axis"),
        Spec::real("extent", 3.0, 0.5, 100.0, "", "the histogram covers [-extent, extent] in both axes"),
        Spec::real("settle", 10.0, 0.0, 1e6, "s",
                   "after a change of temperature, the histogram starts counting this much later"),
        Spec::real("histogram_every", 0.01, 0.001, 100.0, "s", "interval between two histogram snapshots"),
        Spec::real("anneal_start", -1.0, -1.0, 1e7, "s", "start of an annealing schedule (-1: none)"),
        Spec::real("anneal_seconds", 120.0, 0.0, 1e7, "s", "duration of the annealing schedule"),
        Spec::real("anneal_from", 1.0, 0.0, 20.0, "", "temperature at the start of annealing"),
        Spec::real("anneal_to", 0.05, 0.0, 20.0, "", "temperature at the end of annealing"),
        Spec::choice("anneal_shape", {"exponential", "linear"}, "exponential", "how the temperature falls"),
    };
    p.insert(p.end(), own.begin(), own.end());
    return p;
}

} // namespace

double Landscape::logDensity(double x, double y) const
{
    double p = 0;
    for (const auto& b : bumps)
        p += b.height * std::exp(-((x - b.x) * (x - b.x) + (y - b.y) * (y - b.y)) / (2 * b.width * b.width));
    return std::log(p);
}

int Landscape::globalMaximum() const
{
    int best = 0;
    for (std::size_t j = 1; j < bumps.size(); ++j)
        if (logDensity(bumps[j].x, bumps[j].y) > logDensity(bumps[std::size_t(best)].x, bumps[std::size_t(best)].y))
            best = int(j);
    return best;
}

ExperimentInfo FokkerPlanckExperiment::info()
{
    ExperimentInfo i;
    i.name = "fokker-planck";
    i.title = "Fokker-Planck: sampling p*^(1/T), and annealing";
    i.description = "particles under the synaptic-sampling SDE on a 2-D landscape settle into p*^(1/T)";
    i.paper = "Kappel et al. (2015, 2018); the Fokker-Planck principle of the talk";
    i.seriesHelp = {
        {"stationary_kl", "KL(p*^(1/T) ‖ histogram of the particles) on the grid (bits; after `settle` seconds "
                          "at a constant temperature)"},
        {"at_global_max", "fraction of the particles within two widths of the highest peak (0–1)"},
        {"temperature", "T now (dimensionless; 1 samples p* itself)"},
    };
    i.defaultSeconds = 60;
    i.recordAtStart = true;
    i.headlineSeries = {"stationary_kl", "at_global_max", "temperature"};
    i.parameters = fokkerPlanckParameters;
    i.create = [](const ExperimentInfo& self, const ParameterSet& p, std::uint64_t seed) -> std::unique_ptr<Experiment> {
        return std::make_unique<FokkerPlanckExperiment>(self, p, seed);
    };
    return i;
}

FokkerPlanckExperiment::FokkerPlanckExperiment(const ExperimentInfo& info, const ParameterSet& params,
                                               std::uint64_t seed)
    : Experiment(info, params, seed), temperature_(params.number("temperature")), rate_(params.number("learning_rate")),
      noiseRng_(stream("noise")), grid_(params.integer("grid")), extent_(params.number("extent")),
      histogram_(std::size_t(grid_) * std::size_t(grid_), 0.0), histogramFrom_(params.number("settle")),
      settle_(params.number("settle")),
      histogramEvery_(std::max<std::int64_t>(1, std::llround(params.number("histogram_every") / params.number("dt"))))
{
    // Our landscape: a global maximum, a lower hill and a small narrow peak, close enough for
    // particles to cross between them down to T ≈ 0.3, where the global maximum already
    // holds 90 % of the mass — so slow cooling can find it.
    landscape_.bumps = {{-0.6, -0.5, 1.0, 0.5}, {1.0, 0.2, 0.5, 0.5}, {-0.4, 1.3, 0.3, 0.4}};
    const int n = params_.integer("particles");
    x_.resize(n);
    y_.resize(n);
    RandomStream init = freshStream("init");
    for (int i = 0; i < n; ++i) {  // start spread uniformly over the square
        x_[i] = init.uniform(-3.0, 3.0);
        y_[i] = init.uniform(-3.0, 3.0);
    }
    gx_.resize(n);
    gy_.resize(n);
    sum_.resize(n);
    g_.resize(n);
    noise_.resize(2 * n);
    if (params_.number("anneal_start") >= 0) {
        schedule_.active = true;
        schedule_.start = params_.number("anneal_start");
        schedule_.duration = params_.number("anneal_seconds");
        schedule_.from = params_.number("anneal_from");
        schedule_.to = params_.number("anneal_to");
        schedule_.shape = AnnealingSchedule::parseShape(params_.text("anneal_shape"));
    }
    bindLive("learning_rate", &rate_);
    bindLive("temperature", &temperature_, [this](double next) {
        schedule_.active = false;  // a hand on the slider overrides the schedule
        if (next != temperature_)
            restartHistogram();
    });
}

std::vector<std::string> FokkerPlanckExperiment::verbHelp() const
{
    return {"anneal T0 T1 SECONDS [linear|exponential]"};
}

void FokkerPlanckExperiment::setTemperature(double t)
{
    if (t == temperature_)
        return;
    temperature_ = t;
    restartHistogram();
}

void FokkerPlanckExperiment::restartHistogram()
{
    // The histogram compares with p*^{1/T}: start it again once the cloud has followed.
    std::fill(histogram_.begin(), histogram_.end(), 0.0);
    histogramSamples_ = 0;
    histogramFrom_ = time() + settle_;
}

void FokkerPlanckExperiment::advance()
{
    const double t = time();
    if (schedule_.active && t >= schedule_.start) {
        setTemperature(schedule_.at(t));
        if (t >= schedule_.start + schedule_.duration)
            schedule_.active = false;
    }
    // Euler–Maruyama, all particles at once: ∇log p* = Σ_j a_j g_j (m_j − θ)/s_j² / Σ_j a_j g_j.
    gx_.setZero();
    gy_.setZero();
    sum_.setZero();
    for (const auto& b : landscape_.bumps) {
        const double inv = 1.0 / (b.width * b.width);
        g_ = b.height * (-0.5 * inv * ((x_ - b.x).square() + (y_ - b.y).square())).exp();
        sum_ += g_;
        gx_ += g_ * (b.x - x_) * inv;
        gy_ += g_ * (b.y - y_) * inv;
    }
    const double h = dt();
    const double sd = std::sqrt(2.0 * std::max(0.0, temperature_) * rate_ * h);
    noiseRng_.fillNormal(noise_.data(), std::size_t(noise_.size()));
    const Eigen::Index n = x_.size();
    // Far from every bump the densities underflow to 0: pull those particles straight back.
    sum_ = sum_.max(1e-300);
    x_ += rate_ * h * gx_ / sum_ + sd * noise_.head(n);
    y_ += rate_ * h * gy_ / sum_ + sd * noise_.tail(n);

    if (t >= histogramFrom_ && (stepIndex() % histogramEvery_) == 0 && !annealing()) {
        const double cell = 2 * extent_ / grid_;
        for (Eigen::Index i = 0; i < n; ++i) {
            const int cx = int(std::floor((x_[i] + extent_) / cell));
            const int cy = int(std::floor((y_[i] + extent_) / cell));
            if (cx >= 0 && cx < grid_ && cy >= 0 && cy < grid_)
                histogram_[std::size_t(cy) * std::size_t(grid_) + std::size_t(cx)] += 1;
        }
        histogramSamples_ += double(n);
    }
}

std::vector<double> FokkerPlanckExperiment::target() const
{
    // p*^{1/T} at the cell centres, normalised over the grid.
    std::vector<double> p(histogram_.size());
    const double cell = 2 * extent_ / grid_;
    const double T = std::max(temperature_, 1e-3);
    double maxLog = -std::numeric_limits<double>::infinity();
    for (int cy = 0; cy < grid_; ++cy)
        for (int cx = 0; cx < grid_; ++cx)
            maxLog = std::max(maxLog, landscape_.logDensity(-extent_ + (cx + 0.5) * cell, -extent_ + (cy + 0.5) * cell) / T);
    double total = 0;
    for (int cy = 0; cy < grid_; ++cy)
        for (int cx = 0; cx < grid_; ++cx) {
            const double l = landscape_.logDensity(-extent_ + (cx + 0.5) * cell, -extent_ + (cy + 0.5) * cell) / T;
            p[std::size_t(cy) * std::size_t(grid_) + std::size_t(cx)] = std::exp(l - maxLog);
            total += std::exp(l - maxLog);
        }
    for (double& x : p)
        x /= total;
    return p;
}

double FokkerPlanckExperiment::stationaryKl() const
{
    if (histogramSamples_ <= 0)
        return std::numeric_limits<double>::quiet_NaN();
    return klDivergenceBits(target(), histogram_, 1e-5);
}

double FokkerPlanckExperiment::fractionAtGlobalMaximum() const
{
    const auto& b = landscape_.bumps[std::size_t(landscape_.globalMaximum())];
    const double r2 = 4 * b.width * b.width;  // within two widths of its centre
    return double((((x_ - b.x).square() + (y_ - b.y).square()) < r2).count()) / double(x_.size());
}

void FokkerPlanckExperiment::validateCommand(const Command& c) const
{
    if (c.verb == "anneal") {
        AnnealingSchedule::checkCommand(c);
        return;
    }
    Experiment::validateCommand(c);
}

void FokkerPlanckExperiment::applyCommand(const Command& c)
{
    schedule_ = AnnealingSchedule::fromCommand(c, time());
}

std::vector<std::string> FokkerPlanckExperiment::seriesNames() const
{
    return {"stationary_kl", "at_global_max", "temperature"};
}

std::vector<double> FokkerPlanckExperiment::sampleSeries()
{
    return {stationaryKl(), fractionAtGlobalMaximum(), temperature_};
}

MetricList FokkerPlanckExperiment::summary() const
{
    return {{"stationary_kl", stationaryKl()},
            {"at_global_max", fractionAtGlobalMaximum()},
            {"temperature", temperature_},
            {"histogram_samples", histogramSamples_}};
}

void FokkerPlanckExperiment::serialize(StateArchive& a)
{
    a.section("fokker-planck");
    a.fixed(x_, "particles");
    a.fixed(y_, "particles");
    a.value(temperature_);
    a.value(rate_);
    schedule_.serialize(a);
    a.streamOfFormat1(noiseRng_);
    a.fixed(histogram_, "histogram");
    a.value(histogramSamples_);
    a.value(histogramFrom_);
    a.value(settle_);
    a.constant(histogramEvery_, "the histogram interval");
    if (a.reading() && histogramEvery_ < 1)
        a.fail("histogram interval out of range");
}

} // namespace plab
