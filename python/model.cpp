// A model stepped from Python (see model.h).
#include "python/model.h"

#include "experiments/default_config.h"
#include "experiments/run/checkpoint.h"

namespace regsim::python {

agents::RunConfig load_config(const std::optional<std::string>& path,
                              const std::vector<std::string>& overrides) {
  if (!path)
    return agents::load_run_config_text(experiments::default_config_text(),
                                        "(default: experiments/baseline.toml)", overrides);
  return agents::load_run_config(*path, overrides);
}

namespace {

int arena_threads(int threads) {
  return threads > 0 ? threads : tbb::task_arena::automatic;
}

experiments::Table table_by_name(const std::string& name) {
  for (std::size_t t = 0; t < experiments::kTableCount; ++t)
    if (name == experiments::table_name(static_cast<experiments::Table>(t)))
      return static_cast<experiments::Table>(t);
  throw py::value_error("no table named '" + name + "'");
}

}  // namespace

SteppedModel::SteppedModel(std::optional<std::string> config, std::vector<std::string> overrides,
                           int threads)
    : config_path_(std::move(config)),
      overrides_(std::move(overrides)),
      arena_(arena_threads(threads)),
      threads_(threads) {
  build(load_config(config_path_, overrides_));
}

SteppedModel::SteppedModel(state::Saved saved, const std::string& name, int threads)
    : arena_(arena_threads(threads)), threads_(threads), loaded_(true) {
  restore(std::move(saved), name);
}

namespace {
constexpr const char* kPendingSection = "pending";
}

void SteppedModel::restore(state::Saved saved, const std::string& name) {
  model_ = std::move(saved.model);
  table_ = std::make_unique<agents::ParamTable>(model_.params.tracks);
  const std::string* pending = saved.section(kPendingSection);
  pending_ = pending ? state::decode_changes(*pending, name) : std::vector<agents::ParamChange>{};
  sink_.clear();
  const std::string* tables = saved.section(experiments::kTablesSection);
  if (tables) experiments::replay_tables(*tables, sink_, name);
  recorder_ = std::make_unique<experiments::Recorder>(sink_, model_, tables == nullptr);
}

std::string SteppedModel::state_bytes() const {
  return state::save_state(model_,
                           {{experiments::kTablesSection, experiments::encode_tables(sink_)},
                            {kPendingSection, state::encode_changes(pending_)}});
}

void SteppedModel::save(const std::string& path) const {
  const std::string bytes = state_bytes();
  py::gil_scoped_release release;
  experiments::write_state_bytes(path, bytes);
}

std::unique_ptr<SteppedModel> SteppedModel::copy() const {
  std::string bytes = state_bytes();
  state::Saved saved;
  {
    py::gil_scoped_release release;
    arena_.execute([&] { saved = state::load_state(bytes, "Model.copy"); });
  }
  return std::make_unique<SteppedModel>(std::move(saved), "Model.copy", threads_);
}

std::unique_ptr<SteppedModel> SteppedModel::load(const std::string& path, int threads) {
  state::Saved saved;
  {
    py::gil_scoped_release release;
    tbb::task_arena arena(arena_threads(threads));
    arena.execute([&] { saved = state::load_state_file(path); });
  }
  return std::make_unique<SteppedModel>(std::move(saved), path, threads);
}

void SteppedModel::build(agents::RunConfig config) {
  agents::Model fresh;
  arena_.execute([&] { fresh = agents::make_model(config); });
  model_ = std::move(fresh);
  table_ = std::make_unique<agents::ParamTable>(model_.params.tracks);
  pending_.clear();
  sink_.clear();
  recorder_ = std::make_unique<experiments::Recorder>(sink_, model_);
}

void SteppedModel::step(int n) {
  if (n < 0) throw py::value_error("step(n) needs n >= 0, got " + std::to_string(n));
  const int left = model_.total_ticks() - model_.world.tick;
  if (n > left)
    throw py::value_error(
        "step(" + std::to_string(n) + "): only " + std::to_string(left) +
        " ticks are left (world.years = " + std::to_string(model_.params.world.years) + ")");
  py::gil_scoped_release release;
  for (int i = 0; i < n; ++i) {
    arena_.execute([&] { agents::step(model_, pending_); });
    pending_.clear();
    recorder_->record_tick(model_);
    check_signals();
  }
}

void SteppedModel::set(const std::string& key, py::handle value) {
  const sim::ScalarValue v = to_scalar(value, key);
  if (model_.world.tick == 0 && !loaded_) {  // nothing has run: rebuild the world with it
    std::vector<std::string> overrides = overrides_;
    overrides.push_back(key + "=" + sim::to_string(v));
    build(load_config(config_path_, overrides));
    overrides_ = std::move(overrides);
    return;
  }
  sim::ConfigErrors errors;
  const sim::Source where{"Model.set", 0};
  const agents::ParamSpec* spec = table_->find(key);
  sim::ScalarValue checked;
  if (spec == nullptr) {
    errors.add(where, key, "unknown key (regsim.params() lists them)");
  } else if (!spec->schedulable) {
    errors.add(where, key, "cannot change during a run (fixed when the world is built)");
  } else if (auto err = agents::ParamTable::check(*spec, v, checked)) {
    errors.add(where, key, *err);
  }
  if (!errors.empty()) raise_config_error(errors);
  pending_.push_back(agents::ParamChange{model_.world.tick, key, checked});
}

py::object SteppedModel::get(const std::string& key) const {
  const agents::ParamSpec* spec = table_->find(key);
  if (spec == nullptr) {
    sim::ConfigErrors errors;
    errors.add(sim::Source{"Model.get", 0}, key, "unknown key (regsim.params() lists them)");
    raise_config_error(errors);
  }
  return from_scalar(spec->get(model_.params));
}

py::list SteppedModel::table(const std::string& name) const {
  const auto t = table_by_name(name);
  return table_columns(sink_.text(t), name);
}

py::list SteppedModel::pending() const {
  py::list out;
  for (const auto& c : pending_) out.append(py::make_tuple(c.key, from_scalar(c.value)));
  return out;
}

py::list SteppedModel::applied() const {
  py::list out;
  for (const auto& c : model_.applied)
    out.append(py::make_tuple(c.tick, c.key, from_scalar(c.value)));
  return out;
}

}  // namespace regsim::python
