// One frame of the view: fonts, the SFML panels, and the ImGui windows on top.
#pragma once

#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <string>

#include "visual/controls.h"
#include "visual/imgui_sfml.h"
#include "visual/layout.h"
#include "visual/map_panel.h"
#include "visual/palette.h"
#include "visual/series_panel.h"
#include "visual/session.h"

namespace regsim::visual {

inline constexpr const char* kFontDir = "/usr/share/fonts/truetype/dejavu/";

/// DejaVu Sans (regular and bold) for SFML text; the paths are reused for the ImGui atlas.
struct Fonts {
  sf::Font regular, bold;
  std::string regular_path, bold_path;
};

/// Loads DejaVuSans.ttf (and -Bold when present) from kFontDir. Returns an error message naming
/// the missing file and the package to install, or "" on success.
std::string load_fonts(Fonts& out);

/// The fork's lines and legend words for the time-series panel (no history when not forked).
BranchLines branch_lines(const Session& session);
/// Draws the SFML panels (map, tracks, time series) for the current snapshot.
void draw_panels(sf::RenderTarget& target, const Fonts& fonts, const Theme& theme,
                 const Layout& layout, const Session& session, const ViewState& view,
                 const MapGeometry& map);
/// Builds the ImGui windows (call between ImGuiSfml::new_frame and render).
void draw_ui(const Layout& layout, const UiFonts& fonts, Session& session, ViewState& view);

}  // namespace regsim::visual
