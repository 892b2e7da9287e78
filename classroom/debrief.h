// The end-of-session debrief: each student's city against the same city governed by the model's
// own rules (the shadow world), promotions, the idle capacity the class built, and the national
// picture of both worlds. Plain values; views.cpp turns them into JSON.
#pragma once

#include <string>
#include <vector>

#include "classroom/game.h"

namespace regsim::classroom {

/// One city in one world over the session.
struct CityOutcome {
  double mean_growth = 0;  ///< mean annual GDP growth over the session's completed years
  double gdp_last_year = 0, debt_to_gdp = 0, subsidies = 0;  ///< subsidies: paid, whole session
  double idle_value = 0, idle_share = 0;  ///< idle plant at capex, and as share of all plant
  int rank = 1, peers = 1, promotions = 0, zombies = 0, firms = 0;
  std::vector<std::string> tracks;  ///< priority list in force at the end
};

struct StudentOutcome {
  std::string student, city_name;
  std::size_t city = 0;
  int province = 0;
  int submissions = 0;
  CityOutcome with_student, with_model;
};

/// The national picture of one world over the session.
struct WorldOutcome {
  double final_cu = 0, min_cu = 1, final_price_index = 0, final_zombie_share = 0;
  double final_overcapacity = 0, peak_crowding = 0, welfare = 0;  ///< welfare summed over ticks
  int promoted = 0;  ///< promotions of all officials during the session
};

struct Debrief {
  bool final = false;  ///< the session has ended (otherwise a preview for the teacher)
  int years = 0;       ///< completed years
  std::vector<StudentOutcome> students;               ///< cities held at the end, best growth first
  double class_idle_value = 0, model_idle_value = 0;  ///< over the students' cities
  int class_promotions = 0, model_promotions = 0;     ///< in the students' cities
  WorldOutcome with_class, with_model;
};

Debrief make_debrief(const Game& game);

}  // namespace regsim::classroom
