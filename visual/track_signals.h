// What the tracks panel reads off a track: the demand its plants can sell to, the overshoot,
// the price-war badge and the stretches where the price is below the average plant's cash cost.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "visual/snapshot.h"

namespace regsim::visual {

/// Capacity above this multiple of the demand for its plants is flagged in text and stripes.
inline constexpr double kOvershootFlag = 1.15;
/// A track whose price-war intensity w (tracks.csv war_intensity) is at least this gets the
/// "price war" badge: conduct has fallen at least halfway from Cournot to average-variable-cost
/// pricing.
inline constexpr double kWarBadge = 0.5;
/// The share of loss-making firms (among those with capacity) named beside the badge.
inline constexpr double kLossBadge = 0.5;
/// The share of zombie firms named beside the badge (the map's glow uses the same threshold).
inline constexpr double kZombieBadge = 0.2;

/// What the track's plants can sell: home demand plus exports less imports (= home demand in a
/// closed economy). Never negative.
double sales_demand(const TrackSnap& t);

/// Capacity over sales_demand (0 without demand).
double overshoot_ratio(const TrackSnap& t);

bool in_price_war(const TrackSnap& t);

/// The text beside the track's name, in order of preference: the caller draws the first that fits
/// (none when the list is empty). It names, in this order of importance, a price war, the
/// overshoot, a majority of loss-making firms and a fifth or more of zombie firms: "2.9× demand ·
/// price war · 99% lose money · 80% zombies", then with fewer parts and shorter words, down to
/// "war"; every text keeps the most important part.
std::vector<std::string> badge_candidates(const TrackSnap& t);

/// `series[t] / cash[t]`, NaN where the cash cost is unknown (0, a track without capacity): the
/// sparklines plot price and best-practice cost relative to the average plant's cash cost, so
/// that the cash cost is a flat line at 1 and a price falling through it crosses that line
/// whatever the price level (prices fall several-fold over a run with learning).
std::vector<double> relative_to(const std::vector<double>& series, const std::vector<double>& cash);

/// The vertical range of a sparkline of relative values: always [0.8, 1.25] or wider, so the
/// line at 1 is inside it and small wiggles around it are not blown up; 5% margins.
struct SparkRange {
  double lo = 0.8, hi = 1.25;
};
SparkRange spark_range(const std::vector<double>& a, const std::vector<double>& b);

/// Half-open tick ranges [first, last) where 0 < price < cost (the price below the average
/// plant's cash cost); ticks where the cost is unknown (0) end a range.
std::vector<std::pair<std::size_t, std::size_t>> below_cost_spans(const std::vector<double>& price,
                                                                  const std::vector<double>& cost);

}  // namespace regsim::visual
