// Whether an X display can be opened, and the message when it cannot.
#include "visual/display.h"

#include <X11/Xlib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string_view>

#include "visual/text.h"

namespace regsim::visual {

namespace {

/// The argument as a shell word (single-quoted when it holds anything but safe characters).
std::string shell_word(const std::string& s) {
  const bool safe = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("-_./=:,+@%").find(c) != std::string_view::npos;
  });
  if (safe) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string x_display_problem() {
  const char* name = std::getenv("DISPLAY");
  if (!name || !*name) return "DISPLAY is not set";
  // The connection stays open for the life of the process: an X server with no client left
  // resets itself (Xvfb, xvfb-run's default), and a reset between this check and SFML opening
  // its own connection made SFML fail with "Failed to open X11 display" and abort.
  static Display* const display = XOpenDisplay(nullptr);
  if (!display) return cat("cannot open display '", name, "'");
  return {};
}

std::string no_display_message(const std::string& problem, bool screenshot,
                               const std::vector<std::string>& args, unsigned width,
                               unsigned height) {
  const std::string screen = cat(std::to_string(std::max(width, 1920u)), "x",
                                 std::to_string(std::max(height, 1080u)), "x24");
  std::string command = cat("xvfb-run -a -s \"-screen 0 ", screen, "\" regsim view");
  for (const std::string& a : args) command += cat(" ", shell_word(a));
  if (screenshot)
    return cat("regsim-view: no X display (", problem,
               "). To render a screenshot without a screen, run it on a virtual one:\n  ", command,
               "\n(xvfb-run is in Debian's xvfb package.)\n");
  return cat("regsim-view: no X display (", problem,
             "). The live view needs a screen; run it on a desktop, or render a picture without "
             "one:\n  ",
             command, " --screenshot view.png --frames 60\n");
}

}  // namespace regsim::visual
