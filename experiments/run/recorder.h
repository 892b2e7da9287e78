// The output tables of a run, produced tick by tick: the same lines go to files or to memory.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "agents/model.h"
#include "experiments/run/panels.h"

namespace regsim::experiments {

/// Every table a run can produce; the name is the file's stem (metrics -> metrics.csv).
enum class Table : std::size_t { Metrics, Tracks, Cities, Cells, Firms, Nodes, Graph, Count };
inline constexpr std::size_t kTableCount = static_cast<std::size_t>(Table::Count);
const char* table_name(Table t);

/// Receives the lines of each table (header first, no newline) as a run produces them. A table
/// that gets no line (firms.csv unless asked for) is not written at all.
class TableSink {
 public:
  virtual ~TableSink() = default;
  virtual void line(Table table, const std::string& text) = 0;
  /// Several lines at once: `text` holds whole lines, each ending in a newline (the same bytes
  /// as a line() call for each).
  virtual void lines(Table table, const std::string& text) = 0;
};

/// Keeps every table as CSV text in memory, exactly the bytes the files would hold.
class MemorySink : public TableSink {
 public:
  void line(Table table, const std::string& text) override;
  void lines(Table table, const std::string& text) override;
  const std::string& text(Table table) const { return text_[static_cast<std::size_t>(table)]; }
  void clear();

 private:
  std::array<std::string, kTableCount> text_;
};

/// The rows of one step, copied out of the model (the firm rows already formatted), so that
/// they can be formatted and written while the model steps on.
struct TickRows {
  agents::NationalMetrics national;
  std::vector<agents::TrackMetrics> tracks;
  std::vector<agents::CityYear> cities;
  std::optional<CellRows> cells;  ///< at the year's end
  std::vector<std::string> firm_lines;
};

/// Turns a model's state into table lines: headers and the city graph when built, rows after
/// every step. firms.csv is written when output.firms is set (every output.firms_every ticks).
class Recorder {
 public:
  /// Writes the headers and the graph tables of `m` to `sink`, which must outlive the recorder
  /// (unless `headers` is false: a continued run whose saved tables already hold them).
  Recorder(TableSink& sink, const agents::Model& m, bool headers = true);
  /// Call after each step(): national and track rows every tick, city and cell rows at the
  /// year's end, firm rows at the end of each collection period.
  void record_tick(const agents::Model& m) { write(take(m)); }
  /// What record_tick writes for the step just run, copied out of `m`.
  TickRows take(const agents::Model& m) const;
  /// Formats `rows` and hands the lines to the sink; reads nothing else, so it may run on
  /// another thread while the model steps on (one write at a time, in the order of the steps).
  void write(const TickRows& rows);

 private:
  TableSink& sink_;
  std::vector<std::string> track_cells_;  ///< the run's track names (as CSV cells) and city
  std::vector<std::string> city_cells_;   ///< names (quoted): fixed for a run, so kept once
  std::string row_;  ///< one buffer for the national and track rows and the cells block
  bool firms_ = false;
  int firms_every_ = 1;
};

}  // namespace regsim::experiments
