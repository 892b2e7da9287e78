// The program's version and the git commit it was built from (set by CMake at configure time).
#pragma once

namespace regsim::experiments {

const char* version();
const char* git_commit();

}  // namespace regsim::experiments
