// The series the view plots.
#include "visual/history.h"

#include "visual/commands.h"

namespace regsim::visual {

const char* series_title(Series s) {
  switch (s) {
    case Series::Cu:
      return "Utilisation";
    case Series::PriceIndex:
      return "Price index";
    case Series::Similarity:
      return "Similarity";
    case Series::ZombieShare:
      return "Zombies";
    case Series::SubsidyGdp:
      return "Subsidy/GDP";
    case Series::Welfare:
      return "Welfare";
  }
  return "?";
}

double series_value(const agents::NationalMetrics& m, Series s) {
  switch (s) {
    case Series::Cu:
      return m.cu;
    case Series::PriceIndex:
      return m.price_index;
    case Series::Similarity:
      return m.similarity;
    case Series::ZombieShare:
      return m.zombie_share;
    case Series::SubsidyGdp:
      return m.subsidy_gdp;
    case Series::Welfare:
      return m.welfare;
  }
  return 0.0;
}

void History::append(const Snapshot& s) {
  if (!s.stepped) return;
  total_ticks = s.total_ticks;
  national.push_back(s.national);
  track_price.resize(s.tracks.size());
  track_cost.resize(s.tracks.size());
  track_cash_cost.resize(s.tracks.size());
  track_war.resize(s.tracks.size());
  for (std::size_t k = 0; k < s.tracks.size(); ++k) {
    track_cash_cost[k].resize(national.size() - 1, s.tracks[k].cash_cost);
    track_cash_cost[k].push_back(s.tracks[k].cash_cost);
    track_war[k].resize(national.size() - 1, 0.0);
    track_war[k].push_back(s.tracks[k].war_intensity);
    track_price[k].resize(national.size() - 1, s.tracks[k].price);
    track_price[k].push_back(s.tracks[k].price);
    track_cost[k].resize(national.size() - 1, s.tracks[k].frontier_cost);
    track_cost[k].push_back(s.tracks[k].frontier_cost);
  }
  for (const auto& change : s.changes)
    marks.push_back(PolicyMark{change.tick, change_label(change)});
}

}  // namespace regsim::visual
