// Checks and converts a value for a row of the parameter table (type, range, allowed names).
#include <algorithm>
#include <cmath>
#include <sstream>

#include "agents/param_table.h"
#include "sim/limits.h"
#include "sim/text.h"

namespace regsim::agents {

using sim::ScalarValue;

namespace {

std::optional<std::string> check_real(const ParamSpec& spec, double d, ScalarValue& out) {
  if (!std::isfinite(d)) return "must be a finite number";
  if (d < spec.min || d > spec.max) {
    std::ostringstream os;
    os << "= " << d << " is outside [" << spec.min << ", " << spec.max << "]";
    return os.str();
  }
  out = d;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ParamTable::check(const ParamSpec& spec, const ScalarValue& value,
                                             ScalarValue& out) {
  const std::string got =
      std::string("got ") + sim::type_name(value) + " " + sim::value_for_message(value);
  switch (spec.type) {
    case ParamType::Real:
      if (const auto* i = std::get_if<std::int64_t>(&value))
        return check_real(spec, static_cast<double>(*i), out);
      if (const auto* d = std::get_if<double>(&value)) return check_real(spec, *d, out);
      return "expected a number, " + got;
    case ParamType::Integer: {
      const auto* i = std::get_if<std::int64_t>(&value);
      if (i == nullptr) return "expected an integer, " + got;
      if (static_cast<double>(*i) < spec.min || static_cast<double>(*i) > spec.max) {
        std::ostringstream os;
        os << "= " << *i << " is outside [" << spec.min << ", " << spec.max << "]";
        return os.str();
      }
      out = *i;
      return std::nullopt;
    }
    case ParamType::Boolean:
      if (!std::holds_alternative<bool>(value)) return "expected true or false, " + got;
      out = value;
      return std::nullopt;
    case ParamType::Choice:
    case ParamType::Text: {
      const auto* s = std::get_if<std::string>(&value);
      if (s == nullptr) return "expected a string, " + got;
      if (!spec.choices.empty() &&
          std::find(spec.choices.begin(), spec.choices.end(), *s) == spec.choices.end()) {
        std::string list;
        for (const auto& c : spec.choices) {
          if (!list.empty()) list += ", ";
          list += c;
        }
        return "= \"" + sim::shorten_for_message(*s) + "\" is not one of: " + list;
      }
      if (s->empty() && spec.type != ParamType::Text) return "must not be empty";
      // Free text (a family, a map path) ends up in outputs, messages and pages: bounded and
      // printable, like every name regsim takes from a user.
      if (s->size() > sim::kMaxTextBytes)
        return "is " + std::to_string(s->size()) + " bytes; at most " +
               std::to_string(sim::kMaxTextBytes);
      if (!sim::is_printable_text(*s))
        return "= \"" + sim::shorten_for_message(*s) +
               "\" is not printable UTF-8 text (control characters or invalid bytes)";
      out = value;
      return std::nullopt;
    }
  }
  return "unsupported parameter type";
}

}  // namespace regsim::agents
