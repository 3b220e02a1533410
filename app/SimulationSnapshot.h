#pragma once
// One hand-over from the simulation thread to the GUI: everything that happened since the
// GUI last looked. Immutable once taken.
#include "PanelState.h"
#include "LesionReportView.h"
#include "core/Command.h"
#include "core/SpikeRecorder.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace plab {

/// The engine state as a state file holds it (File → Save state).
struct EncodedState {
    double time = 0;
    std::string bytes;
};

/// A run's results as the headless runner writes them (File → Save results).
struct RunResults {
    double time = 0;
    std::string summaryJson;
    std::string metricsCsv;
};

struct SimulationSnapshot {
    std::uint64_t generation = 0;      // bumps at every reset: stale data is recognisable
    double time = 0;                   // simulated seconds
    double speed = 0;                  // simulated seconds per wall second over the last half second, pauses included
    double capacity = 0;               // the same while stepping only: how fast it could go
    bool running = false;
    bool reachedStop = false;          // the run paused itself at the time given to runUntil()
    std::vector<SpikeEvent> spikes;    // only the last `spikeWindow` seconds are kept
    std::vector<double> seriesTimes;   // new rows of the metric series
    std::vector<std::vector<double>> seriesRows;
    std::vector<Command> applied;      // commands the engine applied, stamped with their time
    // Fork and compare: the intact branch's new rows, and whether a fork began in this piece
    // (its rows then start afresh).
    bool forked = false;
    std::size_t rowsBeforeFork = 0;  // of seriesRows, those recorded before the fork
    std::vector<double> intactTimes;
    std::vector<std::vector<double>> intactRows;
    PanelStatePtr panel;               // latest panel state, if one was captured
    PanelStatePtr intactPanel;         // the intact copy's, while comparing
    std::shared_ptr<const LesionReport> lesions;  // with each panel capture, once there was a lesion
    std::string error;                 // a command the engine refused, for the status bar
    std::shared_ptr<const RunResults> results;  // when asked for with requestResults()
    std::shared_ptr<const EncodedState> state;  // when asked for with requestState()
};

} // namespace plab
