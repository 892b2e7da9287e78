// The tracks panel: per track, capacity against demand (overshoot in the warning colour),
// the pipeline, how many cities list it (crowding) and a price-versus-cost sparkline.
#pragma once

#include "visual/draw.h"
#include "visual/history.h"
#include "visual/snapshot.h"
#include "visual/track_signals.h"

namespace regsim::visual {

/// Where track k of `tracks` is drawn in the panel, its price sparkline (in a two-line row) and
/// whether the rows are compact (one line each: many tracks).
Rect track_row(const Layout& l, const Rect& panel, std::size_t tracks, std::size_t k);
Rect track_sparkline(const Layout& l, const Rect& row);
bool compact_rows(const Layout& l, const Rect& row);

void draw_tracks(const Canvas& cv, const Rect& panel, const Snapshot& s, const History& h);

}  // namespace regsim::visual
