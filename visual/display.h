// Whether an X display can be opened, and what to tell the user when it cannot: SFML aborts the
// process (exit 134) when it opens a window without one, so regsim-view asks first.
#pragma once

#include <string>
#include <vector>

namespace regsim::visual {

/// Opens and closes a connection to the X display named by $DISPLAY. Returns "" when it works,
/// else the reason ("DISPLAY is not set", "cannot open display ':99'").
std::string x_display_problem();

/// The message printed when there is no display: the reason, and for a screenshot the same
/// command under xvfb-run (a virtual screen at least `width` x `height`, 24-bit).
std::string no_display_message(const std::string& problem, bool screenshot,
                               const std::vector<std::string>& args, unsigned width,
                               unsigned height);

}  // namespace regsim::visual
