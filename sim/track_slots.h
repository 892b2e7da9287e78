// Slots of items grouped by track, in item order within each track (a counting sort).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "sim/types.h"

namespace regsim::sim {

/// Where items go when they are grouped by track in one array, in item order within each track:
/// the constructor counts the items kept per track (one pass), and take() hands out a track's
/// slots in turn, so that placing the kept items in item order puts track t's at
/// [begin(t), begin(t) + count(t)), in item order.
class TrackSlots {
 public:
  /// `track[i]` is item i's track, below k; only the items with keep(i) get a slot.
  template <class Keep>
  TrackSlots(std::span<const TrackId> track, std::size_t k, Keep keep) : start_(k + 1, 0) {
    for (std::size_t i = 0; i < track.size(); ++i)
      if (keep(i)) ++start_[track[i].index() + 1];
    for (std::size_t t = 0; t < k; ++t) start_[t + 1] += start_[t];
    next_.assign(start_.begin(), start_.end() - 1);
  }

  /// The slots of all tracks together.
  std::size_t size() const { return start_.back(); }
  /// Track t's first slot and its number of slots.
  std::size_t begin(std::size_t t) const { return start_[t]; }
  std::size_t count(std::size_t t) const { return start_[t + 1] - start_[t]; }
  /// Track t's next slot not yet taken (each is taken once: call it once per kept item).
  std::size_t take(TrackId t) { return next_[t.index()]++; }

 private:
  std::vector<std::size_t> start_;  ///< k + 1 offsets
  std::vector<std::size_t> next_;   ///< each track's next slot
};

}  // namespace regsim::sim
