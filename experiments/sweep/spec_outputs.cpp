// The sweep file's [outputs] and [analysis] sections, and typed reading of scalar keys.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "agents/metrics.h"
#include "experiments/sweep/metrics.h"
#include "experiments/sweep/spec_keys.h"

namespace regsim::experiments {

using sim::ConfigArray;
using sim::ConfigEntry;
using sim::ConfigErrors;

bool KeyReader::integer(const ConfigEntry& e, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
  const auto* i = std::get_if<std::int64_t>(&e.value);
  if (i == nullptr) {
    errors.add(e.where, e.key,
               std::string("expected an integer, got ") + sim::type_name(e.value) + " " +
                   sim::value_for_message(e.value));
    return false;
  }
  if (*i < lo || *i > hi) {
    errors.add(e.where, e.key,
               "= " + std::to_string(*i) + " is outside [" + std::to_string(lo) + ", " +
                   std::to_string(hi) + "]");
    return false;
  }
  out = *i;
  return true;
}

bool KeyReader::boolean(const ConfigEntry& e, bool& out) {
  const auto* b = std::get_if<bool>(&e.value);
  if (b == nullptr) {
    errors.add(e.where, e.key,
               std::string("expected true or false, got ") + sim::type_name(e.value) + " " +
                   sim::value_for_message(e.value));
    return false;
  }
  out = *b;
  return true;
}

bool KeyReader::text(const ConfigEntry& e, std::string& out) {
  const auto* s = std::get_if<std::string>(&e.value);
  if (s == nullptr || s->empty()) {
    errors.add(e.where, e.key,
               std::string("expected a non-empty string, got ") + sim::type_name(e.value) + " " +
                   sim::value_for_message(e.value));
    return false;
  }
  out = *s;
  return true;
}

namespace {

/// The names of an array of metric names, each one of `known` and none twice (each becomes a
/// column of the store); all of `known` when the array is absent.
std::vector<std::string> metric_list(const ConfigArray* a, const std::vector<std::string>& known,
                                     const char* what, ConfigErrors& errors) {
  if (a == nullptr) return known;
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& v : a->values) {
    const auto* name = std::get_if<std::string>(&v);
    if (name == nullptr || std::find(known.begin(), known.end(), *name) == known.end()) {
      errors.add(a->where, a->key,
                 sim::value_for_message(v) + " is not " + what +
                     " (one of: " + fmt::format("{}", fmt::join(known, ", ")) + ")");
    } else if (!seen.insert(*name).second) {
      errors.add(a->where, a->key, "\"" + *name + "\" is listed twice");
    } else {
      out.push_back(*name);
    }
  }
  return out;
}

}  // namespace

void read_outputs(const OutputKeys& keys, SweepSpec& spec, ConfigErrors& errors) {
  KeyReader r{errors};
  const ConfigEntry* track_option = nullptr;  // tracks_every, which needs tracks = true
  for (const auto& e : keys.outputs) {
    std::int64_t every = 1;
    if (e.key == "outputs.series") {
      r.boolean(e, spec.keep_series);
    } else if (e.key == "outputs.series_every") {
      if (r.integer(e, 1, 1'000'000, every)) spec.series_every = static_cast<int>(every);
    } else if (e.key == "outputs.tracks") {
      r.boolean(e, spec.keep_tracks);
    } else if (e.key == "outputs.tracks_every") {
      track_option = &e;
      if (r.integer(e, 1, 1'000'000, every)) spec.tracks_every = static_cast<int>(every);
    } else {
      errors.add(e.where, e.key,
                 "unknown key ([outputs] has series, series_metrics, series_every, tracks, "
                 "track_metrics and tracks_every)");
    }
  }
  spec.series_metrics =
      metric_list(keys.series_metrics, series_metric_names(), "a national metric", errors);
  spec.track_metrics = metric_list(keys.track_metrics, agents::track_column_names(),
                                   "a column of tracks.csv", errors);
  if (keys.track_metrics != nullptr && keys.track_metrics->values.empty())
    errors.add(keys.track_metrics->where, keys.track_metrics->key, "needs at least one metric");
  if (!spec.keep_tracks) {
    // Asking for track series in part only would silently keep nothing.
    if (track_option != nullptr)
      errors.add(track_option->where, track_option->key, "needs tracks = true in [outputs]");
    if (keys.track_metrics != nullptr)
      errors.add(keys.track_metrics->where, keys.track_metrics->key,
                 "needs tracks = true in [outputs]");
    spec.track_metrics.clear();
  }
  for (const auto& e : keys.analysis) {
    std::int64_t v = 0;
    if (e.key == "analysis.bootstrap") {
      if (r.integer(e, 0, 1'000'000, v)) spec.bootstrap = static_cast<int>(v);
    } else if (e.key == "analysis.bins") {
      if (r.integer(e, 1, 100, v)) spec.bins = static_cast<int>(v);
    } else {
      errors.add(e.where, e.key, "unknown key ([analysis] has bootstrap and bins)");
    }
  }
}

}  // namespace regsim::experiments
