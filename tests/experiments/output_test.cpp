// Tests of whole-or-absent outputs: exclusive temporaries (no symlink following), staged
// directories swapped in whole, locks, OS reasons in errors, and cleanup on SIGTERM.
#include "experiments/output.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/files.h"

namespace regsim::experiments {
namespace {

namespace fs = std::filesystem;
using regsim::testing::slurp;

class OutputDir : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::temp_directory_path() /
            ("regsim_output_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  /// Names in the test directory, sorted.
  std::vector<std::string> entries(const fs::path& dir) const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  static void write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }
  /// A complete staged run of one file and the marker.
  static void staged_run(const fs::path& out, const std::string& content) {
    StagedDir stage(out, "manifest.json");
    ExclusiveFile data(stage.file("data.csv")), marker(stage.file("manifest.json"));
    data.line(content);
    marker.line("{}");
    data.finish();
    marker.finish();
    stage.commit();
  }

  fs::path root_;
};

TEST_F(OutputDir, ExclusiveFileNeverOpensAPlantedSymlinkOrFile) {
  // The symlink attack: a link planted where regsim writes must not redirect the write.
  const fs::path victim = root_ / "victim", link = root_ / "out.csv";
  write(victim, "precious\n");
  fs::create_symlink(victim, link);
  EXPECT_THROW(ExclusiveFile{link}, std::runtime_error);
  EXPECT_EQ(slurp(victim), "precious\n");
  write(root_ / "existing", "mine\n");
  EXPECT_THROW(ExclusiveFile{root_ / "existing"}, std::runtime_error);
  EXPECT_EQ(slurp(root_ / "existing"), "mine\n");
}

TEST_F(OutputDir, AtomicFileReplacesWholeAndLeavesNoTemporaryBehind) {
  const fs::path file = root_ / "summary.csv";
  write(file, "old\n");
  {
    AtomicFile f(file);
    f.line("half");  // destroyed without commit: a failure half way
  }
  EXPECT_EQ(slurp(file), "old\n");
  EXPECT_EQ(entries(root_), std::vector<std::string>{"summary.csv"});
  write_file_atomic(file, "new\n");
  EXPECT_EQ(slurp(file), "new\n");
  EXPECT_EQ(entries(root_), std::vector<std::string>{"summary.csv"});
}

TEST_F(OutputDir, BinaryFilesAreWrittenByteForByteAndWhole) {
  // Screenshots (PNG) go through the same writer: no newline added, bytes kept, NULs included.
  const fs::path file = root_ / "shot.png";
  write(file, "old picture");
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  write_bytes_atomic(file, png);
  EXPECT_EQ(slurp(file), png);
  EXPECT_EQ(entries(root_), std::vector<std::string>{"shot.png"});
  EXPECT_THROW(write_bytes_atomic(root_ / "missing-dir" / "shot.png", png), std::runtime_error);
  EXPECT_EQ(entries(root_), std::vector<std::string>{"shot.png"});
}

TEST_F(OutputDir, TemporaryNamesAreNotPredictable) {
  // Names used to be "<file>.tmp.<pid>"; a link planted at every such name changes nothing.
  const fs::path victim = root_ / "victim";
  write(victim, "precious\n");
  fs::create_symlink(victim, root_ / ("a.csv.tmp." + std::to_string(::getpid())));
  write_file_atomic(root_ / "a.csv", "data\n");
  EXPECT_EQ(slurp(victim), "precious\n");
  EXPECT_EQ(slurp(root_ / "a.csv"), "data\n");
}

TEST_F(OutputDir, StagedDirSwapsTheWholeDirectoryIn) {
  const fs::path out = root_ / "out";
  staged_run(out, "first");
  EXPECT_EQ(slurp(out / "data.csv"), "first\n");
  write(out / "stale-from-an-old-version.csv", "x");
  staged_run(out, "second");
  EXPECT_EQ(slurp(out / "data.csv"), "second\n");
  EXPECT_FALSE(fs::exists(out / "stale-from-an-old-version.csv"));  // the old directory went
  EXPECT_EQ(entries(root_), (std::vector<std::string>{".out.lock", "out"}));
}

TEST_F(OutputDir, AFailedRunLeavesTheOldResultsWholeAndNoStagingDirectory) {
  const fs::path out = root_ / "out";
  staged_run(out, "good");
  {
    StagedDir stage(out, "manifest.json");
    ExclusiveFile data(stage.file("data.csv"));
    data.line("half of a new run");
  }  // an exception unwinds here
  EXPECT_EQ(slurp(out / "data.csv"), "good\n");
  EXPECT_EQ(entries(root_), (std::vector<std::string>{".out.lock", "out"}));
}

TEST_F(OutputDir, StagingLeftByAKilledRunIsRemovedByTheNextRun) {
  const fs::path out = root_ / "out";
  fs::create_directories(root_ / ".out.staging-0123456789abcdef");
  write(root_ / ".out.staging-0123456789abcdef" / "data.csv", "partial");
  fs::create_directories(root_ / ".other.staging-0123456789abcdef");  // not ours: kept
  staged_run(out, "next");
  EXPECT_EQ(entries(root_),
            (std::vector<std::string>{".other.staging-0123456789abcdef", ".out.lock", "out"}));
}

TEST_F(OutputDir, ASecondWriterIsRefusedWhileTheFirstHoldsTheLock) {
  const fs::path out = root_ / "out";
  StagedDir first(out, "manifest.json");
  EXPECT_THROW(StagedDir(out, "manifest.json"), OutputConflict);
}

TEST_F(OutputDir, UnusableOutputDirectoriesAreUsageErrors) {
  write(root_ / "file", "x");
  fs::create_directories(root_ / "thesis");
  write(root_ / "thesis" / "chapter1.tex", "x");
  EXPECT_THROW(check_output_dir(""), OutputConflict);
  EXPECT_THROW(check_output_dir(root_ / "file"), OutputConflict);
  EXPECT_THROW(check_output_dir(root_ / "file" / "sub"), OutputConflict);
  EXPECT_THROW(StagedDir(root_ / "thesis", "manifest.json"), OutputConflict);  // not replaced
  EXPECT_EQ(entries(root_ / "thesis"), std::vector<std::string>{"chapter1.tex"});
  EXPECT_FALSE(fs::exists(root_ / ".thesis.lock"));
  check_output_dir(root_ / "new" / "deeper");  // created on demand
}

TEST_F(OutputDir, ASymlinkedOutputDirectoryStaysALink) {
  fs::create_directories(root_ / "real");
  fs::create_directory_symlink(root_ / "real", root_ / "link");
  staged_run(root_ / "link", "via link");
  EXPECT_TRUE(fs::is_symlink(root_ / "link"));
  EXPECT_EQ(slurp(root_ / "real" / "data.csv"), "via link\n");
}

/// Runs `body` in a child process; returns its wait status.
template <class F>
int in_child(F body) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    body();
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

TEST_F(OutputDir, AFailedWriteNamesTheFileAndTheReasonFromTheOs) {
  // RLIMIT_FSIZE makes writes fail with EFBIG, as a quota or a full disk would (ENOSPC).
  const fs::path file = root_ / "big.csv", message = root_ / "message";
  const int status = in_child([&] {
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{4096, 4096};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      AtomicFile f(file);
      for (int i = 0; i < 10'000; ++i) f.line(std::string(100, 'x'));
      f.commit();
    } catch (const std::exception& e) {
      std::ofstream(message) << e.what();
      ::_exit(3);
    }
  });
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3);
  const std::string text = slurp(message);
  EXPECT_NE(text.find(root_.string()), std::string::npos) << text;
  EXPECT_NE(text.find("File too large"), std::string::npos) << text;
  EXPECT_FALSE(fs::exists(file));
  EXPECT_EQ(entries(root_), std::vector<std::string>{"message"});
}

TEST_F(OutputDir, SigtermRemovesTheTemporariesAndKeepsTheOldResults) {
  const fs::path out = root_ / "out";
  staged_run(out, "old");
  const int status = in_child([&] {
    StagedDir stage(out, "manifest.json");
    ExclusiveFile data(stage.file("data.csv"));
    AtomicFile summary(root_ / "summary.csv");
    data.line("half");
    summary.line("half");
    ::raise(SIGTERM);
  });
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGTERM);
  EXPECT_EQ(slurp(out / "data.csv"), "old\n");
  EXPECT_EQ(entries(root_), (std::vector<std::string>{".out.lock", "out"}));
}

}  // namespace
}  // namespace regsim::experiments
