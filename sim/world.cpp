// Sizing the columns of a new world from its extents.
#include "sim/world.h"

namespace regsim::sim {

void size_columns(World& w, std::size_t cities, std::size_t tracks) {
  auto length = [cities, tracks](Extent e) -> std::size_t {
    switch (e) {
      case Extent::Track:
        return tracks;
      case Extent::City:
        return cities;
      case Extent::Cell:
        return cities * tracks;
      case Extent::TrackPair:
        return tracks * tracks;
      case Extent::Scalar:
      case Extent::Firm:
      case Extent::IssuedId:
      case Extent::Order:
        return 0;
    }
    return 0;
  };
  for_each_column(w, [&](const ColumnInfo& c, auto& x) {
    if constexpr (is_column_vector<decltype(x)>) x.assign(length(c.extent), {});
  });
}

}  // namespace regsim::sim
