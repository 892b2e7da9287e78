// The time-series panel: six national indicators as small multiples, the previous run as a grey
// ghost line, and vertical lines with labels where the parameters changed.
#pragma once

#include "visual/draw.h"
#include "visual/history.h"

namespace regsim::visual {

void draw_series(const Canvas& cv, const Rect& panel, const History& now, const History& before);

}  // namespace regsim::visual
