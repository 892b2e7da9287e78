// Saving a run's state part-way and continuing it (see checkpoint.h).
#include "experiments/run/checkpoint.h"

#include "experiments/output.h"
#include "state/bytes.h"

namespace regsim::experiments {

std::string encode_tables(const MemorySink& tables) {
  state::Writer out;
  out.u64(kTableCount);
  for (std::size_t t = 0; t < kTableCount; ++t) {
    out.text(table_name(static_cast<Table>(t)));
    out.text(tables.text(static_cast<Table>(t)));
  }
  return out.bytes();
}

void replay_tables(const std::string& bytes, TableSink& sink, const std::string& name) {
  state::Reader in(bytes, name);
  const std::size_t n = in.count(16);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string table = in.text();
    const std::string text = in.text();
    std::size_t t = 0;
    while (t < kTableCount && table != table_name(static_cast<Table>(t))) ++t;
    if (t == kTableCount) in.fail("holds a table '" + table + "' this regsim does not write");
    for (std::size_t start = 0; start < text.size();) {
      const std::size_t end = text.find('\n', start);
      if (end == std::string::npos) in.fail("holds an unfinished line of " + table + ".csv");
      sink.line(static_cast<Table>(t), text.substr(start, end - start));
      start = end + 1;
    }
  }
  if (!in.done()) in.fail("has bytes after its tables");
}

std::string encode_sums(const SummarySums& s) {
  state::Writer out;
  out.f64(s.total_welfare);
  out.f64(s.min_cu);
  auto vec = [&out](const std::vector<double>& v) {
    out.u64(v.size());
    for (double x : v) out.f64(x);
  };
  vec(s.price_sum);
  vec(s.cu_sum);
  out.u64(s.yearly_price.size());
  for (std::size_t k = 0; k < s.yearly_price.size(); ++k) {
    vec(s.yearly_price[k]);
    vec(s.yearly_cu[k]);
  }
  return out.bytes();
}

SummarySums decode_sums(const std::string& bytes, const std::string& name) {
  state::Reader in(bytes, name);
  SummarySums s;
  s.total_welfare = in.f64();
  s.min_cu = in.f64();
  auto vec = [&in]() {
    std::vector<double> v(in.count(8));
    for (double& x : v) x = in.f64();
    return v;
  };
  s.price_sum = vec();
  s.cu_sum = vec();
  const std::size_t k = in.count(16);
  s.yearly_price.resize(k);
  s.yearly_cu.resize(k);
  for (std::size_t t = 0; t < k; ++t) {
    s.yearly_price[t] = vec();
    s.yearly_cu[t] = vec();
  }
  if (!in.done()) in.fail("has bytes after its summary sums");
  return s;
}

void save_state_file(const agents::Model& m, const std::filesystem::path& path,
                     const state::Sections& sections) {
  write_state_bytes(path, state::save_state(m, sections));
}

void write_state_bytes(const std::filesystem::path& path, const std::string& bytes) {
  AtomicFile f(path);
  f.write(bytes);
  f.commit();
}

Continuation parse_continuation(const agents::Model& m, const std::vector<std::string>& sets) {
  Continuation c;
  c.years = m.params.world.years;
  const agents::ParamTable table(m.params.tracks);
  sim::ConfigErrors errors;
  const sim::Source where{"--set", 0};
  for (const auto& kv : sets) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      errors.add(where, kv, "expected key=value");
      continue;
    }
    const std::string key = kv.substr(0, eq);
    const agents::ParamSpec* spec = table.find(key);
    sim::ScalarValue value;
    if (spec == nullptr) {
      errors.add(where, key, "unknown key ('regsim params' lists them)");
    } else if (auto err = agents::ParamTable::check(
                   *spec, sim::parse_scalar_text(kv.substr(eq + 1)), value)) {
      errors.add(where, key, *err);
    } else if (key == "world.years") {
      const auto years = std::get<std::int64_t>(value);
      if (years * sim::kTicksPerYear < m.world.tick)
        errors.add(where, key,
                   "the state is at year " + std::to_string(m.world.tick / sim::kTicksPerYear) +
                       "; a continued run cannot end before it");
      else
        c.years = static_cast<int>(years);
    } else if (!spec->schedulable) {
      errors.add(where, key,
                 "cannot change when continuing a state (fixed when the world was built; only "
                 "world.years and keys that may change during a run can)");
    } else {
      c.commands.push_back(agents::ParamChange{m.world.tick, key, value});
    }
  }
  if (!errors.empty()) throw sim::ConfigException(errors);
  return c;
}

}  // namespace regsim::experiments
