#include "WtaLesionSite.h"

#include <cmath>

namespace plab::synapse_lesions {

// Synaptic sampling: the parameter is θ; the weight exp(θ − θ0) exists where θ > 0.

double rowWeight(const SampledSynapses& s, int r)
{
    return s.sampler().weights().row(r).sum();
}

bool removed(const SampledSynapses& s, int r, int c)
{
    return s.sampler().removed(r, c);
}

double parameter(const SampledSynapses& s, int r, int c)
{
    return s.sampler().theta()(r, c);
}

void remove(SampledSynapses& s, int r, int c)
{
    s.sampler().remove(r, c);
}

void perturb(SampledSynapses& s, int r, int c, double delta)
{
    s.sampler().setTheta(r, c, s.sampler().theta()(r, c) + delta);
}

void scale(SampledSynapses& s, int r, int c, double factor)
{
    // w·factor = exp(θ + ln factor − θ0); a retracted synapse has no weight to scale.
    if (s.sampler().theta()(r, c) > 0)
        s.sampler().setTheta(r, c, s.sampler().theta()(r, c) + std::log(factor));
}

// STDP-EM: the parameter is the weight itself.

double rowWeight(const StdpEmSynapses& s, int r)
{
    return s.weights().row(r).sum();
}

bool removed(const StdpEmSynapses& s, int r, int c)
{
    return s.removed(r, c);
}

double parameter(const StdpEmSynapses& s, int r, int c)
{
    return s.weights()(r, c);
}

void remove(StdpEmSynapses& s, int r, int c)
{
    s.remove(r, c);
}

void perturb(StdpEmSynapses& s, int r, int c, double delta)
{
    double& w = s.weights()(r, c);
    w = s.rule().clip(w + delta);
}

void scale(StdpEmSynapses& s, int r, int c, double factor)
{
    double& w = s.weights()(r, c);
    w = s.rule().clip(w * factor);
}

} // namespace plab::synapse_lesions
