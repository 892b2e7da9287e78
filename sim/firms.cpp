// Adding and removing rows of the firm table and the order book.
#include "sim/firms.h"

#include <algorithm>
#include <functional>

#include <tbb/parallel_for.h>

#include "sim/world.h"

namespace regsim::sim {

namespace {

/// A stretch of kept rows that moves as one block: rows [from, from + count) go to `to`.
struct Run {
  std::size_t from, to, count;
};

/// How many leading kept rows stay where they are (the rows before the first dropped one).
std::size_t unmoved_rows(std::span<const std::uint32_t> keep) {
  std::size_t j = 0;
  while (j < keep.size() && keep[j] == j) ++j;
  return j;
}

/// The kept rows as moving blocks. Rows before the first dropped one stay where they are and are
/// left out.
std::vector<Run> runs_of(std::span<const std::uint32_t> keep) {
  std::vector<Run> runs;
  std::size_t j = unmoved_rows(keep);
  while (j < keep.size()) {
    const std::size_t start = j;
    while (j + 1 < keep.size() && keep[j + 1] == keep[j] + 1) ++j;
    ++j;
    runs.push_back({keep[start], start, j - start});
  }
  return runs;
}

/// The rows not marked in `dead` as moving blocks, as runs_of their positions gives them (rows
/// before the first marked one stay where they are and are left out); `marked` receives the
/// marked rows' positions. Marked rows are rare (next_marked skips the others eight at a time).
std::vector<Run> unmarked_runs(std::span<const std::uint8_t> dead,
                               std::vector<std::size_t>& marked) {
  const std::size_t n = dead.size();
  std::vector<Run> runs;
  std::size_t j = next_marked(dead, 0), to = j;
  while (j < n) {
    marked.push_back(j);
    const std::size_t from = j + 1, end = next_marked(dead, from);
    if (end > from) runs.push_back({from, to, end - from});
    to += end - from;
    j = end;
  }
  return runs;
}

/// Moves the `runs` of every column of `s` with the given extent and cuts the columns to `size`.
/// Each run moves down (to <= from) in increasing order, so no run overwrites a row still to be
/// moved; std::copy of a trivially copyable column is a memmove. Columns are independent, so
/// they are moved in parallel.
template <class S>
void move_runs(S& s, Extent extent, const std::vector<Run>& runs, std::size_t size) {
  std::vector<std::function<void()>> gathers;
  for_each_column(s, [&](const ColumnInfo& c, auto& v) {
    if constexpr (is_column_vector<decltype(v)>) {
      if (c.extent != extent) return;
      gathers.emplace_back([&v, &runs, size] {
        for (const Run& r : runs)
          std::copy(v.begin() + static_cast<std::ptrdiff_t>(r.from),
                    v.begin() + static_cast<std::ptrdiff_t>(r.from + r.count),
                    v.begin() + static_cast<std::ptrdiff_t>(r.to));
        v.resize(size);
      });
    }
  });
  tbb::parallel_for(std::size_t{0}, gathers.size(), [&](std::size_t i) { gathers[i](); });
}

}  // namespace

template <class S>
void keep_rows(S& s, Extent extent, std::span<const std::uint32_t> keep) {
  move_runs(s, extent, runs_of(keep), keep.size());
}

template void keep_rows(Firms&, Extent, std::span<const std::uint32_t>);
template void keep_rows(Orders&, Extent, std::span<const std::uint32_t>);

void reserve_firms(World& w, std::size_t n) {
  auto& f = w.firms;
  for_each_column(f, [n](const ColumnInfo& c, auto& v) {
    if constexpr (is_column_vector<decltype(v)>)
      if (c.extent == Extent::Firm) v.reserve(n);
  });
  f.index_of.reserve(n);
}

std::size_t add_firm(World& w, CityId city, TrackId track) {
  auto& f = w.firms;
  for_each_column(f, [](const ColumnInfo& c, auto& v) {
    if constexpr (is_column_vector<decltype(v)>)
      if (c.extent == Extent::Firm) v.emplace_back();
  });
  const std::size_t pos = f.id.size() - 1;
  f.index_of.push_back(static_cast<std::int32_t>(pos));
  f.id[pos] = w.next_firm_id;
  w.next_firm_id = w.next_firm_id.next();
  f.city[pos] = city;
  f.track[pos] = track;
  f.born[pos] = w.tick;
  return pos;
}

void compact_firms(World& w, std::span<const std::uint8_t> dead) {
  auto& f = w.firms;
  const std::size_t n = f.size();
  std::vector<std::size_t> marked;
  const std::vector<Run> runs = unmarked_runs(dead.first(n), marked);
  if (marked.empty()) return;  // nobody left: nothing moves
  for (const std::size_t i : marked) f.index_of[f.id[i].index()] = -1;
  const std::size_t kept = n - marked.size();
  move_runs(f, Extent::Firm, runs, kept);
  // Firms before the first one that left keep their positions.
  const std::size_t unmoved = runs.empty() ? kept : runs.front().to;
  tbb::parallel_for(unmoved, f.size(), [&](std::size_t j) {
    f.index_of[f.id[j].index()] =
        static_cast<std::int32_t>(j);  // ids are distinct: no two writes meet
  });
}

void add_order(Orders& o, FirmId firm, Tick ready, double amount, double unit_capex) {
  o.firm.push_back(firm);
  o.ready.push_back(ready);
  o.amount.push_back(amount);
  o.unit_capex.push_back(unit_capex);
}

}  // namespace regsim::sim
