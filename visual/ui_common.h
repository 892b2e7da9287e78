// Small helpers shared by the Dear ImGui panels of the view: fixed panels, titles, swatches.
#pragma once

#include <imgui.h>

#include <SFML/Graphics/Color.hpp>
#include <string>

#include "visual/imgui_sfml.h"
#include "visual/layout.h"
#include "visual/palette.h"

namespace regsim::visual::ui {

inline constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoSavedSettings;

inline void place(const Rect& r) {
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
}

inline void title(const UiFonts& f, const char* text) {
  ImGui::PushFont(f.title);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

inline void help_marker(const std::string& help) {
  if (!help.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help.c_str());
}

inline ImVec4 colour4(sf::Color c) {
  return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, c.a / 255.0f);
}

inline void swatch(sf::Color c) {
  const float size = ImGui::GetTextLineHeight() * 0.8f;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float dy = (ImGui::GetTextLineHeight() - size) / 2;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + dy),
                                            ImVec2(p.x + size, p.y + dy + size), to_imgui(c));
  ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x, p.y + dy), ImVec2(p.x + size, p.y + dy + size),
                                      IM_COL32(40, 40, 40, 255));
  ImGui::Dummy(ImVec2(size, ImGui::GetTextLineHeight()));
}

}  // namespace regsim::visual::ui
