// The event ticker: news lines derived by diffing two consecutive snapshots.
#include "visual/events.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

#include "visual/commands.h"
#include "visual/text.h"

namespace regsim::visual {

namespace {

constexpr std::size_t kNamesListed = 3;    ///< cities named in a grouped line
constexpr double kOvershootRatio = 1.3;    ///< capacity / demand that makes news
constexpr double kPriceCrash = 0.8;        ///< yearly mean price below this share of last year's
constexpr std::size_t kCitiesPerKind = 2;  ///< at most this many single-city lines per kind
constexpr const char* kHotPrefix = "\xE2\x98\x85 ";  ///< change_label of a hot-track signal

std::string join_names(const Snapshot& s, const std::vector<int>& cities) {
  std::string out;
  for (std::size_t i = 0; i < cities.size() && i < kNamesListed; ++i) {
    if (i) out += ", ";
    out += s.cities[static_cast<std::size_t>(cities[i])].name;
  }
  if (cities.size() > kNamesListed) out += ", \xE2\x80\xA6";
  return out;
}

void policy_events(const Snapshot& after, sim::Tick tick, std::vector<TickerEvent>& out) {
  for (const auto& change : after.changes) {
    TickerEvent e{tick, EventKind::Policy, {}, -1, -1};
    const std::string label = change_label(change);
    if (label.rfind(kHotPrefix, 0) == 0) {
      const std::string track = label.substr(std::string_view(kHotPrefix).size());
      e.text = "Centre announces " + track + " as a hot track";
      for (std::size_t k = 0; k < after.tracks.size(); ++k)
        if (after.tracks[k].name == track) e.track = static_cast<int>(k);
    } else {
      e.text = "Policy: " + label;
    }
    out.push_back(std::move(e));
  }
}

void listing_events(const Snapshot& before, const Snapshot& after, sim::Tick tick,
                    std::vector<TickerEvent>& out) {
  std::vector<std::vector<int>> joined(after.tracks.size());
  for (std::size_t i = 0; i < after.cities.size(); ++i) {
    const auto& old_list = before.cities[i].priorities;
    for (int k : after.cities[i].priorities)
      if (std::find(old_list.begin(), old_list.end(), k) == old_list.end())
        joined[static_cast<std::size_t>(k)].push_back(static_cast<int>(i));
  }
  std::vector<int> order(joined.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int>(k);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return joined[static_cast<std::size_t>(a)].size() > joined[static_cast<std::size_t>(b)].size();
  });
  for (int k : order) {
    const auto& cities = joined[static_cast<std::size_t>(k)];
    const std::string& track = after.tracks[static_cast<std::size_t>(k)].name;
    if (cities.empty()) continue;
    if (cities.size() == 1)
      out.push_back({tick, EventKind::Listing,
                     after.cities[static_cast<std::size_t>(cities[0])].name + " lists " + track, k,
                     cities[0]});
    else
      out.push_back({tick, EventKind::Listing,
                     std::to_string(cities.size()) + " cities list " + track + " (" +
                         join_names(after, cities) + ")",
                     k, -1});
  }
}

/// Lines like "3 firms bankrupt in City 5", largest first, then a total when there are more.
void per_city_lines(const Snapshot& after, const std::map<int, int>& count, sim::Tick tick,
                    EventKind kind, std::vector<TickerEvent>& out) {
  std::vector<std::pair<int, int>> rows(count.begin(), count.end());  // (city, count)
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  int total = 0;
  for (const auto& r : rows) total += r.second;
  for (std::size_t i = 0; i < rows.size() && i < kCitiesPerKind; ++i) {
    const auto [city, n] = rows[i];
    const std::string& name = after.cities[static_cast<std::size_t>(city)].name;
    const std::string firms = n == 1 ? "1 firm" : std::to_string(n) + " firms";
    std::string text = kind == EventKind::Bankruptcy ? firms + " bankrupt in " + name
                                                     : name + " bails out " + firms;
    out.push_back({tick, kind, std::move(text), -1, city});
  }
  if (rows.size() > kCitiesPerKind) {
    const std::string what = kind == EventKind::Bankruptcy ? " bankruptcies in " : " bailouts in ";
    out.push_back({tick, kind,
                   std::to_string(total) + what + std::to_string(rows.size()) + " cities in all",
                   -1, -1});
  }
}

void firm_events(const Snapshot& before, const Snapshot& after, sim::Tick tick,
                 std::vector<TickerEvent>& out) {
  std::unordered_map<sim::FirmId, std::size_t> now;
  now.reserve(after.firms.id.size());
  for (std::size_t f = 0; f < after.firms.id.size(); ++f) now.emplace(after.firms.id[f], f);
  std::map<int, int> bankrupt, bailed;
  for (std::size_t f = 0; f < before.firms.id.size(); ++f) {
    const auto it = now.find(before.firms.id[f]);
    const int city = static_cast<int>(before.firms.city[f].value);
    if (it == now.end()) {
      if (before.firms.distressed[f]) ++bankrupt[city];
    } else if (after.firms.zombie[it->second] && !before.firms.zombie[f]) {
      ++bailed[city];
    }
  }
  per_city_lines(after, bankrupt, tick, EventKind::Bankruptcy, out);
  per_city_lines(after, bailed, tick, EventKind::Bailout, out);
}

void official_events(const Snapshot& before, const Snapshot& after, sim::Tick tick,
                     std::vector<TickerEvent>& out) {
  std::vector<int> promoted;
  for (std::size_t i = 0; i < after.cities.size(); ++i)
    if (after.cities[i].official_id != before.cities[i].official_id && after.cities[i].promoted)
      promoted.push_back(static_cast<int>(i));
  if (promoted.size() == 1)
    out.push_back(
        {tick, EventKind::Official,
         "Official of " + after.cities[static_cast<std::size_t>(promoted[0])].name + " promoted",
         -1, promoted[0]});
  else if (!promoted.empty())
    out.push_back({tick, EventKind::Official,
                   std::to_string(promoted.size()) + " officials promoted (" +
                       join_names(after, promoted) + ")",
                   -1, -1});
}

std::string percent(double share) {
  return std::to_string(static_cast<int>(share * 100.0 + 0.5)) + "%";
}

void market_events(const Snapshot& before, const Snapshot& after, sim::Tick tick,
                   std::vector<TickerEvent>& out) {
  for (std::size_t k = 0; k < after.tracks.size(); ++k) {
    const TrackSnap& a = after.tracks[k];
    const TrackSnap& b = before.tracks[k];
    const bool over_now = a.demand > 0 && a.capacity > kOvershootRatio * a.demand;
    const bool over_before = b.demand > 0 && b.capacity > kOvershootRatio * b.demand;
    if (over_now && !over_before) {
      char ratio[16];
      std::snprintf(ratio, sizeof ratio, "%.1f", a.capacity / a.demand);
      out.push_back({tick, EventKind::Market,
                     a.name + ": capacity now " + ratio + "\xC3\x97 demand", static_cast<int>(k),
                     -1});
    }
    const bool new_year = a.price_last_year != b.price_last_year;
    if (new_year && b.price_last_year > 0 && a.price_last_year < kPriceCrash * b.price_last_year)
      out.push_back({tick, EventKind::Market,
                     cat(a.name, " price down ",
                         percent(1.0 - a.price_last_year / b.price_last_year), " on the year"),
                     static_cast<int>(k), -1});
  }
}

}  // namespace

std::string tick_label(sim::Tick tick) {
  return cat("Y", std::to_string(sim::year_of(tick)), " Q",
             std::to_string(tick % sim::kTicksPerYear + 1));
}

std::vector<TickerEvent> diff_snapshots(const Snapshot& before, const Snapshot& after) {
  std::vector<TickerEvent> out;
  if (after.tick != before.tick + 1 || after.seed != before.seed ||
      after.cities.size() != before.cities.size() || after.tracks.size() != before.tracks.size())
    return out;
  const sim::Tick tick = before.tick;
  policy_events(after, tick, out);
  market_events(before, after, tick, out);
  listing_events(before, after, tick, out);
  official_events(before, after, tick, out);
  firm_events(before, after, tick, out);
  return out;
}

}  // namespace regsim::visual
