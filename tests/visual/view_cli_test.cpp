// `regsim view` hands over to regsim-view beside the regsim binary, and says so when it is missing.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

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

TEST(ViewCommand, ExplainsAMissingViewer) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "regsim_view_missing_test";
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
