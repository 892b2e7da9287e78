// String building and UTF-8 helpers for the view. cat() appends in place: GCC 12 misreports
// -Wrestrict on operator+ chains such as "Y" + std::to_string(n) at -O3.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace regsim::visual {

template <class... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  (out.append(parts), ...);
  return out;
}

/// The ellipsis "…" (U+2026) that marks shortened text.
inline constexpr const char* kEllipsis = "\xE2\x80\xA6";

/// True when `s` is well-formed UTF-8 (no stray continuation byte, no truncated sequence, no
/// overlong form or surrogate).
bool valid_utf8(std::string_view s);

/// `s` without its last code point: every byte of it, never a part (a string that ends in a
/// truncated sequence loses that whole sequence).
std::string drop_last_code_point(std::string s);

/// `utf8` unchanged when `width(utf8) <= max_width`; otherwise the longest prefix made of whole
/// code points, with trailing spaces removed, followed by kEllipsis, whose width fits; "" when not
/// even the ellipsis alone fits. `width` measures a string in pixels (a font, or a fake in tests).
std::string fit_utf8(const std::string& utf8, float max_width,
                     const std::function<float(const std::string&)>& width);

}  // namespace regsim::visual
