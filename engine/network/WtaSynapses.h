#pragma once
// The plastic synapses onto a WtaNetwork's hidden neurons, as the network's step sees them:
// what they add to the potentials, and how they and the hidden neurons' biases learn. Two
// kinds exist: StdpEmSynapses (em-mixture: STDP as the M-step of EM, the bias as the prior)
// and SampledSynapses (synaptic-sampling, self-repair: every potential synapse a parameter
// θ under an SDE, homeostatic biases).
#include "network/WtaGroup.h"

#include <Eigen/Core>
#include <concepts>
#include <cstdint>
#include <vector>

namespace plab {

/// The presynaptic traces at one circuit spike, twice: as the live columns (ids, values) and
/// as a dense vector over all columns (0 where nothing fired within the EPSP). For synapses
/// that read only the dense vector (ReadsDenseInputsOnly) the values are left empty.
struct LiveInputs {
    const std::vector<std::int32_t>& ids;
    const std::vector<double>& values;
    const double* dense;
};

template <class S>
concept WtaSynapses = requires(S s, const S cs, const WtaGroup& circuit, const LiveInputs& live,
                               Eigen::Ref<Eigen::VectorXd> u, Eigen::VectorXd& bias,
                               const std::vector<std::uint8_t>& lesioned, int index, double t, std::int64_t n) {
    { cs.rows() } -> std::convertible_to<int>;  // hidden (postsynaptic) neurons
    { cs.cols() } -> std::convertible_to<int>;  // presynaptic columns, as many as the traces
    /// u (the circuit's rows, holding their biases) += what the live inputs drive.
    cs.addDrive(circuit, live, u);
    /// Presynaptic spike of column `index` at t, while plastic.
    s.preSpike(index, t);
    /// The circuit's winner `index` fired at t, while plastic: its synapses and the circuit's
    /// biases learn.
    s.postSpike(circuit, index, live, t, bias, lesioned);
    /// The end of step n at time t, after its circuit spikes.
    s.endStep(n, t, true);
};

/// Synapses that read only LiveInputs::dense (ids and values are then left empty): the
/// network skips building the sparse list.
template <class S>
concept ReadsDenseInputsOnly = S::kReadsDenseInputsOnly;

} // namespace plab
