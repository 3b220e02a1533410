#include "EmMixtureExperiment.h"

#include "io/StateArchive.h"

#include "analysis/InformationMeasures.h"
#include "core/Error.h"
#include "network/LesionCommand.h"

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
    return {14, 14, digits, p.integer("neurons") > 0 ? p.integer("neurons") : 2 * digits};
}

} // namespace

EmMixtureExperiment::EmMixtureExperiment(const ExperimentInfo& info, const ParameterSet& params, std::uint64_t seed)
    : Experiment(info, params, seed),
      inputs_(2 * layoutFrom(params).rows * layoutFrom(params).cols, params.number("dt")),
      traces_(inputs_.size(), kernelFrom(params)),
      circuit_(layoutFrom(params).neurons, inputs_.size(), params.number("wta_rate")),
      presentationSteps_(std::max<std::int64_t>(1, std::llround(params.number("presentation") / params.number("dt")))),
      evalDelay_(params.number("eval_delay")),
      dataRng_(stream("data")), inputRng_(stream("input")), circuitRng_(stream("circuit")),
      monitor_(layoutFrom(params).neurons, inputs_.size(), layoutFrom(params).labels,
               std::max(1, int(std::lround(params.number("measure_window") / params.number("record_interval"))))),
      firstCondEntropy_(std::numeric_limits<double>::quiet_NaN())
{
    const Layout layout = layoutFrom(params);
    rows_ = layout.rows;
    cols_ = layout.cols;
    if (params_.text("data") == "synthetic") {
        RandomStream truth = stream("truth");
        mixture_ = std::make_unique<BernoulliMixture>(
            BernoulliMixture::random(layout.labels, rows_, params_.number("p_on"), params_.number("p_off"), truth));
        for (int k = 0; k < layout.labels; ++k)
            labelNames_.push_back("prototype " + std::to_string(k + 1));
    } else {
        const std::vector<int> digits = parseDigits(params_.text("digits"));
        dataset_ = ImageDataset::shared("data/mnist-14x14.plimg");
        if (dataset_->rows != rows_ || dataset_->cols != cols_)
            throw InputError("MNIST data file holds " + std::to_string(dataset_->rows) + "x"
                             + std::to_string(dataset_->cols) + " images, expected 14x14");
        datasetIndices_ = dataset_->select(digits, ImageDataset::Training);
        if (datasetIndices_.empty())
            throw InputError("the MNIST data file has no training images of digits " + params_.text("digits"));
        digitToLabel_.assign(256, -1);
        for (std::size_t l = 0; l < digits.size(); ++l) {
            digitToLabel_[std::size_t(digits[l])] = int(l);
            labelNames_.push_back("digit " + std::to_string(digits[l]));
        }
    }

    rule_.logC = std::log(params_.number("c"));
    rule_.wMin = params_.number("w_min") + rule_.logC;
    rule_.wMax = params_.number("w_max") + rule_.logC;
    rule_.depression = params_.text("depression") == "window" ? StdpEmRule::Depression::Window
                                                               : StdpEmRule::Depression::Constant;
    const std::string biasMode = params_.text("bias_mode");
    biasRule_.mode = biasMode == "learned"       ? BiasRule::Mode::Learned
                     : biasMode == "homeostatic" ? BiasRule::Mode::Homeostatic
                                                 : BiasRule::Mode::Fixed;
    schedule_.mode = LearningRateSchedule::parseMode(params_.text("learning_rate_mode"));
    schedule_.eta0 = params_.number("learning_rate");
    schedule_.decayTime = params_.number("learning_rate_decay");
    // A new η restarts the decay from now, as a user moving the slider expects.
    bindLive("learning_rate", &schedule_.eta0, [this] { schedule_.start = time(); });

    // Random initial weights break the symmetry between z-neurons. e^{w'} is spread around
    // the mean trace of an input firing at input_rate, the scale of the fixed point, which
    // the EPSP shape sets (0.33 for a 10 ms window at 40 Hz, 0.72 for the double
    // exponential). Starting far below it lets the first winner's weights rise on every
    // input at once, and that one neuron takes over the circuit.
    const int K = circuit_.size();
    const int N = circuit_.inputs();
    const double rate = params_.number("input_rate");
    const EpspKernel& kernel = traces_.kernel();
    const double meanTrace = kernel.shape == EpspKernel::Shape::Rectangular
                                 ? 1.0 - std::exp(-rate * kernel.sigma)
                                 : rate * (kernel.tauFall - kernel.tauRise);
    const double scale = std::max(0.05, meanTrace);
    RandomStream init = stream("init");
    for (int k = 0; k < K; ++k)
        for (int i = 0; i < N; ++i)
            circuit_.weights()(k, i) = std::log(scale * init.uniform(0.3, 1.5)) + rule_.logC;
    circuit_.biases().setConstant(std::log(1.0 / K));
    if (schedule_.mode == LearningRateSchedule::Mode::Adaptive) {
        // Kappel's initialisation: running mean 0, second moment 1 (variance 1).
        trackS_ = WtaCircuit::WeightMatrix::Zero(K, N);
        trackQ_ = WtaCircuit::WeightMatrix::Ones(K, N);
        trackS0_ = Eigen::VectorXd::Zero(K);
        trackQ0_ = Eigen::VectorXd::Ones(K);
    }
    lastPost_.assign(std::size_t(K), -1e9);
    dense_.assign(std::size_t(N), 0.0);
    u_.resize(K);
    nextCircuitSpike_ = circuitRng_.exponential(circuit_.totalRate());
}

std::vector<std::string> EmMixtureExperiment::verbHelp() const
{
    return {lesionNeuronHelp(circuit_.size())};
}

std::vector<NeuronGroup> EmMixtureExperiment::neuronGroups() const
{
    return {{"input", 0, inputs_.size()}, {"z", inputs_.size(), circuit_.size()}};
}

void EmMixtureExperiment::setInputRates()
{
    const double on = params_.number("input_rate");
    const double off = params_.number("background_rate");
    auto& rates = inputs_.rates();
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
    inputs_.generate(step, int(presentationSteps_), inputRng_);
    onsetStep_ = step;
    nextPresentation_ = step + presentationSteps_;
}

void EmMixtureExperiment::advance()
{
    const std::int64_t n = stepIndex();
    const double t = time();
    if (n == nextPresentation_)
        present(n);

    const bool windowLtd = rule_.depression == StdpEmRule::Depression::Window;
    const double sigma = traces_.kernel().sigma;
    for (const std::int32_t i : inputs_.spikesAt(n)) {
        traces_.onSpike(i, t);
        spikes_.record(t, i);
        ++inputSpikes_;
        if (windowLtd) {
            // Timing-dependent LTD: the presynaptic spike follows a z spike within σ.
            const double eta = schedule_.at(t);
            for (int k = 0; k < circuit_.size(); ++k)
                if (t - lastPost_[std::size_t(k)] < sigma)
                    circuit_.weights()(k, i) = rule_.clip(circuit_.weights()(k, i) - eta);
        }
    }

    // The circuit is one Poisson process of total rate R; draw its spikes in this step.
    const double end = t + dt();
    while (nextCircuitSpike_ < end) {
        circuitSpike(std::max(nextCircuitSpike_, t));
        nextCircuitSpike_ += circuitRng_.exponential(circuit_.totalRate());
    }
}

void EmMixtureExperiment::circuitSpike(double t)
{
    traces_.collect(t, liveIds_, liveValues_);
    circuit_.potentials(liveIds_, liveValues_, u_);
    const int k = circuit_.drawWinner(u_, circuitRng_);
    if (k < 0)
        return;
    lastWinner_ = k;
    ++circuitSpikes_;
    spikes_.record(t, inputs_.size() + k);
    monitor_.recordSpike(k, liveIds_, liveValues_);
    if (label_ >= 0 && t - double(onsetStep_) * dt() >= evalDelay_ - 1e-12)
        monitor_.recordLabel(label_, k);
    learn(k, t);
    lastPost_[std::size_t(k)] = t;
}

void EmMixtureExperiment::learn(int k, double t)
{
    if (!(schedule_.eta0 > 0))
        return;
    for (std::size_t j = 0; j < liveIds_.size(); ++j)
        dense_[std::size_t(liveIds_[j])] = liveValues_[j];
    double* w = circuit_.weights().row(k).data();
    const int N = circuit_.inputs();
    const int K = circuit_.size();
    const double share = 1.0 / std::max(1, circuit_.activeNeurons());
    if (schedule_.mode == LearningRateSchedule::Mode::Adaptive) {
        rule_.updateRowAdaptive(w, dense_.data(), N, schedule_.eta0, trackS_.row(k).data(), trackQ_.row(k).data());
        for (int j = 0; j < K; ++j) {
            if (circuit_.isLesioned(j))
                continue;
            const double eta = VarianceTracker::rate(schedule_.eta0, trackS0_[j], trackQ0_[j]);
            double& b = circuit_.biases()[j];
            b = biasRule_.clip(b + biasRule_.delta(b, j == k ? 1.0 : 0.0, eta, share));
            VarianceTracker::track(trackS0_[j], trackQ0_[j], b, eta);
        }
    } else {
        const double eta = schedule_.at(t);
        rule_.updateRow(w, dense_.data(), N, eta);
        for (int j = 0; j < K; ++j) {
            if (circuit_.isLesioned(j))
                continue;
            double& b = circuit_.biases()[j];
            b = biasRule_.clip(b + biasRule_.delta(b, j == k ? 1.0 : 0.0, eta, share));
        }
    }
    for (const std::int32_t i : liveIds_)
        dense_[std::size_t(i)] = 0.0;
}

void EmMixtureExperiment::validateCommand(const Command& c) const
{
    if (c.verb == "lesion") {
        parseLesion(c, circuit_.size(), false, "em-mixture");
        return;
    }
    Experiment::validateCommand(c);
}

void EmMixtureExperiment::applyCommand(const Command& c)
{
    circuit_.lesion(parseLesion(c, circuit_.size(), false, "em-mixture").neuron);
}

void EmMixtureExperiment::parameterChanged(const std::string& name)
{
    if (name == "wta_rate") {
        circuit_.setTotalRate(params_.number("wta_rate"));
        nextCircuitSpike_ = time() + circuitRng_.exponential(circuit_.totalRate());
    } else if (name == "input_rate" || name == "background_rate") {
        if (!image_.empty()) {
            setInputRates();
            const std::int64_t n = stepIndex();
            inputs_.generate(n, int(nextPresentation_ - n), inputRng_);
        }
    }
}

void EmMixtureExperiment::serialize(StateArchive& a)
{
    inputs_.serialize(a);
    traces_.serialize(a);
    circuit_.serialize(a);
    rule_.serialize(a);
    biasRule_.serialize(a);
    schedule_.serialize(a);
    a.section("em-mixture");
    a.fixed(trackS_, "weight tracking");
    a.fixed(trackQ_, "weight tracking");
    a.fixed(trackS0_, "bias tracking");
    a.fixed(trackQ0_, "bias tracking");
    a.fixed(lastPost_, "last spikes");
    a.constant(presentationSteps_, "the presentation length");
    a.value(nextPresentation_);
    a.value(onsetStep_);
    a.value(evalDelay_);
    a.values(image_);
    a.value(label_);
    a.value(nextCircuitSpike_);
    a.value(dataRng_);
    a.value(inputRng_);
    a.value(circuitRng_);
    monitor_.serialize(a);
    a.value(lastWinner_);
    a.value(circuitSpikes_);
    a.value(inputSpikes_);
    a.value(firstCondEntropy_);
    if (a.reading() && (presentationSteps_ < 1 || label_ < -1 || label_ >= int(labelNames_.size())
                        || lastWinner_ < -1 || lastWinner_ >= circuit_.size()))
        a.fail("em-mixture presentation state out of range");
    a.requireFuture(nextCircuitSpike_, time(), dt(), "the next circuit spike");
    a.requireRange(double(nextPresentation_), double(stepIndex()), double(stepIndex() + presentationSteps_),
                   "the next presentation");
    if (a.reading() && !image_.empty() && image_.size() != std::size_t(rows_ * cols_))
        a.fail("the image shown does not fit the data");
}

} // namespace plab
