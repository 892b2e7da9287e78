// The sweep store's CSV exports (summary, series, track series), sorted by run id, written
// atomically.
#include <sqlite3.h>

#include <limits>

#include "experiments/output.h"
#include "experiments/sweep/metrics.h"
#include "experiments/sweep/sqlite_statement.h"
#include "experiments/sweep/store.h"

namespace regsim::experiments {

namespace fs = std::filesystem;
using sqlite::Stmt;

namespace {

/// A cell of a factor column, formatted like format_value of the factor's type.
std::string factor_cell(const Stmt& q, int col, agents::ParamType type) {
  switch (q.type(col)) {
    case SQLITE_NULL:
      return "";
    case SQLITE_INTEGER:
      if (type == agents::ParamType::Boolean) return q.integer(col) != 0 ? "true" : "false";
      if (type == agents::ParamType::Real) return format_double(q.real(col));
      return std::to_string(q.integer(col));
    case SQLITE_FLOAT:
      return format_double(q.real(col));
    default:
      return csv_cell(q.text(col));
  }
}

}  // namespace

void SweepStore::export_summary(const SweepSpec& spec, const fs::path& path) const {
  const auto& names = summary_metric_names();
  CsvLine header;
  header << "run_id"
         << "scenario"
         << "replication"
         << "seed";
  std::string select = "SELECT r.run_id, r.scenario, r.replication, r.seed";
  for (const auto& f : spec.factors) {
    header << csv_cell(f.key);
    select += ", r.";
    select += sql_name(f.key);
  }
  header << "status"
         << "state_hash";
  select += ", r.status, r.state_hash";
  for (const auto& m : names) {
    header << m;
    select += ", s.";
    select += sql_name(m);
  }
  header << "error";
  select += ", r.error FROM runs r LEFT JOIN summary s ON s.run_id = r.run_id ORDER BY r.run_id";

  AtomicFile out(path);
  out.line(header.str());
  Stmt q(db_, select);
  const int nf = static_cast<int>(spec.factors.size());
  while (q.step()) {
    CsvLine row;
    for (int c = 0; c < 4; ++c) row << std::to_string(q.integer(c));
    for (int i = 0; i < nf; ++i)
      row << factor_cell(q, 4 + i, spec.factors[static_cast<std::size_t>(i)].type);
    const bool ok = q.text(4 + nf) == "ok";
    row << q.text(4 + nf) << q.text(5 + nf);
    for (std::size_t m = 0; m < names.size(); ++m) {
      const int col = 6 + nf + static_cast<int>(m);
      if (q.type(col) != SQLITE_NULL) {
        row << format_double(q.real(col));
      } else {
        row << (ok ? "nan" : "");
      }
    }
    row << csv_cell(q.text(6 + nf + static_cast<int>(names.size())));
    out.line(row.str());
  }
  out.commit();
}

void SweepStore::export_series(const SweepSpec& spec, const fs::path& path) const {
  if (!spec.keep_series) return;
  std::string header = "run_id,tick";
  for (const auto& m : spec.series_metrics) header += "," + m;
  AtomicFile out(path);
  out.line(header);
  Stmt q(db_, "SELECT * FROM series ORDER BY run_id, tick");
  const int width = static_cast<int>(spec.series_metrics.size());
  while (q.step()) {
    CsvLine row;
    row << std::to_string(q.integer(0)) << std::to_string(q.integer(1));
    for (int k = 0; k < width; ++k)
      row << (q.type(2 + k) == SQLITE_NULL ? std::string("nan") : format_double(q.real(2 + k)));
    out.line(row.str());
  }
  out.commit();
}

void SweepStore::export_track_series(const SweepSpec& spec, const fs::path& path) const {
  if (!spec.keep_tracks) return;
  CsvLine header;
  header << "run_id"
         << "tick"
         << "track";
  std::string select = "SELECT run_id, tick, track";
  for (const auto& m : spec.track_metrics) {
    header << m;
    select += ", " + sql_name(m);
  }
  select += " FROM track_series ORDER BY run_id, tick, track_index";
  AtomicFile out(path);
  out.line(header.str());
  Stmt q(db_, select);
  const int width = static_cast<int>(spec.track_metrics.size());
  while (q.step()) {
    CsvLine row;
    row << std::to_string(q.integer(0)) << std::to_string(q.integer(1)) << csv_cell(q.text(2));
    for (int k = 0; k < width; ++k)
      row << (q.type(3 + k) == SQLITE_NULL ? std::string("nan") : format_double(q.real(3 + k)));
    out.line(row.str());
  }
  out.commit();
}

}  // namespace regsim::experiments
