#pragma once
// Deterministic families sampled as one variable. A variable that is a function of its parents
// (the chest clinic's either = tub OR lung) traps single-variable Gibbs updates: from (tub, lung,
// either) = (no, no, no) no single change has any probability, so the network's sampling stays
// on one side of the function. Here each such family — the function and its parents, families
// sharing a variable taken together — becomes one variable of a merged network: its values are
// the joint configurations of the family's members that are not functions (tub × lung), the
// functions are computed from them, and every Gibbs update moves the whole family. The merged
// network is a Bayesian network of the same distribution, mapped state by state.
//
// Evidence on a computed variable (either = yes) restricts the merged variable to the values
// that agree with it (three of tub × lung's four) instead of fixing it.
#include "BayesianNetwork.h"

#include <string>
#include <vector>

namespace plab {

class MergedFamilies {
public:
    /// A merged variable with more values than this is not built (the network is left as it is).
    static constexpr int kMaxValues = 256;

    /// Merges every deterministic family of `net` when `merge` is true; otherwise, or where
    /// merging is impossible (a cycle through the merged variable, too many values), the merged
    /// network is `net` itself and unhandled() says why.
    MergedFamilies(const BayesianNetwork& net, bool merge);

    /// The network the spiking modules learn and sample.
    const BayesianNetwork& network() const { return merged_; }
    bool mergesAnything() const { return merges_; }
    /// Empty, or why deterministic families of the network were left unmerged.
    const std::string& unhandled() const { return unhandled_; }

    /// The original variables whose joint value merged variable m's value is (mixed radix,
    /// the last fastest); one variable for an unmerged one.
    const std::vector<int>& members(int m) const { return members_[std::size_t(m)]; }
    /// The original variables computed from merged variable m's value (its family's functions).
    const std::vector<int>& computed(int m) const { return computed_[std::size_t(m)]; }
    /// The merged variable whose value determines original variable v.
    int home(int v) const { return home_[std::size_t(v)]; }

    /// A full original state as merged values.
    void toMerged(const std::vector<int>& original, std::vector<int>& merged) const;
    /// A merged state as the original one (`original` sized to the original network).
    void toOriginal(const std::vector<int>& merged, std::vector<int>& original) const;
    /// Writes merged variable m's `value` into the original state: its members and its functions.
    void expand(int m, int value, std::vector<int>& original) const;

    /// Original evidence (value or −1 per variable) as the merged network's: clamp[m] is the
    /// value where the evidence leaves merged variable m one value, else −1; allowed[m] marks
    /// the values that agree with the evidence, empty where there is none on m.
    void evidence(const std::vector<int>& original, std::vector<int>& clamp,
                  std::vector<std::vector<char>>& allowed) const;

private:
    void identity(const BayesianNetwork& net);
    void build(const BayesianNetwork& net, const std::vector<std::vector<int>>& groups);

    const BayesianNetwork& net_;
    BayesianNetwork merged_;
    bool merges_ = false;
    std::string unhandled_;
    std::vector<std::vector<int>> members_, computed_;
    std::vector<int> home_;
};

} // namespace plab
