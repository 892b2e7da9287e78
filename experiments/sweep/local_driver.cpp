// Local sweeps on TBB workers, the session shared with MPI, progress reporting and merging.
#include "experiments/sweep/drivers.h"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <exception>
#include <thread>

#include "experiments/output.h"
#include "experiments/sweep/plan.h"
#include "experiments/sweep/session.h"
#include "experiments/sweep/spec_file.h"
#include "experiments/version.h"

namespace regsim::experiments {

namespace fs = std::filesystem;
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
  const double wall = progress_->elapsed_seconds();
  const std::string manifest =
      std::string("{\n  \"program\": \"regsim sweep\",\n  \"version\": \"") + version() +
      "\",\n  \"git_commit\": \"" + git_commit() + "\",\n" + "  \"sweep\": \"" + spec_.name +
      "\",\n  \"design\": \"" + design_name(spec_.kind) +
      "\",\n  \"runs\": " + std::to_string(owned_) + ",\n  \"finished\": " + std::to_string(done_) +
      ",\n  \"failed\": " + std::to_string(failed_) + ",\n  \"shard\": \"" + options_.shard.str() +
      "\",\n  \"jobs\": " + std::to_string(options_.jobs) +
      ",\n  \"wall_seconds_last_session\": " + format_double(wall) + "\n}";
  write_file_atomic(options_.out_dir / "manifest.json", manifest);
  progress_->finish(done_, failed_);
  if (failed_ > 0) {
    std::fprintf(stderr, "regsim: %llu of %llu runs failed (status and error in summary.csv):\n",
                 static_cast<unsigned long long>(failed_), static_cast<unsigned long long>(owned_));
    for (const auto& e : first_errors_) std::fprintf(stderr, "  %s\n", e.c_str());
  }
  if (!options_.quiet)
    std::fprintf(stderr, "results in %s (results.sqlite, summary.csv%s)\n",
                 options_.out_dir.string().c_str(), spec_.keep_series ? ", series.csv" : "");
  return failed_ > 0 ? kExitRunsFailed : 0;
}

int run_sweep(const SweepSpec& spec, const SweepOptions& options) {
  const int jobs = options.jobs > 0 ? options.jobs : default_jobs();
  SweepOptions resolved = options;
  resolved.jobs = jobs;
  SweepSession session(spec, resolved);
  const std::vector<std::uint64_t>& pending = session.pending();
  // Allow more workers than cores when asked (TBB caps its pool at the core count otherwise).
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(std::max(jobs, default_jobs())));
  BatchQueue<RunResult> results(static_cast<std::size_t>(4 * jobs + 16));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::thread pool([&] {
    tbb::task_arena arena(jobs);
    arena.execute([&] {
      tbb::task_group group;
      for (int w = 0; w < jobs; ++w) {
        group.run([&] {
          tbb::task_arena single(1);  // each run is single-threaded inside
          for (std::size_t i = next++; !stop && i < pending.size(); i = next++) {
            RunResult r;
            single.execute([&] { r = execute_run(spec, plan_run(spec, pending[i])); });
            results.push(std::move(r));
          }
        });
      }
      group.wait();
    });
    results.close();
  });
  std::vector<RunResult> batch;
  try {
    while (results.pop_all(batch, std::chrono::milliseconds(200))) {
      session.record(batch);
      batch.clear();
    }
  } catch (...) {
    stop = true;
    results.close();
    pool.join();
    throw;
  }
  pool.join();
  return session.finish();
}

int merge_sweeps(const std::vector<fs::path>& inputs, const fs::path& out_dir, bool quiet) {
  if (inputs.empty()) throw StoreConflict("merge needs at least one sweep directory");
  std::string canonical;
  SweepSpec spec;
  for (const auto& dir : inputs) {
    const auto store = SweepStore::open_existing(dir);
    if (canonical.empty()) {
      canonical = store->meta("canonical");
      spec = load_sweep(store->source());
    } else if (store->meta("canonical") != canonical) {
      throw StoreConflict(dir.string() + " holds a different sweep than " + inputs[0].string());
    }
  }
  if (spec.canonical() != canonical)
    throw StoreConflict(inputs[0].string() + " was written by another regsim version");
  auto out = SweepStore::create(out_dir, spec, Shard{});
  for (const auto& dir : inputs) {
    const std::uint64_t added = out->absorb(dir);
    if (!quiet)
      std::fprintf(stderr, "merged %llu runs from %s\n", static_cast<unsigned long long>(added),
                   dir.string().c_str());
  }
  const std::vector<std::uint8_t> status = out->statuses(spec.run_count());
  std::uint64_t missing = 0, failed = 0;
  for (auto s : status) {
    missing += s == 0 ? 1 : 0;
    failed += s == 2 ? 1 : 0;
  }
  out->checkpoint();
  out->export_summary(spec, out_dir / "summary.csv");
  out->export_series(spec, out_dir / "series.csv");
  if (!quiet || missing > 0 || failed > 0)
    std::fprintf(stderr, "%s: %llu of %llu runs, %llu failed, %llu missing%s\n",
                 out_dir.string().c_str(),
                 static_cast<unsigned long long>(spec.run_count() - missing),
                 static_cast<unsigned long long>(spec.run_count()),
                 static_cast<unsigned long long>(failed), static_cast<unsigned long long>(missing),
                 missing > 0 ? " (run them with: regsim sweep SWEEP --out DIR --resume)" : "");
  return missing > 0 || failed > 0 ? kExitRunsFailed : 0;
}

}  // namespace regsim::experiments
