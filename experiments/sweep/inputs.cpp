// Digests of the map files a sweep reads: FNV-1a 64 over their bytes, streamed.
#include "experiments/sweep/inputs.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "sim/config.h"
#include "sim/map_loader.h"

namespace regsim::experiments {

namespace {

namespace fs = std::filesystem;

/// "input <label> bytes <n> fnv1a64 <hex>\n", or "" when the file does not exist.
std::string digest_line(const fs::path& file, const std::string& label) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "";
  std::uint64_t h = 0xcbf29ce484222325ull, bytes = 0;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    const auto n = static_cast<std::size_t>(in.gcount());
    for (std::size_t i = 0; i < n; ++i) {
      h ^= static_cast<unsigned char>(buf[i]);
      h *= 0x100000001b3ull;
    }
    bytes += n;
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
