// Digests of the map files a sweep reads: FNV-1a 64 over their bytes, streamed.
#include "experiments/sweep/inputs.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <set>

#include "sim/config.h"
#include "sim/input_file.h"
#include "sim/map_loader.h"

namespace regsim::experiments {

namespace {

namespace fs = std::filesystem;

/// "input <label> bytes <n> fnv1a64 <hex>\n", or "" when the file does not exist. A file that
/// exists but cannot be read (a FIFO, a device, no permission) is an error naming it.
std::string digest_line(const fs::path& file, const std::string& label) {
  std::error_code ec;
  if (!fs::exists(fs::status(file, ec))) return "";
  sim::InputFile in(file.string());
  std::uint64_t h = 0xcbf29ce484222325ull, bytes = 0;
  char buf[1 << 16];
  long n = 0;
  while (in.problem().empty() && (n = in.read_some(buf, sizeof buf)) > 0) {
    for (long i = 0; i < n; ++i) {
      h ^= static_cast<unsigned char>(buf[i]);
      h *= 0x100000001b3ull;
    }
    bytes += static_cast<std::uint64_t>(n);
  }
  if (!in.problem().empty()) {
    sim::ConfigErrors errors;
    errors.add(sim::Source{file.string(), 0}, "", in.problem());
    throw sim::ConfigException(errors);
  }
  char hex[24];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return "input " + label + " bytes " + std::to_string(bytes) + " fnv1a64 " + hex + "\n";
}

}  // namespace

std::string map_inputs_digest(const std::vector<std::string>& maps,
                              const std::string& config_path) {
  // Named as written (not where they were found), so shards on other machines agree.
  const std::set<std::string> names(maps.begin(), maps.end());
  std::string out;
  for (const auto& map : names) {
    if (map.empty()) continue;
    const fs::path dir = sim::resolve_map_dir(map, config_path);
    for (const char* file : {"nodes.csv", "edges.csv", "outlines.csv"})
      out += digest_line(dir / file, map + "/" + file);
  }
  return out;
}

}  // namespace regsim::experiments
