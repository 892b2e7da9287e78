// The baseline experiment's text, read from experiments/baseline.toml in the source tree (the
// file regsim_experiments embeds), so tests of the lower libraries need not link it.
#pragma once

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace regsim::testing {

/// experiments/baseline.toml, read once.
inline const std::string& baseline_text() {
  static const std::string text = [] {
    const std::string path = std::string(REGSIM_SOURCE_DIR) + "/experiments/baseline.toml";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  return text;
}

}  // namespace regsim::testing
