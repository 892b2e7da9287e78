// Strict reading of TOML config files into flat, source-located key/value entries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace regsim::sim {

/// Where a value came from: a file and line, or a command-line flag.
struct Source {
  std::string file;
  int line = 0;
  std::string str() const;  ///< "file:line" or just "file" when the line is unknown
};

using ScalarValue = std::variant<bool, std::int64_t, double, std::string>;
std::string to_string(const ScalarValue& v);  ///< TOML-style text: true, 3, 0.5, "gdp"
const char* type_name(const ScalarValue& v);  ///< "boolean", "integer", "float", "string"
/// to_string(v) for an error message: a string cut to 80 bytes (with its size) and escaped.
std::string value_for_message(const ScalarValue& v);

struct ConfigEntry {
  std::string key;  ///< dotted path, e.g. "market.kappa" or "tracks.pv.signal"
  ScalarValue value;
  Source where;
};

struct ConfigArray {
  std::string key;
  std::vector<ScalarValue> values;
  Source where;
};

/// A table with no keys in it (`[a.b]` alone, `a = {}`): it sets nothing, so a loader checks that
/// its path names a family of keys; an unknown one is an error like an unknown key.
struct EmptyTable {
  std::string key;  ///< its dotted path, e.g. "market" or "tracks.pv"
  Source where;
};

/// One [[schedule]] block: a set of changes applied at the start of a tick.
struct ScheduleBlock {
  Source where;
  std::vector<ConfigEntry> fields;       ///< its own keys ("year", "tick")
  std::vector<ConfigEntry> set;          ///< the changes, keys relative to the root
  std::vector<EmptyTable> empty_tables;  ///< empty tables inside set, relative to the root
};

/// A config flattened to dotted keys, in file order.
struct FlatConfig {
  std::vector<ConfigEntry> entries;
  std::vector<ConfigArray> arrays;       ///< arrays of scalars (sweep factors)
  std::vector<ScheduleBlock> schedule;   ///< the [[schedule]] array of tables
  std::vector<EmptyTable> empty_tables;  ///< tables without keys, in any order
};

struct ConfigError {
  Source where;
  std::string key;
  std::string message;
  std::string str() const;  ///< "file:line: key: message"
};

/// Collects every error so that they are all reported together. A hostile input cannot make the
/// report huge: keys and messages are shortened, and errors past kMaxErrors are only counted.
class ConfigErrors {
 public:
  static constexpr std::size_t kMaxErrors = 100;
  void add(Source where, std::string key, std::string message);
  bool empty() const { return errors_.empty(); }
  const std::vector<ConfigError>& all() const { return errors_; }
  std::size_t dropped() const { return dropped_; }  ///< errors past kMaxErrors
  std::string str() const;                          ///< one error per line

 private:
  std::vector<ConfigError> errors_;
  std::size_t dropped_ = 0;
};

/// Thrown by loaders when a config is invalid; what() lists every error. Exit code 2.
class ConfigException : public std::runtime_error {
 public:
  explicit ConfigException(const ConfigErrors& errors);
  const ConfigErrors& errors() const { return errors_; }

 private:
  ConfigErrors errors_;
};

/// Whether the table `path` holds `key`: "tracks" and "tracks.pv" hold "tracks.pv.a0"; a key
/// does not hold itself.
bool is_family_of(std::string_view path, std::string_view key);
/// Records an error for each of `tables` that is one of `keys` or holds none of them, naming it
/// as `prefix` + its path ("fixed." in sweep files).
void check_empty_tables(const std::vector<EmptyTable>& tables, const std::vector<std::string>& keys,
                        const std::string& prefix, ConfigErrors& errors);

/// Parses TOML text into flat entries. Syntax errors and unsupported shapes (nested arrays,
/// arrays of tables other than [[schedule]], dates) are recorded in `errors`.
FlatConfig parse_config_text(std::string_view text, const std::string& file_name,
                             ConfigErrors& errors);
/// Largest config or sweep file read (64 MB): far above any real one, and a bound on memory.
inline constexpr std::uintmax_t kMaxConfigBytes = 64u << 20;
/// Levels of a dotted key or table header (tracks.pv.a0 has 3).
inline constexpr int kMaxKeyDepth = 32;
/// Reads and parses a file; an unreadable file, a directory or a file over kMaxConfigBytes is an
/// error naming it (with the OS reason).
FlatConfig read_config_file(const std::string& path, ConfigErrors& errors);

/// Parses the text of a command-line value ("0.5", "true", "gdp") into the most specific scalar.
ScalarValue parse_scalar_text(std::string_view text);

}  // namespace regsim::sim
