// The firm table (struct of arrays) and the two operations that add and remove its rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/types.h"

namespace regsim::sim {

/// A capacity order under construction.
struct PipelineEntry {
  FirmId firm;
  Tick ready;
  double amount;
  double unit_capex;  ///< capex per unit at the time of the order
};

/// Firms as a struct of arrays; positions are compacted (order kept) after exits.
struct Firms {
  std::vector<FirmId> id;
  std::vector<CityIndex> city;
  std::vector<TrackIndex> track;
  std::vector<double> capacity;      ///< active capacity (units per quarter)
  std::vector<double> book;          ///< book value of capital; equity = book - debt
  std::vector<double> pipeline;      ///< capacity ordered, not yet active
  std::vector<double> log_eff_mean;  ///< the entry draw ln u around which ln u reverts
  std::vector<double> log_eff;       ///< ln u_f
  std::vector<double> debt;          ///< net debt (negative = net cash)
  std::vector<int> loss_streak;
  std::vector<Tick> zombie_until;  ///< zombie while tick < zombie_until
  std::vector<Tick> born;
  std::vector<double> cum_subsidy;
  std::vector<std::uint8_t> mobile;    ///< origin: 1 = mobile entrant
  std::vector<double> output;          ///< last tick
  std::vector<double> revenue;         ///< last tick
  std::vector<double> profit;          ///< last tick
  std::vector<double> unit_cost;       ///< true unit cost c_f last tick
  std::vector<double> subsidy_tick;    ///< production + capex subsidy received this tick
  std::vector<std::int32_t> index_of;  ///< position of each id ever issued; -1 once exited
  std::size_t size() const { return id.size(); }
};

struct World;

/// Appends a firm to w.firms with the next id, born now, every other column neutral (zero);
/// returns its position.
std::size_t add_firm(World& w, CityIndex city, TrackIndex track);
/// Removes the firms marked in `dead` keeping the order of the others (ids stay sorted), and
/// marks the removed ids as exited in Firms::index_of.
void compact_firms(World& w, std::span<const std::uint8_t> dead);

}  // namespace regsim::sim
