#include "SynapticSamplingExperiment.h"

#include "io/StateArchive.h"

#include "analysis/InformationMeasures.h"
#include "analysis/Statistics.h"
#include "core/Error.h"
#include "io/JsonWriter.h"
#include "core/Error.h"
#include "core/Parameters.h"
#include "monitors/TurnoverMonitor.h"
#include "plasticity/SamplingSpecs.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plab {

namespace {

SampledWtaNetwork::Config networkConfig(const ParameterSet& p)
{
    SampledWtaNetwork::Config c;
    c.inputs = p.integer("input_neurons");
    c.hidden = p.integer("neurons");
    c.dt = p.number("dt");
    c.wtaRate = p.text("inputs") == "silent" ? 0.0 : p.number("wta_rate");
    return c;
}

SampledSynapses::Config synapsesConfig(const ParameterSet& p)
{
    SampledSynapses::Config c;
    c.sampling = samplingFrom(p);
    c.homeostasis = p.number("homeostasis");
    c.sweepInterval = p.number("sweep_interval");
    c.dt = p.number("dt");
    return c;
}

} // namespace

SynapticSamplingExperiment::SynapticSamplingExperiment(const ExperimentInfo& info, const ParameterSet& params,
                                                       std::uint64_t seed)
    : Experiment(info, params, seed), silent_(params.text("inputs") == "silent"),
      net_([&] {
          RandomStream init = freshStream("init");
          const SampledWtaNetwork::Config c = networkConfig(params);
          return SampledWtaNetwork(c, SampledSynapses(c.hidden, c.inputs, synapsesConfig(params), init, stream("noise")),
                                   stream("circuit"));
      }()),
      presentationSteps_(std::max<std::int64_t>(1, std::llround(params.number("presentation") / params.number("dt")))),
      evalDelay_(params.number("eval_delay")), dataRng_(stream("data")), inputRng_(stream("input")),
      lesionRng_(stream("lesion")),
      turnover_(net_.synapses().sampler().theta(), params.number("survival_from"), params.number("survival_to"),
                params.number("record_interval")),
      monitor_(params.integer("neurons"), 1, params.integer("clusters"),
               std::max(1, int(std::lround(params.number("measure_window") / params.number("record_interval"))))),
      firstCondEntropy_(std::numeric_limits<double>::quiet_NaN())
{
    if (params.number("survival_to") < params.number("survival_from"))
        throw InputError("survival_to must not be earlier than survival_from");
    RandomStream truth = freshStream("truth");
    inputs_ = std::make_unique<GaussianMixtureInputs>(GaussianMixtureInputs::random(
        params_.integer("input_neurons"), params_.integer("clusters"), params_.integer("input_dimensions"), 0.3, truth));
    inputs_->clusterSd = params_.number("cluster_sd");
    inputs_->width = params_.number("tuning_width");
    inputs_->peak = params_.number("input_peak");
    inputs_->background = params_.number("background_rate");
    // The synapse whose "spine volume" is shown: one that exists at the start, θ nearest 1.5.
    double best = std::numeric_limits<double>::infinity();
    for (int r = 0; r < net_.synapses().sampler().rows(); ++r)
        for (int c = 0; c < net_.synapses().sampler().cols(); ++c)
            if (std::fabs(net_.synapses().sampler().theta()(r, c) - 1.5) < best) {
                best = std::fabs(net_.synapses().sampler().theta()(r, c) - 1.5);
                trackedRow_ = r;
                trackedCol_ = c;
            }
    net_.addCircuit(0, net_.synapses().sampler().rows(), 0);
    net_.setListener([this](const WtaGroup&, int k, double t) { onWinner(k, t); });
    // Live sampling parameters go straight into the sampler; the OU step up to now runs
    // under the old values first.
    for (const auto& [name, field] : samplingFields(net_.synapses().sampler().parameters()))
        if (const ParameterSpec* spec = params_.find(name); spec && spec->live)
            bindLive(name, field, [this, field = field](double next) { net_.synapses().changeSampling(field, next, time()); });

    // Lesions: the circuit's neurons (each prefers the cluster it fires for most) and their
    // input synapses; the lazy OU step brings every θ up to now before a synapse lesion.
    using Site = WtaLesionSite<SampledSynapses>;
    const int K = net_.synapses().sampler().rows(), N = net_.synapses().sampler().cols();
    std::vector<std::string> clusters;
    for (int c = 0; c < params_.integer("clusters"); ++c)
        clusters.push_back(std::to_string(c + 1));
    lesionSite_ = std::make_unique<Site>(
        net_, std::vector<Site::Population>{{"hidden", 0, K, clusters, [this] { return preferredClusters(); }, "z"}},
        std::vector<Site::Pathway>{{"input", 0, K, 0, N}}, [this] { net_.synapses().advanceAll(time()); });
    setLesionSite(lesionSite_.get());
}

std::vector<int> SynapticSamplingExperiment::preferredClusters() const
{
    const auto w = monitor_.window();
    std::vector<int> out(std::size_t(w.labels.cols()), -1);
    for (Eigen::Index k = 0; k < w.labels.cols(); ++k) {
        Eigen::Index best = 0;
        if (w.labels.col(k).maxCoeff(&best) > 0)
            out[std::size_t(k)] = int(best);
    }
    return out;
}

std::vector<NeuronGroup> SynapticSamplingExperiment::neuronGroups() const
{
    return {{"input", 0, net_.synapses().sampler().cols()}, {"z", net_.synapses().sampler().cols(), net_.synapses().sampler().rows()}};
}

std::vector<std::string> SynapticSamplingExperiment::verbHelp() const
{
    return {"lesion synapses FRACTION   (older form: removes each synapse with probability FRACTION)"};
}

void SynapticSamplingExperiment::present(std::int64_t step)
{
    cluster_ = inputs_->sample(dataRng_, experience_);
    inputs_->rates(experience_, rates_);
    net_.inputs().rates() = rates_;
    net_.inputs().generate(step, int(presentationSteps_), inputRng_);
    onsetStep_ = step;
    nextPresentation_ = step + presentationSteps_;
}

void SynapticSamplingExperiment::advance()
{
    const std::int64_t n = stepIndex();
    if (!silent_ && n == nextPresentation_)
        present(n);
    net_.step(n, time(), true, spikes_);
}

void SynapticSamplingExperiment::onWinner(int k, double t)
{
    if (cluster_ >= 0 && t - double(onsetStep_) * dt() >= evalDelay_ - 1e-12)
        monitor_.recordLabel(cluster_, k);
}

void SynapticSamplingExperiment::snapshot(double t)
{
    net_.synapses().advanceAll(t);
    turnover_.snapshot(net_.synapses().sampler().theta(), t);
}

double SynapticSamplingExperiment::activeFraction() const
{
    const double potential = double(net_.synapses().sampler().rows()) * net_.synapses().sampler().cols();
    return double(net_.synapses().sampler().existing()) / potential;
}

double SynapticSamplingExperiment::stationaryError() const
{
    std::vector<double> sample;
    sample.reserve(std::size_t(net_.synapses().sampler().rows()) * std::size_t(net_.synapses().sampler().cols()));
    for (int r = 0; r < net_.synapses().sampler().rows(); ++r)
        for (int c = 0; c < net_.synapses().sampler().cols(); ++c)
            if (!net_.synapses().sampler().removed(r, c))
                sample.push_back(net_.synapses().sampler().theta()(r, c));
    const auto& p = net_.synapses().sampler().parameters();
    return ksDistanceToNormal(std::move(sample), p.mu, std::sqrt(p.temperature) * p.sigma);
}

namespace {

/// "lesion synapses FRACTION", the form before the lesion vocabulary: each synapse goes with
/// probability FRACTION, drawn from the experiment's "lesion" stream (old run files replay so).
bool isOlderSynapseLesion(const Command& c)
{
    double x = 0;
    return c.verb == "lesion" && c.args.size() == 2 && c.args[0] == "synapses" && parseNumber(c.args[1], x);
}

} // namespace

void SynapticSamplingExperiment::validateCommand(const Command& c) const
{
    if (isOlderSynapseLesion(c)) {
        double x = 0;
        parseNumber(c.args[1], x);
        if (!(x >= 0 && x <= 1))
            throw InputError("lesion synapses: FRACTION must be between 0 and 1, got '" + c.args[1] + "'");
        return;
    }
    Experiment::validateCommand(c);
}

void SynapticSamplingExperiment::applyCommand(const Command& c)
{
    if (!isOlderSynapseLesion(c)) {
        Experiment::applyCommand(c);
        return;
    }
    double fraction = 0;
    parseNumber(c.args[1], fraction);
    SynapticSampler& s = net_.synapses().sampler();
    for (int r = 0; r < s.rows(); ++r)
        for (int col = 0; col < s.cols(); ++col)
            if (lesionRng_.bernoulli(fraction))
                s.remove(r, col);
}

std::vector<std::string> SynapticSamplingExperiment::seriesNames() const
{
    return {"active_fraction", "formation_per_hour", "elimination_per_hour", "survival",
            "cond_entropy",    "spine_volume",       "theta_tracked",        "theta_mean",
            "theta_sd"};
}

std::vector<double> SynapticSamplingExperiment::sampleSeries()
{
    const double t = time();
    if (stepIndex() > 0)
        snapshot(t);
    monitor_.closeBlock();
    const double ce = conditionalEntropyRatio(monitor_.window().labels);
    if (std::isnan(firstCondEntropy_) && !std::isnan(ce))
        firstCondEntropy_ = ce;
    const double survival = turnover_.survivingFraction(t);
    const auto& theta = net_.synapses().sampler().theta();
    const double mean = theta.mean();
    const double sd = std::sqrt((theta.array() - mean).square().mean());
    const double tracked = theta(trackedRow_, trackedCol_);
    return {activeFraction(),
            stepIndex() > 0 ? turnover_.lastFormationRate() : std::numeric_limits<double>::quiet_NaN(),
            stepIndex() > 0 ? turnover_.lastEliminationRate() : std::numeric_limits<double>::quiet_NaN(),
            survival,
            ce,
            tracked > 0 ? std::exp(tracked - net_.synapses().sampler().parameters().theta0) : 0.0,
            tracked,
            mean,
            sd};
}

MetricList SynapticSamplingExperiment::summary() const
{
    const auto w = monitor_.window();
    return {
        {"active_fraction", activeFraction()},
        {"stationary_error", stationaryError()},
        {"survival_loglog_slope", turnover_.survivalSlope()},
        {"cond_entropy", conditionalEntropyRatio(w.labels)},
        {"cond_entropy_first", firstCondEntropy_},
        {"formation_per_hour", turnover_.meanFormationRate()},
        {"elimination_per_hour", turnover_.meanEliminationRate()},
        {"formed_in_window", double(turnover_.formedInWindow())},
    };
}

void SynapticSamplingExperiment::writeSummaryExtras(JsonWriter& json) const
{
    json.key("survival_curve").beginObject();
    json.key("age_seconds").value(turnover_.survivalAges());
    json.key("fraction").value(turnover_.survivalFractions());
    json.endObject();
}

void SynapticSamplingExperiment::serialize(StateArchive& a)
{
    net_.inputs().serialize(a);
    net_.traces().serialize(a);
    net_.synapses().sampler().serialize(a);
    a.section("synaptic-sampling");
    a.fixed(net_.biases(), "biases");
    a.fixed(net_.lesionFlags(), "lesion flags");
    a.value(net_.wtaRate());
    a.value(net_.synapses().homeostasis());
    a.constant(presentationSteps_, "the presentation length");
    a.value(nextPresentation_);
    a.value(onsetStep_);
    a.constant(net_.synapses().sweepSteps(), "the sweep interval");
    a.value(evalDelay_);
    a.value(net_.circuits()[0].nextSpike);
    a.value(cluster_);
    a.resizable(experience_);
    a.values(rates_);
    a.streamOfFormat1(dataRng_);
    a.streamOfFormat1(inputRng_);
    a.streamOfFormat1(net_.circuitRng());
    a.streamOfFormat1(net_.synapses().noiseRng());
    a.streamOfFormat1(lesionRng_);
    turnover_.serializeRates(a);
    a.value(trackedRow_);
    a.value(trackedCol_);
    turnover_.serializeSurvival(a);
    monitor_.serialize(a);
    a.value(firstCondEntropy_);
    a.value(net_.synapticEvents());
    if (a.reading()) {
        if (presentationSteps_ < 1 || net_.synapses().sweepSteps() < 1 || trackedRow_ < 0 || trackedRow_ >= net_.synapses().sampler().rows()
            || trackedCol_ < 0 || trackedCol_ >= net_.synapses().sampler().cols() || cluster_ < -1
            || cluster_ >= (inputs_ ? inputs_->clusters() : 0))
            a.fail("synaptic-sampling state out of range");
        a.requireFuture(net_.circuits()[0].nextSpike, time(), dt(), "the next circuit spike");
        a.requireRange(net_.wtaRate(), 0.0, 1e6, "the circuit's rate");
        if (!silent_)
            a.requireRange(double(nextPresentation_), double(stepIndex()),
                           double(stepIndex() + presentationSteps_), "the next presentation");
        if (!rates_.empty() && int(rates_.size()) != net_.inputs().size())
            a.fail("input rates do not fit the inputs");
    }
}

} // namespace plab
