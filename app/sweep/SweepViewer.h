#pragma once
// File → Open sweep: a sweep's folder read (SweepResults) and shown in a SweepView window.
#include "SweepView.h"

namespace plab {

/// Throws InputError when `dir` is not a sweep folder or holds no finished run yet.
SweepView* openSweepView(const QString& dir, QWidget* parent);

} // namespace plab
