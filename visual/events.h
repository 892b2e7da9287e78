// The event ticker: short news lines derived by diffing two consecutive snapshots.
#pragma once

#include <string>
#include <vector>

#include "sim/types.h"
#include "visual/snapshot.h"

namespace regsim::visual {

enum class EventKind { Policy, Listing, Bankruptcy, Bailout, Official, Market };

struct TickerEvent {
  sim::Tick tick = 0;  ///< the tick during which it happened
  EventKind kind = EventKind::Market;
  std::string text;
  int track = -1;  ///< for the colour swatch; -1 when the event is not about one track
  int city = -1;   ///< to pin the city when the line is clicked; -1 when not about one city
};

/// What happened between `before` and `after` (after = the snapshot one step later), most
/// important first. Empty when the snapshots are not consecutive ticks of the same world.
std::vector<TickerEvent> diff_snapshots(const Snapshot& before, const Snapshot& after);

/// "Y8 Q2": the year and quarter of a tick, for the ticker.
std::string tick_label(sim::Tick tick);

}  // namespace regsim::visual
