// The output tables of a run, produced tick by tick (see recorder.h).
#include "experiments/run/recorder.h"

namespace regsim::experiments {

const char* table_name(Table t) {
  switch (t) {
    case Table::Metrics:
      return "metrics";
    case Table::Tracks:
      return "tracks";
    case Table::Cities:
      return "cities";
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

void MemorySink::clear() {
  for (auto& t : text_) t.clear();
}

Recorder::Recorder(TableSink& sink) : sink_(sink) {
  sink_.line(Table::Metrics, agents::national_csv_header());
  sink_.line(Table::Tracks, agents::track_csv_header());
  sink_.line(Table::Cities, agents::city_csv_header());
}

void Recorder::record_tick(const agents::Model& m) {
  sink_.line(Table::Metrics, agents::national_csv_row(m.metrics.national));
  for (std::size_t k = 0; k < m.metrics.tracks.size(); ++k)
    sink_.line(Table::Tracks, agents::track_csv_row(m.metrics.national.tick,
                                                    m.params.tracks[k].name, m.metrics.tracks[k]));
  for (const auto& c : m.metrics.cities)
    sink_.line(Table::Cities,
               agents::city_csv_row(c, m.world.geo.names[static_cast<std::size_t>(c.city)]));
}

}  // namespace regsim::experiments
