// The central levers the teacher moves, and the news text of a lever change.
#pragma once

#include <string>
#include <vector>

#include "agents/param_table.h"

namespace regsim::classroom {

/// One control of the teacher's panel; type, range and choices come from the parameter table.
struct TeacherLever {
  std::string key;
  std::string label;
  std::string help;
};

/// The teacher's levers, in panel order (the hot-track announcement is a separate control).
const std::vector<TeacherLever>& teacher_levers();

/// A news line for an applied change: "The centre announces pv as a hot track",
/// "Market friction κ set to 0.2".
std::string change_text(const agents::ParamChange& change);

}  // namespace regsim::classroom
