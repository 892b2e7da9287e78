// The decision log of a classroom session: every input that shaped the run (the config, the
// teacher's lever changes, the held cities' choices per year), one JSON object per line, so the
// run can be replayed headless byte-identically (classroom/replay.h).
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "agents/param_table.h"
#include "sim/types.h"

namespace regsim::classroom {

/// First line: where the world comes from. The config text is copied in, so a later edit of the
/// file cannot change a replay; `config_name` is the path maps are resolved against.
struct HeaderRecord {
  int format = 1;
  std::string regsim_version, commit;
  std::string config_name, config_text;
  std::vector<std::string> overrides;  ///< "key=value" as given with --set
  int years = 0;                       ///< years the session was planned to last
};

/// A seat taken or released (for the debrief's names; replay does not need it).
struct SeatRecord {
  sim::Tick tick = 0;
  std::uint32_t city = 0;
  std::string name;
  bool taken = true;
};

/// One held city's choice in force for a year.
struct HeldChoice {
  std::uint32_t city = 0;
  std::vector<std::string> tracks;  ///< priority tracks by name, in the student's order
  double subsidy_rate = 0;
  bool bailouts = false;
  bool submitted = true;  ///< false: kept from an earlier year (no new submission)
};

/// The choices governing the held cities from the planning tick `tick` (= 4 * year) until the
/// next year record; cities not listed follow the model's rules.
struct YearRecord {
  int year = 0;
  sim::Tick tick = 0;
  std::vector<HeldChoice> choices;  ///< by city index
};

/// A teacher's lever change, as applied at the start of `change.tick`.
struct ChangeRecord {
  agents::ParamChange change;
};

/// The session ended after `tick` ticks with these state hashes (class and model governments).
struct EndRecord {
  sim::Tick tick = 0;
  std::uint64_t hash = 0, shadow_hash = 0;
};

using LogRecord = std::variant<HeaderRecord, SeatRecord, YearRecord, ChangeRecord, EndRecord>;

/// One record as a line of JSON (no newline).
std::string to_json_line(const LogRecord& record);

/// Parses a log's text. Throws sim::ConfigException naming `name`, the line and the problem.
/// A last line without its newline (a session cut off while writing) is ignored.
std::vector<LogRecord> parse_log(const std::string& text, const std::string& name);
std::vector<LogRecord> read_log(const std::filesystem::path& path);

/// Appends records to a log file, each flushed to disk as it is written, so a session that is
/// cut off keeps every complete line. Refuses to overwrite an existing file.
class LogWriter {
 public:
  LogWriter() = default;  ///< writes nowhere (tests)
  explicit LogWriter(const std::filesystem::path& path);
  ~LogWriter();
  LogWriter(const LogWriter&) = delete;
  LogWriter& operator=(const LogWriter&) = delete;
  void write(const LogRecord& record);
  const std::filesystem::path& path() const { return path_; }
  const std::vector<std::string>& lines() const { return lines_; }  ///< every line written

 private:
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::vector<std::string> lines_;
};

}  // namespace regsim::classroom
