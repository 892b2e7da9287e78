// Panel tables below the aggregates: cells.csv (city x track x year), firms.csv (firm x period),
// nodes.csv and graph.csv (the city graph). Columns are documented in docs/model.md section 10.
#pragma once

#include <functional>
#include <string>

#include "agents/model.h"

namespace regsim::experiments {

using LineFn = std::function<void(const std::string&)>;

std::string cells_csv_header();
/// One row per city and track for the year that just ended (call after the year's last tick).
void cells_csv_rows(const agents::Model& m, const LineFn& line);

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
