// The Dear ImGui parts of the view: top bar, levers, ticker, city tooltip and detail, help.
#pragma once

#include "visual/controls.h"
#include "visual/imgui_sfml.h"
#include "visual/layout.h"
#include "visual/session.h"

namespace regsim::visual {

/// Light ImGui style with sizes scaled for the window (call after rebuilding the fonts).
void apply_ui_style(float scale);

void draw_top_bar(const Layout& l, const UiFonts& f, Session& session, ViewState& view);
void draw_levers(const Layout& l, const UiFonts& f, Session& session, ViewState& view);
void draw_ticker(const Layout& l, const UiFonts& f, const Session& session, ViewState& view);
void draw_city_tooltip(const UiFonts& f, const Snapshot& s, int city);
void draw_city_panel(const Layout& l, const UiFonts& f, const Snapshot& s, ViewState& view);
void draw_help(const Layout& l, const UiFonts& f, ViewState& view);
/// The map mode menu (and the track menu of the modes about one track) in the map's header.
void draw_map_controls(const Layout& l, const UiFonts& f, const Session& session, ViewState& view);

}  // namespace regsim::visual
