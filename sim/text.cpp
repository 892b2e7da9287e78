// UTF-8 validation and message escaping for user-given text.
#include "sim/text.h"

#include <cstdint>
#include <cstdio>

namespace regsim::sim {

namespace {

/// The length of the valid UTF-8 character at `i`, or 0 when the bytes there are not one
/// (overlong forms, surrogates and code points past U+10FFFF included). Sets `cp`.
std::size_t char_length(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  const std::size_t extra = (c >= 0xc2 && c <= 0xdf)   ? 1
                            : (c >= 0xe0 && c <= 0xef) ? 2
                            : (c >= 0xf0 && c <= 0xf4) ? 3
                                                       : 0;
  if (extra == 0 || i + extra >= s.size()) return 0;
  cp = c & (0x3fu >> extra);
  for (std::size_t e = 1; e <= extra; ++e) {
    const auto d = static_cast<unsigned char>(s[i + e]);
    if ((d & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3fu);
  }
  const std::uint32_t lowest = extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000;
  if (cp < lowest || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return extra + 1;
}

bool is_control(std::uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

}  // namespace

bool is_printable_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    const std::size_t n = char_length(text, i, cp);
    if (n == 0 || is_control(cp)) return false;
    i += n;
  }
  return true;
}

std::string printable_for_message(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    const std::size_t n = char_length(text, i, cp);
    if (n != 0 && !is_control(cp)) {
      out.append(text.substr(i, n));
      i += n;
      continue;
    }
    const std::size_t bytes = n == 0 ? 1 : n;
    for (std::size_t b = 0; b < bytes; ++b) {
      const auto c = static_cast<unsigned char>(text[i + b]);
      if (c == '\n') {
        out += "\\n";
      } else if (c == '\t') {
        out += "\\t";
      } else if (c == '\r') {
        out += "\\r";
      } else {
        char hex[5];
        std::snprintf(hex, sizeof hex, "\\x%02X", c);
        out += hex;
      }
    }
    i += bytes;
  }
  return out;
}

}  // namespace regsim::sim
