#include "SnapshotMailbox.h"

#include <algorithm>

namespace plab {

void SnapshotMailbox::post(SimulationSnapshot&& piece)
{
    std::lock_guard lock(mutex_);
    if (piece.generation != pending_.generation)
        return;  // produced before a reset: belongs to the old run
    pending_.time = piece.time;
    pending_.speed = piece.speed;
    pending_.capacity = piece.capacity;
    pending_.running = piece.running;
    pending_.reachedStop = pending_.reachedStop || piece.reachedStop;
    auto& spikes = pending_.spikes;
    spikes.insert(spikes.end(), piece.spikes.begin(), piece.spikes.end());
    // Keep only what the raster can still show, and never more than maxSpikes_.
    const double oldest = piece.time - spikeWindow_;
    auto first = std::lower_bound(spikes.begin(), spikes.end(), oldest,
                                  [](const SpikeEvent& s, double t) { return s.t < t; });
    if (std::size_t(spikes.end() - first) > maxSpikes_)
        first = spikes.end() - std::ptrdiff_t(maxSpikes_);
    spikes.erase(spikes.begin(), first);
    if (piece.forked)  // the rows already waiting were recorded before the fork: both branches'
        pending_.rowsBeforeFork = pending_.seriesRows.size();
    pending_.seriesTimes.insert(pending_.seriesTimes.end(), piece.seriesTimes.begin(), piece.seriesTimes.end());
    for (auto& row : piece.seriesRows)
        pending_.seriesRows.push_back(std::move(row));
    if (pending_.seriesRows.size() > maxRows_) {
        const auto drop = std::ptrdiff_t(pending_.seriesRows.size() - maxRows_);
        pending_.seriesRows.erase(pending_.seriesRows.begin(), pending_.seriesRows.begin() + drop);
        pending_.seriesTimes.erase(pending_.seriesTimes.begin(), pending_.seriesTimes.begin() + drop);
        pending_.rowsBeforeFork -= std::min(pending_.rowsBeforeFork, std::size_t(drop));
    }
    if (piece.forked) {  // a new comparison: the older intact rows belong to the last one
        pending_.forked = true;
        pending_.intactTimes.clear();
        pending_.intactRows.clear();
    }
    pending_.intactTimes.insert(pending_.intactTimes.end(), piece.intactTimes.begin(), piece.intactTimes.end());
    for (auto& row : piece.intactRows)
        pending_.intactRows.push_back(std::move(row));
    if (pending_.intactRows.size() > maxRows_) {
        const auto drop = std::ptrdiff_t(pending_.intactRows.size() - maxRows_);
        pending_.intactRows.erase(pending_.intactRows.begin(), pending_.intactRows.begin() + drop);
        pending_.intactTimes.erase(pending_.intactTimes.begin(), pending_.intactTimes.begin() + drop);
    }
    for (auto& c : piece.applied)
        pending_.applied.push_back(std::move(c));
    if (piece.panel)
        pending_.panel = std::move(piece.panel);
    if (!piece.error.empty())
        pending_.error = std::move(piece.error);
    if (piece.results)
        pending_.results = std::move(piece.results);
    if (piece.state)
        pending_.state = std::move(piece.state);
}

SimulationSnapshot SnapshotMailbox::take()
{
    std::lock_guard lock(mutex_);
    SimulationSnapshot out;
    out.generation = pending_.generation;
    out.time = pending_.time;
    out.speed = pending_.speed;
    out.capacity = pending_.capacity;
    out.running = pending_.running;
    std::swap(out, pending_);
    return out;
}

void SnapshotMailbox::clear(std::uint64_t generation)
{
    std::lock_guard lock(mutex_);
    pending_ = SimulationSnapshot{};
    pending_.generation = generation;
}

std::size_t SnapshotMailbox::pendingSpikes() const
{
    std::lock_guard lock(mutex_);
    return pending_.spikes.size();
}

} // namespace plab
