// Internal: the part of a sweep shared by the TBB and MPI drivers (store, pending runs, progress).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "experiments/sweep/drivers.h"

namespace regsim::experiments {

/// Progress on stderr: a bar redrawn in place on a terminal, a plain line every 10 s otherwise.
class SweepProgress {
 public:
  SweepProgress(std::uint64_t total, std::uint64_t already_done, bool quiet);
  void update(std::uint64_t done, std::uint64_t failed);
  void finish(std::uint64_t done, std::uint64_t failed);
  double elapsed_seconds() const;

 private:
  std::string line(std::uint64_t done, std::uint64_t failed) const;
  std::uint64_t total_, start_done_;
  bool quiet_, tty_;
  std::chrono::steady_clock::time_point start_, last_;
};

/// Opens (or resumes) the store, lists the pending runs and records results as they arrive.
class SweepSession {
 public:
  SweepSession(const SweepSpec& spec, const SweepOptions& options);
  const SweepSpec& spec() const { return spec_; }
  /// Run ids still to do, replication-major so that a partial sweep covers every scenario.
  const std::vector<std::uint64_t>& pending() const { return pending_; }
  void record(const std::vector<RunResult>& batch);
  /// Exports summary.csv (and series.csv) and prints the closing line; returns the exit code.
  int finish();

 private:
  const SweepSpec& spec_;
  SweepOptions options_;
  std::unique_ptr<SweepStore> store_;
  std::vector<std::uint64_t> pending_;
  std::uint64_t owned_ = 0, done_ = 0, failed_ = 0;
  std::vector<std::string> first_errors_;
  std::unique_ptr<SweepProgress> progress_;
};

/// Default worker count: every core TBB sees.
int default_jobs();

/// A bounded multi-producer queue drained in batches by one consumer; close() ends it.
template <class T>
class BatchQueue {
 public:
  explicit BatchQueue(std::size_t capacity) : capacity_(capacity) {}
  /// Blocks while full; drops the item when the queue was closed (the consumer gave up).
  void push(T item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }
  /// Moves every queued item into `out`, waiting up to `wait` for the first. False once the
  /// queue is closed and empty.
  template <class Duration>
  bool pop_all(std::vector<T>& out, Duration wait) {
    std::unique_lock lock(mutex_);
    not_empty_.wait_for(lock, wait, [&] { return closed_ || !items_.empty(); });
    for (auto& item : items_) out.push_back(std::move(item));
    items_.clear();
    not_full_.notify_all();
    return !(closed_ && out.empty());
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::size_t capacity_;
  std::vector<T> items_;
  bool closed_ = false;
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
};

}  // namespace regsim::experiments
