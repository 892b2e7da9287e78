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
  const double ratio = overshoot_ratio(t);
  const bool over = ratio > kOvershootFlag;
  const bool losing = t.loss_share >= kLossBadge;
  const std::string r = ratio_text(ratio);
  const std::string lose = cat(std::to_string(std::lround(100 * t.loss_share)), "% lose money");
  const std::string lose_short = cat(std::to_string(std::lround(100 * t.loss_share)), "% lose");
  std::vector<std::string> out;
  if (in_price_war(t)) {
    if (over && losing) out.push_back(cat(r, " demand \xC2\xB7 price war \xC2\xB7 ", lose));
    if (over && losing) out.push_back(cat(r, " \xC2\xB7 price war \xC2\xB7 ", lose_short));
    if (losing) out.push_back(cat("price war \xC2\xB7 ", lose_short));
    if (over) out.push_back(cat(r, " \xC2\xB7 price war"));
    out.push_back("price war");
    out.push_back("war");
    return out;
  }
  if (over && losing) out.push_back(cat(r, " demand \xC2\xB7 ", lose));
  if (over && losing) out.push_back(cat(r, " \xC2\xB7 ", lose_short));
  if (over) out.push_back(cat(r, " demand"));
  if (!over && losing) out.push_back(lose);
  if (!over && losing) out.push_back(lose_short);
  if (over) out.push_back(r);
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
