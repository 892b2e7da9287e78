// Executes one sweep run and encodes its result for transport between MPI ranks.
#include "experiments/sweep/execute_run.h"

#include <chrono>
#include <cstring>
#include <exception>
#include <stdexcept>

#include "agents/model.h"
#include "experiments/sweep/metrics.h"

namespace regsim::experiments {

namespace {

/// An error text on one line (config errors list one per line): lines joined with "; ".
std::string one_line(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += "; ";
    } else {
      out += c;
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ';')) out.pop_back();
  return out;
}

void simulate(const SweepSpec& spec, const RunPlan& plan, RunResult& r) {
  const agents::RunConfig config = agents::load_run_config_text(
      spec.source.base_text, spec.source.base_path, run_overrides(spec, plan));
  agents::Model m = agents::make_model(config, 0);
  std::vector<std::size_t> columns;
  for (const auto& name : spec.series_metrics)
    columns.push_back(static_cast<std::size_t>(series_metric_index(name)));
  std::vector<std::size_t> track_columns;
  for (const auto& name : spec.track_metrics)
    track_columns.push_back(static_cast<std::size_t>(track_metric_index(name)));
  if (spec.keep_tracks)
    for (const auto& t : m.params.tracks) r.track_names.push_back(t.name);
  SummaryAccumulator acc;
  while (!m.finished()) {
    agents::step(m);
    const agents::NationalMetrics& n = m.metrics.national;
    acc.add(n);
    if (spec.keep_series && n.tick % spec.series_every == 0) {
      r.series_ticks.push_back(n.tick);
      for (std::size_t c : columns) r.series.push_back(series_value(n, c));
    }
    if (spec.keep_tracks && n.tick % spec.tracks_every == 0) {
      r.track_ticks.push_back(n.tick);
      for (const agents::TrackMetrics& t : m.metrics.tracks)
        for (std::size_t c : track_columns)
          r.track_series.push_back(agents::track_column_value(t, c));
    }
  }
  r.metrics = acc.finish(m.params.world.years);
  r.state_hash = agents::hash_state(m.world);
  r.ok = true;
}

class Writer {
 public:
  template <class T>
  void pod(const T& v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void text(const std::string& s) {
    pod<std::uint64_t>(s.size());
    out += s;
  }
  template <class T>
  void vec(const std::vector<T>& v) {
    pod<std::uint64_t>(v.size());
    out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(const std::string& s) : s_(s) {}
  template <class T>
  T pod() {
    T v;
    take(&v, sizeof v);
    return v;
  }
  std::string text() {
    std::string v(pod<std::uint64_t>(), '\0');
    take(v.data(), v.size());
    return v;
  }
  template <class T>
  std::vector<T> vec() {
    std::vector<T> v(pod<std::uint64_t>());
    take(v.data(), v.size() * sizeof(T));
    return v;
  }

 private:
  void take(void* dst, std::size_t n) {
    if (pos_ + n > s_.size()) throw std::runtime_error("truncated run result message");
    if (n != 0) std::memcpy(dst, s_.data() + pos_, n);
    pos_ += n;
  }
  const std::string& s_;
  std::size_t pos_ = 0;
};

}  // namespace

RunResult execute_run(const SweepSpec& spec, const RunPlan& plan) {
  const auto start = std::chrono::steady_clock::now();
  RunResult r;
  r.run_id = plan.run_id;
  try {
    simulate(spec, plan, r);
  } catch (const std::exception& e) {
    r = RunResult{};
    r.run_id = plan.run_id;
    r.error = one_line(e.what());
  } catch (...) {
    r = RunResult{};
    r.run_id = plan.run_id;
    r.error = "unknown exception";
  }
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::string encode_result(const RunResult& r) {
  Writer w;
  w.pod(r.run_id);
  w.pod<std::uint8_t>(r.ok ? 1 : 0);
  w.text(r.error);
  w.pod(r.wall_seconds);
  w.pod(r.state_hash);
  w.vec(r.metrics);
  w.vec(r.series_ticks);
  w.vec(r.series);
  w.pod<std::uint64_t>(r.track_names.size());
  for (const auto& name : r.track_names) w.text(name);
  w.vec(r.track_ticks);
  w.vec(r.track_series);
  return std::move(w.out);
}

RunResult decode_result(const std::string& bytes) {
  Reader rd(bytes);
  RunResult r;
  r.run_id = rd.pod<std::uint64_t>();
  r.ok = rd.pod<std::uint8_t>() != 0;
  r.error = rd.text();
  r.wall_seconds = rd.pod<double>();
  r.state_hash = rd.pod<std::uint64_t>();
  r.metrics = rd.vec<double>();
  r.series_ticks = rd.vec<int>();
  r.series = rd.vec<double>();
  r.track_names.resize(rd.pod<std::uint64_t>());
  for (auto& name : r.track_names) name = rd.text();
  r.track_ticks = rd.vec<int>();
  r.track_series = rd.vec<double>();
  return r;
}

}  // namespace regsim::experiments
