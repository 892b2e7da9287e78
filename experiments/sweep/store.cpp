// SQLite results store: schema, crash-safe writes, resume checks and merge.
#include "experiments/sweep/store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <limits>
#include <sstream>

#include "experiments/output.h"
#include "experiments/sweep/metrics.h"
#include "experiments/sweep/plan.h"
#include "experiments/sweep/sqlite_statement.h"
#include "experiments/version.h"

namespace regsim::experiments {

namespace fs = std::filesystem;
using sqlite::exec;
using sqlite::Stmt;

namespace {

constexpr const char* kFormatVersion = "1";

std::string sql_type(agents::ParamType t) {
  switch (t) {
    case agents::ParamType::Real:
      return "REAL";
    case agents::ParamType::Integer:
    case agents::ParamType::Boolean:
      return "INTEGER";
    default:
      return "TEXT";
  }
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string hex64(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

/// The first line where two texts differ, for a helpful resume refusal.
std::string first_difference(const std::string& stored, const std::string& now) {
  std::istringstream a(stored), b(now);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool ha = static_cast<bool>(std::getline(a, la));
    const bool hb = static_cast<bool>(std::getline(b, lb));
    if (!ha && !hb) return "";
    if (!ha) la = "(nothing)";
    if (!hb) lb = "(nothing)";
    if (la != lb) return "stored: " + la + "\n  now:    " + lb;
  }
}

bool has_table(sqlite3* db, const std::string& name) {
  Stmt q(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  q.bind(1, name);
  return q.step();
}

}  // namespace

std::string sql_name(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

SweepStore::SweepStore(const fs::path& dir, bool lock) : dir_(dir) {
  try {
    open(lock);
  } catch (...) {
    close();  // a constructor that throws runs no destructor: release the handle and the lock
    throw;
  }
}

void SweepStore::open(bool lock) {
  if (lock) {
    // flock is released by the kernel when the process dies, even on SIGKILL.
    const fs::path lock_file = dir_ / ".regsim-sweep.lock";
    lock_fd_ = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (lock_fd_ < 0)
      throw std::runtime_error("cannot create the lock file " + lock_file.string() + ": " +
                               std::strerror(errno));
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0)
      throw StoreConflict("another sweep is writing to " + dir_.string());
  }
  const fs::path file = dir_ / kFileName;
  // Never through a link: one planted at results.sqlite (even dangling) would make regsim, often
  // root, create or write the database where the link points.
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(file, ec)))
    throw StoreConflict(file.string() +
                        " is a symbolic link; regsim opens only a store it created");
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW;
  if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK)
    throw std::runtime_error("cannot open " + file.string() + ": " +
                             (db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory"));
  sqlite3_busy_timeout(db_, 10'000);
  // WAL: readers (analyze) never block the writer; NORMAL sync survives a killed process.
  exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
}

void SweepStore::close() {
  sqlite3_close(db_);
  db_ = nullptr;
  if (lock_fd_ >= 0) ::close(lock_fd_);
  lock_fd_ = -1;
}

SweepStore::~SweepStore() {
  close();
}

namespace {

/// Whether `file` exists (a dangling link counts: it must not be followed).
bool present(const fs::path& file) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(file, ec));
}

}  // namespace

std::unique_ptr<SweepStore> SweepStore::create(const fs::path& dir, const SweepSpec& spec,
                                               const Shard& shard) {
  fs::create_directories(dir);
  if (present(dir / kFileName))
    throw StoreConflict(dir.string() +
                        " already holds a sweep; add --resume to continue it, or "
                        "choose another --out");
  std::unique_ptr<SweepStore> s(new SweepStore(dir, true));
  s->create_schema(spec, shard);
  return s;
}

std::unique_ptr<SweepStore> SweepStore::resume(const fs::path& dir, const SweepSpec& spec,
                                               const Shard& shard) {
  if (!present(dir / kFileName)) {
    fs::create_directories(dir);
    return create(dir, spec, shard);  // nothing to resume yet: start the sweep
  }
  std::unique_ptr<SweepStore> s = open_readable(dir, true);
  s->check_same_sweep(spec, shard);
  return s;
}

std::unique_ptr<SweepStore> SweepStore::open_existing(const fs::path& dir) {
  if (!present(dir / kFileName))
    throw StoreConflict("no sweep results in " + dir.string() + " (missing " + kFileName + ")");
  return open_readable(dir, false);
}

std::unique_ptr<SweepStore> SweepStore::open_readable(const fs::path& dir, bool lock) {
  std::unique_ptr<SweepStore> s;
  std::string version;
  try {
    s.reset(new SweepStore(dir, lock));
    version = s->meta("format_version");
  } catch (const StoreConflict&) {
    throw;                                 // locked by a running sweep, a link
  } catch (const std::runtime_error& e) {  // empty, truncated, corrupt or not SQLite at all
    throw StoreConflict((dir / kFileName).string() +
                        " is not a readable regsim sweep store: " + e.what());
  }
  if (version != kFormatVersion)
    throw StoreConflict((dir / kFileName).string() + ": not a regsim sweep store of format " +
                        kFormatVersion);
  return s;
}

void SweepStore::create_schema(const SweepSpec& spec, const Shard& shard) {
  std::string runs =
      "CREATE TABLE runs(run_id INTEGER PRIMARY KEY, scenario INTEGER NOT NULL, "
      "replication INTEGER NOT NULL, seed INTEGER NOT NULL";
  for (const auto& f : spec.factors) runs += ", " + sql_name(f.key) + " " + sql_type(f.type);
  runs +=
      ", status TEXT NOT NULL, wall_seconds REAL, error TEXT, state_hash TEXT, finished_at TEXT)";
  std::string summary = "CREATE TABLE summary(run_id INTEGER PRIMARY KEY REFERENCES runs";
  for (const auto& m : summary_metric_names()) summary += ", " + sql_name(m) + " REAL";
  summary += ")";
  std::string series = "CREATE TABLE series(run_id INTEGER NOT NULL REFERENCES runs, tick INTEGER";
  for (const auto& m : spec.series_metrics) series += ", " + sql_name(m) + " REAL";
  series += ", PRIMARY KEY(run_id, tick)) WITHOUT ROWID";

  std::string tracks =
      "CREATE TABLE track_series(run_id INTEGER NOT NULL REFERENCES runs, tick INTEGER NOT NULL, "
      "track_index INTEGER NOT NULL, track TEXT NOT NULL";
  for (const auto& m : spec.track_metrics) tracks += ", " + sql_name(m) + " REAL";
  tracks += ", PRIMARY KEY(run_id, tick, track_index)) WITHOUT ROWID";

  exec(db_, "BEGIN");
  exec(db_, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  exec(db_, runs);
  exec(db_, summary);
  if (spec.keep_series) exec(db_, series);
  if (spec.keep_tracks) exec(db_, tracks);
  Stmt put(db_, "INSERT INTO meta VALUES (?, ?)");
  auto meta = [&](const std::string& k, const std::string& v) {
    put.bind(1, k);
    put.bind(2, v);
    put.run();
  };
  const SweepSource& src = spec.source;
  meta("format_version", kFormatVersion);
  meta("regsim_version", version());
  meta("git_commit", git_commit());
  meta("created_at", utc_now());
  meta("canonical", spec.canonical());
  meta("shard", shard.str());
  meta("run_count", std::to_string(spec.run_count()));
  meta("summary_metrics", fmt::format("{}", fmt::join(summary_metric_names(), ",")));
  meta("sweep_name", src.sweep_name);
  meta("sweep_text", src.sweep_text);
  meta("base_name", src.base_name);
  meta("base_path", src.base_path);
  meta("base_text", src.base_text);
  meta("inputs", src.inputs);
  meta("sets", fmt::format("{}", fmt::join(src.sets, "\n")));
  exec(db_, "COMMIT");
}

void SweepStore::check_same_sweep(const SweepSpec& spec, const Shard& shard) const {
  const std::string where = (dir_ / kFileName).string();
  if (meta("format_version") != kFormatVersion)
    throw StoreConflict(where + " was written by an incompatible regsim version");
  if (meta("summary_metrics") != fmt::format("{}", fmt::join(summary_metric_names(), ",")))
    throw StoreConflict(where +
                        " was written by a regsim version with other summary metrics; "
                        "start a new sweep directory");
  const std::string stored = meta("canonical"), now = spec.canonical();
  if (stored != now)
    throw StoreConflict("refusing to resume: " + where + " holds a different sweep\n  " +
                        first_difference(stored, now));
  if (meta("shard") != shard.str())
    throw StoreConflict("refusing to resume: " + where + " holds shard " + meta("shard") +
                        ", not " + shard.str());
  if (meta("git_commit") != git_commit())
    std::fprintf(stderr,
                 "regsim: warning: %s was started by regsim commit %s, this is %s; results of "
                 "the two may differ if the model changed\n",
                 where.c_str(), meta("git_commit").c_str(), git_commit());
}

SweepSource SweepStore::source() const {
  SweepSource s;
  s.sweep_name = meta("sweep_name");
  s.sweep_text = meta("sweep_text");
  s.base_name = meta("base_name");
  s.base_path = meta("base_path");
  s.base_text = meta("base_text");
  s.inputs = meta("inputs");
  std::istringstream sets(meta("sets"));
  for (std::string line; std::getline(sets, line);)
    if (!line.empty()) s.sets.push_back(line);
  return s;
}

std::string SweepStore::meta(const std::string& key) const {
  Stmt q(db_, "SELECT value FROM meta WHERE key = ?");
  q.bind(1, key);
  return q.step() ? q.text(0) : std::string();
}

std::vector<std::uint8_t> SweepStore::statuses(std::uint64_t run_count) const {
  std::vector<std::uint8_t> out(run_count, 0);
  Stmt q(db_, "SELECT run_id, status FROM runs");
  while (q.step()) {
    const auto id = static_cast<std::uint64_t>(q.integer(0));
    if (id < run_count) out[id] = q.text(1) == "ok" ? 1 : 2;
  }
  return out;
}

void SweepStore::delete_failed() {
  exec(db_, "BEGIN");
  if (has_table(db_, "series"))
    exec(db_, "DELETE FROM series WHERE run_id IN (SELECT run_id FROM runs WHERE status <> 'ok')");
  if (has_table(db_, "track_series"))
    exec(db_,
         "DELETE FROM track_series WHERE run_id IN (SELECT run_id FROM runs WHERE status <> 'ok')");
  exec(db_, "DELETE FROM summary WHERE run_id IN (SELECT run_id FROM runs WHERE status <> 'ok')");
  exec(db_, "DELETE FROM runs WHERE status <> 'ok'");
  exec(db_, "COMMIT");
}

namespace {

void write_series(Stmt& series, const SweepSpec& spec, const RunResult& r) {
  const std::size_t width = spec.series_metrics.size();
  for (std::size_t t = 0; t < r.series_ticks.size(); ++t) {
    series.bind(1, static_cast<std::int64_t>(r.run_id));
    series.bind(2, static_cast<std::int64_t>(r.series_ticks[t]));
    for (std::size_t k = 0; k < width; ++k)
      series.bind(static_cast<int>(k) + 3, r.series[t * width + k]);
    series.run();
  }
}

/// One row per kept tick and track: run_id, tick, track_index, track, the kept metrics.
void write_track_series(Stmt& tracks, const SweepSpec& spec, const RunResult& r) {
  const std::size_t width = spec.track_metrics.size(), k = r.track_names.size();
  if (r.track_series.size() != r.track_ticks.size() * k * width)
    throw std::runtime_error("run " + std::to_string(r.run_id) +
                             ": track series of the wrong size");
  const double* v = r.track_series.data();
  for (const int tick : r.track_ticks) {
    for (std::size_t j = 0; j < k; ++j) {
      tracks.bind(1, static_cast<std::int64_t>(r.run_id));
      tracks.bind(2, static_cast<std::int64_t>(tick));
      tracks.bind(3, static_cast<std::int64_t>(j));
      tracks.bind(4, r.track_names[j]);
      for (std::size_t c = 0; c < width; ++c) tracks.bind(static_cast<int>(c) + 5, *v++);
      tracks.run();
    }
  }
}

}  // namespace

void SweepStore::write(const SweepSpec& spec, const std::vector<RunResult>& results) {
  if (results.empty()) return;
  const std::size_t nf = spec.factors.size();
  std::string runs_sql = "INSERT INTO runs VALUES (?, ?, ?, ?";
  for (std::size_t i = 0; i < nf; ++i) runs_sql += ", ?";
  runs_sql += ", ?, ?, ?, ?, ?)";
  const auto& names = summary_metric_names();
  std::string summary_sql = "INSERT INTO summary VALUES (?";
  for (std::size_t i = 0; i < names.size(); ++i) summary_sql += ", ?";
  summary_sql += ")";
  std::string series_sql = "INSERT INTO series VALUES (?, ?";
  for (std::size_t i = 0; i < spec.series_metrics.size(); ++i) series_sql += ", ?";
  series_sql += ")";
  std::string tracks_sql = "INSERT INTO track_series VALUES (?, ?, ?, ?";
  for (std::size_t i = 0; i < spec.track_metrics.size(); ++i) tracks_sql += ", ?";
  tracks_sql += ")";

  exec(db_, "BEGIN");
  try {
    Stmt runs(db_, runs_sql), summary(db_, summary_sql);
    std::unique_ptr<Stmt> series, tracks;
    if (spec.keep_series) series = std::make_unique<Stmt>(db_, series_sql);
    if (spec.keep_tracks) tracks = std::make_unique<Stmt>(db_, tracks_sql);
    const std::string now = utc_now();
    for (const RunResult& r : results) {
      const RunPlan plan = plan_run(spec, r.run_id);
      int c = 1;
      runs.bind(c++, static_cast<std::int64_t>(plan.run_id));
      runs.bind(c++, static_cast<std::int64_t>(plan.scenario));
      runs.bind(c++, static_cast<std::int64_t>(plan.replication));
      runs.bind(c++, static_cast<std::int64_t>(plan.seed));
      for (const auto& v : plan.values) runs.bind(c++, v);
      runs.bind(c++, std::string(r.ok ? "ok" : "failed"));
      runs.bind(c++, r.wall_seconds);
      if (r.ok) {
        runs.bind_null(c++);
        runs.bind(c++, hex64(r.state_hash));
      } else {
        runs.bind(c++, r.error);
        runs.bind_null(c++);
      }
      runs.bind(c++, now);
      runs.run();
      if (!r.ok) continue;
      summary.bind(1, static_cast<std::int64_t>(r.run_id));
      for (std::size_t i = 0; i < r.metrics.size() && i < names.size(); ++i)
        summary.bind(static_cast<int>(i) + 2, r.metrics[i]);  // NaN is stored as NULL
      summary.run();
      if (series) write_series(*series, spec, r);
      if (tracks) write_track_series(*tracks, spec, r);
    }
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  exec(db_, "COMMIT");
}

std::uint64_t SweepStore::absorb(const fs::path& other_dir) {
  const std::string file = (other_dir / kFileName).string();
  Stmt attach(db_, "ATTACH DATABASE ? AS src");
  attach.bind(1, file);
  attach.run();
  const auto before = static_cast<std::uint64_t>(sqlite3_total_changes64(db_));
  std::uint64_t added = 0;
  try {
    exec(db_, "BEGIN");
    exec(db_, "INSERT OR IGNORE INTO runs SELECT * FROM src.runs");
    added = static_cast<std::uint64_t>(sqlite3_total_changes64(db_)) - before;
    exec(db_, "INSERT OR IGNORE INTO summary SELECT * FROM src.summary");
    if (has_table(db_, "series"))
      exec(db_, "INSERT OR IGNORE INTO series SELECT * FROM src.series");
    if (has_table(db_, "track_series"))
      exec(db_, "INSERT OR IGNORE INTO track_series SELECT * FROM src.track_series");
    exec(db_, "COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_exec(db_, "DETACH DATABASE src", nullptr, nullptr, nullptr);
    throw;
  }
  exec(db_, "DETACH DATABASE src");
  return added;
}

void SweepStore::for_each_ok_run(
    const std::function<void(std::uint64_t, const std::vector<double>&)>& fn) const {
  const auto& names = summary_metric_names();
  std::string sql = "SELECT r.run_id";
  for (const auto& m : names) sql += ", s." + sql_name(m);
  sql +=
      " FROM runs r JOIN summary s ON s.run_id = r.run_id WHERE r.status = 'ok' ORDER BY "
      "r.run_id";
  Stmt q(db_, sql);
  std::vector<double> metrics(names.size());
  while (q.step()) {
    for (std::size_t m = 0; m < names.size(); ++m) {
      const int col = static_cast<int>(m) + 1;
      metrics[m] =
          q.type(col) == SQLITE_NULL ? std::numeric_limits<double>::quiet_NaN() : q.real(col);
    }
    fn(static_cast<std::uint64_t>(q.integer(0)), metrics);
  }
}

void SweepStore::checkpoint() {
  exec(db_, "PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace regsim::experiments
