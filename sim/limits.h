// What the machine can hold: physical memory (and a cgroup limit), used to bound run sizes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace regsim::sim {

/// Bytes of memory this process may use: the smaller of physical memory and the cgroup (v2 or
/// v1) limit when one is set. 0 when neither can be read.
std::uint64_t usable_memory_bytes();

/// Text of a user value for an error message: at most `max_bytes` bytes (cut at a UTF-8
/// character boundary, with the full size said), so a huge value cannot flood the terminal, and
/// control characters and invalid UTF-8 escaped (printable_for_message in sim/text.h).
std::string shorten_for_message(std::string_view text, std::size_t max_bytes = 80);

/// The longest free-text value of a config key (a track family, a map path): PATH_MAX.
inline constexpr std::size_t kMaxTextBytes = 4096;

/// "1.5 GB": a byte count for messages.
std::string format_bytes(double bytes);

}  // namespace regsim::sim
