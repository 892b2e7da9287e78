// The series the view plots, accumulated from one Snapshot per tick.
#pragma once

#include <string>
#include <vector>

#include "agents/metrics.h"
#include "sim/types.h"
#include "visual/snapshot.h"

namespace regsim::visual {

/// A moment the parameters changed (a schedule entry or a live command), drawn as a line.
struct PolicyMark {
  sim::Tick tick = 0;
  std::string label;
};

/// The national indicators of the time-series panel, in panel order.
enum class Series { Cu, PriceIndex, Similarity, ZombieShare, SubsidyGdp, Welfare };
inline constexpr int kSeriesCount = 6;
const char* series_title(Series s);
double series_value(const agents::NationalMetrics& m, Series s);

struct History {
  int total_ticks = 0;
  std::string label;                                 ///< what the run was, e.g. "seed 7, κ 0.5"
  std::vector<agents::NationalMetrics> national;     ///< one per completed tick, in tick order
  std::vector<std::vector<double>> track_price;      ///< [track][tick]
  std::vector<std::vector<double>> track_cost;       ///< frontier cost, [track][tick]
  std::vector<std::vector<double>> track_cash_cost;  ///< the average plant's, [track][tick]
  std::vector<std::vector<double>> track_war;        ///< price-war intensity, [track][tick]
  std::vector<PolicyMark> marks;

  bool empty() const { return national.empty(); }
  /// Appends a snapshot taken after a step (a snapshot taken before any step is ignored).
  void append(const Snapshot& s);
};

}  // namespace regsim::visual
