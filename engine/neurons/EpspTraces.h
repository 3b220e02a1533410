#pragma once
// Presynaptic EPSP traces y_i(t), the input a z-neuron sees from input neuron i.
//
//  rectangular (Nessler 2013, theory case): y_i(t) = 1 if i spiked in (t − σ, t], else 0;
//      overlapping spikes do not add. Default σ = 10 ms.
//  double exponential (Kappel's code): y_i(t) = Σ_f (e^{−(t−t_f)/τf} − e^{−(t−t_f)/τr}),
//      τr = 2 ms, τf = 20 ms (peak 0.70 at 5.1 ms, integral τf − τr).
//
// Traces are evaluated lazily, only when a z-neuron fires, and only for the inputs that
// spiked recently enough to be non-zero (the "live" list), so silent inputs cost nothing.
// Double-exponential amplitudes are kept relative to a shared epoch t0 (each spike adds
// e^{(t_f − t0)/τ}), so reading every live trace at t costs two exp() in all instead of two
// per input; t0 moves forward every half second to keep the amplitudes finite.
#include <cmath>
#include <cstdint>
#include <vector>

namespace plab {

class StateArchive;

struct EpspKernel {
    enum class Shape { Rectangular, DoubleExponential };
    Shape shape = Shape::Rectangular;
    double sigma = 0.010;    // s, rectangular window
    double tauRise = 0.002;  // s
    double tauFall = 0.020;  // s

    /// Time after a spike beyond which the trace is treated as zero.
    double support() const;
    /// Kernel value s seconds after one spike.
    double value(double s) const;
};

class EpspTraces {
public:
    EpspTraces(int size, EpspKernel kernel);

    const EpspKernel& kernel() const { return kernel_; }
    int size() const { return int(last_.size()); }

    void onSpike(int i, double t);
    double value(int i, double t) const;
    double lastSpike(int i) const { return last_[std::size_t(i)]; }

    /// Fills ids/values with every input whose trace is non-zero at t (values > 0).
    /// Expired inputs are dropped from the live list on the way.
    void collect(double t, std::vector<std::int32_t>& ids, std::vector<double>& values);
    /// The same as a dense vector over all inputs (0 where nothing is live), written in one
    /// pass over every input; values of inputs from `scaledFrom` on are multiplied by `scale`
    /// (the hidden neurons' lateral gain). Returns how many are non-zero. Like a network's
    /// circuit spikes, t must not be earlier than any spike or collection before it.
    int collectDense(double t, double* dense, int scaledFrom, double scale);
    /// Forgets every spike (used when inputs are silenced).
    void clear();
    void serialize(StateArchive& a);

private:
    void rebase(double t);
    void cacheGrowth(double t);
    /// What collect() and collectDense() need at t: the traces rebased and the growths cached,
    /// and the factors that bring a stored fall and rise trace to t (0 for a rectangular kernel).
    struct Decays {
        double fall, rise;
    };
    Decays decaysAt(double t);
    double growth(double t, double tau) const { return std::exp((t - epoch_) / tau); }

    EpspKernel kernel_;
    double support_;
    double epoch_ = 0.0;         // t0
    double growthTime_ = -1.0, growthFall_ = 0.0, growthRise_ = 0.0;  // growth() at the last spike time
    std::vector<double> last_;   // time of the last spike, −inf if none
    std::vector<double> fall_;   // double exp: Σ_f e^{(t_f − t0)/τf}
    std::vector<double> rise_;   // double exp: Σ_f e^{(t_f − t0)/τr}
    std::vector<std::int32_t> live_;
    std::vector<char> isLive_;
};

} // namespace plab
