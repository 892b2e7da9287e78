// UTF-8 helpers of the view: validity, dropping whole code points, fitting text with an ellipsis.
#include "visual/text.h"

namespace regsim::visual {

namespace {

bool is_continuation(unsigned char b) {
  return (b & 0xC0u) == 0x80u;
}

/// Length of the sequence a lead byte starts, or 0 for a byte that cannot start one.
std::size_t sequence_length(unsigned char b) {
  if (b < 0x80u) return 1;
  if (b >= 0xC2u && b <= 0xDFu) return 2;
  if (b >= 0xE0u && b <= 0xEFu) return 3;
  if (b >= 0xF0u && b <= 0xF4u) return 4;
  return 0;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    const std::size_t n = sequence_length(b0);
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t j = 1; j < n; ++j)
      if (!is_continuation(static_cast<unsigned char>(s[i + j]))) return false;
    if (n >= 3) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      if (b0 == 0xE0u && b1 < 0xA0u) return false;  // overlong
      if (b0 == 0xEDu && b1 > 0x9Fu) return false;  // surrogate
      if (b0 == 0xF0u && b1 < 0x90u) return false;  // overlong
      if (b0 == 0xF4u && b1 > 0x8Fu) return false;  // beyond U+10FFFF
    }
    i += n;
  }
  return true;
}

std::string drop_last_code_point(std::string s) {
  while (!s.empty() && is_continuation(static_cast<unsigned char>(s.back()))) s.pop_back();
  if (!s.empty()) s.pop_back();  // the lead byte (or a plain ASCII character)
  return s;
}

std::string fit_utf8(const std::string& utf8, float max_width,
                     const std::function<float(const std::string&)>& width) {
  if (width(utf8) <= max_width) return utf8;
  std::string s = utf8;
  while (!s.empty()) {
    s = drop_last_code_point(std::move(s));
    while (!s.empty() && s.back() == ' ') s.pop_back();
    std::string shortened = s + kEllipsis;
    if (width(shortened) <= max_width) return shortened;
  }
  return {};  // not even the ellipsis alone fits
}

}  // namespace regsim::visual
