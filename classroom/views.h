// The JSON each page reads: the lobby, a student's city, the projector, the teacher's panel and
// the debrief. Built from the Game under the server's lock; nlohmann_json stays in views.cpp.
#pragma once

#include <string>

#include "classroom/game.h"

namespace regsim::classroom {

/// Session status: version, stage, year, timer, submissions (small; sent on every poll). Every
/// polled endpoint answers {"status": status_json, "data": its view, or null when unchanged}.
std::string status_json(const Game& game, double now);
/// Free and held cities with their positions, for the join page.
std::string lobby_json(const Game& game);
/// Everything a student's page shows: their city, its province's tournament, the tracks, the
/// limits of this year's choice, their submission and the news.
std::string student_json(const Game& game, const Seat& seat);
/// The projector's charts, map, tracks and news (without the status; see status_json).
std::string projector_json(const Game& game);
/// The teacher's panel: join code, seats, levers with their values, pace and timer.
std::string teacher_json(const Game& game, const std::string& join_code);
/// The debrief (a preview while the session runs).
std::string debrief_json(const Game& game);

}  // namespace regsim::classroom
