// What a student sees of their city, and the figures the debrief compares: plain values read
// from a model, no JSON.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "agents/model.h"

namespace regsim::classroom {

/// A city's firms on one track.
struct TrackCell {
  int track = 0;
  double capacity = 0, output = 0, cu = 0;  ///< units per quarter; cu = output / capacity
  int firms = 0, zombies = 0, losing = 0;   ///< losing: a loss last quarter
  bool listed = false;
};

/// Where a city stands in its province's promotion tournament (last evaluation's score).
struct ProvinceRank {
  int rank = 1;   ///< 1 = best score in the province; ties share the better rank
  int peers = 1;  ///< cities in the province, the city included
};
ProvinceRank province_rank(const sim::World& w, std::size_t city);

struct CityReport {
  std::size_t city = 0;
  std::string name, zone;
  int province = 0;
  double gdp_quarter = 0, gdp_last_year = 0, gdp_growth = 0;  ///< growth of the last full year
  double debt = 0, debt_to_gdp = 0;  ///< debt over annualised GDP of the last quarter
  double debt_room = 1;              ///< 1 = may subsidise and bail out fully, 0 = at the cap
  double subsidy_rate = 0, protection = 0, pressure = 0, score = 0;
  ProvinceRank rank;
  double official_age = 0;
  int official_tenure = 0, promotions = 0;
  bool promoted_last = false;  ///< the official was promoted at the last evaluation
  int firms = 0, zombies = 0;
  double idle_value = 0;      ///< idle plant (capacity - output) valued at current capex per unit
  double capacity_value = 0;  ///< all active plant valued the same way
  std::vector<TrackCell> cells;  ///< tracks with capacity or listed, in track order
};
CityReport city_report(const agents::Model& m, std::size_t city);

/// Index of the track with the largest output in a city, -1 when it produces nothing.
int dominant_track(const sim::World& w, std::size_t city);

}  // namespace regsim::classroom
