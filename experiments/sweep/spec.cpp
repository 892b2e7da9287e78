// Sweep specs: the design's names, value formatting, scenario counts, seeds and identity text.
#include "experiments/sweep/spec.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

namespace regsim::experiments {

using sim::ScalarValue;

const char* design_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::Grid:
      return "grid";
    case DesignKind::Lhs:
      return "lhs";
    case DesignKind::Sobol:
      return "sobol";
    case DesignKind::Oat:
      return "oat";
  }
  return "grid";
}

std::string format_double(double v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string format_value(const ScalarValue& v) {
  if (const auto* d = std::get_if<double>(&v)) return format_double(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return sim::to_string(v);
}

ScalarValue Factor::value_at(double u) const {
  if (range && type == agents::ParamType::Integer) {
    const double width = hi - lo + 1.0;
    const double k = std::min(std::floor(u * width), width - 1.0);
    return static_cast<std::int64_t>(lo + k);
  }
  if (range) return std::min(hi, lo + u * (hi - lo));
  const double n = static_cast<double>(levels.size());
  return levels[static_cast<std::size_t>(std::min(std::floor(u * n), n - 1.0))];
}

std::uint64_t SweepSpec::scenario_count() const {
  const SweepSpec& spec = *this;
  std::uint64_t n = 1;
  switch (spec.kind) {
    case DesignKind::Grid:
      for (const auto& f : spec.factors) {
        if (n > kMaxSweepRuns / f.levels.size()) return 0;
        n *= f.levels.size();
      }
      return n;
    case DesignKind::Oat:
      for (std::size_t i = 0; i < spec.factors.size(); ++i)
        for (const auto& v : spec.factors[i].levels) n += v == spec.base_values[i] ? 0 : 1;
      return n;
    case DesignKind::Lhs:
      return spec.samples;
    case DesignKind::Sobol:
      return spec.samples > kMaxSweepRuns / (spec.factors.size() + 2)
                 ? 0
                 : spec.samples * (spec.factors.size() + 2);
  }
  return n;
}

std::uint64_t SweepSpec::seed_of(std::uint64_t scenario, int replication) const {
  const auto r = static_cast<std::uint64_t>(replication);
  if (!seeds.empty()) return seeds[r];
  if (paired) return base_seed + r;
  return base_seed + scenario * static_cast<std::uint64_t>(replications) + r;
}

std::string SweepSpec::canonical() const {
  std::ostringstream os;
  os << "regsim-sweep 1\n";
  os << "design " << design_name(kind) << " samples " << samples << " skip "
     << (kind == DesignKind::Sobol ? skip : 0) << "\n";
  os << "replications " << replications << " paired " << paired << " base_seed " << base_seed
     << "\n";
  os << "seeds";
  for (auto s : seeds) os << ' ' << s;
  os << "\n";
  for (const auto& f : factors) {
    os << "factor " << f.key;
    if (f.range) os << " range " << format_double(f.lo) << ' ' << format_double(f.hi);
    for (const auto& v : f.levels) os << " | " << sim::to_string(v);
    os << "\n";
  }
  for (const auto& e : fixed) os << "fixed " << e.key << " = " << sim::to_string(e.value) << "\n";
  for (const auto& s : source.sets) os << "set " << s << "\n";
  os << "series " << keep_series << " every " << series_every << " metrics "
     << fmt::format("{}", fmt::join(series_metrics, ",")) << "\n";
  // Only when kept: a sweep without track series keeps the identity (and so the stores) of
  // regsim versions that had no such option.
  if (keep_tracks)
    os << "tracks every " << tracks_every << " metrics "
       << fmt::format("{}", fmt::join(track_metrics, ",")) << "\n";
  os << "analysis bootstrap " << bootstrap << " bins " << bins << "\n";
  os << "base " << source.base_name << "\n" << source.base_text << "\n";
  os << "inputs\n" << source.inputs;
  return os.str();
}

}  // namespace regsim::experiments
