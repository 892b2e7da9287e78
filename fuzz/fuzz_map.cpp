// libFuzzer target: any bytes as a map directory. The input is split at the first NUL byte
// into nodes.csv and edges.csv (and at the second into outlines.csv), written to a private
// directory, then loaded with load_map, map_geography and load_map_outlines. They must load or
// throw ConfigException; anything else is a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "sim/config.h"
#include "sim/map_loader.h"

namespace {

namespace fs = std::filesystem;

/// A private directory for the map files, removed when the fuzzer exits.
struct ScratchDir {
  fs::path path = fs::temp_directory_path() / ("regsim_fuzz_map_" + std::to_string(::getpid()));
  ScratchDir() { fs::create_directories(path); }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

const fs::path& scratch_dir() {
  static const ScratchDir dir;
  return dir.path;
}

void write(const fs::path& p, std::string_view text) {
  std::ofstream(p, std::ios::binary | std::ios::trunc)
      .write(text.data(), static_cast<long>(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const auto a = all.find('\0');
  const std::string_view nodes = all.substr(0, a);
  const std::string_view rest = a == std::string_view::npos ? "" : all.substr(a + 1);
  const auto b = rest.find('\0');
  const std::string_view edges = rest.substr(0, b);
  const fs::path& dir = scratch_dir();
  write(dir / "nodes.csv", nodes);
  write(dir / "edges.csv", edges);
  std::error_code ec;
  fs::remove(dir / "outlines.csv", ec);
  if (b != std::string_view::npos) write(dir / "outlines.csv", rest.substr(b + 1));
  try {
    const regsim::sim::MapData map = regsim::sim::load_map(dir.string());
    regsim::sim::WorldParams world;
    world.cities = static_cast<int>(map.size());
    regsim::sim::map_geography(map, world, 300.0);
    regsim::sim::load_map_outlines(map);
  } catch (const regsim::sim::ConfigException&) {
  }
  return 0;
}
