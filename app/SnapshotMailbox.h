#pragma once
// The bounded, lock-light hand-over between the simulation thread and the GUI. The worker
// merges what it produced into the pending snapshot; the GUI takes it whole at its own
// pace. The lock is held only to append or swap, never while simulating or drawing, and the
// pending data stays bounded: spikes older than the raster's window and series rows beyond
// a cap are dropped, so a GUI that falls behind costs memory for one window, not for the run.
#include "SimulationSnapshot.h"

#include <mutex>

namespace plab {

class SnapshotMailbox {
public:
    explicit SnapshotMailbox(double spikeWindow = 2.0, std::size_t maxSpikes = 400000, std::size_t maxRows = 100000)
        : spikeWindow_(spikeWindow), maxSpikes_(maxSpikes), maxRows_(maxRows)
    {
    }

    /// Worker side: merge a fresh piece into what the GUI has not taken yet.
    void post(SimulationSnapshot&& piece);
    /// GUI side: everything pending (empty snapshot with the last time if nothing new).
    SimulationSnapshot take();
    /// Forget everything (at a reset).
    void clear(std::uint64_t generation);
    std::size_t pendingSpikes() const;

private:
    /// Appends the new rows, keeping the last maxRows_; returns how many old ones were dropped.
    std::size_t appendRows(std::vector<double>& times, std::vector<std::vector<double>>& rows,
                           std::vector<double>& newTimes, std::vector<std::vector<double>>& newRows) const;
    mutable std::mutex mutex_;
    SimulationSnapshot pending_;
    double spikeWindow_;
    std::size_t maxSpikes_;
    std::size_t maxRows_;
};

} // namespace plab
