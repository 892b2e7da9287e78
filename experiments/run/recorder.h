// The output tables of a run, produced tick by tick: the same lines go to files or to memory.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "agents/model.h"

namespace regsim::experiments {

/// Every table a run can produce; the name is the file's stem (metrics -> metrics.csv).
enum class Table : std::size_t { Metrics, Tracks, Cities, Count };
inline constexpr std::size_t kTableCount = static_cast<std::size_t>(Table::Count);
const char* table_name(Table t);

/// Receives the lines of each table (header first, no newline) as a run produces them.
class TableSink {
 public:
  virtual ~TableSink() = default;
  virtual void line(Table table, const std::string& text) = 0;
};

/// Keeps every table as CSV text in memory, exactly the bytes the files would hold.
class MemorySink : public TableSink {
 public:
  void line(Table table, const std::string& text) override;
  const std::string& text(Table table) const { return text_[static_cast<std::size_t>(table)]; }
  void clear();

 private:
  std::array<std::string, kTableCount> text_;
};

/// Turns a model's state into table lines: headers when built, rows after every step.
class Recorder {
 public:
  /// Writes the headers of the tables to `sink`, which must outlive the recorder.
  explicit Recorder(TableSink& sink);
  /// Call after each step(): national and track rows every tick, city rows at the year's end.
  void record_tick(const agents::Model& m);

 private:
  TableSink& sink_;
};

}  // namespace regsim::experiments
