// String building for the view. cat() appends in place: GCC 12 misreports -Wrestrict on
// operator+ chains such as "Y" + std::to_string(n) at -O3.
#pragma once

#include <string>

namespace regsim::visual {

template <class... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  (out.append(parts), ...);
  return out;
}

}  // namespace regsim::visual
