// What the map's colours mean: the main track (the default), which cities list and build a track,
// the utilisation of one track in each city, local debt, the officials' promotion pressure, or
// any per-city column of the model's state. Pure functions of a Snapshot (no drawing), so the
// colours and legends can be tested.
#pragma once

#include <SFML/Graphics/Color.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "visual/snapshot.h"

namespace regsim::visual {

enum class MapMode { MainTrack, Lists, LocalCu, Debt, Pressure, Column };
inline constexpr int kMapModeCount = 6;

/// What the map shows: the mode, the track of the modes about one track (and of per-cell
/// columns), and the column of the "State column" mode. View state: it survives restarts.
struct MapChoice {
  MapMode mode = MapMode::MainTrack;
  int track = 0;
  std::string column = "cities.subsidy_rate";
};

/// The name in the menu ("Main track", "Who lists / builds", ...).
const char* map_mode_label(MapMode m);
/// The word of --map ("track", "lists", "cu", "debt", "pressure", "column").
const char* map_mode_key(MapMode m);
/// Modes about one chosen track (the column mode only for per-cell columns: map_needs_track).
bool map_mode_uses_track(MapMode m);
/// Whether the choice needs a track: a mode about one track, or a per-cell column.
bool map_needs_track(const Snapshot& s, const MapChoice& choice);
MapMode next_map_mode(MapMode m, int step);

/// A --map value: MODE, MODE:TRACK (e.g. "lists:low_altitude"), column:NAME or
/// column:NAME:TRACK (e.g. "column:cities.debt", "column:cities.cell_capacity:pv"), applied to
/// `choice` (what it does not name stays). Returns false with `error` set when it names no mode,
/// track or column of this world.
bool parse_map_mode(const std::string& text, const Snapshot& s, MapChoice& choice,
                    std::string& error);

/// One category of a legend: a swatch, its label and how many cities are in it (-1: not counted).
struct LegendEntry {
  sf::Color colour;
  std::string label;
  int count = -1;
};

/// A continuous colour scale: colours at values, labelled at some of them.
struct Gradient {
  std::vector<std::pair<double, sf::Color>> stops;  ///< increasing values
  std::vector<std::pair<double, std::string>> ticks;
  std::string note;              ///< what the scale's ends mean, beside the tick labels
  sf::Color at(double v) const;  ///< clamped to the end stops
  double lo() const { return stops.empty() ? 0.0 : stops.front().first; }
  double hi() const { return stops.empty() ? 1.0 : stops.back().first; }
};

struct MapColours {
  MapMode mode = MapMode::MainTrack;
  std::vector<sf::Color> city;       ///< one per city
  std::string caption;               ///< what the colours show ("Debt / annual GDP")
  std::optional<Gradient> gradient;  ///< continuous modes
  std::vector<LegendEntry> entries;  ///< categories (after the gradient, if any)
  bool warnings = false;             ///< idle rings and zombie glows (main-track mode only)
};

/// Idle threshold of the local-utilisation scale (the centre of its diverging colours).
inline constexpr double kMapIdleCu = 0.7;
/// Lower end of the local-utilisation scale; lower values get its colour.
inline constexpr double kMapCuFloor = 0.4;

/// The colour of every city for `choice` (its track is clamped to the world's; an unknown column
/// shows as the main track).
MapColours map_colours(const Snapshot& s, const MapChoice& choice);

}  // namespace regsim::visual
