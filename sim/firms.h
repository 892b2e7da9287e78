// The firm table and the order book (structs of arrays), their column lists, and row operations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "sim/columns.h"
#include "sim/types.h"

namespace regsim::sim {

/// Firms as a struct of arrays; positions are compacted (order kept) after exits, so ids stay
/// sorted.
struct Firms {
  // Persistent state.
  std::vector<FirmId> id;  ///< never reused; keys the firm's random streams
  std::vector<CityId> city;
  std::vector<TrackId> track;
  std::vector<double> capacity;      ///< active capacity (units per quarter)
  std::vector<double> book;          ///< book value of capital; equity = book - debt
  std::vector<double> pipeline;      ///< capacity ordered, not yet active
  std::vector<double> log_eff_mean;  ///< the entry draw ln u around which ln u reverts
  std::vector<double> log_eff;       ///< ln u_f
  std::vector<double> debt;          ///< net debt (negative = net cash)
  std::vector<int> loss_streak;      ///< quarters in a row with a loss while producing
  std::vector<Tick> zombie_until;    ///< zombie while tick < zombie_until
  std::vector<Tick> born;            ///< tick of entry (negative for incumbents)
  std::vector<double> cum_subsidy;   ///< subsidies received so far
  std::vector<std::uint8_t> mobile;  ///< origin: 1 = mobile entrant
  std::vector<double> output;        ///< last tick
  std::vector<double> revenue;       ///< last tick
  std::vector<double> profit;        ///< last tick
  std::vector<double> unit_cost;     ///< true unit cost c_f last tick
  /// z_f in [0, 1]: soft-budget strength for the next quarter's market, set by the exit phase
  /// (agents/soft_budget.h; 0 unless exit.soft_budgets is on).
  std::vector<double> soft_budget;
  /// Capex and land support still in the book: what the book would hold more had the firm paid
  /// its capital in full (it depreciates with the book); book + support_book is the gross book.
  std::vector<double> support_book;
  // Persistent state: ownership by the local state (docs/model.md 6.9).
  std::vector<std::uint8_t> state_linked;  ///< 1 = local state owns equity (guidance fund)
  std::vector<double> fund_stake;          ///< equity a guidance fund paid in at entry
  /// Capacity mothballed (exit.rule forward_looking): not offered in the market, pays part of the
  /// fixed cost, decays faster; `capacity` holds only the active part.
  std::vector<double> mothballed;
  /// Tick at whose exit phase the mothballed capacity is active again (0 = not reactivating).
  std::vector<Tick> reactivate_at;
  // Tick flows.
  std::vector<double> subsidy_tick;  ///< production + capex subsidy received this tick
  // Cache (indexed by id, not position): rebuilt from `id`.
  std::vector<std::int32_t> index_of;  ///< position of each id ever issued; -1 once exited

  std::size_t size() const { return id.size(); }
};

template <>
struct Columns<Firms> {
  using Self = Firms;
  static constexpr std::string_view group = "firms";
  static constexpr auto list = std::tuple{
      REGSIM_COLUMN(id, Persistent, Firm),           REGSIM_COLUMN(city, Persistent, Firm),
      REGSIM_COLUMN(track, Persistent, Firm),        REGSIM_COLUMN(capacity, Persistent, Firm),
      REGSIM_COLUMN(book, Persistent, Firm),         REGSIM_COLUMN(pipeline, Persistent, Firm),
      REGSIM_COLUMN(log_eff_mean, Persistent, Firm), REGSIM_COLUMN(log_eff, Persistent, Firm),
      REGSIM_COLUMN(debt, Persistent, Firm),         REGSIM_COLUMN(loss_streak, Persistent, Firm),
      REGSIM_COLUMN(zombie_until, Persistent, Firm), REGSIM_COLUMN(born, Persistent, Firm),
      REGSIM_COLUMN(cum_subsidy, Persistent, Firm),  REGSIM_COLUMN(mobile, Persistent, Firm),
      REGSIM_COLUMN(output, Persistent, Firm),       REGSIM_COLUMN(revenue, Persistent, Firm),
      REGSIM_COLUMN(profit, Persistent, Firm),       REGSIM_COLUMN(unit_cost, Persistent, Firm),
      REGSIM_COLUMN(soft_budget, Persistent, Firm),  REGSIM_COLUMN(support_book, Persistent, Firm),
      REGSIM_COLUMN(state_linked, Persistent, Firm), REGSIM_COLUMN(fund_stake, Persistent, Firm),
      REGSIM_COLUMN(mothballed, Persistent, Firm),   REGSIM_COLUMN(reactivate_at, Persistent, Firm),
      REGSIM_COLUMN(subsidy_tick, Flow, Firm),       REGSIM_COLUMN(index_of, Cache, IssuedId),
  };
};
static_assert(lists_every_member<Firms>, "a member of Firms is missing from its column list");

/// Capacity orders under construction, in the order they were placed.
struct Orders {
  std::vector<FirmId> firm;
  std::vector<Tick> ready;         ///< the tick the capacity becomes active
  std::vector<double> amount;      ///< capacity ordered (units per quarter)
  std::vector<double> unit_capex;  ///< capex per unit at the time of the order

  std::size_t size() const { return firm.size(); }
};

template <>
struct Columns<Orders> {
  using Self = Orders;
  static constexpr std::string_view group = "orders";
  static constexpr auto list = std::tuple{
      REGSIM_COLUMN(firm, Persistent, Order),
      REGSIM_COLUMN(ready, Persistent, Order),
      REGSIM_COLUMN(amount, Persistent, Order),
      REGSIM_COLUMN(unit_capex, Persistent, Order),
  };
};
static_assert(lists_every_member<Orders>, "a member of Orders is missing from its column list");

/// Keeps the rows `keep` (increasing positions) of every column of `s` with the given extent, in
/// that order, and drops the others. Columns are independent, so they are gathered in parallel.
template <class S>
void keep_rows(S& s, Extent extent, std::span<const std::uint32_t> keep);

struct World;

/// Reserves room for `n` firms in every firm column and in the id index (values unchanged), so
/// that adding the first n firms moves no column.
void reserve_firms(World& w, std::size_t n);
/// Appends a firm to w.firms with the next id, born now, every other column zero; returns its
/// position.
std::size_t add_firm(World& w, CityId city, TrackId track);
/// The first position at or after `from` whose mark is not zero (marks.size() if none). For
/// marks that are rare: unmarked positions are skipped eight at a time.
inline std::size_t next_marked(std::span<const std::uint8_t> marks, std::size_t from) {
  const std::size_t n = marks.size();
  std::size_t j = from;
  for (; j + 8 <= n; j += 8) {
    std::uint64_t word;
    std::memcpy(&word, marks.data() + j, sizeof word);
    if (word != 0) break;
  }
  while (j < n && marks[j] == 0) ++j;
  return j;
}
/// Removes the firms marked in `dead` keeping the order of the others, and marks the removed ids
/// as exited in Firms::index_of.
void compact_firms(World& w, std::span<const std::uint8_t> dead);
/// Appends an order for firm `firm`.
void add_order(Orders& o, FirmId firm, Tick ready, double amount, double unit_capex);

}  // namespace regsim::sim
