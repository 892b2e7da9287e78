// The embedded default experiment (a copy of experiments/baseline.toml made at build time).
#pragma once

namespace regsim::experiments {

const char* default_config_text();

}  // namespace regsim::experiments
