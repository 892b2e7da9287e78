// The tracks panel: per track, capacity against demand (overshoot in the warning colour),
// the pipeline, how many cities list it (crowding) and a price-versus-cost sparkline.
#pragma once

#include "visual/draw.h"
#include "visual/history.h"
#include "visual/snapshot.h"

namespace regsim::visual {

/// Capacity above this multiple of demand is flagged in text as well as colour.
inline constexpr double kOvershootFlag = 1.15;

void draw_tracks(const Canvas& cv, const Rect& panel, const Snapshot& s, const History& h);

}  // namespace regsim::visual
