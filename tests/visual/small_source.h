// The view tests' small world: the default experiment cut to 24 cities and 6 years.
#pragma once

#include "experiments/default_config.h"
#include "visual/session.h"

namespace regsim::visual {

inline ConfigSource small_source() {
  ConfigSource s;
  s.text = experiments::default_config_text();
  s.name = "baseline";
  s.overrides = {"world.cities=24", "world.provinces=3", "world.initial_firms=600",
                 "world.years=6"};
  return s;
}

}  // namespace regsim::visual
