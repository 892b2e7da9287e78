// Basic ids and units shared by every regsim library.
#pragma once

#include <cstdint>

namespace regsim::sim {

using Tick = std::int32_t;         ///< one tick = one quarter; tick 0 is the first quarter
using CityIndex = std::uint32_t;   ///< position of a city in World::cities (stable for a run)
using TrackIndex = std::uint32_t;  ///< position of a track in World::tracks (stable for a run)
using FirmId = std::uint32_t;      ///< never reused within a run; keys random streams

inline constexpr int kTicksPerYear = 4;

inline constexpr bool is_planning_tick(Tick t) {
  return t % kTicksPerYear == 0;
}
inline constexpr int year_of(Tick t) {
  return t / kTicksPerYear;
}

}  // namespace regsim::sim
