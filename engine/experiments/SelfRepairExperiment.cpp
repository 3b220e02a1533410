#include "SelfRepairExperiment.h"

#include "io/StateArchive.h"

#include "analysis/InformationMeasures.h"
#include "core/Error.h"
#include "io/JsonWriter.h"
#include "plasticity/SamplingSpecs.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plab {

namespace {

using Spec = ParameterSpec;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<ParameterSpec> selfRepairParameters()
{
    auto p = commonParameters(60.0);
    const std::vector<ParameterSpec> own = {
        Spec::integer("zv_neurons", 20, 2, 200, "neurons of the visual population zV"),
        Spec::integer("za_neurons", 20, 2, 200, "neurons of the auditory population zA"),
        Spec::integer("zv_circuits", 1, 1, 50, "WTA circuits zV is split into (each fires at wta_rate)"),
        Spec::integer("za_circuits", 5, 1, 50,
                      "WTA circuits zA is split into: several winners at a time give zV a population code to read"),
        Spec::real("wta_rate", 100.0, 1.0, 2000.0, "Hz", "total firing rate of each WTA circuit"),
        Spec::real("homeostasis", 0.005, 0.0, 1.0, "", "rate of the homeostatic biases (equal share of spikes)"),
        Spec::real("bias_limit", 50.0, 0.0, 1000.0, "",
                   "the homeostatic biases stay within +-this"),
        Spec::real("visual_peak", 50.0, 0.0, 500.0, "Hz", "rate of a visual input neuron at a black pixel"),
        Spec::real("auditory_peak", 50.0, 0.0, 500.0, "Hz", "rate of an auditory input neuron at full power"),
        Spec::real("background_rate", 1.0, 0.0, 50.0, "Hz", "rate of every input neuron without a stimulus"),
        Spec::real("auditory_floor", 0.4, 0.0, 0.99, "",
                   "spectrogram values below this fraction of the range give background rate"),
        Spec::real("example", 0.2, 0.01, 10.0, "s", "how long each digit is shown"),
        Spec::choice("within_lateral", {"off", "between-circuits", "all"}, "off",
                     "potential synapses inside a population: between its WTA circuits only, none, or also inside "
                     "a circuit (which locks a circuit onto its current winner)"),
        Spec::real("within_theta", -5.0, -5.0, 5.0, "",
                   "initial theta of synapses inside a population (when within_lateral allows them)"),
        Spec::real("within_prior", -3.0, -5.0, 5.0, "",
                   "offset of the prior mean of synapses inside a population (negative: a priori rare)"),
        Spec::real("normalization", 1.0, 0.0, 10.0, "",
                   "weight of the Poisson normaliser -sum(alpha e^w) in each neuron's potential (0: none)"),
        Spec::real("lateral_gain", 1.0, 0.0, 100.0, "",
                   "amplitude of the EPSPs between hidden neurons, relative to input EPSPs"),
    };
    p.insert(p.end(), own.begin(), own.end());
    const auto sampling = samplingSpecs({3e-4, false, false});
    p.insert(p.end(), sampling.begin(), sampling.end());
    const std::vector<ParameterSpec> rest = {
        Spec::real("crossmodal_theta", -5.0, -5.0, 5.0, "",
                   "initial theta of auditory->zV and visual->zA synapses (negative: they start retracted)"),
        Spec::real("crossmodal_prior", -1.25, -5.0, 5.0, "",
                   "offset of the prior mean of auditory->zV and visual->zA synapses (negative: a priori rare)"),
        Spec::real("sweep_interval", 1.0, 0.001, 3600.0, "s", "every synapse is brought up to date at least this often"),
        Spec::real("test_every", 300.0, 1.0, 1e6, "s", "interval between two test blocks"),
        Spec::real("perf_window", 900.0, 1.0, 1e7, "s",
                   "perf_pre and perf_recovered average the tests of this last stretch before an event"),
        Spec::integer("test_items", 40, 2, 1000, "examples per modality in a test block (half of each digit)"),
        Spec::real("lesion1_at", 3600.0, -1.0, 1e7, "s", "time of 'lesion zv-digit 2' (-1: none)"),
        Spec::real("lesion2_at", 7200.0, -1.0, 1e7, "s", "time of 'lesion cut zv-za' (-1: none)"),
        Spec::integer("pca_synapses", 2000, 3, 100000, "randomly chosen synapses whose theta the PCA follows"),
        Spec::real("preference_time", 600.0, 1.0, 1e6, "s", "memory of the responses that define a preferred digit"),
        Spec::real("eval_delay", 0.03, 0.0, 10.0, "s", "spikes this soon after an onset are not counted"),
    };
    p.insert(p.end(), rest.begin(), rest.end());
    return p;
}

int sizeOf(const std::shared_ptr<const ImageDataset>& d)
{
    return d->rows * d->cols;
}

} // namespace

const char* SelfRepairExperiment::pathwayName(int p)
{
    static const char* names[] = {"visual_to_zv", "auditory_to_zv", "visual_to_za", "auditory_to_za",
                                  "zv_to_zv",     "za_to_za",       "zv_to_za",     "za_to_zv"};
    return names[p];
}

ExperimentInfo SelfRepairExperiment::info()
{
    ExperimentInfo i;
    i.name = "self-repair";
    i.title = "Self-repair after lesions";
    i.description = "visual and auditory WTA circuits learn digits under synaptic sampling and recover from two lesions";
    i.paper = "Kappel, Habenschuss, Legenstein & Maass (2015) PLoS Comput Biol 11(11): e1004485";
    i.seriesHelp = {
        {"performance", "information about the digit in zV's winner when only spoken test digits are heard "
                        "(bits, 0–1; one test block every test_every seconds, plasticity frozen)"},
        {"performance_za", "the same for zA, the auditory population (bits, 0–1)"},
        {"performance_visual", "zV with only the handwritten test digits shown (bits, 0–1)"},
        {"active_*", "existing synapses (θ > 0) in one pathway (count)"},
        {"phase", "number of lesions so far (0, 1, 2)"},
        {"pc*", "the θ of the tracked synapses projected on a principal component (filled in at the end of a "
                "headless run)"},
    };
    i.defaultSeconds = 14400;
    i.recordAtStart = true;
    i.headlineSeries = {"performance", "performance_za", "performance_visual"};
    i.parameters = selfRepairParameters;
    i.create = [](const ExperimentInfo& self, const ParameterSet& p, std::uint64_t seed) -> std::unique_ptr<Experiment> {
        return std::make_unique<SelfRepairExperiment>(self, p, seed);
    };
    return i;
}

SelfRepairExperiment::SelfRepairExperiment(const ExperimentInfo& info, const ParameterSet& params, std::uint64_t seed)
    : Experiment(info, params, seed), visual_(ImageDataset::shared("data/mnist-14x14.plimg")),
      auditory_(ImageDataset::shared("data/spoken-digits.plimg")), visualN_(sizeOf(visual_)), auditoryN_(sizeOf(auditory_)),
      zv_(params.integer("zv_neurons")), za_(params.integer("za_neurons")),
      net_([&] {
          SampledWtaNetwork::Config c;
          c.inputs = visualN_ + auditoryN_;
          c.hidden = zv_ + za_;
          c.hiddenPresynaptic = true;
          c.dt = params.number("dt");
          c.sampling = samplingFrom(params);
          c.wtaRate = params.number("wta_rate");
          c.homeostasis = params.number("homeostasis");
          c.biasLimit = params.number("bias_limit");
          c.lateralGain = params.number("lateral_gain");
          c.normalization = params.number("normalization");
          c.sweepInterval = params.number("sweep_interval");
          RandomStream init = stream("init");
          return SampledWtaNetwork(c, init, stream("circuit"), stream("noise"));
      }()),
      visualPeak_(params.number("visual_peak")), auditoryPeak_(params.number("auditory_peak")),
      background_(params.number("background_rate")), auditoryFloor_(params.number("auditory_floor")),
      exampleSteps_(std::max<std::int64_t>(1, std::llround(params.number("example") / params.number("dt")))),
      evalDelay_(params.number("eval_delay")),
      testEverySteps_(std::max<std::int64_t>(1, std::llround(params.number("test_every") / params.number("dt")))),
      nextTest_(testEverySteps_), testItems_(params.integer("test_items")),
      testDuration_(2.0 * params.integer("test_items") * params.number("example")),
      performance_(kNaN), performanceZa_(kNaN), performanceVisual_(kNaN),
      preference_(Eigen::MatrixXd::Zero(zv_ + za_, 2)), dataRng_(stream("data")), inputRng_(stream("input"))
{
    for (int d = 0; d < 2; ++d) {
        visualTrain_[d] = visual_->select({d + 1}, ImageDataset::Training);
        visualTest_[d] = visual_->select({d + 1}, ImageDataset::Test);
        auditoryTrain_[d] = auditory_->select({d + 1}, ImageDataset::Training);
        auditoryTest_[d] = auditory_->select({d + 1}, ImageDataset::Test);
        if (visualTrain_[d].empty() || visualTest_[d].empty() || auditoryTrain_[d].empty() || auditoryTest_[d].empty())
            throw InputError("the data files hold no training or test examples of digit " + std::to_string(d + 1));
    }
    const int hiddenBase = visualN_ + auditoryN_;
    for (int r = 0; r < zv_ + za_; ++r)
        net_.sampler().remove(r, hiddenBase + r);  // no self-connections
    // Cross-modal input synapses start retracted: at first zV hears only through zA.
    const double cross = params_.number("crossmodal_theta");
    const double crossPrior = params_.number("crossmodal_prior");
    const auto crossModal = [&](int r, int c) {
        net_.sampler().setTheta(r, c, cross);
        if (crossPrior != 0)
            net_.sampler().setPriorOffset(r, c, crossPrior);
    };
    for (int r = 0; r < zv_; ++r)
        for (int c = visualN_; c < hiddenBase; ++c)
            crossModal(r, c);
    for (int r = zv_; r < zv_ + za_; ++r)
        for (int c = 0; c < visualN_; ++c)
            crossModal(r, c);
    const int cols = net_.sampler().cols();
    // Split each population into its WTA circuits (as equal as possible).
    const auto split = [this](int first, int size, int circuits, int population) {
        circuits = std::min(circuits, size);
        for (int c = 0; c < circuits; ++c) {
            const int a = first + size * c / circuits, b = first + size * (c + 1) / circuits;
            net_.addCircuit(a, b - a, population);
        }
    };
    split(0, zv_, params_.integer("zv_circuits"), 0);
    split(zv_, za_, params_.integer("za_circuits"), 1);
    // Synapses inside a population: none, only between its circuits, or all.
    const std::string within = params_.text("within_lateral");
    std::vector<int> circuitOf(std::size_t(zv_ + za_));
    const auto& circuits = net_.circuits();
    for (std::size_t c = 0; c < circuits.size(); ++c)
        for (int k = 0; k < circuits[c].count; ++k)
            circuitOf[std::size_t(circuits[c].first + k)] = int(c);
    for (int r = 0; r < zv_ + za_; ++r)
        for (int h = 0; h < zv_ + za_; ++h) {
            const bool samePopulation = (r < zv_) == (h < zv_);
            const bool sameCircuit = circuitOf[std::size_t(r)] == circuitOf[std::size_t(h)];
            if (h == r || !samePopulation)
                continue;
            if (within == "off" || (within == "between-circuits" && sameCircuit)) {
                net_.sampler().remove(r, hiddenBase + h);
            } else {
                // Within-population synapses start retracted with a lower prior: as they grow
                // they lock a population onto its current winners.
                net_.sampler().setTheta(r, hiddenBase + h, params_.number("within_theta"));
                if (const double offset = params_.number("within_prior"); offset != 0)
                    net_.sampler().setPriorOffset(r, hiddenBase + h, offset);
            }
        }
    // The synapses the PCA follows: a fixed random subset.
    RandomStream pick = stream("pca");
    std::vector<std::pair<int, int>> followed;
    while (int(followed.size()) < std::min(params_.integer("pca_synapses"), (zv_ + za_) * (cols - 1))) {
        const int r = int(pick.index(std::uint64_t(zv_ + za_)));
        const int c = int(pick.index(std::uint64_t(cols)));
        if (!net_.sampler().removed(r, c))
            followed.push_back({r, c});
    }
    pca_ = PcaMonitor(std::move(followed));
    net_.setListener([this](const WtaGroup& circuit, int winner, double t) { onWinner(circuit, winner, t); });
    // Live sampling parameters go straight into the sampler; the OU step up to now runs
    // under the old values first.
    for (const auto& [name, field] : samplingFields(net_.sampler().parameters()))
        if (const ParameterSpec* spec = params_.find(name); spec && spec->live)
            bindLive(name, field, [this] { net_.advanceAll(time()); });
}

std::vector<NeuronGroup> SelfRepairExperiment::neuronGroups() const
{
    const int h = visualN_ + auditoryN_;
    return {{"visual", 0, visualN_, 10}, {"auditory", visualN_, auditoryN_, 9}, {"zV", h, zv_, 11}, {"zA", h + zv_, za_, 11}};
}

std::vector<std::string> SelfRepairExperiment::verbHelp() const
{
    return {"lesion zv-digit 1|2   (remove the zV neurons that prefer that digit)",
            "lesion cut zv-za      (remove every zV<->zA synapse for good)"};
}

std::vector<Command> SelfRepairExperiment::scheduledCommands() const
{
    std::vector<Command> c;
    if (params_.number("lesion1_at") >= 0)
        c.push_back(Command::fromText(params_.number("lesion1_at"), "lesion zv-digit 2"));
    if (params_.number("lesion2_at") >= 0)
        c.push_back(Command::fromText(params_.number("lesion2_at"), "lesion cut zv-za"));
    return c;
}

const std::uint8_t* SelfRepairExperiment::currentVisual() const
{
    return digit_ && visualIndex_ >= 0 && showVisual_ ? visual_->image(visualIndex_) : nullptr;
}

const std::uint8_t* SelfRepairExperiment::currentAuditory() const
{
    return digit_ && auditoryIndex_ >= 0 && showAuditory_ ? auditory_->image(auditoryIndex_) : nullptr;
}

void SelfRepairExperiment::setRates()
{
    auto& rates = net_.inputs().rates();
    const std::uint8_t* v = currentVisual();
    const std::uint8_t* a = currentAuditory();
    for (int i = 0; i < visualN_; ++i)
        rates[std::size_t(i)] = background_ + (v ? visualPeak_ * v[i] / 255.0 : 0.0);
    for (int i = 0; i < auditoryN_; ++i) {
        const double x = a ? std::clamp((a[i] / 255.0 - auditoryFloor_) / (1.0 - auditoryFloor_), 0.0, 1.0) : 0.0;
        rates[std::size_t(visualN_ + i)] = background_ + auditoryPeak_ * x;
    }
}

void SelfRepairExperiment::startExample(std::int64_t step)
{
    if (testPhase_ == 0) {
        digit_ = 1 + int(dataRng_.index(2));
        const auto& vis = visualTrain_[digit_ - 1];
        const auto& aud = auditoryTrain_[digit_ - 1];
        visualIndex_ = vis[std::size_t(dataRng_.index(vis.size()))];
        auditoryIndex_ = aud[std::size_t(dataRng_.index(aud.size()))];
        showVisual_ = showAuditory_ = true;
    } else {
        digit_ = 1 + testItem_ % 2;  // alternate, so both digits are tested equally
        const auto& vis = visualTest_[digit_ - 1];
        const auto& aud = auditoryTest_[digit_ - 1];
        visualIndex_ = vis[std::size_t(dataRng_.index(vis.size()))];
        auditoryIndex_ = aud[std::size_t(dataRng_.index(aud.size()))];
        showAuditory_ = testPhase_ == 1;
        showVisual_ = testPhase_ == 2;
    }
    setRates();
    net_.inputs().generate(step, int(exampleSteps_), inputRng_);
    onsetStep_ = step;
    nextExample_ = step + exampleSteps_;
}

void SelfRepairExperiment::beginTest(std::int64_t step)
{
    testStart_ = time();
    testAfterLesion_ = false;
    testPhase_ = 1;
    testItem_ = 0;
    for (auto& c : testCounts_)
        c = Eigen::MatrixXd::Zero(2, zv_ + za_);
    startExample(step);
}

void SelfRepairExperiment::finishTest()
{
    performance_ = mutualInformationBits(testCounts_[0].leftCols(zv_));
    performanceZa_ = mutualInformationBits(testCounts_[1].rightCols(za_));
    performanceVisual_ = mutualInformationBits(testCounts_[2].leftCols(zv_));
    performanceLog_.push_back({testStart_, performance_});
    testPhase_ = 0;
    nextTest_ = testAfterLesion_ ? stepIndex() : stepIndex() + testEverySteps_;
    testAfterLesion_ = false;
}

void SelfRepairExperiment::advance()
{
    const std::int64_t n = stepIndex();
    const double t = time();
    if (testPhase_ == 0 && n >= nextTest_ && n >= nextExample_)
        beginTest(n);
    if (n >= nextExample_) {
        if (testPhase_ != 0 && ++testItem_ >= testItems_) {
            if (testPhase_ == 1) {
                testPhase_ = 2;
                testItem_ = 0;
            } else {
                finishTest();
            }
        }
        startExample(n);
    }
    net_.step(n, t, testPhase_ == 0, spikes_);
}

void SelfRepairExperiment::onWinner(const WtaGroup& circuit, int winner, double t)
{
    const bool counted = t - double(onsetStep_) * dt() >= evalDelay_ - 1e-12 && digit_ > 0;
    if (!counted)
        return;
    if (testPhase_ == 0)
        preference_(winner, digit_ - 1) += 1.0;
    else if (testPhase_ == 1)
        testCounts_[circuit.population == 0 ? 0 : 1](digit_ - 1, winner) += 1.0;
    else if (circuit.population == 0)
        testCounts_[2](digit_ - 1, winner) += 1.0;
}

std::vector<int> SelfRepairExperiment::preferredDigits() const
{
    std::vector<int> out(std::size_t(zv_ + za_), 0);
    for (int k = 0; k < zv_ + za_; ++k)
        if (preference_.row(k).sum() > 0)
            out[std::size_t(k)] = preference_(k, 1) > preference_(k, 0) ? 2 : 1;
    return out;
}

int SelfRepairExperiment::pathwayOf(int row, int col) const
{
    const bool toZv = row < zv_;
    if (col < visualN_)
        return toZv ? VisualToZv : VisualToZa;
    if (col < visualN_ + auditoryN_)
        return toZv ? AuditoryToZv : AuditoryToZa;
    const bool fromZv = col < visualN_ + auditoryN_ + zv_;
    if (fromZv)
        return toZv ? ZvToZv : ZvToZa;
    return toZv ? ZaToZv : ZaToZa;
}

std::int64_t SelfRepairExperiment::activeSynapses(int pathway) const
{
    std::int64_t n = 0;
    for (int r = 0; r < net_.sampler().rows(); ++r)
        for (int c = 0; c < net_.sampler().cols(); ++c)
            if (net_.sampler().theta()(r, c) > 0 && pathwayOf(r, c) == pathway)
                ++n;
    return n;
}

std::int64_t SelfRepairExperiment::potentialSynapses(int pathway) const
{
    std::int64_t n = 0;
    for (int r = 0; r < net_.sampler().rows(); ++r)
        for (int c = 0; c < net_.sampler().cols(); ++c)
            if (!net_.sampler().removed(r, c) && pathwayOf(r, c) == pathway)
                ++n;
    return n;
}

void SelfRepairExperiment::validateCommand(const Command& c) const
{
    if (c.verb == "lesion") {
        if (c.args.size() == 2 && c.args[0] == "zv-digit" && (c.args[1] == "1" || c.args[1] == "2"))
            return;
        if (c.args.size() == 2 && c.args[0] == "cut" && c.args[1] == "zv-za")
            return;
        throw InputError("self-repair understands 'lesion zv-digit 1|2' and 'lesion cut zv-za'");
    }
    Experiment::validateCommand(c);
}

void SelfRepairExperiment::applyCommand(const Command& c)
{
    const int hiddenBase = visualN_ + auditoryN_;
    if (c.args[0] == "zv-digit") {
        const int digit = std::stoi(c.args[1]);
        const auto preferred = preferredDigits();
        for (int k = 0; k < zv_; ++k)
            if (preferred[std::size_t(k)] == digit)
                net_.lesion(k);
    } else {
        for (int r = 0; r < zv_; ++r)
            for (int col = hiddenBase + zv_; col < hiddenBase + zv_ + za_; ++col)
                net_.sampler().remove(r, col);
        for (int r = zv_; r < zv_ + za_; ++r)
            for (int col = hiddenBase; col < hiddenBase + zv_; ++col)
                net_.sampler().remove(r, col);
    }
    ++lesions_;
    lesionTimes_.push_back(time());
    // Measure the damage right away (after the test block under way, if any).
    nextTest_ = stepIndex();
    testAfterLesion_ = true;
}

std::vector<std::string> SelfRepairExperiment::seriesNames() const
{
    std::vector<std::string> names = {"performance", "performance_za", "performance_visual"};
    for (int p = 0; p < Pathways; ++p)
        names.push_back(std::string("active_") + pathwayName(p));
    names.insert(names.end(), {"phase", "pc1", "pc2", "pc3"});
    return names;
}

std::vector<double> SelfRepairExperiment::sampleSeries()
{
    if (testPhase_ == 0)
        net_.advanceAll(time());
    preference_ *= std::exp(-params_.number("record_interval") / params_.number("preference_time"));
    pca_.record(net_.sampler().theta(), lesions_);
    std::vector<double> row = {performance_, performanceZa_, performanceVisual_};
    std::vector<std::int64_t> active(Pathways, 0);
    for (int r = 0; r < net_.sampler().rows(); ++r)
        for (int c = 0; c < net_.sampler().cols(); ++c)
            if (net_.sampler().theta()(r, c) > 0)
                ++active[std::size_t(pathwayOf(r, c))];
    for (std::int64_t a : active)
        row.push_back(double(a));
    row.insert(row.end(), {double(lesions_), kNaN, kNaN, kNaN});
    return row;
}

void SelfRepairExperiment::finalizeSeries(MetricSeries& series) const
{
    Eigen::MatrixXd scores;
    std::vector<int> phases;
    pca_.trajectory(scores, phases);
    const auto column = [&](const char* name) {
        return std::size_t(std::find(series.names.begin(), series.names.end(), name) - series.names.begin());
    };
    const std::size_t pc1 = column("pc1");
    for (std::size_t r = 0; r < series.rows.size() && Eigen::Index(r) < scores.rows(); ++r)
        for (int j = 0; j < 3; ++j)
            series.rows[r][pc1 + std::size_t(j)] = scores(Eigen::Index(r), j);
}

MetricList SelfRepairExperiment::summary() const
{
    // Performance around the lesions: the mean of the tests in the last `perf_window` seconds
    // before an event (single tests scatter by ±0.1 bits), and the first test after it.
    const double window = params_.number("perf_window");
    // Tests are logged at their start: "before" a lesion means started (and so, since a
    // lesion waits for no test, mostly run) before it; "after" means started after it.
    const auto before = [this, window](double t) {
        double sum = 0;
        int n = 0;
        for (const auto& [when, perf] : performanceLog_)
            if (when + testDuration_ < t - 1e-9 && when >= t - window) {
                sum += perf;
                ++n;
            }
        return n ? sum / n : kNaN;
    };
    const auto after = [this](double t) {
        // A lesion applies before the step that starts at t: a test starting at t sees it.
        for (const auto& [when, perf] : performanceLog_)
            if (when >= t - 1e-9)
                return perf;
        return kNaN;
    };
    const double l1 = lesionTimes_.size() > 0 ? lesionTimes_[0] : kNaN;
    const double l2 = lesionTimes_.size() > 1 ? lesionTimes_[1] : kNaN;
    const double end = time() + 1.0;
    MetricList m = {
        {"perf_pre", std::isnan(l1) ? before(end) : before(l1)},
        {"perf_after_lesion1", std::isnan(l1) ? kNaN : after(l1)},
        {"perf_recovered1", std::isnan(l1) ? kNaN : before(std::isnan(l2) ? end : l2)},
        {"perf_after_lesion2", std::isnan(l2) ? kNaN : after(l2)},
        {"perf_recovered2", std::isnan(l2) ? kNaN : before(end)},
        {"performance", performance_},
        {"performance_za", performanceZa_},
        {"performance_visual", performanceVisual_},
    };
    for (int p = 0; p < Pathways; ++p)
        m.push_back({std::string("active_") + pathwayName(p), double(activeSynapses(p))});
    return m;
}

void SelfRepairExperiment::writeSummaryExtras(JsonWriter& json) const
{
    std::vector<double> times, perf;
    for (const auto& [t, p] : performanceLog_) {
        times.push_back(t);
        perf.push_back(p);
    }
    json.key("performance_tests").beginObject();
    json.key("t").value(times);
    json.key("performance").value(perf);
    json.endObject();
    json.key("lesion_times").value(lesionTimes_);
}

void SelfRepairExperiment::serialize(StateArchive& a)
{
    net_.inputs().serialize(a);
    net_.traces().serialize(a);
    net_.sampler().serialize(a);
    a.section("self-repair");
    a.fixed(net_.biases(), "biases");
    a.fixed(net_.lesionFlags(), "removed neurons");
    for (double* x : {&net_.wtaRate(), &net_.homeostasis(), &visualPeak_, &auditoryPeak_, &background_,
                      &auditoryFloor_, &net_.lateralGain(), &net_.biasLimit(), &net_.normalization()})
        a.value(*x);
    a.constant(exampleSteps_, "the example length");
    a.value(nextExample_);
    a.value(onsetStep_);
    a.constant(net_.sweepSteps(), "the sweep interval");
    a.value(digit_);
    a.value(visualIndex_);
    a.value(auditoryIndex_);
    a.value(showVisual_);
    a.value(showAuditory_);
    std::uint64_t circuits = net_.circuits().size();
    a.value(circuits);
    if (a.reading() && circuits != net_.circuits().size())
        a.fail("the number of circuits does not fit the parameters");
    for (auto& c : net_.circuits())
        a.value(c.nextSpike);
    a.value(evalDelay_);
    a.constant(testEverySteps_, "the test interval");
    a.value(nextTest_);
    a.constant(testItems_, "the test length");
    a.constant(testDuration_, "the test duration");
    a.value(testStart_);
    a.value(testAfterLesion_);
    a.value(testPhase_);
    a.value(testItem_);
    for (auto& counts : testCounts_)
        a.resizable(counts);
    a.value(performance_);
    a.value(performanceZa_);
    a.value(performanceVisual_);
    a.values(performanceLog_);
    a.fixed(preference_, "preferences");
    a.value(lesions_);
    a.values(lesionTimes_);
    pca_.serialize(a, net_.sampler().rows(), net_.sampler().cols());
    a.value(dataRng_);
    a.value(inputRng_);
    a.value(net_.circuitRng());
    a.value(net_.noiseRng());
    a.value(net_.synapticEvents());
    if (a.reading()) {
        if (exampleSteps_ < 1 || net_.sweepSteps() < 1 || testEverySteps_ < 1 || digit_ < 0 || digit_ > 2
            || testPhase_ < 0 || testPhase_ > 2 || testItem_ < 0 || visualIndex_ < -1
            || visualIndex_ >= visual_->count() || auditoryIndex_ < -1 || auditoryIndex_ >= auditory_->count())
            a.fail("self-repair presentation state out of range");
        for (const auto& c : net_.circuits())
            a.requireFuture(c.nextSpike, time(), dt(), "a circuit's next spike");
        a.requireRange(net_.wtaRate(), 1e-9, 1e6, "the circuits' rate");
    }
}

} // namespace plab
