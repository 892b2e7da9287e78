// Basic ids and units shared by every regsim library.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>

namespace regsim::sim {

using Tick = std::int32_t;  ///< one tick = one quarter; tick 0 is the first quarter

/// A typed id: an integer that converts only explicitly, so a track cannot be passed where a city
/// is expected. It is the integer in memory (same size, same bytes), so columns of ids and the
/// loops over them cost what the integers did.
template <class Tag, class Rep = std::uint32_t>
struct Id {
  using rep_type = Rep;
  Rep value{};

  constexpr Id() = default;
  constexpr explicit Id(Rep v) : value(v) {}
  /// The id of position `i` (a loop index over cities or tracks).
  static constexpr Id at(std::size_t i) { return Id(static_cast<Rep>(i)); }
  /// The id after this one (ids are issued in order).
  constexpr Id next() const { return Id(static_cast<Rep>(value + 1)); }
  /// The position the id stands for, to index a column.
  constexpr std::size_t index() const { return static_cast<std::size_t>(value); }
  friend constexpr auto operator<=>(Id, Id) = default;
  friend std::ostream& operator<<(std::ostream& os, Id id) { return os << id.value; }
};

/// Position of a city in the city columns (stable for a run).
using CityId = Id<struct CityTag>;
/// Position of a track in the track columns (stable for a run).
using TrackId = Id<struct TrackTag>;
/// A firm's id: never reused within a run; keys the firm's random streams. Not its position in
/// the firm columns (Firms::index_of maps one to the other).
using FirmId = Id<struct FirmTag>;
/// A province (tournament peer group), in [0, number of provinces).
using ProvinceId = Id<struct ProvinceTag>;

inline constexpr int kTicksPerYear = 4;

inline constexpr bool is_planning_tick(Tick t) {
  return t % kTicksPerYear == 0;
}
inline constexpr int year_of(Tick t) {
  return t / kTicksPerYear;
}

}  // namespace regsim::sim

/// Ids hash as their integers (for unordered containers keyed by id).
template <class Tag, class Rep>
struct std::hash<regsim::sim::Id<Tag, Rep>> {
  std::size_t operator()(regsim::sim::Id<Tag, Rep> id) const noexcept {
    return std::hash<Rep>{}(id.value);
  }
};
