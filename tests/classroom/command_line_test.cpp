// `regsim classroom` hands over to regsim-classroom; bad command lines and bad logs exit 2 with a
// message naming the problem; a logged session replays from the command line.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "classroom_support.h"

namespace {

struct Result {
  int code = -1;
  std::string output;  ///< stdout and stderr
};

Result run(const std::string& command) {
  Result r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  while (const std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe))
    r.output.append(buf.data(), n);
  const int status = ::pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

const std::string kRegsim = REGSIM_BINARY;

TEST(ClassroomCommandLine, RegsimHandsOverToRegsimClassroom) {
  const Result r = run(kRegsim + " classroom --help");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.output.find("regsim classroom [CONFIG] [--port N] [--bind ADDR]"), std::string::npos)
      << r.output;
  EXPECT_NE(run(kRegsim + " --help").output.find("classroom"), std::string::npos);
}

TEST(ClassroomCommandLine, BadOptionsExitTwo) {
  for (const char* args : {"--port 70000", "--port x", "--years 0", "--timer -1", "--pace 99",
                           "--bogus", "a.toml b.toml", "--replay x.jsonl --set market.kappa=0"}) {
    const Result r = run(kRegsim + " classroom " + args);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.output;
    EXPECT_NE(r.output.find("regsim-classroom: "), std::string::npos) << r.output;
  }
  const Result bad = run(kRegsim + " classroom no/such/config.toml --port 0");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.output.find("no/such/config.toml"), std::string::npos) << bad.output;
}

TEST(ClassroomCommandLine, ReplayChecksTheLogAndNamesBadLines) {
  const auto dir = std::filesystem::temp_directory_path() / "regsim_classroom_cli_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string text;
  {
    regsim::classroom::LogWriter log;
    regsim::classroom::Game g(regsim::testing::small_world(), regsim::testing::fast_options(1),
                              log);
    EXPECT_TRUE(g.join("t", "Ana", 2));
    EXPECT_TRUE(g.submit("t", 2, regsim::testing::choice({"ai"}, 0.3, false)));
    EXPECT_TRUE(g.set_paused(false, 0));
    regsim::testing::run_until_round(g, 0);
    EXPECT_EQ(g.stage(), regsim::classroom::Stage::Ended);
    for (const auto& line : log.lines()) text += line + "\n";
  }
  const auto good = dir / "good.jsonl";
  std::ofstream(good) << text;
  Result r = run(kRegsim + " classroom --replay " + good.string());
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("identical to the session's recorded end state"), std::string::npos);
  const auto bad = dir / "bad.jsonl";
  std::ofstream(bad) << text.substr(0, text.find('\n') + 1) << "{\"type\":\"nope\"}\n";
  r = run(kRegsim + " classroom --replay " + bad.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.output.find("bad.jsonl:2"), std::string::npos) << r.output;
  r = run(kRegsim + " classroom --replay " + (dir / "missing.jsonl").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.output.find("missing.jsonl"), std::string::npos) << r.output;
  std::filesystem::remove_all(dir);
}

}  // namespace
