// The regsim command line (CLI11): --help on every command, --opt=value, exit 2 naming a bad flag.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/files.h"

namespace {

namespace fs = std::filesystem;
using regsim::testing::slurp;

struct Outcome {
  int code = -1;
  std::string out, err;
};

/// Runs `regsim ARGS` and returns its exit code, stdout and stderr.
Outcome regsim(const std::string& args) {
  const fs::path dir = fs::temp_directory_path() / ("regsim_cl_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string cmd = std::string(REGSIM_BINARY) + " " + args + " >" + (dir / "out").string() +
                          " 2>" + (dir / "err").string();
  const int status = std::system(cmd.c_str());
  Outcome o;
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.out = slurp(dir / "out");
  o.err = slurp(dir / "err");
  fs::remove_all(dir);
  return o;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const char* const kCommands[] = {"run", "validate", "params", "sweep", "analyze", "merge"};

TEST(CommandLine, HelpOfEveryCommandExitsZeroAndPrintsItsUsage) {
  for (const std::string command : kCommands) {
    for (const char* flag : {" --help", " -h"}) {
      const Outcome o = regsim(command + flag);
      EXPECT_EQ(o.code, 0) << command << flag << "\n" << o.err;
      EXPECT_TRUE(contains(o.out, "Usage: regsim " + command)) << command << flag << "\n" << o.out;
      EXPECT_TRUE(o.err.empty()) << o.err;
    }
    const Outcome help = regsim("help " + command);
    EXPECT_EQ(help.code, 0);
    EXPECT_TRUE(contains(help.out, "Usage: regsim " + command)) << help.out;
  }
  const Outcome top = regsim("--help");
  EXPECT_EQ(top.code, 0);
  for (const std::string command : kCommands) EXPECT_TRUE(contains(top.out, command)) << top.out;
  EXPECT_TRUE(contains(top.out, "view"));
}

TEST(CommandLine, AnUnknownFlagExitsTwoNamingItWithTheCommandsUsage) {
  for (const std::string command : kCommands) {
    const Outcome o = regsim(command + " --frobnicate");
    EXPECT_EQ(o.code, 2) << command;
    EXPECT_TRUE(contains(o.err, "--frobnicate")) << command << "\n" << o.err;
    EXPECT_TRUE(contains(o.err, "Usage: regsim " + command)) << command << "\n" << o.err;
  }
}

TEST(CommandLine, BadValuesAndCommandsExitTwoNamingTheCulprit) {
  const struct {
    const char* args;
    const char* named;
  } cases[] = {
      {"explode", "explode"},
      {"", "subcommand"},
      {"run --threads -3", "--threads"},
      {"run --threads many", "--threads"},
      {"run --seed -1", "--seed"},
      {"run --out", "--out"},
      {"run a.toml b.toml", "b.toml"},
      {"validate", "CONFIG"},
      {"sweep s.toml --jobs 0 --out x", "--jobs"},
      {"sweep s.toml --shard 3/3 --out x", "--shard"},
      {"sweep s.toml --shard 2 --out x", "--shard"},
      {"sweep s.toml --out x --retry-failed", "--resume"},
      {"sweep s.toml --dry-run --mpi", "--mpi"},
      {"sweep s.toml", "--out"},
      {"analyze", "DIR"},
      {"merge a b", "--out"},
  };
  for (const auto& c : cases) {
    const Outcome o = regsim(c.args);
    EXPECT_EQ(o.code, 2) << c.args << "\n" << o.err;
    EXPECT_TRUE(contains(o.err, c.named)) << c.args << "\n" << o.err;
  }
}

TEST(CommandLine, OptionsTakeTheirValueAfterAnEqualsSign) {
  const fs::path out = fs::temp_directory_path() / ("regsim_eq_" + std::to_string(::getpid()));
  fs::remove_all(out);
  const Outcome o =
      regsim("run --quiet --set=world.years=1 --threads=1 --seed=7 --out=" + out.string());
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_FALSE(slurp(out / "metrics.csv").empty());
  EXPECT_TRUE(contains(slurp(out / "manifest.json"), "\"seed\": 7"));
  fs::remove_all(out);
}

TEST(CommandLine, SeedAndSetApplyInCommandLineOrder) {
  const fs::path a = fs::temp_directory_path() / ("regsim_order_a_" + std::to_string(::getpid()));
  const fs::path b = fs::temp_directory_path() / ("regsim_order_b_" + std::to_string(::getpid()));
  ASSERT_EQ(
      regsim("run --quiet --set world.years=1 --seed 2 --set world.seed=5 --out " + a.string())
          .code,
      0);
  ASSERT_EQ(
      regsim("run --quiet --set world.years=1 --set world.seed=5 --seed 2 --out " + b.string())
          .code,
      0);
  EXPECT_TRUE(contains(slurp(a / "manifest.json"), "\"seed\": 5"));
  EXPECT_TRUE(contains(slurp(b / "manifest.json"), "\"seed\": 2"));
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(CommandLine, ASetValueIsNeverTakenForTheConfigAndViceVersa) {
  const std::string config = std::string(REGSIM_SOURCE_DIR) + "/experiments/baseline.toml";
  const Outcome o = regsim("validate --set world.years=2 " + config + " --set world.cities=30");
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_TRUE(contains(o.out, "30 cities")) << o.out;
  EXPECT_TRUE(contains(o.out, "2 years")) << o.out;
}

TEST(CommandLine, VersionNamesTheCommit) {
  const Outcome o = regsim("--version");
  EXPECT_EQ(o.code, 0);
  EXPECT_TRUE(contains(o.out, "regsim ")) << o.out;
  EXPECT_TRUE(contains(o.out, "commit")) << o.out;
}

}  // namespace
