// Command-line handling shared by regsim-view and regsim-classroom (see app_args.h).
#include "apps/app_args.h"

#include <cstdlib>
#include <optional>

#include "agents/metrics.h"

namespace regsim::apps {

void usage_error(const AppName& app, const std::string& message) {
  std::fprintf(stderr, "%s: %s\nTry 'regsim %s --help'.\n", app.program,
               sim::shorten_for_message(message, 1000).c_str(), app.command);
  std::exit(kExitUsage);
}

namespace {

/// `text` read whole by `read` (std::stol or std::stod with its count of characters used) when
/// the value lies in [lo, hi]; nothing otherwise.
template <class T, class Read>
std::optional<T> read_in_range(const std::string& text, T lo, T hi, Read read) {
  try {
    std::size_t used = 0;
    const T v = read(text, &used);
    if (used == text.size() && v >= lo && v <= hi) return v;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

}  // namespace

long parse_long(const AppName& app, const std::string& flag, const std::string& text, long lo,
                long hi) {
  const auto read = [](const std::string& t, std::size_t* used) { return std::stol(t, used); };
  if (const auto v = read_in_range(text, lo, hi, read)) return *v;
  usage_error(app, flag + " expects an integer in [" + std::to_string(lo) + ", " +
                       std::to_string(hi) + "], got '" + text + "'");
}

double parse_number(const AppName& app, const std::string& flag, const std::string& text, double lo,
                    double hi) {
  const auto read = [](const std::string& t, std::size_t* used) { return std::stod(t, used); };
  if (const auto v = read_in_range(text, lo, hi, read)) return *v;
  usage_error(app, flag + " expects a number in [" + agents::format_number(lo) + ", " +
                       agents::format_number(hi) + "], got '" + text + "'");
}

long parse_integer(const AppName& app, const std::string& flag, const std::string& text, long lo,
                   long hi) {
  const double v = parse_number(app, flag, text, static_cast<double>(lo), static_cast<double>(hi));
  if (v != static_cast<double>(static_cast<long>(v)))
    usage_error(app, flag + " expects an integer");
  return static_cast<long>(v);
}

}  // namespace regsim::apps
