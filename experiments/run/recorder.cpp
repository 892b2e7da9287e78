// The output tables of a run, produced tick by tick (see recorder.h).
#include "experiments/run/recorder.h"

#include "experiments/run/panels.h"
#include "sim/csv.h"

namespace regsim::experiments {

const char* table_name(Table t) {
  switch (t) {
    case Table::Metrics:
      return "metrics";
    case Table::Tracks:
      return "tracks";
    case Table::Cities:
      return "cities";
    case Table::Cells:
      return "cells";
    case Table::Firms:
      return "firms";
    case Table::Nodes:
      return "nodes";
    case Table::Graph:
      return "graph";
    case Table::Count:
      break;
  }
  return "?";
}

void MemorySink::line(Table table, const std::string& text) {
  auto& out = text_[static_cast<std::size_t>(table)];
  out.append(text);
  out += '\n';
}

void MemorySink::lines(Table table, const std::string& text) {
  text_[static_cast<std::size_t>(table)].append(text);
}

void MemorySink::clear() {
  for (auto& t : text_) t.clear();
}

Recorder::Recorder(TableSink& sink, const agents::Model& m, bool headers)
    : sink_(sink), firms_(m.params.output.firms), firms_every_(m.params.output.firms_every) {
  track_cells_.reserve(m.params.tracks.size());
  for (const auto& t : m.params.tracks) track_cells_.push_back(sim::csv_cell(t.name));
  city_cells_.reserve(m.world.geo.names.size());
  for (const auto& name : m.world.geo.names) city_cells_.push_back(sim::csv_quoted(name));
  if (!headers) return;
  sink_.line(Table::Metrics, agents::national_csv_header());
  sink_.line(Table::Tracks, agents::track_csv_header());
  sink_.line(Table::Cities, agents::city_csv_header());
  sink_.line(Table::Cells, cells_csv_header());
  if (firms_) sink_.line(Table::Firms, firms_csv_header());
  sink_.line(Table::Nodes, nodes_csv_header());
  nodes_csv_rows(m, [this](const std::string& l) { sink_.line(Table::Nodes, l); });
  sink_.line(Table::Graph, graph_csv_header());
  graph_csv_rows(m, [this](const std::string& l) { sink_.line(Table::Graph, l); });
}

TickRows Recorder::take(const agents::Model& m) const {
  TickRows r;
  r.national = m.metrics.national;
  r.tracks = m.metrics.tracks;
  r.cities = m.metrics.cities;
  if (sim::is_planning_tick(m.world.tick))  // the tick just run closed a year
    r.cells = cell_rows(m);
  if (firms_ && m.world.tick % firms_every_ == 0)
    firms_csv_rows(m, [&r](const std::string& l) { r.firm_lines.push_back(l); });
  return r;
}

void Recorder::write(const TickRows& r) {
  row_.clear();
  agents::append_national_csv_row(row_, r.national);
  sink_.line(Table::Metrics, row_);
  for (std::size_t k = 0; k < r.tracks.size(); ++k) {
    row_.clear();
    agents::append_track_csv_row(row_, r.national.tick, track_cells_[k], r.tracks[k]);
    sink_.line(Table::Tracks, row_);
  }
  for (const auto& c : r.cities) {
    row_.clear();
    agents::append_city_csv_row(row_, c, city_cells_[static_cast<std::size_t>(c.city)]);
    sink_.line(Table::Cities, row_);
  }
  if (r.cells) {
    row_.clear();
    append_cells_csv_rows(row_, *r.cells);
    sink_.lines(Table::Cells, row_);
  }
  for (const auto& l : r.firm_lines) sink_.line(Table::Firms, l);
}

}  // namespace regsim::experiments
