// Sweeps under MPI: rank 0 hands out run ids on request and is the only writer to the store.
#include "experiments/sweep/drivers.h"

#if REGSIM_WITH_MPI

#include <mpi.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <cstdio>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "experiments/sweep/memory.h"
#include "experiments/sweep/plan.h"
#include "experiments/sweep/session.h"
#include "experiments/sweep/spec_file.h"

namespace regsim::experiments {

namespace {

// Worker -> rank 0: REQUEST (slots wanted), RESULT (an encoded RunResult), DONE.
// Rank 0 -> worker: ASSIGN (zero or more run ids; fewer than asked means no more work).
enum Tag : int { kRequest = 1, kAssign = 2, kResult = 3, kDone = 4 };

void bcast_string(std::string& s) {
  auto n = static_cast<unsigned long long>(s.size());
  MPI_Bcast(&n, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
  s.resize(n);
  if (n > 0) MPI_Bcast(s.data(), static_cast<int>(n), MPI_CHAR, 0, MPI_COMM_WORLD);
}

void bcast_source(SweepSource& src) {
  std::string sets;
  for (const auto& s : src.sets) sets += s + "\n";
  for (std::string* s : {&src.sweep_name, &src.sweep_text, &src.base_name, &src.base_path,
                         &src.base_text, &src.inputs, &sets})
    bcast_string(*s);
  src.sets.clear();
  std::size_t start = 0;
  for (std::size_t nl = sets.find('\n'); nl != std::string::npos; nl = sets.find('\n', start)) {
    src.sets.push_back(sets.substr(start, nl - start));
    start = nl + 1;
  }
}

/// Hands out pending run ids in order, to local threads and remote ranks alike.
class Dispatcher {
 public:
  explicit Dispatcher(const std::vector<std::uint64_t>& pending) : pending_(pending) {}
  std::vector<std::uint64_t> take(std::size_t n) {
    std::lock_guard lock(mutex_);
    std::vector<std::uint64_t> out;
    while (out.size() < n && next_ < pending_.size()) out.push_back(pending_[next_++]);
    return out;
  }

 private:
  const std::vector<std::uint64_t>& pending_;
  std::size_t next_ = 0;
  std::mutex mutex_;
};

/// Run ids waiting for a local thread; close() lets idle threads leave.
class IdQueue {
 public:
  void push(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    ids_.push_back(id);
    cv_.notify_one();
  }
  bool pop(std::uint64_t& id) {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return closed_ || !ids_.empty(); });
    if (ids_.empty()) return false;
    id = ids_.front();
    ids_.pop_front();
    return true;
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    cv_.notify_all();
  }

 private:
  std::deque<std::uint64_t> ids_;
  bool closed_ = false;
  std::mutex mutex_;
  std::condition_variable cv_;
};

void send_ids(const std::vector<std::uint64_t>& ids, int dest) {
  MPI_Send(ids.data(), static_cast<int>(ids.size()), MPI_UNSIGNED_LONG_LONG, dest, kAssign,
           MPI_COMM_WORLD);
}

std::vector<std::uint64_t> receive_ids() {
  MPI_Status status;
  MPI_Probe(0, kAssign, MPI_COMM_WORLD, &status);
  int n = 0;
  MPI_Get_count(&status, MPI_UNSIGNED_LONG_LONG, &n);
  std::vector<std::uint64_t> ids(static_cast<std::size_t>(n));
  MPI_Recv(ids.data(), n, MPI_UNSIGNED_LONG_LONG, 0, kAssign, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return ids;
}

/// Rank 0: local threads plus the message loop that serves the other ranks.
int coordinate(SweepSession& session, const SweepOptions& options, int ranks) {
  const SweepSpec& spec = session.spec();
  Dispatcher dispatcher(session.pending());
  const int jobs = options.jobs > 0 ? options.jobs : 1;
  BatchQueue<RunResult> local(result_queue_capacity(jobs));
  std::atomic<int> running{jobs};
  std::vector<std::thread> threads;
  for (int t = 0; t < jobs; ++t) {
    threads.emplace_back([&] {
      tbb::task_arena single(1);
      for (auto ids = dispatcher.take(1); !ids.empty(); ids = dispatcher.take(1)) {
        RunResult r;
        single.execute([&] { r = execute_run(spec, plan_run(spec, ids[0])); });
        local.push(std::move(r));
      }
      if (--running == 0) local.close();
    });
  }
  int active = ranks - 1;
  bool local_open = true;
  std::vector<RunResult> batch;
  std::string buffer;
  while (local_open || active > 0) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (flag != 0) {
      const int src = status.MPI_SOURCE;
      if (status.MPI_TAG == kRequest) {
        unsigned long long slots = 0;
        MPI_Recv(&slots, 1, MPI_UNSIGNED_LONG_LONG, src, kRequest, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
        send_ids(dispatcher.take(static_cast<std::size_t>(slots)), src);
      } else if (status.MPI_TAG == kResult) {
        int n = 0;
        MPI_Get_count(&status, MPI_CHAR, &n);
        buffer.resize(static_cast<std::size_t>(n));
        MPI_Recv(buffer.data(), n, MPI_CHAR, src, kResult, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        batch.push_back(decode_result(buffer));
        send_ids(dispatcher.take(1), src);
      } else {
        MPI_Recv(nullptr, 0, MPI_CHAR, src, kDone, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        --active;
      }
      if (batch.size() < kResultWriteBatch) continue;
    }
    // Idle (or a full batch): write what came in and wait briefly for local results, so that
    // rank 0 does not spin on a core its own threads need.
    if (local_open)
      local_open = local.pop_all(batch, std::chrono::milliseconds(flag != 0 ? 0 : 1));
    else if (flag == 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    session.record(batch);
    batch.clear();
  }
  session.record(batch);
  for (auto& t : threads) t.join();
  return session.finish();
}

/// Ranks above 0: ask for as many runs as there are local threads, return each result and get
/// the next id in the reply, until rank 0 has no more.
void work(const SweepSpec& spec, const SweepOptions& options) {
  const int jobs = options.jobs > 0 ? options.jobs : 1;
  IdQueue ids;
  BatchQueue<RunResult> results(result_queue_capacity(jobs));
  std::vector<std::thread> threads;
  for (int t = 0; t < jobs; ++t) {
    threads.emplace_back([&] {
      tbb::task_arena single(1);
      for (std::uint64_t id = 0; ids.pop(id);) {
        RunResult r;
        single.execute([&] { r = execute_run(spec, plan_run(spec, id)); });
        results.push(std::move(r));
      }
    });
  }
  unsigned long long slots = static_cast<unsigned long long>(jobs);
  MPI_Send(&slots, 1, MPI_UNSIGNED_LONG_LONG, 0, kRequest, MPI_COMM_WORLD);
  std::size_t outstanding = 0;
  for (auto id : receive_ids()) {
    ids.push(id);
    ++outstanding;
  }
  std::vector<RunResult> batch;
  while (outstanding > 0) {
    results.pop_all(batch, std::chrono::seconds(1));
    for (const auto& r : batch) {
      const std::string bytes = encode_result(r);
      MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_CHAR, 0, kResult, MPI_COMM_WORLD);
      --outstanding;
      for (auto id : receive_ids()) {
        ids.push(id);
        ++outstanding;
      }
    }
    batch.clear();
  }
  ids.close();
  for (auto& t : threads) t.join();
  MPI_Send(nullptr, 0, MPI_CHAR, 0, kDone, MPI_COMM_WORLD);
}

/// Rank 0 reads the files and validates; every rank gets the same texts and the verdict.
int share_source(const std::string& sweep_path, const std::vector<std::string>& sets, int rank,
                 SweepSource& src) {
  int code = 0;
  if (rank == 0) {
    try {
      src = read_sweep_source(sweep_path, sets);
      load_sweep(src);
    } catch (const sim::ConfigException& e) {
      std::fprintf(stderr, "%s", e.what());
      code = 2;
    }
  }
  MPI_Bcast(&code, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (code == 0) bcast_source(src);
  return code;
}

/// Every rank checks its machine: the runs in flight there are `jobs` per rank on it (rank 0's
/// coordinator runs its own jobs too). The first rank of each machine that fails says why; every
/// rank returns the verdict, before any store is touched.
int check_memory_on_every_node(const SweepSpec& spec, const SweepOptions& options) {
  MPI_Comm node;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  int node_rank = 0, node_ranks = 1;
  MPI_Comm_rank(node, &node_rank);
  MPI_Comm_size(node, &node_ranks);
  MPI_Comm_free(&node);
  const int jobs = options.jobs > 0 ? options.jobs : 1;
  int code = 0;
  try {
    check_sweep_memory(spec, jobs * node_ranks, node_ranks);
  } catch (const sim::ConfigException& e) {
    if (node_rank == 0) std::fprintf(stderr, "%s", e.what());
    code = 2;
  }
  int worst = 0;
  MPI_Allreduce(&code, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return worst;
}

}  // namespace

bool mpi_supported() {
  return true;
}

int run_sweep_mpi(const std::string& sweep_path, const std::vector<std::string>& sets,
                  const SweepOptions& options) {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  SweepSource src;
  int code = share_source(sweep_path, sets, rank, src);
  if (code != 0) {
    MPI_Finalize();
    return code;
  }
  try {
    const SweepSpec spec = load_sweep(src);
    if ((code = check_memory_on_every_node(spec, options)) != 0) {
      MPI_Finalize();
      return code;
    }
    std::unique_ptr<SweepSession> session;
    if (rank == 0) {
      // A store that cannot be opened must stop every rank before any work is handed out.
      try {
        SweepOptions resolved = options;
        resolved.jobs = options.jobs > 0 ? options.jobs : 1;
        session = std::make_unique<SweepSession>(spec, resolved);
        if (!options.quiet) std::fprintf(stderr, "MPI: %d ranks\n", ranks);
      } catch (const StoreConflict& e) {
        std::fprintf(stderr, "regsim: %s\n", e.what());
        code = 2;
      }
    }
    MPI_Bcast(&code, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (code == 0 && rank == 0) code = coordinate(*session, options, ranks);
    if (code == 0 && rank != 0) work(spec, options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "regsim: rank %d: error: %s\n", rank, e.what());
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  MPI_Finalize();
  return code;
}

}  // namespace regsim::experiments

#else  // no MPI in this build

#include <cstdio>

namespace regsim::experiments {

bool mpi_supported() {
  return false;
}

int run_sweep_mpi(const std::string&, const std::vector<std::string>&, const SweepOptions&) {
  std::fprintf(stderr,
               "regsim: this build has no MPI support; rebuild with -DREGSIM_WITH_MPI=ON (needs "
               "libopenmpi-dev), or split the sweep with --shard i/N\n");
  return 2;
}

}  // namespace regsim::experiments

#endif
