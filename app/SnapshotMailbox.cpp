#include "SnapshotMailbox.h"

#include <algorithm>

namespace plab {

std::size_t SnapshotMailbox::appendRows(std::vector<double>& times, std::vector<std::vector<double>>& rows,
                                        std::vector<double>& newTimes, std::vector<std::vector<double>>& newRows) const
{
    times.insert(times.end(), newTimes.begin(), newTimes.end());
    for (auto& row : newRows)
        rows.push_back(std::move(row));
    if (rows.size() <= maxRows_)
        return 0;
    const auto drop = std::ptrdiff_t(rows.size() - maxRows_);
    rows.erase(rows.begin(), rows.begin() + drop);
    times.erase(times.begin(), times.begin() + drop);
    return std::size_t(drop);
}

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
    const std::size_t dropped = appendRows(pending_.seriesTimes, pending_.seriesRows, piece.seriesTimes, piece.seriesRows);
    pending_.rowsBeforeFork -= std::min(pending_.rowsBeforeFork, dropped);
    if (piece.forked) {  // a new comparison: the older intact rows belong to the last one
        pending_.forked = true;
        pending_.intactTimes.clear();
        pending_.intactRows.clear();
    }
    appendRows(pending_.intactTimes, pending_.intactRows, piece.intactTimes, piece.intactRows);
    for (auto& c : piece.applied)
        pending_.applied.push_back(std::move(c));
    if (piece.panel) {  // the intact copy's panel and the lesion report come with it
        pending_.panel = std::move(piece.panel);
        pending_.intactPanel = std::move(piece.intactPanel);
        pending_.lesions = std::move(piece.lesions);
    }
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
