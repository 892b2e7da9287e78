// Renders the default experiment with `regsim-view --screenshot` and checks the picture is not
// blank. Opens a window, so ctest runs it under xvfb-run; without a display it skips.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <SFML/Graphics/Image.hpp>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "visual/layout.h"
#include "visual/palette.h"

namespace regsim::visual {
namespace {

namespace fs = std::filesystem;

struct Picture {
  sf::Image image;
  bool ok = false;
};

Picture screenshot(unsigned width, unsigned height, const std::string& extra) {
  Picture p;
  const std::string size = std::to_string(width).append("x").append(std::to_string(height));
  const fs::path png = fs::temp_directory_path() / ("regsim_view_test_" + size + ".png");
  fs::remove(png);
  const std::string command = std::string(REGSIM_VIEW_BINARY)
                                  .append(" --screenshot ")
                                  .append(png.string())
                                  .append(" --frames 8 --ticks-per-frame 5 --size ")
                                  .append(size)
                                  .append(" ")
                                  .append(extra);
  const int status = std::system(command.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command;
  p.ok = fs::exists(png) && p.image.loadFromFile(png.string());
  fs::remove(png);
  return p;
}

/// Distinct colours in a rectangle, with channels quantised to 16 levels (ignores antialiasing).
std::size_t distinct_colours(const sf::Image& image, const Rect& r) {
  std::set<unsigned> colours;
  for (auto y = static_cast<unsigned>(r.y); y < static_cast<unsigned>(r.bottom()); ++y)
    for (auto x = static_cast<unsigned>(r.x); x < static_cast<unsigned>(r.right()); ++x) {
      const sf::Color c = image.getPixel(x, y);
      colours.insert((c.r >> 4u) << 8u | (c.g >> 4u) << 4u | (c.b >> 4u));
    }
  return colours.size();
}

/// How many of the track palette colours (or, with `fill`, their outline fills) appear exactly
/// somewhere in the rectangle.
int track_colours_present(const sf::Image& image, const Rect& r, int tracks, bool fill = false) {
  int found = 0;
  for (int k = 0; k < tracks; ++k) {
    const sf::Color node = track_colour(static_cast<std::size_t>(k));
    const sf::Color want = fill ? outline_fill(node) : node;
    bool seen = false;
    for (auto y = static_cast<unsigned>(r.y); y < static_cast<unsigned>(r.bottom()) && !seen; ++y)
      for (auto x = static_cast<unsigned>(r.x); x < static_cast<unsigned>(r.right()) && !seen; ++x)
        seen = image.getPixel(x, y) == want;
    found += seen ? 1 : 0;
  }
  return found;
}

void expect_not_blank(unsigned width, unsigned height, const std::string& extra) {
  if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no X display: run through xvfb-run (ctest does)";
  const Picture p = screenshot(width, height, extra);
  ASSERT_TRUE(p.ok) << "no screenshot written";
  ASSERT_EQ(p.image.getSize().x, width);
  ASSERT_EQ(p.image.getSize().y, height);
  const Layout l = compute_layout(width, height);
  EXPECT_GE(distinct_colours(p.image, l.map), 12u) << "the map looks blank";
  EXPECT_GE(track_colours_present(p.image, l.map, 12), 3) << "no city coloured by its track";
  EXPECT_GE(track_colours_present(p.image, l.tracks, 12), 10) << "tracks panel missing colours";
  EXPECT_GE(distinct_colours(p.image, l.series), 6u) << "the time series look blank";
  EXPECT_GE(distinct_colours(p.image, l.levers), 4u) << "the ImGui levers did not draw";
}

TEST(Screenshot, DefaultExperimentAt1280x720IsNotBlank) {
  expect_not_blank(1280, 720, "");
}

TEST(Screenshot, LargeWindowWithPinnedCityIsNotBlank) {
  expect_not_blank(1920, 1080, "--pin 3");
}

TEST(Screenshot, ChinaMapDrawsOutlinesFilledByTrack) {
  if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no X display: run through xvfb-run (ctest does)";
  const Picture p = screenshot(1600, 900, "experiments/china.toml");
  ASSERT_TRUE(p.ok) << "no screenshot written";
  const Layout l = compute_layout(1600, 900);
  EXPECT_GE(distinct_colours(p.image, l.map), 12u) << "the map looks blank";
  EXPECT_GE(track_colours_present(p.image, l.map, 12), 3) << "no node coloured by its track";
  EXPECT_GE(track_colours_present(p.image, l.map, 12, true), 3)
      << "no city outline filled with the light shade of its track";
}

}  // namespace
}  // namespace regsim::visual
