// Reads the memory available to the process from sysconf and the cgroup limit files.
#include "sim/limits.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "sim/text.h"

namespace regsim::sim {

namespace {

/// The number in a cgroup limit file; 0 for "max", a missing file or an absurd value.
std::uint64_t read_limit(const char* path) {
  std::ifstream in(path);
  std::string text;
  if (!(in >> text) || text == "max") return 0;
  try {
    const unsigned long long v = std::stoull(text);
    return v >= (1ull << 60) ? 0 : v;  // cgroup v1 writes "no limit" as a huge number
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

std::uint64_t usable_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
  std::uint64_t bytes = pages > 0 && page > 0
                            ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page)
                            : 0;
  for (const char* file :
       {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
    const std::uint64_t limit = read_limit(file);
    if (limit > 0) bytes = bytes == 0 ? limit : std::min(bytes, limit);
  }
  return bytes;
}

std::string shorten_for_message(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return printable_for_message(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return printable_for_message(text.substr(0, cut)) + "... (" + std::to_string(text.size()) +
         " bytes)";
}

std::string format_bytes(double bytes) {
  char buf[32];
  if (bytes >= 1e9) {
    std::snprintf(buf, sizeof buf, "%.1f GB", bytes / 1e9);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f MB", bytes / 1e6);
  }
  return buf;
}

}  // namespace regsim::sim
