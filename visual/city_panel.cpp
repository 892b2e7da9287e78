// The city details of the view: the tooltip over the map and the pinned panel that takes the
// place of the News panel.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "visual/map_panel.h"
#include "visual/ui.h"
#include "visual/ui_common.h"

namespace regsim::visual {

using namespace ui;

namespace {

std::string money(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

/// Priority tracks as colour swatches with names, two to a line.
void priority_list(const Snapshot& s, const CitySnap& c) {
  ImGui::TextUnformatted("Priorities:");
  if (c.priorities.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("none");
    return;
  }
  for (std::size_t i = 0; i < c.priorities.size(); ++i) {
    const auto k = static_cast<std::size_t>(c.priorities[i]);
    if (i % 2 == 1) ImGui::SameLine(0, ImGui::GetFontSize());
    swatch(track_colour(k));
    ImGui::SameLine();
    ImGui::TextUnformatted(s.tracks[k].name.c_str());
  }
}

void city_lines(const UiFonts& f, const Snapshot& s, std::size_t city, bool full) {
  const CitySnap& c = s.cities[city];
  ImGui::PushFont(f.title);
  ImGui::TextUnformatted(c.name.c_str());
  ImGui::PopFont();
  ImGui::TextDisabled("%s", city_ids_text(s, city).c_str());
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The city and province columns of cities.csv (counting from 0)");
  if (full) ImGui::Text("%s zone", c.zone.c_str());
  const double gdp_year = c.gdp_last_year > 0 ? c.gdp_last_year : 4 * c.gdp_quarter;
  if (c.gdp_prev_year > 0 && c.gdp_last_year > 0)
    ImGui::Text("GDP %s a year (%+.1f%%)", money(gdp_year).c_str(),
                100.0 * (c.gdp_last_year / c.gdp_prev_year - 1.0));
  else
    ImGui::Text("GDP %s a year", money(gdp_year).c_str());
  ImGui::Text("Debt %.0f%% of GDP", gdp_year > 0 ? 100.0 * c.debt / gdp_year : 0.0);
  if (c.cu >= 0) {
    const bool idle = c.cu < kIdleCu;
    if (idle) ImGui::PushStyleColor(ImGuiCol_Text, colour4(Theme{}.warning));
    ImGui::Text("Utilisation %.0f%%%s", 100.0 * c.cu, idle ? " (idle)" : "");
    if (idle) ImGui::PopStyleColor();
  }
  ImGui::Text("%d firms, %d zombies", c.firms, c.zombies);
  priority_list(s, c);
  if (!full) {
    ImGui::Text("Official: %d year%s in post", c.official_tenure,
                c.official_tenure == 1 ? "" : "s");
    return;
  }
  ImGui::Text("Official aged %.0f,", c.official_age);
  ImGui::Text("%d year%s in post", c.official_tenure, c.official_tenure == 1 ? "" : "s");
  ImGui::Text("Promotion pressure %.2f", c.pressure);
  ImGui::Text("%d officials promoted so far", c.promotions_total);
  ImGui::Text("Subsidy %.0f%% of capex", 100.0 * c.subsidy_rate);
  ImGui::Text("Protection %.2f", c.protection);
}

/// Output by track as horizontal bars in track colours, largest first (at most six).
void output_bars(const Snapshot& s, const CitySnap& c) {
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < c.output_by_track.size(); ++k)
    if (c.output_by_track[k] > 0) order.push_back(k);
  if (order.empty()) return;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return c.output_by_track[a] > c.output_by_track[b];
  });
  if (order.size() > 6) order.resize(6);
  const double top = c.output_by_track[order[0]];
  ImGui::Separator();
  ImGui::TextUnformatted("Output by track");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float name_w = ImGui::CalcTextSize("semiconductor ").x;
  const float width = std::max(10.0f, ImGui::GetContentRegionAvail().x - name_w);
  for (std::size_t k : order) {
    ImGui::TextUnformatted(s.tracks[k].name.c_str());
    ImGui::SameLine(name_w + ImGui::GetStyle().WindowPadding.x);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = width * static_cast<float>(c.output_by_track[k] / top);
    dl->AddRectFilled(ImVec2(p.x, p.y + line * 0.15f), ImVec2(p.x + w, p.y + line * 0.8f),
                      to_imgui(track_colour(k)));
    ImGui::Dummy(ImVec2(w, line * 0.8f));
  }
}

}  // namespace

void draw_city_tooltip(const UiFonts& f, const Snapshot& s, int city) {
  if (city < 0 || static_cast<std::size_t>(city) >= s.cities.size()) return;
  ImGui::BeginTooltip();
  city_lines(f, s, static_cast<std::size_t>(city), false);
  ImGui::TextDisabled("click to pin");
  ImGui::EndTooltip();
}

void draw_city_panel(const Layout& l, const UiFonts& f, const Snapshot& s, ViewState& view) {
  if (view.pinned < 0 || static_cast<std::size_t>(view.pinned) >= s.cities.size()) return;
  // In the place of the News panel, so that the map stays in full view while the class talks
  // about one city; closing it (or Esc) brings the News back.
  place(l.ticker);
  ImGui::Begin("##city", nullptr, kPanelFlags);
  const float close_w = ImGui::CalcTextSize("Close").x + 2 * ImGui::GetStyle().FramePadding.x;
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - close_w + ImGui::GetStyle().WindowPadding.x);
  if (ImGui::SmallButton("Close")) view.pinned = -1;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the News (Esc)");
  ImGui::SetCursorPosY(ImGui::GetStyle().WindowPadding.y);
  if (view.pinned >= 0) {
    city_lines(f, s, static_cast<std::size_t>(view.pinned), true);
    output_bars(s, s.cities[static_cast<std::size_t>(view.pinned)]);
  }
  ImGui::End();
}

}  // namespace regsim::visual
