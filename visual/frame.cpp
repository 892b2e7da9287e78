// One frame of the view.
#include "visual/frame.h"

#include <filesystem>

#include "visual/commands.h"
#include "visual/series_panel.h"
#include "visual/text.h"
#include "visual/tracks_panel.h"
#include "visual/ui.h"

namespace regsim::visual {

std::string load_fonts(Fonts& out) {
  out.regular_path = std::string(kFontDir) + "DejaVuSans.ttf";
  out.bold_path = std::string(kFontDir) + "DejaVuSans-Bold.ttf";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(out.regular_path, ec) ||
      !out.regular.loadFromFile(out.regular_path))
    return "font not found: " + out.regular_path +
           " (install it with: apt-get install fonts-dejavu-core)";
  if (!std::filesystem::is_regular_file(out.bold_path, ec) ||
      !out.bold.loadFromFile(out.bold_path)) {
    out.bold_path = out.regular_path;
    out.bold = out.regular;
  }
  return {};
}

BranchLines branch_lines(const Session& session) {
  BranchLines out;
  const Branch* b = session.branch();
  if (!b) return out;
  out.history = &b->history;
  out.at = b->at;
  for (const agents::ParamChange& c : session.changes_since_fork())
    out.this_label += cat(out.this_label.empty() ? "" : ", ", change_label(c));
  if (out.this_label.empty()) out.this_label = "this run (move a lever)";
  out.other_label = "levers as before";
  return out;
}

void draw_panels(sf::RenderTarget& target, const Fonts& fonts, const Theme& theme,
                 const Layout& layout, const Session& session, const ViewState& view,
                 const MapGeometry& map) {
  const Canvas cv{target, fonts.regular, fonts.bold, theme, layout};
  const Snapshot& shown = shown_snapshot(session, view);
  // After a fork the header says which branch the map shows, in its line's colour.
  MapNote note;
  if (session.branch())
    note = view.show_branch ? MapNote{"levers as before \xC2\xB7 B: this run", theme.branch}
                            : MapNote{"this run \xC2\xB7 B: other branch", theme.good};
  draw_map(cv, layout.map, shown, map, map_colours(shown, view.map), note, view.map_controls_width,
           view.hovered, view.pinned);
  draw_tracks(cv, layout.tracks, shown, shown_history(session, view));
  draw_series(cv, layout.series, session.history(), session.previous(), branch_lines(session));
}

void draw_ui(const Layout& layout, const UiFonts& fonts, Session& session, ViewState& view) {
  draw_top_bar(layout, fonts, session, view);
  draw_levers(layout, fonts, session, view);
  draw_map_controls(layout, fonts, session, view);
  const Snapshot& shown = shown_snapshot(session, view);
  if (view.pinned >= 0 && static_cast<std::size_t>(view.pinned) < shown.cities.size())
    draw_city_panel(layout, fonts, shown, view);
  else
    draw_ticker(layout, fonts, session, view);
  if (view.hovered >= 0 && view.hovered != view.pinned)
    draw_city_tooltip(fonts, shown, view.hovered);
  draw_help(layout, fonts, view);
}

}  // namespace regsim::visual
