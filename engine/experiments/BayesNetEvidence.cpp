// bayesnet: evidence: parsed from "VAR=value,...", clamped on the output neurons, changed by commands
// while the network samples.
#include "BayesNetExperiment.h"

#include "bayesnet/VariableElimination.h"
#include "core/Error.h"

#include <algorithm>

namespace plab {

std::vector<int> BayesNetExperiment::parseEvidence(const BayesianNetwork& net, const std::string& text)
{
    std::vector<int> evidence(std::size_t(net.size()), -1);
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t end = std::min(text.find(',', pos), text.size());
        const std::string item = text.substr(pos, end - pos);
        pos = end + 1;
        if (item.empty())
            continue;
        const auto eq = item.find('=');
        if (eq == std::string::npos)
            throw InputError("evidence '" + item + "' is not VAR=value");
        const std::string name = item.substr(0, eq), value = item.substr(eq + 1);
        const int v = net.find(name);
        if (v < 0)
            throw InputError("evidence names '" + name + "', which is not a variable of " + net.name);
        const int k = net.findValue(v, value);
        if (k < 0)
            throw InputError("evidence " + item + ": '" + value + "' is not a value of " + name);
        evidence[std::size_t(v)] = k;
    }
    return evidence;
}

void BayesNetExperiment::requirePossible(const std::vector<int>& evidence, const std::string& text) const
{
    // Evidence the network gives probability 0 has no posterior, and a merged family would be
    // left no value to sample (tub = yes with either = no): refused, not run.
    if (std::all_of(evidence.begin(), evidence.end(), [](int e) { return e < 0; }))
        return;
    bool possible = true;
    if (joint_) {
        double total = 0;
        const auto q = joint_->conditioned(evidence);
        for (double x : q)
            total += x;
        possible = total > 0;
    } else {
        try {
            (void)VariableElimination(net_).marginals(evidence);
        } catch (const InputError&) {
            possible = false;
        }
    }
    if (!possible)
        throw InputError("evidence " + text + " is impossible in " + net_.name + " (probability 0)");
}

void BayesNetExperiment::translateEvidence()
{
    if (evidence_.size() == std::size_t(net_.size()))
        families_.evidence(evidence_, moduleClamp_, moduleAllowed_);
    else
        families_.evidence(std::vector<int>(std::size_t(net_.size()), -1), moduleClamp_, moduleAllowed_);
}

void BayesNetExperiment::setEvidence(std::vector<int> evidence)
{
    evidence_ = std::move(evidence);
    translateEvidence();
    if (joint_) {
        exactConditioned_ = joint_->conditioned(evidence_);
        exactMarginals_ = joint_->marginals(exactConditioned_);
    } else {
        try {
            exactMarginals_ = VariableElimination(net_).marginals(evidence_);
        } catch (const InputError&) {
            exactMarginals_.clear();  // evidence of probability 0: no posterior to compare with
        }
    }
    buildEvidenceTargets();
    if (!learning_) {
        spiking_.changeEvidence(moduleClamp_, time());
        spiking_.restrictValues(moduleAllowed_, time());
        resetSamples();
        startChains(time());  // dispersed again: R-hat judges the sampling under the new evidence
        measureCountingFloor();
    }
}

void BayesNetExperiment::resetSamples()
{
    std::fill(jointCounts_.begin(), jointCounts_.end(), 0.0);
    for (auto& m : marginalCounts_)
        std::fill(m.begin(), m.end(), 0.0);
    std::fill(marginalTotals_.begin(), marginalTotals_.end(), 0.0);
    validSamples_ = sampledSteps_ = 0;
}

void BayesNetExperiment::validateCommand(const Command& c) const
{
    if (c.verb == "evidence") {
        if (c.args.size() != 1)
            throw InputError("evidence needs one argument: VAR=value[,VAR=value...] or clear");
        if (c.args[0] != "clear")
            requirePossible(parseEvidence(net_, c.args[0]), c.args[0]);
        return;
    }
    Experiment::validateCommand(c);
}

void BayesNetExperiment::applyCommand(const Command& c)
{
    if (c.verb == "evidence")
        setEvidence(c.args[0] == "clear" ? std::vector<int>(std::size_t(net_.size()), -1) : parseEvidence(net_, c.args[0]));
    else
        Experiment::applyCommand(c);  // the lesions
}

} // namespace plab
