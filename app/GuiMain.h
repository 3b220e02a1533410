#pragma once
#include "CommandLine.h"

namespace plab {

/// Opens the main window (QApplication lives only on this path).
int runGui(const GuiOptions& options, int argc, char** argv);

} // namespace plab
