#pragma once
// Convergence diagnostics of several Markov chains that sample one discrete distribution, kept
// as running sums so that they can be shown live: for each value of each variable, the
// indicator "the chain is in this value" is one scalar series per chain.
//
//   split R-hat (Gelman et al. 2013, BDA3 §11.4): each chain's first and second half as two
//   sequences; sqrt(var+ / W) with W the mean within-sequence variance and var+ adding the
//   variance between the sequences' means. Near 1 when the chains agree and are stationary;
//   far above (∞ when each chain sits still elsewhere) when they do not.
//   effective sample size by batch means: the variance of the batch means of all chains about
//   the pooled mean, against the indicator's variance p(1 − p); K·n·p(1−p) / (L·var(batch means)).
//
// The readings are kept in 32 to 64 batches per chain: when 64 are full, neighbours merge and
// the batch length doubles, so memory stays fixed however long the chains run. A variable's
// figure is the worst over its values: the largest R-hat, the smallest ESS.
#include <cstdint>
#include <vector>

namespace plab {

class StateArchive;

class ChainDiagnostics {
public:
    static constexpr int kMaxBatches = 64;
    /// Fewer complete batches than this: no figure yet (NaN).
    static constexpr int kMinBatches = 8;

    ChainDiagnostics() = default;
    ChainDiagnostics(int chains, std::vector<int> cardinalities);

    int chains() const { return chains_; }
    /// One reading: values[c][v] is chain c's value of variable v.
    void add(const std::vector<std::vector<int>>& values);
    /// Forgets every reading (the evidence changed).
    void reset();

    std::int64_t readings() const { return readings_; }
    /// The largest split R-hat over variable v's values (NaN: too few readings, or v never
    /// moves in any chain).
    double rhat(int variable) const;
    /// The smallest effective sample size over variable v's values, all chains together.
    double ess(int variable) const;

    void serialize(StateArchive& a);

private:
    double cellRhat(std::size_t cell) const;
    double cellEss(std::size_t cell) const;
    /// The largest (or smallest) of a cell figure over the variable's values, NaN ones left out.
    double worstOver(int variable, double (ChainDiagnostics::*of)(std::size_t) const, bool largest) const;
    double& batch(int chain, std::size_t cell, int b) { return sums_[(std::size_t(chain) * cells_ + cell) * kMaxBatches + std::size_t(b)]; }
    double batch(int chain, std::size_t cell, int b) const { return sums_[(std::size_t(chain) * cells_ + cell) * kMaxBatches + std::size_t(b)]; }

    int chains_ = 0;
    std::vector<int> cardinalities_;
    std::vector<std::size_t> offsets_;  // first cell of each variable
    std::size_t cells_ = 0;
    std::vector<double> sums_;     // chains × cells × kMaxBatches: readings in the value per batch
    std::vector<double> partial_;  // chains × cells: the batch being filled
    std::int64_t batchLength_ = 1, inPartial_ = 0, readings_ = 0;
    int batches_ = 0;  // complete batches
};

} // namespace plab
