// libFuzzer target: any bytes as an experiment config. The loader must either return a config
// or throw ConfigException with a bounded report; anything else (a crash, a sanitizer report,
// another exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "agents/param_table.h"
#include "sim/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    regsim::agents::load_run_config_text(text, "fuzz.toml", {});
  } catch (const regsim::sim::ConfigException& e) {
    if (std::string(e.what()).size() > 1'000'000) __builtin_trap();  // reports stay bounded
  }
  return 0;
}
