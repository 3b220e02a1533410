#pragma once
// Which synapses of a (post × pre) matrix a lesion removed for good, for the synapse kinds
// that have no such notion of their own (STDP-EM weights, a module's circuit, reward θ):
// one flag per synapse and how many are set, so that an unlesioned network pays one test.
#include <Eigen/Core>
#include <cstdint>
#include <string_view>

namespace plab {

class StateArchive;

class RemovedSynapses {
public:
    RemovedSynapses(int rows, int cols) : flags_(Flags::Zero(rows, cols)) {}

    /// Marks (r, c) removed; false if it was already.
    bool remove(int r, int c)
    {
        if (flags_(r, c))
            return false;
        flags_(r, c) = 1;
        ++count_;
        return true;
    }
    bool contains(int r, int c) const { return count_ > 0 && flags_(r, c) != 0; }
    std::int64_t count() const { return count_; }
    /// Sets every removed entry of row r of `m` (same shape) to `value`.
    template <class Matrix>
    void holdRow(Matrix& m, int r, double value) const
    {
        if (count_ > 0)
            for (int c = 0; c < int(flags_.cols()); ++c)
                if (flags_(r, c))
                    m(r, c) = value;
    }
    /// The same for every row.
    template <class Matrix>
    void holdAll(Matrix& m, double value) const
    {
        if (count_ > 0)
            for (int r = 0; r < int(flags_.rows()); ++r)
                holdRow(m, r, value);
    }
    /// Written and read in state files from format 4 on (older ones have none removed).
    void serialize(StateArchive& a);

private:
    using Flags = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    Flags flags_;
    std::int64_t count_ = 0;
};

} // namespace plab
