// Renders the default experiment with `regsim-view --screenshot` and checks the picture: not
// blank, every map mode drawn with its colours and legend, the China map filling its panel, a
// fork's two branches on the charts (and their state hashes against headless runs).
// Opens a window, so ctest runs it under xvfb-run; without a display it skips.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SFML/Graphics/Image.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "visual/layout.h"
#include "visual/map_modes.h"
#include "visual/map_panel.h"
#include "visual/palette.h"
#include "visual/tracks_panel.h"

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
  // The process id keeps test runs in other worktrees (or ctest -j) from sharing the file.
  const fs::path png = fs::temp_directory_path() /
                       ("regsim_view_test_" + size + "_" + std::to_string(::getpid()) + ".png");
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
  if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no X display: ctest runs it on Xvfb";
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
  if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no X display: ctest runs it on Xvfb";
  const Picture p = screenshot(1600, 900, "experiments/china.toml");
  ASSERT_TRUE(p.ok) << "no screenshot written";
  const Layout l = compute_layout(1600, 900);
  EXPECT_GE(distinct_colours(p.image, l.map), 12u) << "the map looks blank";
  EXPECT_GE(track_colours_present(p.image, l.map, 12), 3) << "no node coloured by its track";
  EXPECT_GE(track_colours_present(p.image, l.map, 12, true), 3)
      << "no city outline filled with the light shade of its track";
}

/// Pixels in the rectangle for which `keep` is true.
template <class Keep>
int count_pixels(const sf::Image& image, const Rect& r, Keep keep) {
  int n = 0;
  for (auto y = static_cast<unsigned>(r.y); y < static_cast<unsigned>(r.bottom()); ++y)
    for (auto x = static_cast<unsigned>(r.x); x < static_cast<unsigned>(r.right()); ++x)
      n += keep(image.getPixel(x, y)) ? 1 : 0;
  return n;
}

bool present(const sf::Image& image, const Rect& r, sf::Color c) {
  return count_pixels(image, r, [&](sf::Color p) { return p == c; }) > 0;
}

/// The bounding box of everything drawn on the white panel inside `r`, as shares of its width
/// and height.
std::pair<float, float> drawn_extent(const sf::Image& image, const Rect& r) {
  const Theme theme;
  float x0 = r.right(), x1 = r.x, y0 = r.bottom(), y1 = r.y;
  for (auto y = static_cast<unsigned>(r.y); y < static_cast<unsigned>(r.bottom()); ++y)
    for (auto x = static_cast<unsigned>(r.x); x < static_cast<unsigned>(r.right()); ++x) {
      const sf::Color c = image.getPixel(x, y);
      if (std::abs(c.r - theme.panel.r) + std::abs(c.g - theme.panel.g) +
              std::abs(c.b - theme.panel.b) <
          30)
        continue;
      x0 = std::min(x0, static_cast<float>(x)), x1 = std::max(x1, static_cast<float>(x));
      y0 = std::min(y0, static_cast<float>(y)), y1 = std::max(y1, static_cast<float>(y));
    }
  return {std::max(0.0f, x1 - x0 + 1) / r.w, std::max(0.0f, y1 - y0 + 1) / r.h};
}

struct ModeShot {
  bool ok = false;  ///< a picture of the expected size was written
  sf::Image image;
  Rect plot, legend;
};

ModeShot mode_screenshot(const std::string& world, const std::string& mode, MapMode m,
                         bool real_map) {
  ModeShot shot;
  const Picture p = screenshot(1280, 720, world + " --map " + mode);
  EXPECT_TRUE(p.ok) << mode;
  shot.ok = p.ok && p.image.getSize() == sf::Vector2u(1280, 720);
  shot.image = p.image;
  const Layout l = compute_layout(1280, 720);
  shot.plot = map_plot_rect(l.map, l, real_map, m);
  const float h = map_legend_height(l, m);
  shot.legend = Rect{l.map.x, l.map.bottom() - h, l.map.w, h};
  return shot;
}

TEST(Screenshot, ListsModeShowsListingAndBuildingCitiesWithALegend) {
  if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no X display: ctest runs it on Xvfb";
  const ModeShot s = mode_screenshot("", "lists:low_altitude", MapMode::Lists, false);
  ASSERT_TRUE(s.ok);
  // The groups' colours (visual/map_modes.cpp).
  int in_map = 0, in_legend = 0;
  for (unsigned rgb : {0x004488u, 0x6699CCu, 0xDDAA33u, 0xA8A8A8u, 0xE6E6E6u}) {
    const sf::Color c(static_cast<sf::Uint8>(rgb >> 16), static_cast<sf::Uint8>(rgb >> 8 & 0xFF),
                      static_cast<sf::Uint8>(rgb & 0xFF));
    in_map += present(s.image, s.plot, c) ? 1 : 0;
    in_legend += present(s.image, s.legend, c) ? 1 : 0;
  }
  EXPECT_GE(in_map, 3) << "cities in at least three groups";
  EXPECT_EQ(in_legend, 5) << "a legend swatch for each group";
  EXPECT_LE(track_colours_present(s.image, s.plot, 12), 2) << "still coloured by main track?";
  EXPECT_GE(std::max(drawn_extent(s.image, s.plot).first, drawn_extent(s.image, s.plot).second),
            0.85f)
      << "the map is drawn small in its panel";
}

TEST(Screenshot, ContinuousModesShowTheirScaleOnTheMapAndInTheLegend) {
  if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no X display: ctest runs it on Xvfb";
  struct Case {
    const char* arg;
    MapMode mode;
    bool (*hue)(sf::Color);
  };
  const Case cases[] = {
      {"cu:low_altitude", MapMode::LocalCu,
       [](sf::Color c) { return c.r > c.b + 60 && c.r > c.g + 40; }},  // idle: red
      {"debt", MapMode::Debt,
       [](sf::Color c) { return c.r > 200 && c.g > c.b + 30 && c.r > c.b + 60; }},  // orange
      {"pressure", MapMode::Pressure,
       [](sf::Color c) { return c.b > c.g + 30 && c.r > c.g + 10; }},  // purple
  };
  for (const Case& k : cases) {
    const ModeShot s = mode_screenshot("", k.arg, k.mode, false);
    ASSERT_TRUE(s.ok);
    EXPECT_GE(count_pixels(s.image, s.plot, k.hue), 200) << k.arg << ": the scale's hue on the map";
    EXPECT_GE(count_pixels(s.image, s.legend, k.hue), 50) << k.arg << ": the gradient's hue";
    EXPECT_GE(distinct_colours(s.image, s.legend), 12u) << k.arg << ": no gradient in the legend";
    EXPECT_LE(track_colours_present(s.image, s.plot, 12), 2) << k.arg;
  }
}

TEST(Screenshot, ChinaMapFillsItsPanelWithSanshaInAnInset) {
  if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no X display: ctest runs it on Xvfb";
  const ModeShot s =
      mode_screenshot("experiments/china.toml", "lists:low_altitude", MapMode::Lists, true);
  ASSERT_TRUE(s.ok);
  const auto [w, h] = drawn_extent(s.image, s.plot);
  EXPECT_GE(std::max(w, h), 0.95f) << "the map should reach two sides of its plot";
  EXPECT_GE(std::min(w, h), 0.6f);
  EXPECT_GE(s.plot.w * s.plot.h,
            0.75f * compute_layout(1280, 720).map.w * compute_layout(1280, 720).map.h);
  // Painted share of the plot: 0.22 when Sansha's islands were inside the main map's box
  // (measured at 1280x720, year 10), 0.39 with them in the inset.
  const Theme theme;
  const int painted = count_pixels(s.image, s.plot, [&](sf::Color c) {
    return std::abs(c.r - theme.panel.r) + std::abs(c.g - theme.panel.g) +
               std::abs(c.b - theme.panel.b) >=
           30;
  });
  EXPECT_GE(static_cast<float>(painted) / (s.plot.w * s.plot.h), 0.32f);
  const int blue = count_pixels(s.image, s.plot, [](sf::Color c) { return c.b > c.r + 80; });
  EXPECT_GE(blue, 2000) << "provinces filled in the colours of the cities listing low_altitude";
}

/// Runs a command and returns what it printed on stdout.
std::string output_of(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, pipe)) out += buf;
  ::pclose(pipe);
  return out;
}

/// The `final_state_hash` of `regsim run CONFIG --set world.years=6` (built-in config when
/// CONFIG is empty).
std::string headless_hash(const std::string& config, const fs::path& out) {
  fs::remove_all(out);
  const std::string command = std::string(REGSIM_BINARY) + " run " + config + " --out " +
                              out.string() + " --set world.years=6 > /dev/null";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream manifest(out / "manifest.json");
  const std::string text((std::istreambuf_iterator<char>(manifest)), {});
  std::smatch m;
  fs::remove_all(out);
  return std::regex_search(text, m, std::regex("\"final_state_hash\": \"([0-9a-f]+)\""))
             ? m[1].str()
             : "missing";
}

TEST(Screenshot, ForkDrawsBothBranchesAndTheUnchangedOneIsTheHeadlessRun) {
  if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no X display: ctest runs it on Xvfb";
  const fs::path dir =
      fs::temp_directory_path() / ("regsim_view_fork_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // Fork at year 3 and unify the market in this run only; 24 ticks = the whole 6-year run.
  const std::string command =
      std::string(REGSIM_VIEW_BINARY) + " --set world.years=6 --fork 12:market.kappa=0" +
      " --state-hash --frames 8 --ticks-per-frame 3 --size 1280x720 --screenshot " +
      (dir / "fork.png").string() + " 2>/dev/null";
  const std::string printed = output_of(command);
  std::smatch run, branch;
  ASSERT_TRUE(std::regex_search(printed, run, std::regex("this_run tick 24 state_hash (\\w+)")))
      << printed;
  ASSERT_TRUE(std::regex_search(printed, branch, std::regex("branch tick 24 state_hash (\\w+)")))
      << printed;
  EXPECT_EQ(branch[1].str(), headless_hash("", dir / "plain"))
      << "the branch that kept the levers is the unforked run";
  const fs::path config = dir / "unify.toml";
  fs::copy_file(fs::path(REGSIM_SOURCE_DIR) / "experiments/baseline.toml", config);
  std::ofstream(config, std::ios::app)
      << "\n[[schedule]]\ntick = 12\nset = { \"market.kappa\" = 0.0 }\n";
  EXPECT_EQ(run[1].str(), headless_hash(config.string(), dir / "unify"))
      << "this run is the run with the lever scheduled at the fork's tick";
  sf::Image image;
  ASSERT_TRUE(image.loadFromFile((dir / "fork.png").string()));
  fs::remove_all(dir);
  const Layout l = compute_layout(1280, 720);
  const Theme theme;
  const auto near = [](sf::Color a, sf::Color b) {
    return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b) < 24;
  };
  EXPECT_GE(count_pixels(image, l.series, [&](sf::Color c) { return near(c, theme.branch); }), 150)
      << "the other branch's dashed line";
  EXPECT_GE(count_pixels(image, l.series, [&](sf::Color c) { return near(c, theme.good); }), 300)
      << "this run's line";
  EXPECT_GE(count_pixels(image, l.tracks, [&](sf::Color c) { return near(c, theme.cash_cost); }),
            30)
      << "the average plant's cash cost in the tracks' sparklines";
}

}  // namespace
}  // namespace regsim::visual

namespace regsim::visual {
namespace {

/// The sparkline of low_altitude (track 6) at year 10: under Cournot conduct with a steep
/// utilisation cost its glut has started a price war (the background shaded) and its price is
/// below the average plant's cash cost (the gap filled); competitive conduct has no war.
TEST(Screenshot, PriceWarAndPriceBelowCashCostAreShadedInTheSparkline) {
  if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no X display: ctest runs it on Xvfb";
  const Picture war =
      screenshot(1280, 720, "--set market.conduct=cournot --set market.util_cost=1");
  const Picture calm = screenshot(1280, 720, "--set market.conduct=competitive");
  ASSERT_TRUE(war.ok && calm.ok) << "no screenshot written";
  const Layout l = compute_layout(1280, 720);
  const Rect row = track_row(l, l.tracks, 12, 6);
  ASSERT_FALSE(compact_rows(l, row));
  const Rect spark = track_sparkline(l, row);
  const Theme th;
  const auto over = [](sf::Color top, int alpha, sf::Color under) {
    auto mix = [&](int a, int b) {
      return static_cast<sf::Uint8>((a * alpha + b * (255 - alpha)) / 255);
    };
    return sf::Color(mix(top.r, under.r), mix(top.g, under.g), mix(top.b, under.b));
  };
  const auto near = [](sf::Color a, sf::Color b) {
    return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b) < 12;
  };
  const sf::Color tint = over(th.warning, 90, th.bar_background);  // full war intensity
  const sf::Color gap = over(th.warning, 190, tint);               // below cost during the war
  const auto tinted = [&](sf::Color c) { return near(c, tint); };
  const auto filled = [&](sf::Color c) { return near(c, gap); };
  EXPECT_GE(count_pixels(war.image, spark, tinted), 100) << "the price war's shading";
  EXPECT_GE(count_pixels(war.image, spark, filled), 20) << "the price below the cash cost";
  // No shading under competitive conduct (war intensity is 0 in every tick); a stray antialiased
  // pixel of the price or cost lines can land near the tint's colour, so allow a few.
  EXPECT_LE(count_pixels(calm.image, spark, tinted), 4) << "no war under competitive conduct";
}

}  // namespace
}  // namespace regsim::visual
