// The human text of a run: the closing summary and the phase profile table.
#include "experiments/run/report.h"

#include <algorithm>
#include <cstdio>

namespace regsim::experiments {

std::string format_summary(const RunSummary& s) {
  char buf[512];
  std::string out;
  std::snprintf(buf, sizeof buf,
                "years %d (%d ticks) in %.2f s\n"
                "final capacity utilisation  %.1f%% (lowest %.1f%%)\n"
                "structural similarity       %.3f   priority-list Jaccard %.3f\n"
                "zombie share of firms       %.1f%%   firms %d\n"
                "mean welfare per quarter    %.1f\n"
                "price index (ref = 1)       %.3f\n",
                s.years, s.ticks, s.wall_seconds, 100 * s.final_cu, 100 * s.min_cu,
                s.final_similarity, s.final_jaccard, 100 * s.final_zombie_share, s.final_firms,
                s.mean_welfare, s.final_price_index);
  out += buf;
  out += "hottest track " + s.hottest_track + ": yearly price";
  for (std::size_t y = 0; y < s.hottest_prices.size(); y += 3) {
    std::snprintf(buf, sizeof buf, " %.2f", s.hottest_prices[y]);
    out += buf;
  }
  out += " (every 3rd year)\n";
  return out;
}

std::string format_profile(const agents::PhaseProfile& p, int ticks, double wall_seconds) {
  char buf[160];
  std::string out = "phase                      seconds   share   ms/tick\n";
  auto line = [&](const char* name, double sec) {
    std::snprintf(buf, sizeof buf, "%-24s %9.3f  %5.1f%%  %8.3f\n", name, sec,
                  wall_seconds > 0 ? 100 * sec / wall_seconds : 0.0,
                  ticks > 0 ? 1000 * sec / ticks : 0.0);
    out += buf;
  };
  line("world construction", p.init_seconds);
  double total = p.init_seconds;
  for (std::size_t i = 0; i < agents::PhaseProfile::kPhases; ++i) {
    line(agents::PhaseProfile::name(i), p.seconds[i]);
    total += p.seconds[i];
  }
  line("outputs and other", std::max(0.0, wall_seconds - total));
  line("total (wall)", wall_seconds);
  return out;
}

}  // namespace regsim::experiments
