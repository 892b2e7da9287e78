// The part of a sweep shared by the TBB and MPI drivers: store, pending runs, progress, manifest.
#include "experiments/sweep/session.h"

#include <tbb/info.h>
#include <unistd.h>

#include <cstdio>

#include "experiments/manifest.h"
#include "experiments/output.h"

namespace regsim::experiments {

using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kErrorsShown = 5;

std::string duration_text(double seconds) {
  if (!(seconds >= 0) || seconds > 1e8) return "--:--";
  const auto s = static_cast<long long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
  }
  return buf;
}

}  // namespace

int default_jobs() {
  return std::max(1, tbb::info::default_concurrency());
}

SweepProgress::SweepProgress(std::uint64_t total, std::uint64_t already_done, bool quiet)
    : total_(total),
      start_done_(already_done),
      quiet_(quiet),
      tty_(!quiet && ::isatty(STDERR_FILENO) != 0),
      start_(Clock::now()),
      last_(start_) {}

double SweepProgress::elapsed_seconds() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

std::string SweepProgress::line(std::uint64_t done, std::uint64_t failed) const {
  const double elapsed = elapsed_seconds();
  const double rate = elapsed > 0 ? static_cast<double>(done - start_done_) / elapsed : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : -1.0;
  const int pct = total_ > 0 ? static_cast<int>(100 * done / total_) : 100;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%llu/%llu runs (%d%%)  %.2f runs/s  elapsed %s  ETA %s",
                static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_), pct,
                rate, duration_text(elapsed).c_str(),
                done >= total_ ? "0:00" : duration_text(eta).c_str());
  std::string out = buf;
  if (failed > 0) out += "  " + std::to_string(failed) + " failed";
  if (!tty_) return "sweep: " + out;
  constexpr int kWidth = 30;
  const auto filled = static_cast<std::size_t>(total_ > 0 ? kWidth * done / total_ : kWidth);
  std::string bar(filled, '#');
  bar.resize(kWidth, '.');
  return "[" + bar + "] " + out;
}

void SweepProgress::update(std::uint64_t done, std::uint64_t failed) {
  if (quiet_) return;
  const auto now = Clock::now();
  const auto since = now - last_;
  if (tty_ && since >= std::chrono::milliseconds(100)) {
    std::fprintf(stderr, "\r%s\x1b[K", line(done, failed).c_str());
  } else if (!tty_ && since >= std::chrono::seconds(10)) {
    std::fprintf(stderr, "%s\n", line(done, failed).c_str());
  } else {
    return;
  }
  std::fflush(stderr);
  last_ = now;
}

void SweepProgress::finish(std::uint64_t done, std::uint64_t failed) {
  if (quiet_) return;
  std::fprintf(stderr, tty_ ? "\r%s\x1b[K\n" : "%s\n", line(done, failed).c_str());
}

SweepSession::SweepSession(const SweepSpec& spec, const SweepOptions& options)
    : spec_(spec), options_(options) {
  store_ = options.resume ? SweepStore::resume(options.out_dir, spec, options.shard)
                          : SweepStore::create(options.out_dir, spec, options.shard);
  remove_stale_temporaries(options.out_dir);  // of a killed session; the store's lock is held
  if (options.resume && options.retry_failed) store_->delete_failed();
  const std::vector<std::uint8_t> status = store_->statuses(spec.run_count());
  const std::uint64_t scenarios = spec.scenario_count();
  const auto reps = static_cast<std::uint64_t>(spec.replications);
  for (std::uint64_t r = 0; r < reps; ++r) {
    for (std::uint64_t s = 0; s < scenarios; ++s) {
      const std::uint64_t id = s * reps + r;
      if (!options.shard.owns(id)) continue;
      ++owned_;
      if (status[id] == 0) {
        pending_.push_back(id);
      } else {
        ++done_;
        failed_ += status[id] == 2 ? 1 : 0;
      }
    }
  }
  if (!options.quiet) {
    std::fprintf(stderr, "sweep %s: %s design, %llu scenarios x %d replications = %llu runs",
                 spec.name.c_str(), design_name(spec.kind),
                 static_cast<unsigned long long>(scenarios), spec.replications,
                 static_cast<unsigned long long>(spec.run_count()));
    if (options.shard.count > 1)
      std::fprintf(stderr, "; shard %s has %llu", options.shard.str().c_str(),
                   static_cast<unsigned long long>(owned_));
    std::fprintf(stderr, "; %llu stored, %llu to run\n", static_cast<unsigned long long>(done_),
                 static_cast<unsigned long long>(pending_.size()));
  }
  progress_ = std::make_unique<SweepProgress>(owned_, done_, options.quiet);
}

void SweepSession::record(const std::vector<RunResult>& batch) {
  store_->write(spec_, batch);
  for (const auto& r : batch) {
    ++done_;
    if (r.ok) continue;
    ++failed_;
    if (first_errors_.size() < kErrorsShown)
      first_errors_.push_back("run " + std::to_string(r.run_id) + ": " + r.error);
  }
  progress_->update(done_, failed_);
}

int SweepSession::finish() {
  store_->checkpoint();
  store_->export_summary(spec_, options_.out_dir / "summary.csv");
  store_->export_series(spec_, options_.out_dir / "series.csv");
  store_->export_track_series(spec_, options_.out_dir / "track_series.csv");
  SweepManifest manifest;
  manifest.sweep = spec_.name;
  manifest.design = design_name(spec_.kind);
  manifest.shard = options_.shard.str();
  manifest.runs = owned_;
  manifest.finished = done_;
  manifest.failed = failed_;
  manifest.jobs = options_.jobs;
  manifest.wall_seconds = progress_->elapsed_seconds();
  write_file_atomic(options_.out_dir / "manifest.json", sweep_manifest(manifest));
  progress_->finish(done_, failed_);
  if (failed_ > 0) {
    std::fprintf(stderr, "regsim: %llu of %llu runs failed (status and error in summary.csv):\n",
                 static_cast<unsigned long long>(failed_), static_cast<unsigned long long>(owned_));
    for (const auto& e : first_errors_) std::fprintf(stderr, "  %s\n", e.c_str());
  }
  if (!options_.quiet)
    std::fprintf(stderr, "results in %s (results.sqlite, summary.csv%s%s)\n",
                 options_.out_dir.string().c_str(), spec_.keep_series ? ", series.csv" : "",
                 spec_.keep_tracks ? ", track_series.csv" : "");
  return failed_ > 0 ? kExitRunsFailed : 0;
}

}  // namespace regsim::experiments
