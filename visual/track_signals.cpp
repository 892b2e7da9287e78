// What the tracks panel reads off a track (see track_signals.h).
#include "visual/track_signals.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "visual/text.h"

namespace regsim::visual {

namespace {

std::string ratio_text(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f\xC3\x97", r);
  return buf;
}

}  // namespace

double sales_demand(const TrackSnap& t) {
  return std::max(0.0, t.demand + t.exports - t.imports);
}

double overshoot_ratio(const TrackSnap& t) {
  const double d = sales_demand(t);
  return d > 0 ? t.capacity / d : 0.0;
}

bool in_price_war(const TrackSnap& t) {
  return t.war_intensity >= kWarBadge;
}

std::vector<std::string> badge_candidates(const TrackSnap& t) {
  struct Part {
    int order;  ///< where it stands in the text
    std::string full, brief;
  };
  const double ratio = overshoot_ratio(t);
  auto percent = [](double share) { return std::to_string(std::lround(100 * share)); };
  std::vector<Part> parts;  // most important first
  if (in_price_war(t)) parts.push_back({1, "price war", "price war"});
  if (ratio > kOvershootFlag)
    parts.push_back({0, cat(ratio_text(ratio), " demand"), ratio_text(ratio)});
  if (t.loss_share >= kLossBadge)
    parts.push_back(
        {2, cat(percent(t.loss_share), "% lose money"), cat(percent(t.loss_share), "% lose")});
  if (t.zombie_share >= kZombieBadge)
    parts.push_back(
        {3, cat(percent(t.zombie_share), "% zombies"), cat(percent(t.zombie_share), "% zombies")});
  std::vector<std::string> out;
  auto add = [&](std::string s) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  };
  for (std::size_t n = parts.size(); n > 0; --n) {
    std::vector<Part> shown(parts.begin(), parts.begin() + static_cast<std::ptrdiff_t>(n));
    std::sort(shown.begin(), shown.end(),
              [](const Part& a, const Part& b) { return a.order < b.order; });
    for (const bool brief : {false, true}) {
      std::string text;
      for (const Part& p : shown)
        text += cat(text.empty() ? "" : " \xC2\xB7 ", brief ? p.brief : p.full);
      add(text);
    }
  }
  if (in_price_war(t)) add("war");
  return out;
}

std::vector<double> relative_to(const std::vector<double>& series,
                                const std::vector<double>& cash) {
  std::vector<double> out(std::min(series.size(), cash.size()));
  for (std::size_t t = 0; t < out.size(); ++t)
    out[t] = cash[t] > 0 ? series[t] / cash[t] : std::numeric_limits<double>::quiet_NaN();
  return out;
}

SparkRange spark_range(const std::vector<double>& a, const std::vector<double>& b) {
  double lo = 0.8 / 0.95, hi = 1.25 / 1.05;
  for (const auto* v : {&a, &b})
    for (const double x : *v)
      if (std::isfinite(x)) lo = std::min(lo, x), hi = std::max(hi, x);
  return SparkRange{std::max(0.0, lo * 0.95), hi * 1.05};
}

std::vector<std::pair<std::size_t, std::size_t>> below_cost_spans(const std::vector<double>& price,
                                                                  const std::vector<double>& cost) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  const std::size_t n = std::min(price.size(), cost.size());
  std::size_t start = n;
  for (std::size_t t = 0; t <= n; ++t) {
    const bool below = t < n && cost[t] > 0 && price[t] > 0 && price[t] < cost[t];
    if (below && start == n) start = t;
    if (!below && start != n) out.emplace_back(start, t), start = n;
  }
  return out;
}

}  // namespace regsim::visual
