// The time-series panel: six national indicators as small multiples, the previous run as a grey
// ghost line, the other branch of a fork as a dashed line, and vertical lines with labels where
// the parameters changed.
#pragma once

#include <string>

#include "sim/types.h"
#include "visual/draw.h"
#include "visual/history.h"

namespace regsim::visual {

/// The other branch of a fork (fork and compare), drawn dashed from the fork on, and the legend's
/// words for both branches.
struct BranchLines {
  const History* history = nullptr;  ///< null: not forked
  sim::Tick at = 0;                  ///< the fork's tick
  std::string this_label;            ///< this run (the levers moved since the fork)
  std::string other_label;           ///< the other branch (the levers as they were)
};

void draw_series(const Canvas& cv, const Rect& panel, const History& now, const History& before,
                 const BranchLines& branch = {});

}  // namespace regsim::visual
