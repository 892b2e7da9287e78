// Thin glue between Dear ImGui 1.86 and SFML 2.5.
#include "visual/imgui_sfml.h"

#include <imgui.h>

#include <SFML/Graphics/VertexArray.hpp>
#include <SFML/Graphics/View.hpp>
#include <SFML/Window/Keyboard.hpp>
#include <algorithm>
#include <cmath>

namespace regsim::visual {

namespace {

/// Characters beyond Latin-1 that the view's text uses (arrows, Greek, ×, ≥, …, subscripts).
const ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 (× is U+00D7)
    0x0370, 0x03FF,  // Greek (κ, α, σ)
    0x2010, 0x2027,  // dashes, bullet, ellipsis
    0x2080, 0x2089,  // subscript digits (α₁)
    0x2190, 0x2199,  // arrows
    0x2212, 0x2212,  // minus
    0x2260, 0x2265,  // ≠ ≤ ≥
    0x25A0, 0x25CF,  // squares, triangles, circles
    0x2605, 0x2606,  // stars (hot tracks)
    0x23F8, 0x23F8,  // pause (when the font has it)
    0,
};

void map_keys(ImGuiIO& io) {
  io.KeyMap[ImGuiKey_Tab] = sf::Keyboard::Tab;
  io.KeyMap[ImGuiKey_LeftArrow] = sf::Keyboard::Left;
  io.KeyMap[ImGuiKey_RightArrow] = sf::Keyboard::Right;
  io.KeyMap[ImGuiKey_UpArrow] = sf::Keyboard::Up;
  io.KeyMap[ImGuiKey_DownArrow] = sf::Keyboard::Down;
  io.KeyMap[ImGuiKey_PageUp] = sf::Keyboard::PageUp;
  io.KeyMap[ImGuiKey_PageDown] = sf::Keyboard::PageDown;
  io.KeyMap[ImGuiKey_Home] = sf::Keyboard::Home;
  io.KeyMap[ImGuiKey_End] = sf::Keyboard::End;
  io.KeyMap[ImGuiKey_Insert] = sf::Keyboard::Insert;
  io.KeyMap[ImGuiKey_Delete] = sf::Keyboard::Delete;
  io.KeyMap[ImGuiKey_Backspace] = sf::Keyboard::BackSpace;
  io.KeyMap[ImGuiKey_Space] = sf::Keyboard::Space;
  io.KeyMap[ImGuiKey_Enter] = sf::Keyboard::Return;
  io.KeyMap[ImGuiKey_Escape] = sf::Keyboard::Escape;
  io.KeyMap[ImGuiKey_KeyPadEnter] = sf::Keyboard::Return;
  io.KeyMap[ImGuiKey_A] = sf::Keyboard::A;
  io.KeyMap[ImGuiKey_C] = sf::Keyboard::C;
  io.KeyMap[ImGuiKey_V] = sf::Keyboard::V;
  io.KeyMap[ImGuiKey_X] = sf::Keyboard::X;
  io.KeyMap[ImGuiKey_Y] = sf::Keyboard::Y;
  io.KeyMap[ImGuiKey_Z] = sf::Keyboard::Z;
}

sf::Color to_sf(ImU32 c) {
  return sf::Color(
      static_cast<sf::Uint8>(c >> IM_COL32_R_SHIFT), static_cast<sf::Uint8>(c >> IM_COL32_G_SHIFT),
      static_cast<sf::Uint8>(c >> IM_COL32_B_SHIFT), static_cast<sf::Uint8>(c >> IM_COL32_A_SHIFT));
}

void set_modifiers(ImGuiIO& io, const sf::Event::KeyEvent& key) {
  io.KeyCtrl = key.control;
  io.KeyShift = key.shift;
  io.KeyAlt = key.alt;
  io.KeySuper = key.system;
}

int mouse_button(sf::Mouse::Button b) {
  switch (b) {
    case sf::Mouse::Left:
      return 0;
    case sf::Mouse::Right:
      return 1;
    case sf::Mouse::Middle:
      return 2;
    default:
      return -1;
  }
}

/// The clip rectangle in target pixels, rounded outwards; empty when nothing is visible.
sf::IntRect clip_pixels(const ImDrawCmd& cmd, const ImDrawData& data, sf::Vector2u size) {
  const float x0 = std::max(0.0f, std::floor(cmd.ClipRect.x - data.DisplayPos.x));
  const float y0 = std::max(0.0f, std::floor(cmd.ClipRect.y - data.DisplayPos.y));
  const float x1 =
      std::min(static_cast<float>(size.x), std::ceil(cmd.ClipRect.z - data.DisplayPos.x));
  const float y1 =
      std::min(static_cast<float>(size.y), std::ceil(cmd.ClipRect.w - data.DisplayPos.y));
  if (x1 <= x0 || y1 <= y0) return {};
  return sf::IntRect(static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1 - x0),
                     static_cast<int>(y1 - y0));
}

/// A view showing exactly the pixels of `clip` at the same place: SFML's way to scissor.
sf::View clip_view(const sf::IntRect& clip, sf::Vector2u size) {
  const sf::FloatRect r(clip);
  sf::View view(r);
  view.setViewport(
      sf::FloatRect(r.left / static_cast<float>(size.x), r.top / static_cast<float>(size.y),
                    r.width / static_cast<float>(size.x), r.height / static_cast<float>(size.y)));
  return view;
}

}  // namespace

ImGuiSfml::ImGuiSfml() {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing written to the working directory
  io.LogFilename = nullptr;
  io.BackendPlatformName = "regsim_sfml";
  io.BackendRendererName = "regsim_sfml";
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  io.ConfigWindowsResizeFromEdges = false;
  map_keys(io);
  alive_ = true;
}

ImGuiSfml::~ImGuiSfml() {
  shutdown();
}

bool ImGuiSfml::load_fonts(const std::string& regular_ttf, const std::string& bold_ttf,
                           float body_px, float title_px, float small_px) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 2;
  fonts_.body = io.Fonts->AddFontFromFileTTF(regular_ttf.c_str(), body_px, &config, kGlyphRanges);
  const bool ok = fonts_.body != nullptr;
  if (ok) {
    fonts_.title = io.Fonts->AddFontFromFileTTF(
        bold_ttf.empty() ? regular_ttf.c_str() : bold_ttf.c_str(), title_px, &config, kGlyphRanges);
    if (!fonts_.title)
      fonts_.title =
          io.Fonts->AddFontFromFileTTF(regular_ttf.c_str(), title_px, &config, kGlyphRanges);
    fonts_.small =
        io.Fonts->AddFontFromFileTTF(regular_ttf.c_str(), small_px, &config, kGlyphRanges);
  } else {
    fonts_.body = fonts_.title = fonts_.small = io.Fonts->AddFontDefault();
  }
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  font_texture_.create(static_cast<unsigned>(width), static_cast<unsigned>(height));
  font_texture_.update(pixels);
  font_texture_.setSmooth(true);
  io.Fonts->SetTexID(static_cast<ImTextureID>(&font_texture_));
  io.Fonts->ClearTexData();
  io.FontDefault = fonts_.body;
  return ok;
}

void ImGuiSfml::process_event(const sf::Event& event) {
  ImGuiIO& io = ImGui::GetIO();
  switch (event.type) {
    case sf::Event::MouseMoved:
      io.MousePos =
          ImVec2(static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y));
      break;
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased: {
      const int b = mouse_button(event.mouseButton.button);
      if (b >= 0) io.MouseDown[b] = event.type == sf::Event::MouseButtonPressed;
      io.MousePos =
          ImVec2(static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y));
      break;
    }
    case sf::Event::MouseWheelScrolled:
      if (event.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel)
        io.MouseWheel += event.mouseWheelScroll.delta;
      else
        io.MouseWheelH += event.mouseWheelScroll.delta;
      break;
    case sf::Event::MouseLeft:
      io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      break;
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased:
      if (event.key.code >= 0 && event.key.code < static_cast<int>(IM_ARRAYSIZE(io.KeysDown)))
        io.KeysDown[event.key.code] = event.type == sf::Event::KeyPressed;
      set_modifiers(io, event.key);
      break;
    case sf::Event::TextEntered:
      if (event.text.unicode >= 32 && event.text.unicode != 127)
        io.AddInputCharacter(event.text.unicode);
      break;
    case sf::Event::GainedFocus:
      io.AddFocusEvent(true);
      break;
    case sf::Event::LostFocus:
      io.AddFocusEvent(false);
      break;
    default:
      break;
  }
}

void ImGuiSfml::new_frame(const sf::RenderWindow& window, sf::Time dt) {
  ImGuiIO& io = ImGui::GetIO();
  const sf::Vector2u size = window.getSize();
  io.DisplaySize = ImVec2(static_cast<float>(size.x), static_cast<float>(size.y));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  io.DeltaTime = std::max(dt.asSeconds(), 1e-4f);
  ImGui::NewFrame();
}

void ImGuiSfml::render(sf::RenderTarget& target) {
  ImGui::Render();
  const ImDrawData* data = ImGui::GetDrawData();
  if (!data || data->CmdListsCount == 0) return;
  const sf::View saved = target.getView();
  const sf::Vector2u size = target.getSize();
  sf::VertexArray triangles(sf::Triangles);
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        continue;
      }
      const sf::IntRect clip = clip_pixels(cmd, *data, size);
      if (clip.width <= 0 || clip.height <= 0) continue;
      const auto* texture = static_cast<const sf::Texture*>(cmd.GetTexID());
      const sf::Vector2f tex_size = texture ? sf::Vector2f(texture->getSize()) : sf::Vector2f(1, 1);
      triangles.clear();
      for (unsigned e = 0; e < cmd.ElemCount; ++e) {
        const ImDrawVert& v = list->VtxBuffer[static_cast<int>(
            cmd.VtxOffset + list->IdxBuffer[static_cast<int>(cmd.IdxOffset + e)])];
        triangles.append(
            sf::Vertex(sf::Vector2f(v.pos.x - data->DisplayPos.x, v.pos.y - data->DisplayPos.y),
                       to_sf(v.col), sf::Vector2f(v.uv.x * tex_size.x, v.uv.y * tex_size.y)));
      }
      target.setView(clip_view(clip, size));
      sf::RenderStates states;
      states.texture = texture;
      target.draw(triangles, states);
    }
  }
  target.setView(saved);
}

void ImGuiSfml::shutdown() {
  if (!alive_) return;
  ImGui::DestroyContext();
  alive_ = false;
}

}  // namespace regsim::visual
