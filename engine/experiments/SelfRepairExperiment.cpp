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

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

int sizeOf(const std::shared_ptr<const ImageDataset>& d)
{
    return d->rows * d->cols;
}

} // namespace

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
          c.wtaRate = params.number("wta_rate");
          c.lateralGain = params.number("lateral_gain");
          SampledSynapses::Config s;
          s.sampling = samplingFrom(params);
          s.homeostasis = params.number("homeostasis");
          s.biasLimit = params.number("bias_limit");
          s.normalization = params.number("normalization");
          s.sweepInterval = params.number("sweep_interval");
          s.dt = c.dt;
          RandomStream init = freshStream("init");
          return SampledWtaNetwork(c, SampledSynapses(c.hidden, c.inputs + c.hidden, s, init, stream("noise")),
                                   stream("circuit"));
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
        net_.synapses().sampler().remove(r, hiddenBase + r);  // no self-connections
    // Cross-modal input synapses start retracted: at first zV hears only through zA.
    const double cross = params_.number("crossmodal_theta");
    const double crossPrior = params_.number("crossmodal_prior");
    const auto crossModal = [&](int r, int c) {
        net_.synapses().sampler().setTheta(r, c, cross);
        if (crossPrior != 0)
            net_.synapses().sampler().setPriorOffset(r, c, crossPrior);
    };
    for (int r = 0; r < zv_; ++r)
        for (int c = visualN_; c < hiddenBase; ++c)
            crossModal(r, c);
    for (int r = zv_; r < zv_ + za_; ++r)
        for (int c = 0; c < visualN_; ++c)
            crossModal(r, c);
    const int cols = net_.synapses().sampler().cols();
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
                net_.synapses().sampler().remove(r, hiddenBase + h);
            } else {
                // Within-population synapses start retracted with a lower prior: as they grow
                // they lock a population onto its current winners.
                net_.synapses().sampler().setTheta(r, hiddenBase + h, params_.number("within_theta"));
                if (const double offset = params_.number("within_prior"); offset != 0)
                    net_.synapses().sampler().setPriorOffset(r, hiddenBase + h, offset);
            }
        }
    // The synapses the PCA follows: a fixed random subset.
    RandomStream pick = freshStream("pca");
    std::vector<std::pair<int, int>> followed;
    while (int(followed.size()) < std::min(params_.integer("pca_synapses"), (zv_ + za_) * (cols - 1))) {
        const int r = int(pick.index(std::uint64_t(zv_ + za_)));
        const int c = int(pick.index(std::uint64_t(cols)));
        if (!net_.synapses().sampler().removed(r, c))
            followed.push_back({r, c});
    }
    pca_ = PcaMonitor(std::move(followed));
    net_.setListener([this](const WtaGroup& circuit, int winner, double t) { onWinner(circuit, winner, t); });
    // Live sampling parameters go straight into the sampler; the OU step up to now runs
    // under the old values first.
    for (const auto& [name, field] : samplingFields(net_.synapses().sampler().parameters()))
        if (const ParameterSpec* spec = params_.find(name); spec && spec->live)
            bindLive(name, field, [this, field = field](double next) { net_.synapses().changeSampling(field, next, time()); });

    // Lesions: the two populations (each neuron prefers the digit it fires for most) and the
    // eight pathways, named from-to; the lazy OU step brings every θ up to now first.
    using Site = WtaLesionSite<SampledSynapses>;
    const int zvCol = hiddenBase, zaCol = hiddenBase + zv_;
    const auto digits = [this](int first, int count) {
        const auto preferred = preferredDigits();
        std::vector<int> out;
        for (int k = first; k < first + count; ++k)
            out.push_back(preferred[std::size_t(k)] - 1);  // 0 (unknown) becomes −1
        return out;
    };
    lesionSite_ = std::make_unique<Site>(
        net_,
        std::vector<Site::Population>{{"zv", 0, zv_, {"1", "2"}, [=, this] { return digits(0, zv_); }, "zV"},
                                      {"za", zv_, za_, {"1", "2"}, [=, this] { return digits(zv_, za_); }, "zA"}},
        std::vector<Site::Pathway>{{"visual-zv", 0, zv_, 0, visualN_},
                                   {"auditory-zv", 0, zv_, visualN_, auditoryN_},
                                   {"visual-za", zv_, za_, 0, visualN_},
                                   {"auditory-za", zv_, za_, visualN_, auditoryN_},
                                   {"zv-zv", 0, zv_, zvCol, zv_},
                                   {"za-za", zv_, za_, zaCol, za_},
                                   {"zv-za", zv_, za_, zvCol, zv_},
                                   {"za-zv", 0, zv_, zaCol, za_}},
        [this] { net_.synapses().advanceAll(time()); });
    setLesionSite(lesionSite_.get());
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

void SelfRepairExperiment::validateCommand(const Command& c) const
{
    if (c.verb == "lesion") {
        if (c.args.size() == 2 && c.args[0] == "zv-digit" && (c.args[1] == "1" || c.args[1] == "2"))
            return;
        if (c.args.size() == 2 && c.args[0] == "cut" && c.args[1] == "zv-za")
            return;
        if (c.args.size() > 0 && (c.args[0] == "zv-digit" || c.args[0] == "cut"))
            throw InputError("self-repair understands 'lesion zv-digit 1|2' and 'lesion cut zv-za'");
    }
    Experiment::validateCommand(c);
}

void SelfRepairExperiment::applyCommand(const Command& c)
{
    const int hiddenBase = visualN_ + auditoryN_;
    if (c.args[0] != "zv-digit" && c.args[0] != "cut") {
        Experiment::applyCommand(c);  // the lesion vocabulary; lesionApplied() follows
        return;
    }
    if (c.args[0] == "zv-digit") {
        const int digit = std::stoi(c.args[1]);
        const auto preferred = preferredDigits();
        for (int k = 0; k < zv_; ++k)
            if (preferred[std::size_t(k)] == digit)
                net_.lesion(k);
    } else {
        for (int r = 0; r < zv_; ++r)
            for (int col = hiddenBase + zv_; col < hiddenBase + zv_ + za_; ++col)
                net_.synapses().sampler().remove(r, col);
        for (int r = zv_; r < zv_ + za_; ++r)
            for (int col = hiddenBase; col < hiddenBase + zv_; ++col)
                net_.synapses().sampler().remove(r, col);
    }
    lesionApplied(c);
}

void SelfRepairExperiment::lesionApplied(const Command&)
{
    // Several commands at one moment are one lesion (as Simulation::lesionTimes counts them).
    if (!lesionTimes_.empty() && lesionTimes_.back() == time())
        return;
    ++lesions_;
    lesionTimes_.push_back(time());
    // Measure the damage right away (after the test block under way, if any).
    nextTest_ = stepIndex();
    testAfterLesion_ = true;
}

void SelfRepairExperiment::serialize(StateArchive& a)
{
    net_.inputs().serialize(a);
    net_.traces().serialize(a);
    net_.synapses().sampler().serialize(a);
    a.section("self-repair");
    a.fixed(net_.biases(), "biases");
    a.fixed(net_.lesionFlags(), "removed neurons");
    for (double* x : {&net_.wtaRate(), &net_.synapses().homeostasis(), &visualPeak_, &auditoryPeak_, &background_,
                      &auditoryFloor_, &net_.lateralGain(), &net_.synapses().biasLimit(), &net_.synapses().normalization()})
        a.value(*x);
    a.constant(exampleSteps_, "the example length");
    a.value(nextExample_);
    a.value(onsetStep_);
    a.constant(net_.synapses().sweepSteps(), "the sweep interval");
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
    pca_.serialize(a, net_.synapses().sampler().rows(), net_.synapses().sampler().cols());
    a.streamOfFormat1(dataRng_);
    a.streamOfFormat1(inputRng_);
    a.streamOfFormat1(net_.circuitRng());
    a.streamOfFormat1(net_.synapses().noiseRng());
    a.value(net_.synapticEvents());
    if (a.reading()) {
        if (exampleSteps_ < 1 || net_.synapses().sweepSteps() < 1 || testEverySteps_ < 1 || digit_ < 0 || digit_ > 2
            || testPhase_ < 0 || testPhase_ > 2 || testItem_ < 0 || visualIndex_ < -1
            || visualIndex_ >= visual_->count() || auditoryIndex_ < -1 || auditoryIndex_ >= auditory_->count())
            a.fail("self-repair presentation state out of range");
        for (const auto& c : net_.circuits())
            a.requireFuture(c.nextSpike, time(), dt(), "a circuit's next spike");
        a.requireRange(net_.wtaRate(), 1e-9, 1e6, "the circuits' rate");
    }
}

} // namespace plab
