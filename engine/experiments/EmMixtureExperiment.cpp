#include "EmMixtureExperiment.h"

#include "io/StateArchive.h"

#include "analysis/InformationMeasures.h"
#include "core/Error.h"
#include "plasticity/StdpEmSpecs.h"

#include <algorithm>
#include <cmath>

namespace plab {

namespace {

std::vector<int> parseDigits(const std::string& text)
{
    std::vector<int> digits;
    std::size_t pos = 0;
    const auto bad = [&] { return InputError("parameter 'digits' = '" + text + "' is not a list like 0-4 or 1,2,7"); };
    while (pos < text.size()) {
        const std::size_t end = std::min(text.find(',', pos), text.size());
        const std::string item = text.substr(pos, end - pos);
        int a = -1, b = -1;
        if (item.size() == 1 && std::isdigit((unsigned char)item[0])) {
            a = b = item[0] - '0';
        } else if (item.size() == 3 && std::isdigit((unsigned char)item[0]) && item[1] == '-'
                   && std::isdigit((unsigned char)item[2])) {
            a = item[0] - '0';
            b = item[2] - '0';
        }
        if (a < 0 || b < a)
            throw bad();
        for (int d = a; d <= b; ++d)
            if (std::find(digits.begin(), digits.end(), d) == digits.end())
                digits.push_back(d);
        pos = end + 1;
    }
    if (digits.size() < 2)
        throw InputError("parameter 'digits' = '" + text + "' must name at least two digits");
    std::sort(digits.begin(), digits.end());
    return digits;
}

EpspKernel kernelFrom(const ParameterSet& p)
{
    EpspKernel k;
    k.shape = p.text("epsp") == "rectangular" ? EpspKernel::Shape::Rectangular : EpspKernel::Shape::DoubleExponential;
    k.sigma = p.number("sigma");
    k.tauRise = p.number("tau_rise");
    k.tauFall = p.number("tau_fall");
    if (k.shape == EpspKernel::Shape::DoubleExponential && k.tauRise >= k.tauFall)
        throw InputError("tau_rise must be shorter than tau_fall");
    return k;
}

struct Layout {
    int rows, cols, labels, neurons;
};

Layout layoutFrom(const ParameterSet& p)
{
    if (p.text("data") == "synthetic") {
        const int side = p.integer("image_side");
        const int classes = p.integer("classes");
        return {side, side, classes, p.integer("neurons") > 0 ? p.integer("neurons") : classes};
    }
    const int digits = int(parseDigits(p.text("digits")).size());
    const int side = p.text("mnist_side") == "28" ? 28 : 14;
    return {side, side, digits, p.integer("neurons") > 0 ? p.integer("neurons") : 2 * digits};
}

StdpEmWtaNetwork::Config networkConfig(const ParameterSet& p)
{
    const Layout layout = layoutFrom(p);
    StdpEmWtaNetwork::Config c;
    c.inputs = 2 * layout.rows * layout.cols;  // an "on" and an "off" neuron per pixel
    c.hidden = layout.neurons;
    c.dt = p.number("dt");
    c.kernel = kernelFrom(p);
    c.wtaRate = p.number("wta_rate");
    return c;
}

StdpEmSynapses synapsesFrom(const ParameterSet& p, const StdpEmWtaNetwork::Config& c)
{
    const StdpEmSettings s = stdpEmFrom(p, EmMixtureExperiment::stdpEmOptions());
    return StdpEmSynapses(c.hidden, c.inputs, s.rule, s.biasRule, s.schedule, c.kernel.sigma);
}

} // namespace

EmMixtureExperiment::EmMixtureExperiment(const ExperimentInfo& info, const ParameterSet& params, std::uint64_t seed)
    : Experiment(info, params, seed),
      net_(networkConfig(params), synapsesFrom(params, networkConfig(params)), stream("circuit")),
      presentationSteps_(std::max<std::int64_t>(1, std::llround(params.number("presentation") / params.number("dt")))),
      evalDelay_(params.number("eval_delay")),
      dataRng_(stream("data")), inputRng_(stream("input")),
      monitor_(layoutFrom(params).neurons, net_.inputs().size(), layoutFrom(params).labels,
               std::max(1, int(std::lround(params.number("measure_window") / params.number("record_interval"))))),
      firstCondEntropy_(std::numeric_limits<double>::quiet_NaN())
{
    const Layout layout = layoutFrom(params);
    rows_ = layout.rows;
    cols_ = layout.cols;
    if (params_.text("data") == "synthetic") {
        RandomStream truth = freshStream("truth");
        mixture_ = std::make_unique<BernoulliMixture>(
            BernoulliMixture::random(layout.labels, rows_, params_.number("p_on"), params_.number("p_off"), truth));
        for (int k = 0; k < layout.labels; ++k)
            labelNames_.push_back("prototype " + std::to_string(k + 1));
    } else {
        const std::vector<int> digits = parseDigits(params_.text("digits"));
        const std::string side = std::to_string(rows_) + "x" + std::to_string(cols_);
        dataset_ = ImageDataset::shared("data/mnist-" + side + ".plimg");
        if (dataset_->rows != rows_ || dataset_->cols != cols_)
            throw InputError("MNIST data file holds " + std::to_string(dataset_->rows) + "x"
                             + std::to_string(dataset_->cols) + " images, expected " + side);
        datasetIndices_ = dataset_->select(digits, ImageDataset::Training);
        if (datasetIndices_.empty())
            throw InputError("the MNIST data file has no training images of digits " + params_.text("digits"));
        digitToLabel_.assign(256, -1);
        for (std::size_t l = 0; l < digits.size(); ++l) {
            digitToLabel_[std::size_t(digits[l])] = int(l);
            labelNames_.push_back("digit " + std::to_string(digits[l]));
        }
    }

    // A new η restarts the decay from now, as a user moving the slider expects.
    LearningRateSchedule& schedule = net_.synapses().schedule();
    bindLive("learning_rate", &schedule.eta0, [this, &schedule] { schedule.start = time(); });

    // Random initial weights break the symmetry between z-neurons. e^{w'} is spread around
    // the mean trace of an input firing at input_rate, the scale of the fixed point, which
    // the EPSP shape sets (0.33 for a 10 ms window at 40 Hz, 0.72 for the double
    // exponential). Starting far below it lets the first winner's weights rise on every
    // input at once, and that one neuron takes over the circuit.
    const int K = net_.hidden();
    const int N = net_.synapses().cols();
    const double rate = params_.number("input_rate");
    const EpspKernel& kernel = net_.traces().kernel();
    const double meanTrace = kernel.shape == EpspKernel::Shape::Rectangular
                                 ? 1.0 - std::exp(-rate * kernel.sigma)
                                 : rate * (kernel.tauFall - kernel.tauRise);
    const double scale = std::max(0.05, meanTrace);
    RandomStream init = freshStream("init");
    auto& weights = net_.synapses().weights();
    for (int k = 0; k < K; ++k)
        for (int i = 0; i < N; ++i)
            weights(k, i) = std::log(scale * init.uniform(0.3, 1.5)) + logC();
    net_.biases().setConstant(std::log(1.0 / K));
    net_.addCircuit(0, K, 0);
    net_.setListener([this](const WtaGroup&, int k, double t) { onWinner(k, t); });

    // Lesions: the circuit's neurons (each prefers the label it fires for most) and their
    // input synapses.
    std::vector<std::string> preferences;
    if (mixture_)
        for (int k = 0; k < layout.labels; ++k)
            preferences.push_back(std::to_string(k + 1));
    else
        for (const int d : parseDigits(params_.text("digits")))
            preferences.push_back(std::to_string(d));
    lesionSite_ = std::make_unique<WtaLesionSite<StdpEmSynapses>>(
        net_, std::vector<WtaLesionSite<StdpEmSynapses>::Population>{{"hidden", 0, K, preferences, [this] { return preferredLabels(); }, "z"}},
        std::vector<WtaLesionSite<StdpEmSynapses>::Pathway>{{"input", 0, K, 0, N}});
    setLesionSite(lesionSite_.get());
}

std::vector<NeuronGroup> EmMixtureExperiment::neuronGroups() const
{
    return {{"input", 0, net_.inputs().size()}, {"z", net_.inputs().size(), net_.hidden()}};
}

void EmMixtureExperiment::setInputRates()
{
    const double on = params_.number("input_rate");
    const double off = params_.number("background_rate");
    auto& rates = net_.inputs().rates();
    // Population code: neuron 2j is "pixel j on", 2j+1 is "pixel j off".
    for (std::size_t j = 0; j < image_.size(); ++j) {
        rates[2 * j] = image_[j] ? on : off;
        rates[2 * j + 1] = image_[j] ? off : on;
    }
}

void EmMixtureExperiment::present(std::int64_t step)
{
    if (mixture_) {
        label_ = mixture_->sample(dataRng_, image_);
    } else {
        const int index = datasetIndices_[std::size_t(dataRng_.index(datasetIndices_.size()))];
        const std::uint8_t* pixels = dataset_->image(index);
        image_.resize(std::size_t(dataset_->pixelCount()));
        for (std::size_t j = 0; j < image_.size(); ++j)
            image_[j] = pixels[j] >= threshold_ ? 1 : 0;
        label_ = digitToLabel_[dataset_->labels[std::size_t(index)]];
    }
    setInputRates();
    net_.inputs().generate(step, int(presentationSteps_), inputRng_);
    onsetStep_ = step;
    nextPresentation_ = step + presentationSteps_;
}

void EmMixtureExperiment::advance()
{
    const std::int64_t n = stepIndex();
    if (n == nextPresentation_)
        present(n);
    inputSpikes_ += std::int64_t(net_.inputs().spikesAt(n).size());
    net_.step(n, time(), true, spikes_);  // the learning rate says whether it learns
}

void EmMixtureExperiment::onWinner(int k, double t)
{
    lastWinner_ = k;
    ++circuitSpikes_;
    monitor_.recordSpike(k, net_.liveIds(), net_.liveValues());
    if (label_ >= 0 && t - double(onsetStep_) * dt() >= evalDelay_ - 1e-12)
        monitor_.recordLabel(label_, k);
}

void EmMixtureExperiment::parameterChanged(const std::string& name)
{
    if (name == "wta_rate") {
        net_.wtaRate() = params_.number("wta_rate");
        net_.restartCircuits(time());
    } else if (name == "input_rate" || name == "background_rate") {
        if (!image_.empty()) {
            setInputRates();
            const std::int64_t n = stepIndex();
            net_.inputs().generate(n, int(nextPresentation_ - n), inputRng_);
        }
    }
}

void EmMixtureExperiment::serialize(StateArchive& a)
{
    StdpEmSynapses& syn = net_.synapses();
    net_.inputs().serialize(a);
    net_.traces().serialize(a);
    a.section("wta circuit");  // the layout of the circuit before the network model
    syn.serializeWeights(a);
    a.fixed(net_.biases(), "biases");
    a.fixed(net_.lesionFlags(), "lesion flags");
    a.value(net_.wtaRate());
    a.requireRange(net_.wtaRate(), 1e-9, 1e6, "the circuit's rate");
    syn.rule().serialize(a);
    syn.biasRule().serialize(a);
    syn.schedule().serialize(a);
    a.section("em-mixture");
    a.fixed(syn.trackS(), "weight tracking");
    a.fixed(syn.trackQ(), "weight tracking");
    a.fixed(syn.trackS0(), "bias tracking");
    a.fixed(syn.trackQ0(), "bias tracking");
    a.fixed(syn.lastPost(), "last spikes");
    syn.serializeRemoved(a);
    // Only counting mode keeps the wins, and no file before it had the mode.
    if (syn.schedule().mode == LearningRateSchedule::Mode::Counting)
        a.fixed(syn.wins(), "wins");
    a.constant(presentationSteps_, "the presentation length");
    a.value(nextPresentation_);
    a.value(onsetStep_);
    a.value(evalDelay_);
    a.values(image_);
    a.value(label_);
    a.value(net_.circuits()[0].nextSpike);
    a.streamOfFormat1(dataRng_);
    a.streamOfFormat1(inputRng_);
    a.streamOfFormat1(net_.circuitRng());
    monitor_.serialize(a);
    a.value(lastWinner_);
    a.value(circuitSpikes_);
    a.value(inputSpikes_);
    a.value(firstCondEntropy_);
    if (a.reading() && (presentationSteps_ < 1 || label_ < -1 || label_ >= int(labelNames_.size())
                        || lastWinner_ < -1 || lastWinner_ >= net_.hidden()))
        a.fail("em-mixture presentation state out of range");
    a.requireFuture(net_.circuits()[0].nextSpike, time(), dt(), "the next circuit spike");
    a.requireRange(double(nextPresentation_), double(stepIndex()), double(stepIndex() + presentationSteps_),
                   "the next presentation");
    if (a.reading() && !image_.empty() && image_.size() != std::size_t(rows_ * cols_))
        a.fail("the image shown does not fit the data");
}

} // namespace plab
