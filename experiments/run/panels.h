// Panel tables below the aggregates: cells.csv (city x track x year), firms.csv (firm x period),
// nodes.csv and graph.csv (the city graph). Columns are documented in docs/model.md section 10.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "agents/model.h"

namespace regsim::experiments {

using LineFn = std::function<void(const std::string&)>;

std::string cells_csv_header();
/// What the cells.csv rows of a year hold, copied out of the model (per cell, city-major), so
/// that they can be formatted while the model steps on.
struct CellRows {
  int year = 0;
  std::size_t cities = 0;
  std::vector<std::string> tracks;  ///< track names, as CSV cells
  std::vector<std::uint8_t> listed;
  std::vector<double> capacity, pipeline, output, price, subsidies, log_endowment, log_knowledge;
  std::vector<int> firms, entries, exits, zombies;
};
/// The cells.csv rows of the year that just ended (call after the year's last tick).
CellRows cell_rows(const agents::Model& m);
/// One row per city and track of `c`, appended to `text`, each ending in a newline.
void append_cells_csv_rows(std::string& text, const CellRows& c);

std::string firms_csv_header();
/// One row per live firm at the tick just run.
void firms_csv_rows(const agents::Model& m, const LineFn& line);

std::string nodes_csv_header();
/// One row per city: position, province, zone, size.
void nodes_csv_rows(const agents::Model& m, const LineFn& line);

std::string graph_csv_header();
/// One row per ordered pair of cities linked by an edge or within the spillover range.
void graph_csv_rows(const agents::Model& m, const LineFn& line);

}  // namespace regsim::experiments
