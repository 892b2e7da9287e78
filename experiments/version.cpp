// Version strings: the only translation unit that reads the CMake-provided definitions.
#include "experiments/version.h"

namespace regsim::experiments {

const char* version() {
  return REGSIM_VERSION;
}
const char* git_commit() {
  return REGSIM_GIT_COMMIT;
}

}  // namespace regsim::experiments
