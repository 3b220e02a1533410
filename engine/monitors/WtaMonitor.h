#pragma once
// Spike statistics of a WTA circuit over a sliding window of recording blocks:
//  - per neuron: spikes, and Σ y_i over its spikes (so p̂_ki = coactivation / spikes is the
//    measured frequency that input i was active when z_k fired);
//  - the label × winner table for the information measures.
// Each block covers one recording interval; the window is the last `blocks` of them.
#include <Eigen/Core>
#include <cstdint>
#include <deque>
#include <vector>

namespace plab {

class StateArchive;

class WtaMonitor {
public:
    WtaMonitor(int neurons, int inputs, int labels, int windowBlocks);

    /// A spike of neuron k that saw the live inputs (ids, values).
    void recordSpike(int k, const std::vector<std::int32_t>& ids, const std::vector<double>& values);
    /// A spike counted for the information measures (label of the input shown, winner k).
    void recordLabel(int label, int k) { current_.labels(label, k) += 1.0; }
    /// Ends the current block (at a recording time).
    void closeBlock();
    void serialize(StateArchive& a);

    struct Window {
        Eigen::VectorXd spikes;          // K
        Eigen::MatrixXd coactivation;    // K × N
        Eigen::MatrixXd labels;          // L × K
    };
    /// Sum over the last `windowBlocks` blocks, counting the open block if it holds spikes.
    Window window() const;

    /// Mean over synapses of neurons with ≥ minSpikes spikes of |e^{w_ki − log c} − p̂_ki|;
    /// NaN when no neuron has fired enough.
    static double equilibriumError(const Window& w, const Eigen::Ref<const Eigen::MatrixXd>& weights, double logC,
                                   double minSpikes);
    /// Mean over neurons of |e^{b_k} − share of spikes of k|; NaN without spikes.
    static double biasError(const Window& w, const Eigen::Ref<const Eigen::VectorXd>& biases);

private:
    struct Block {
        Eigen::VectorXd spikes;
        Eigen::MatrixXd coactivation;
        Eigen::MatrixXd labels;
        void serialize(StateArchive& a);
    };
    Block empty() const;

    int neurons_, inputs_, labels_, windowBlocks_;
    Block current_;
    std::deque<Block> closed_;
};

} // namespace plab
