// Local sweeps: runs spread over TBB workers, results streamed to the store as they finish.
#include "experiments/sweep/drivers.h"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <atomic>
#include <exception>
#include <thread>

#include "experiments/sweep/memory.h"
#include "experiments/sweep/plan.h"
#include "experiments/sweep/session.h"

namespace regsim::experiments {

int run_sweep(const SweepSpec& spec, const SweepOptions& options) {
  const int jobs = options.jobs > 0 ? options.jobs : default_jobs();
  SweepOptions resolved = options;
  resolved.jobs = jobs;
  check_sweep_memory(spec, jobs);  // before the store is touched
  SweepSession session(spec, resolved);
  const std::vector<std::uint64_t>& pending = session.pending();
  // Allow more workers than cores when asked (TBB caps its pool at the core count otherwise).
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(std::max(jobs, default_jobs())));
  BatchQueue<RunResult> results(result_queue_capacity(jobs));
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

}  // namespace regsim::experiments
