// A live run for the view.
#include "visual/session.h"

#include <algorithm>
#include <exception>
#include <utility>
#include <vector>

#include "sim/map_loader.h"
#include "state/state.h"

#include "visual/commands.h"
#include "visual/events.h"
#include "visual/text.h"

namespace regsim::visual {

agents::RunConfig load_config(const ConfigSource& source,
                              const std::vector<std::string>& extra_overrides) {
  std::vector<std::string> overrides = source.overrides;
  overrides.insert(overrides.end(), extra_overrides.begin(), extra_overrides.end());
  if (source.path.empty()) return agents::load_run_config_text(source.text, source.name, overrides);
  return agents::load_run_config(source.path, overrides);
}

Session::Session(ConfigSource source) : source_(std::move(source)) {
  start(load_config(source_));
}

void Session::start(agents::RunConfig config) {
  model_ = agents::make_model(config);
  table_ = std::make_unique<agents::ParamTable>(model_.params.tracks);
  snapshot_ = take_snapshot(model_, model_.applied.size(), false);
  history_ = History{};
  history_.total_ticks = model_.total_ticks();
  history_.label = cat("seed ", std::to_string(model_.world.seed));
  events_.clear();
  pending_.clear();
  log_.clear();
  branch_.reset();
  refresh_outlines(config);
  snapshot_.outlines = outlines_;
}

/// The outlines are only for drawing: a map whose outlines.csv cannot be read still runs, with
/// the reason in the ticker and nodes only.
void Session::refresh_outlines(const agents::RunConfig& config) {
  const std::string& map = config.params.world.map;
  if (map.empty()) {
    outlines_.reset();
    return;
  }
  try {
    // The same directory the core read the map from (config.source is the config path).
    const std::string dir = sim::resolve_map_dir(map, config.source);
    if (outlines_ && outlines_->dir == dir) return;
    outlines_ = load_map_outlines_from(dir);
  } catch (const std::exception& e) {
    outlines_.reset();
    events_.push_front({0, EventKind::Market, cat("Map outlines not drawn: ", e.what()), -1, -1});
  }
}

void Session::send(agents::ParamChange change) {
  change.tick = model_.world.tick;
  // One change per key and tick: the latest value wins. After a fork the change is this branch's
  // even at tick 0 (rebuilding the world would lose the fork).
  if (snapshot_.stepped || branch_) {
    std::erase_if(pending_, [&](const agents::ParamChange& c) { return c.key == change.key; });
    pending_.push_back(std::move(change));
    return;
  }
  std::vector<std::string> overrides = build_overrides_;
  overrides.push_back(override_text(change.key, change.value));
  agents::RunConfig config = load_config(source_, overrides);
  start(std::move(config));
  build_overrides_ = std::move(overrides);
  events_.push_front({0, EventKind::Policy, cat("From the start: ", change_label(change)), -1, -1});
}

void Session::step() {
  if (finished()) return;
  const std::size_t applied_before = model_.applied.size();
  agents::step(model_, pending_);
  log_.insert(log_.end(), pending_.begin(), pending_.end());
  pending_.clear();
  Snapshot next = take_snapshot(model_, applied_before);
  next.outlines = outlines_;
  std::vector<TickerEvent> news = diff_snapshots(snapshot_, next);
  if (model_.finished())
    news.push_back({snapshot_.tick, EventKind::Policy, "Run finished: press R to restart", -1, -1});
  for (auto it = news.rbegin(); it != news.rend(); ++it) events_.push_front(std::move(*it));
  while (events_.size() > kMaxEvents) events_.pop_back();
  history_.append(next);
  snapshot_ = std::move(next);
  if (!branch_ || branch_->model.finished()) return;
  Branch& b = *branch_;
  const std::size_t branch_before = b.model.applied.size();
  agents::step(b.model, b.pending);
  b.pending.clear();
  Snapshot shot = take_snapshot(b.model, branch_before);
  shot.outlines = outlines_;
  b.history.append(shot);
  b.snapshot = std::move(shot);
}

void Session::fork() {
  Branch b;
  b.model = state::copy_model(model_);  // state/: the whole state between two ticks
  b.model.external = model_.external;   // cities held from outside (not part of a state)
  b.snapshot = snapshot_;
  b.history = history_;
  b.pending = pending_;
  b.at = model_.world.tick;
  b.log_at = log_.size();
  branch_ = std::move(b);
  history_.marks.push_back(PolicyMark{model_.world.tick, "fork"});
  events_.push_front(
      {model_.world.tick, EventKind::Policy,
       cat("Fork at ", tick_label(model_.world.tick), ": levers moved now change this run only"),
       -1, -1});
}

std::vector<agents::ParamChange> Session::changes_since_fork() const {
  std::vector<agents::ParamChange> out;
  if (!branch_) return out;
  const auto shared = [&](const agents::ParamChange& c) {  // queued before the fork: both have it
    return std::any_of(branch_->pending.begin(), branch_->pending.end(),
                       [&](const agents::ParamChange& p) {
                         return p.tick == c.tick && p.key == c.key && p.value == c.value;
                       });
  };
  for (std::size_t i = branch_->log_at; i < log_.size(); ++i)
    if (!shared(log_[i])) out.push_back(log_[i]);
  for (const auto& c : pending_)
    if (!shared(c)) out.push_back(c);
  return out;
}

void Session::set_restart_value(const std::string& key, const sim::ScalarValue& value) {
  restart_values_[key] = value;
}

std::vector<std::string> Session::restart_overrides(std::uint64_t seed) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : restart_values_) out.push_back(override_text(key, value));
  out.push_back(cat("world.seed=", std::to_string(seed)));
  return out;
}

void Session::restart(std::uint64_t seed) {
  std::vector<std::string> overrides = restart_overrides(seed);
  agents::RunConfig config = load_config(source_, overrides);
  History finished_run = std::move(history_);
  start(std::move(config));
  build_overrides_ = std::move(overrides);
  if (!finished_run.empty()) previous_ = std::move(finished_run);
}

void Session::load(ConfigSource source) {
  agents::RunConfig config = load_config(source);
  source_ = std::move(source);
  restart_values_.clear();
  History finished_run = std::move(history_);
  start(std::move(config));
  build_overrides_.clear();
  if (!finished_run.empty()) previous_ = std::move(finished_run);
}

}  // namespace regsim::visual
