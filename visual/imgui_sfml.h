// Thin glue between Dear ImGui 1.86 and SFML 2.5: SFML events into ImGuiIO, and ImGui's draw
// lists drawn with SFML (sf::VertexArray + the font atlas as an sf::Texture, clip rectangles
// as sf::View viewports). Our own code; nothing from ImGui-SFML.
#pragma once

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/System/Time.hpp>
#include <SFML/Window/Event.hpp>
#include <string>

struct ImFont;

namespace regsim::visual {

/// Fonts built into the ImGui atlas.
struct UiFonts {
  ImFont* body = nullptr;
  ImFont* title = nullptr;  ///< larger, bold when DejaVuSans-Bold.ttf is beside the regular face
  ImFont* small = nullptr;
};

class ImGuiSfml {
 public:
  /// Creates the ImGui context (keyboard map, no .ini file). Call once, after the window.
  ImGuiSfml();
  ~ImGuiSfml();
  ImGuiSfml(const ImGuiSfml&) = delete;
  ImGuiSfml& operator=(const ImGuiSfml&) = delete;

  /// (Re)builds the font atlas from a TTF file at the given pixel sizes and uploads it as a
  /// texture. Call outside a frame. Returns false (with ImGui's default font) if unreadable.
  bool load_fonts(const std::string& regular_ttf, const std::string& bold_ttf, float body_px,
                  float title_px, float small_px);
  const UiFonts& fonts() const { return fonts_; }

  /// Feeds one SFML event to ImGui.
  void process_event(const sf::Event& event);
  /// Starts an ImGui frame for a window of this size.
  void new_frame(const sf::RenderWindow& window, sf::Time dt);
  /// Ends the frame and draws its lists onto `target` (its view is restored afterwards).
  void render(sf::RenderTarget& target);
  /// Destroys the ImGui context. Call after the window is closed (see STYLE.md section 14).
  void shutdown();

 private:
  sf::Texture font_texture_;
  UiFonts fonts_;
  bool alive_ = false;
};

}  // namespace regsim::visual
