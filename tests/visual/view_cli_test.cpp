// `regsim view` hands over to regsim-view beside the regsim binary, and says so when it is missing.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>

namespace {

struct Result {
  int code = -1;
  std::string out;
};

Result run(const std::string& command) {
  Result r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buffer;
  while (std::fgets(buffer.data(), buffer.size(), pipe)) r.out += buffer.data();
  const int status = ::pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(ViewCommand, HandsOverToRegsimViewBesideRegsim) {
  const Result r = run(std::string(REGSIM_BINARY) + " view --help");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("regsim-view"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--screenshot"), std::string::npos) << r.out;
}

TEST(ViewCommand, PassesItsArgumentsOn) {
  const Result r = run(std::string(REGSIM_BINARY) + " view --no-such-flag");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("unknown option --no-such-flag"), std::string::npos) << r.out;
}

/// Every way of starting the view without a display: a clear message naming xvfb-run and exit 2,
/// never SFML's abort (exit 134), and no screenshot file.
TEST(ViewCommand, ExplainsAMissingDisplayInsteadOfAborting) {
  namespace fs = std::filesystem;
  const fs::path png = fs::temp_directory_path() /
                       ("regsim_view_no_display_test_" + std::to_string(::getpid()) + ".png");
  fs::remove(png);
  for (const std::string env : {"env -u DISPLAY ", "env DISPLAY=:9917 "}) {
    const Result shot = run(env + REGSIM_BINARY + " view --screenshot " + png.string() +
                            " --frames 2 --size 1600x900");
    EXPECT_EQ(shot.code, 2) << env << shot.out;
    EXPECT_NE(shot.out.find("no X display"), std::string::npos) << shot.out;
    EXPECT_NE(shot.out.find("xvfb-run -a -s \"-screen 0 1920x1080x24\" regsim view --screenshot"),
              std::string::npos)
        << shot.out;
    EXPECT_FALSE(fs::exists(png));
    const Result live = run(env + REGSIM_VIEW_BINARY + " --paused");
    EXPECT_EQ(live.code, 2) << env << live.out;
    EXPECT_NE(live.out.find("needs a screen"), std::string::npos) << live.out;
    EXPECT_NE(live.out.find("xvfb-run"), std::string::npos) << live.out;
  }
}

/// A screenshot that could not be written is a usage error before any window or display: the
/// file is PNG only (SFML picked the format from the name), and its directory must be writable.
TEST(ViewCommand, RefusesAScreenshotFileItCannotWriteBeforeOpeningAWindow) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("regsim_view_shot_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "a dir.png");
  const std::string view = std::string("env -u DISPLAY ") + REGSIM_VIEW_BINARY + " --frames 1 ";
  const std::pair<std::string, std::string> cases[] = {
      {(dir / "shot.jpg").string(), "--screenshot writes PNG"},
      {(dir / "no such dir" / "shot.png").string(), "no directory"},
      {(dir / "a dir.png").string(), "is a directory"},
  };
  for (const auto& [file, message] : cases) {
    const Result r = run(view + "--screenshot '" + file + "'");
    EXPECT_EQ(r.code, 2) << file << r.out;
    EXPECT_NE(r.out.find(message), std::string::npos) << r.out;
  }
  fs::remove_all(dir);
}

TEST(ViewCommand, ExplainsAMissingViewer) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("regsim_view_missing_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(REGSIM_BINARY, dir / "regsim");
  const Result r = run((dir / "regsim").string() + " view");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("cannot start the live view"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("regsim-view"), std::string::npos) << r.out;
  fs::remove_all(dir);
}

}  // namespace
