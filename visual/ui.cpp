// The Dear ImGui parts of the view: top bar, levers, ticker and help (city details:
// city_panel.cpp).
#include "visual/ui.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "visual/events.h"
#include "visual/map_panel.h"
#include "visual/palette.h"
#include "visual/text.h"
#include "visual/ui_common.h"

namespace regsim::visual {

using namespace ui;

namespace {

std::string clock_text(const Snapshot& s) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "Year %d  Q%d", sim::year_of(s.tick),
                s.tick % sim::kTicksPerYear + 1);
  return buf;
}

void scenario_combo(ViewState& view, float width) {
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo("##scenario", view.scenario_label.c_str())) {
    for (std::size_t i = 0; i < view.scenarios.size(); ++i) {
      const Scenario& sc = view.scenarios[i];
      const bool selected = sc.label == view.scenario_label;
      const ImGuiSelectableFlags flags =
          sc.problem.empty() ? ImGuiSelectableFlags_None : ImGuiSelectableFlags_Disabled;
      if (ImGui::Selectable(sc.label.c_str(), selected, flags)) view.load_scenario = i;
      if (!sc.problem.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", sc.problem.c_str());
    }
    if (view.scenarios.empty()) ImGui::TextDisabled("no *.toml found under experiments/");
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Scenario: any *.toml under experiments/");
}

/// What a slider did this frame (read before anything else is drawn after it).
struct SliderState {
  bool changed = false, active = false, hovered = false, released_after_edit = false;
};

/// A slider with its value written to its right, not under its handle (the handle covered the
/// middle digits: "0▮50"). `value_w` is the room kept for the value text; slider and value take
/// `total_w` together, or the rest of the line when it is 0.
SliderState slider_with_value(const char* id, float* value, float lo, float hi, const char* format,
                              float value_w, float total_w = 0,
                              ImGuiSliderFlags flags = ImGuiSliderFlags_None) {
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float room = total_w > 0 ? total_w : ImGui::GetContentRegionAvail().x;
  ImGui::SetNextItemWidth(std::max(4.0f, room - value_w - spacing));
  SliderState st;
  st.changed = ImGui::SliderFloat(id, value, lo, hi, "", flags);
  st.active = ImGui::IsItemActive();
  st.hovered = ImGui::IsItemHovered();
  st.released_after_edit = ImGui::IsItemDeactivatedAfterEdit();
  ImGui::SameLine(0, spacing);
  ImGui::AlignTextToFramePadding();
  ImGui::Text(format, static_cast<double>(*value));
  return st;
}

void slider_lever(Session& session, ViewState& view, const Lever& lever) {
  float value = static_cast<float>(effective_value(session, view, lever.key));
  if (lever.at_restart) {
    const auto& values = session.restart_values();
    if (const auto it = values.find(lever.key); it != values.end())
      if (const auto* d = std::get_if<double>(&it->second)) value = static_cast<float>(*d);
  }
  const std::string id = "##" + lever.key;
  const SliderState st =
      slider_with_value(id.c_str(), &value, static_cast<float>(lever.min),
                        static_cast<float>(lever.max), "%.2f", ImGui::CalcTextSize("0.00").x);
  if (st.active) view.editing[lever.key] = value;
  if (st.hovered && !lever.help.empty()) ImGui::SetTooltip("%s", lever.help.c_str());
  if (!st.released_after_edit) return;
  view.editing.erase(lever.key);
  if (lever.at_restart) {
    session.set_restart_value(lever.key, round_slider_value(value));
    char shown[32];
    std::snprintf(shown, sizeof shown, "%.2f", round_slider_value(value));
    view.status = cat(lever.label, " = ", shown, " from the next restart (R or T)");
    view.status_is_error = false;
    return;
  }
  send_command(session, view,
               command_for_slider(session.table(), lever.key, value, session.snapshot().tick));
}

void switch_lever(Session& session, ViewState& view, const Lever& lever) {
  bool on = effective_value(session, view, lever.key) >= 0.5;
  const std::string id = "##" + lever.key;
  if (ImGui::Checkbox(id.c_str(), &on))
    send_command(session, view,
                 command_for_switch(session.table(), lever.key, on, session.snapshot().tick));
  help_marker(lever.help);
  ImGui::SameLine();
  ImGui::TextUnformatted(on ? "on" : "off");
}

void choice_lever(Session& session, ViewState& view, const Lever& lever) {
  const auto current = static_cast<std::size_t>(
      std::max(0.0, std::round(effective_value(session, view, lever.key))));
  const std::string shown = current < lever.choices.size() ? lever.choices[current] : "?";
  ImGui::SetNextItemWidth(-1);
  const std::string id = "##" + lever.key;
  if (ImGui::BeginCombo(id.c_str(), shown.c_str())) {
    for (std::size_t i = 0; i < lever.choices.size(); ++i)
      if (ImGui::Selectable(lever.choices[i].c_str(), i == current) && i != current)
        send_command(session, view,
                     command_for_choice(session.table(), lever.key, lever.choices[i],
                                        session.snapshot().tick));
    ImGui::EndCombo();
  }
  help_marker(lever.help);
}

void hot_track_row(Session& session, ViewState& view) {
  const auto& tracks = session.snapshot().tracks;
  if (tracks.empty()) return;
  view.hot_track = std::clamp(view.hot_track, 0, static_cast<int>(tracks.size()) - 1);
  const float button_w = ImGui::CalcTextSize("Announce").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - button_w -
                          ImGui::GetStyle().ItemSpacing.x);
  const auto& current = tracks[static_cast<std::size_t>(view.hot_track)];
  if (ImGui::BeginCombo("##hot_track", current.name.c_str())) {
    for (std::size_t k = 0; k < tracks.size(); ++k) {
      swatch(track_colour(k));
      ImGui::SameLine();
      if (ImGui::Selectable(tracks[k].name.c_str(), static_cast<int>(k) == view.hot_track))
        view.hot_track = static_cast<int>(k);
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A track the centre can announce as hot");
  ImGui::SameLine();
  if (ImGui::Button("Announce")) perform(Action::AnnounceHotTrack, session, view);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The centre endorses this track now (signal = 1). Key: A");
}

const char* kind_tag(EventKind k) {
  switch (k) {
    case EventKind::Policy:
      return "\xE2\x96\xB6";
    case EventKind::Listing:
      return "+";
    case EventKind::Bankruptcy:
      return "\xC3\x97";
    case EventKind::Bailout:
      return "Z";
    case EventKind::Official:
      return "\xE2\x86\x91";
    case EventKind::Market:
      return "!";
  }
  return " ";
}
}  // namespace

void apply_ui_style(float scale) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 3;
  style.FrameRounding = 3;
  style.GrabRounding = 3;
  style.WindowBorderSize = 1;
  style.FrameBorderSize = 1;
  style.ScaleAllSizes(scale);
  style.GrabMinSize = 14 * scale;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
  style.Colors[ImGuiCol_PopupBg] = ImVec4(1, 1, 0.98f, 0.98f);
  style.Colors[ImGuiCol_Border] = ImVec4(0.78f, 0.78f, 0.77f, 1);
  style.Colors[ImGuiCol_Text] = ImVec4(0.08f, 0.08f, 0.08f, 1);
  // Secondary text dark enough for a projector (about 6:1 on white; ImGui's default is 2.8:1).
  style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.38f, 0.38f, 0.38f, 1);
  style.Colors[ImGuiCol_FrameBg] = ImVec4(0.93f, 0.93f, 0.91f, 1);
  style.Colors[ImGuiCol_SliderGrab] = colour4(Theme{}.good);
  style.Colors[ImGuiCol_CheckMark] = colour4(Theme{}.good);
  style.Colors[ImGuiCol_Button] = ImVec4(0.86f, 0.90f, 0.95f, 1);
}

void draw_top_bar(const Layout& l, const UiFonts& f, Session& session, ViewState& view) {
  place(l.top_bar);
  ImGui::Begin("##top", nullptr, kPanelFlags | ImGuiWindowFlags_NoScrollbar);
  const Snapshot& s = session.snapshot();
  ImGui::PushFont(f.title);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("regsim live");
  ImGui::PopFont();
  ImGui::SameLine(0, 2 * l.pad);
  const float button_w = ImGui::CalcTextSize("Pause").x + 2 * ImGui::GetStyle().FramePadding.x;
  if (ImGui::Button(view.paused ? "Play" : "Pause", ImVec2(button_w, 0)))
    perform(Action::TogglePause, session, view);
  ImGui::SameLine();
  if (ImGui::Button("Step")) perform(Action::Step, session, view);
  ImGui::SameLine();
  float speed = static_cast<float>(view.ticks_per_second);
  const float speed_text_w = ImGui::CalcTextSize("40.0 quarters/s").x;
  const SliderState st = slider_with_value(
      "##speed", &speed, static_cast<float>(kMinSpeed), static_cast<float>(kMaxSpeed),
      "%.1f quarters/s", speed_text_w, 6 * l.font_px + speed_text_w, ImGuiSliderFlags_Logarithmic);
  if (st.changed) view.ticks_per_second = speed;
  if (st.hovered) ImGui::SetTooltip("Speed: quarters simulated per second (+ / -)");
  ImGui::SameLine();
  if (ImGui::Button("New seed")) perform(Action::RestartNewSeed, session, view);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Restart with seed %llu (R)",
                      static_cast<unsigned long long>(session.seed() + 1));
  ImGui::SameLine();
  if (ImGui::Button("Same seed")) perform(Action::RestartSameSeed, session, view);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Restart the same world with the levers as set now (T)");
  ImGui::SameLine();
  if (ImGui::Button(session.branch() ? "End fork" : "Fork")) perform(Action::Fork, session, view);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(session.branch()
                          ? "End the comparison: this run goes on, the dashed branch is dropped (F)"
                          : "Save the state now and run a second branch beside this one: move a "
                            "lever, and the dashed line shows the levers as they were (F)");
  ImGui::SameLine();
  scenario_combo(view, 13 * l.font_px);
  ImGui::SameLine(0, 2 * l.pad);
  ImGui::PushFont(f.title);
  ImGui::TextUnformatted(clock_text(s).c_str());
  ImGui::PopFont();
  const float help_w = ImGui::CalcTextSize("Help (H)").x + 2 * ImGui::GetStyle().FramePadding.x;
  char detail[96];
  std::snprintf(detail, sizeof detail, "tick %d/%d \xC2\xB7 seed %llu", s.tick, s.total_ticks,
                static_cast<unsigned long long>(session.seed()));
  const float room =
      l.top_bar.w - help_w - 3 * l.pad - (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x);
  if (ImGui::CalcTextSize(detail).x > room)
    std::snprintf(detail, sizeof detail, "tick %d/%d", s.tick, s.total_ticks);
  if (ImGui::CalcTextSize(detail).x <= room) {
    ImGui::SameLine(0, l.pad);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", detail);
  }
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), l.top_bar.w - help_w - 2 * l.pad));
  if (ImGui::Button("Help (H)")) perform(Action::ToggleHelp, session, view);
  ImGui::End();
}

void draw_levers(const Layout& l, const UiFonts& f, Session& session, ViewState& view) {
  place(l.levers);
  ImGui::Begin("##levers", nullptr, kPanelFlags);
  title(f, "Levers");
  ImGui::SameLine();
  ImGui::TextDisabled("(hover for meaning)");
  const float label_w =
      ImGui::CalcTextSize("Heterogeneity \xCF\x83 ").x + ImGui::GetStyle().WindowPadding.x;
  for (const Lever& lever : classroom_levers(session.table())) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(lever.label.c_str());
    help_marker(lever.help);
    ImGui::SameLine(label_w);
    switch (lever.kind) {
      case LeverKind::Slider:
        slider_lever(session, view, lever);
        break;
      case LeverKind::Switch:
        switch_lever(session, view, lever);
        break;
      case LeverKind::Choice:
        choice_lever(session, view, lever);
        break;
    }
  }
  hot_track_row(session, view);
  if (!session.pending().empty())
    ImGui::TextDisabled("%zu change(s) apply at the next tick", session.pending().size());
  if (!view.status.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, view.status_is_error ? colour4(Theme{}.warning)
                                                              : colour4(Theme{}.muted_text));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(view.status.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  ImGui::End();
}

void draw_ticker(const Layout& l, const UiFonts& f, const Session& session, ViewState& view) {
  place(l.ticker);
  ImGui::Begin("##ticker", nullptr, kPanelFlags);
  title(f, "News");
  ImGui::PushFont(f.small);
  const auto& snap = session.snapshot();
  for (std::size_t i = 0; i < session.events().size(); ++i) {
    const TickerEvent& e = session.events()[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TextDisabled("%s", tick_label(e.tick).c_str());
    ImGui::SameLine();
    if (e.track >= 0) {
      swatch(track_colour(static_cast<std::size_t>(e.track)));
      ImGui::SameLine();
    } else {
      ImGui::TextUnformatted(kind_tag(e.kind));
      ImGui::SameLine();
    }
    const bool warn = e.kind == EventKind::Bankruptcy || e.kind == EventKind::Bailout ||
                      e.kind == EventKind::Market;
    if (warn) ImGui::PushStyleColor(ImGuiCol_Text, colour4(Theme{}.warning));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(e.text.c_str());
    ImGui::PopTextWrapPos();
    if (warn) ImGui::PopStyleColor();
    if (e.city >= 0 && static_cast<std::size_t>(e.city) < snap.cities.size() &&
        ImGui::IsItemClicked())
      view.pinned = e.city;
    ImGui::PopID();
  }
  if (session.events().empty()) ImGui::TextDisabled("Events appear here as the run goes.");
  ImGui::PopFont();
  ImGui::End();
}
namespace {

void column_combo(const Snapshot& s, MapChoice& map, float width) {
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo("##map_column", map.column.c_str())) {
    for (const ColumnSnap& c : s.columns)
      if (ImGui::Selectable(c.name.c_str(), c.name == map.column)) map.column = c.name;
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("A per-city column of the model's state (docs/model.md names them)");
}

void track_combo(const std::vector<TrackSnap>& tracks, MapChoice& map, float width) {
  map.track = std::clamp(map.track, 0, static_cast<int>(tracks.size()) - 1);
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo("##map_track", tracks[static_cast<std::size_t>(map.track)].name.c_str())) {
    for (std::size_t k = 0; k < tracks.size(); ++k) {
      swatch(track_colour(k));
      ImGui::SameLine();
      if (ImGui::Selectable(tracks[k].name.c_str(), static_cast<int>(k) == map.track))
        map.track = static_cast<int>(k);
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The track the map shows (, and .)");
}

}  // namespace

void draw_map_controls(const Layout& l, const UiFonts& f, const Session& session, ViewState& view) {
  const Snapshot& s = session.snapshot();
  ImGui::PushFont(f.small);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float arrow = ImGui::GetFrameHeight() + 2 * style.FramePadding.x;
  float mode_w = 0, track_w = 0, column_w = 0;
  for (int i = 0; i < kMapModeCount; ++i)
    mode_w = std::max(mode_w, ImGui::CalcTextSize(map_mode_label(static_cast<MapMode>(i))).x);
  for (const TrackSnap& t : s.tracks)
    track_w = std::max(track_w, ImGui::CalcTextSize(t.name.c_str()).x);
  mode_w += arrow, track_w += arrow;
  const bool with_column = view.map.mode == MapMode::Column && !s.columns.empty();
  const bool with_track = map_needs_track(s, view.map) && !s.tracks.empty();
  float w = mode_w + 2 * style.WindowPadding.x;
  if (with_track) w += track_w + style.ItemSpacing.x;
  if (with_column) {  // as wide as the panel leaves, at most the longest name
    for (const ColumnSnap& c : s.columns)
      column_w = std::max(column_w, ImGui::CalcTextSize(c.name.c_str()).x + arrow);
    column_w = std::clamp(l.map.w - w - 5 * l.font_px, 6 * l.font_px, column_w);
    w += column_w + style.ItemSpacing.x;
  }
  view.map_controls_width = w;
  ImGui::SetNextWindowPos(ImVec2(l.map.right() - w - 0.5f * l.pad, l.map.y + 0.35f * l.pad));
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  ImGui::SetNextWindowBgAlpha(0);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  ImGui::Begin("##map_mode", nullptr, kPanelFlags | ImGuiWindowFlags_NoScrollbar);
  ImGui::SetNextItemWidth(mode_w);
  if (ImGui::BeginCombo("##mode", map_mode_label(view.map.mode))) {
    for (int i = 0; i < kMapModeCount; ++i) {
      const auto m = static_cast<MapMode>(i);
      if (ImGui::Selectable(map_mode_label(m), m == view.map.mode)) view.map.mode = m;
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("What the map's colours show (M / Shift+M)");
  if (with_column) {
    ImGui::SameLine();
    column_combo(s, view.map, column_w);
  }
  if (with_track) {
    ImGui::SameLine();
    track_combo(s.tracks, view.map, track_w);
  }
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopFont();
}

void draw_help(const Layout& l, const UiFonts& f, ViewState& view) {
  if (!view.show_help) return;
  const float w = static_cast<float>(l.width), h = static_cast<float>(l.height);
  const ImVec2 size(std::min(w * 0.7f, 44 * l.font_px), 0);
  ImGui::SetNextWindowPos(ImVec2(w * 0.5f, h * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.97f);
  ImGui::Begin("##help", nullptr, kPanelFlags | ImGuiWindowFlags_AlwaysAutoResize);
  title(f, "Keyboard shortcuts");
  if (ImGui::BeginTable("shortcuts", 2)) {
    for (const Shortcut& s : shortcut_list()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushFont(f.title);
      ImGui::TextUnformatted(s.keys);
      ImGui::PopFont();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(s.description);
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  title(f, "Reading the view");
  ImGui::BulletText("Map: colour = the city's largest track, size = GDP. M changes the colouring.");
  ImGui::BulletText(
      "Red-orange ring = idle capacity (city CU below 70%%); glow = 20%%+ zombie firms.");
  ImGui::BulletText("Links fade when friction \xCE\xBA cuts spillovers between provinces.");
  ImGui::BulletText("Tracks: capacity bar vs demand tick; striped = capacity beyond demand.");
  ImGui::BulletText(
      "Sparkline: price (solid), best-practice cost (dashed), average plant's cash cost (dotted).");
  ImGui::BulletText("\xE2\x98\x85 after a track's name: the centre endorses it (signal 1).");
  ImGui::BulletText("Charts: dashed vertical lines mark policy changes; grey = previous run.");
  ImGui::BulletText("Fork (F): dashed purple = the other branch, with the levers as they were.");
  ImGui::TextDisabled("Press H or Esc to close.");
  ImGui::End();
}

}  // namespace regsim::visual
