// The files a sweep's runs read besides its texts (map directories), as digest lines that make
// part of the sweep's identity: a map edited between sessions or shards is a different sweep.
#pragma once

#include <string>
#include <vector>

namespace regsim::experiments {

/// One line per file of each map ("input <map>/nodes.csv bytes <n> fnv1a64 <hex>"), maps resolved
/// as a run resolves world.map against `config_path`. Throws sim::ConfigException for a missing
/// map.
std::string map_inputs_digest(const std::vector<std::string>& maps, const std::string& config_path);

}  // namespace regsim::experiments
