// Replaying a classroom session headless from its decision log: the same config, the teacher's
// changes at their ticks and the held cities' choices per year give the same worlds, bit for bit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "agents/model.h"
#include "classroom/session_log.h"

namespace regsim::classroom {

struct ReplayResult {
  sim::Tick ticks = 0;                      ///< ticks replayed
  int years = 0, held_cities = 0;           ///< year records, and most cities held in one year
  std::size_t changes = 0;                  ///< lever changes applied
  std::uint64_t hash = 0, shadow_hash = 0;  ///< state hashes: class's world, model's world
  std::optional<EndRecord> logged;          ///< the end the session recorded, if it got there
  bool matches() const {
    return logged && logged->tick == ticks && logged->hash == hash &&
           logged->shadow_hash == shadow_hash;
  }
};

/// Replays `records` (from parse_log/read_log). Without an end record, replays to the end of the
/// last year that was started. Throws sim::ConfigException (naming `name`) when the log is
/// inconsistent: records out of tick order, a year off a planning tick, unknown tracks or cities.
/// `class_world` and `model_world`, when given, receive the final models.
ReplayResult replay(const std::vector<LogRecord>& records, const std::string& name,
                    agents::Model* class_world = nullptr, agents::Model* model_world = nullptr);

/// The one-paragraph report of `regsim classroom --replay`.
std::string format_replay(const ReplayResult& r, const std::string& name);

}  // namespace regsim::classroom
