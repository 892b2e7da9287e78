// Turning the view's controls into ParamChange commands.
#include "visual/commands.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "visual/text.h"

namespace regsim::visual {

namespace {

struct LeverSpec {
  const char* key;
  const char* label;
  const char* help;
  double min, max;  ///< classroom slider range; ignored for switches and choices
};

constexpr LeverSpec kLevers[] = {
    {"market.kappa", "Friction \xCE\xBA",
     "Unified-market friction: 0 = one national market, 1 = fragmented local markets.", 0, 1},
    {"tournament.alpha1", "Tournament \xCE\xB1\xE2\x82\x81",
     "Strength of the GDP promotion tournament (0 = promotion ignores growth).", 0, 2},
    {"policy.evaluation", "Evaluation",
     "How officials are scored: GDP only, by functional zone, or balanced.", 0, 0},
    {"policy.fault_tolerance", "Fault tolerance",
     "Share of an official's failures forgiven at evaluation.", 0, 1},
    {"policy.subsidy_regime", "Subsidies",
     "Who gets local subsidies: none, every firm, only efficient firms, or young firms (VC).", 0,
     0},
    {"policy.bailouts", "Bailouts", "Cities may rescue distressed firms (creating zombies).", 0, 0},
    {"policy.coordination_platform", "Platform",
     "Coordination platform: governments see crowding and pipelines before choosing.", 0, 0},
    {"policy.closed_cluster_share", "Closed clusters",
     "Share of cities that shut their established clusters to new firms to protect incumbents.", 0,
     1},
    {"world.heterogeneity", "Heterogeneity \xCF\x83",
     "How different cities' endowments are (0 = identical). Applies when you restart.", 0, 1.5},
};

LeverKind kind_of(agents::ParamType type) {
  switch (type) {
    case agents::ParamType::Boolean:
      return LeverKind::Switch;
    case agents::ParamType::Choice:
    case agents::ParamType::Text:
      return LeverKind::Choice;
    case agents::ParamType::Real:
    case agents::ParamType::Integer:
      break;
  }
  return LeverKind::Slider;
}

CommandResult fail(std::string message) {
  return CommandResult{std::nullopt, std::move(message)};
}

/// Checks a value against the table and makes the command; nothing is applied here.
CommandResult make_command(const agents::ParamTable& table, const std::string& key,
                           const sim::ScalarValue& value, sim::Tick tick) {
  const agents::ParamSpec* spec = table.find(key);
  if (!spec) return fail("unknown parameter " + key);
  if (!spec->schedulable) return fail(key + " cannot change during a run; it applies at restart");
  sim::ScalarValue checked;
  if (auto error = agents::ParamTable::check(*spec, value, checked))
    return fail(key + ": " + *error);
  return CommandResult{agents::ParamChange{tick, key, checked}, {}};
}

std::string trim_number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", v);
  std::string s = text;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

/// The shortest text that reads back as exactly `v` (0.6, not 0.59999999999999998).
std::string exact_number(double v) {
  char text[40];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, v);
    if (std::strtod(text, nullptr) == v) break;
  }
  return text;
}

/// A value as TOML: floats keep a decimal point so that they stay floats.
std::string toml_value(const sim::ScalarValue& v) {
  const auto* d = std::get_if<double>(&v);
  if (!d) return sim::to_string(v);
  std::string s = exact_number(*d);
  if (std::isfinite(*d) && s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string value_text(const sim::ScalarValue& v) {
  if (const auto* d = std::get_if<double>(&v)) return trim_number(*d);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "on" : "off";
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return sim::to_string(v);
}

}  // namespace

std::vector<Lever> classroom_levers(const agents::ParamTable& table) {
  std::vector<Lever> out;
  for (const LeverSpec& l : kLevers) {
    const agents::ParamSpec* spec = table.find(l.key);
    if (!spec) continue;
    Lever lever{l.key, l.label, l.help,        kind_of(spec->type),
                l.min, l.max,   spec->choices, !spec->schedulable};
    if (lever.kind == LeverKind::Slider) {
      lever.min = std::max(lever.min, spec->min);
      lever.max = std::min(lever.max, spec->max);
    }
    out.push_back(std::move(lever));
  }
  return out;
}

double round_slider_value(double value) {
  return std::round(value * 1000.0) / 1000.0;
}

CommandResult command_for_slider(const agents::ParamTable& table, const std::string& key,
                                 double value, sim::Tick tick) {
  const agents::ParamSpec* spec = table.find(key);
  if (!spec) return fail("unknown parameter " + key);
  if (!std::isfinite(value)) return fail(key + ": value is not a number");
  if (spec->type == agents::ParamType::Integer)
    return make_command(table, key, static_cast<std::int64_t>(std::llround(value)), tick);
  if (spec->type != agents::ParamType::Real) return fail(key + " is not a number parameter");
  return make_command(table, key, round_slider_value(value), tick);
}

CommandResult command_for_switch(const agents::ParamTable& table, const std::string& key, bool on,
                                 sim::Tick tick) {
  const agents::ParamSpec* spec = table.find(key);
  if (!spec) return fail("unknown parameter " + key);
  if (spec->type != agents::ParamType::Boolean) return fail(key + " is not an on/off parameter");
  return make_command(table, key, on, tick);
}

CommandResult command_for_choice(const agents::ParamTable& table, const std::string& key,
                                 const std::string& choice, sim::Tick tick) {
  const agents::ParamSpec* spec = table.find(key);
  if (!spec) return fail("unknown parameter " + key);
  if (spec->type != agents::ParamType::Choice && spec->type != agents::ParamType::Text)
    return fail(key + " is not a choice parameter");
  return make_command(table, key, choice, tick);
}

CommandResult command_for_text(const agents::ParamTable& table, const std::string& text,
                               sim::Tick tick) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    return fail("expected key=value, got '" + text + "'");
  return make_command(table, text.substr(0, eq), sim::parse_scalar_text(text.substr(eq + 1)), tick);
}

CommandResult command_for_hot_track(const agents::ParamTable& table, const std::string& track,
                                    sim::Tick tick) {
  if (!table.find("tracks." + track + ".signal")) return fail("unknown track " + track);
  return make_command(table, "tracks." + track + ".signal", 1.0, tick);
}

std::string override_text(const std::string& key, const sim::ScalarValue& value) {
  if (const auto* d = std::get_if<double>(&value)) return cat(key, "=", exact_number(*d));
  if (const auto* s = std::get_if<std::string>(&value)) return key + "=" + *s;
  return key + "=" + sim::to_string(value);
}

std::string change_label(const agents::ParamChange& change) {
  const std::string& key = change.key;
  const std::string value = value_text(change.value);
  if (key.rfind("tracks.", 0) == 0 && key.size() > 14 &&
      key.compare(key.size() - 7, 7, ".signal") == 0) {
    const std::string track = key.substr(7, key.size() - 14);
    const auto* d = std::get_if<double>(&change.value);
    if (d && *d >= 0.5) return "\xE2\x98\x85 " + track;
    return track + " signal " + value;
  }
  static const std::pair<const char*, const char*> kShort[] = {
      {"market.kappa", "\xCE\xBA"},
      {"tournament.alpha1", "\xCE\xB1\xE2\x82\x81"},
      {"policy.evaluation", "evaluation"},
      {"policy.fault_tolerance", "fault tol."},
      {"policy.subsidy_regime", "subsidies"},
      {"policy.bailouts", "bailouts"},
      {"policy.coordination_platform", "platform"},
      {"policy.closed_cluster_share", "closed clusters"},
  };
  for (const auto& [k, label] : kShort)
    if (key == k) return std::string(label) + " \xE2\x86\x92 " + value;
  const auto dot = key.rfind('.');
  return (dot == std::string::npos ? key : key.substr(dot + 1)) + " \xE2\x86\x92 " + value;
}

double numeric_value(const agents::ParamTable& table, const agents::ModelParams& params,
                     const std::string& key) {
  const agents::ParamSpec* spec = table.find(key);
  if (!spec) return 0.0;
  const sim::ScalarValue v = spec->get(params);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? 1.0 : 0.0;
  if (const auto* s = std::get_if<std::string>(&v)) {
    const auto it = std::find(spec->choices.begin(), spec->choices.end(), *s);
    return static_cast<double>(it - spec->choices.begin());
  }
  return 0.0;
}

std::string choice_value(const agents::ParamTable& table, const agents::ModelParams& params,
                         const std::string& key) {
  const agents::ParamSpec* spec = table.find(key);
  if (!spec) return {};
  const sim::ScalarValue v = spec->get(params);
  const auto* s = std::get_if<std::string>(&v);
  return s ? *s : std::string{};
}

std::string commands_as_schedule(const std::vector<agents::ParamChange>& commands) {
  std::string out;
  for (const auto& c : commands) {
    out += cat("[[schedule]]\ntick = ", std::to_string(c.tick), "\nset = { \"", c.key,
               "\" = ", toml_value(c.value), " }\n");
  }
  return out;
}

}  // namespace regsim::visual
