// Output files that are whole or absent: exclusive temporary files, staged directories swapped
// in atomically, directory locks, and removal of temporaries on SIGINT/SIGTERM and on the next run.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

namespace regsim::experiments {

/// An output location that cannot be used (exit code 2): an empty --out, a file where a directory
/// is needed, a place the user may not write, a directory holding files regsim did not write, or
/// one locked by another running regsim.
class OutputConflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Removes registered temporaries when SIGINT, SIGTERM or SIGHUP arrives, then lets the signal
/// take its usual effect. Installed once, by the first temporary registered.
void install_cleanup_on_signals();

/// An exclusive lock on `<dir's parent>/.<dir's name>.lock` (flock: released by the kernel when
/// the process dies, even on SIGKILL). The lock file lives beside the directory, so it stays the
/// same file while the directory itself is swapped.
class DirLock {
 public:
  /// Throws OutputConflict naming `what` ("another run") when another process holds the lock.
  DirLock(const std::filesystem::path& dir, const std::string& what);
  ~DirLock();
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;

 private:
  int fd_ = -1;
};

/// A file created exclusively (O_CREAT | O_EXCL | O_NOFOLLOW: a planted file or symlink is never
/// opened) and written with every error checked. The file is removed unless finish() succeeds.
class ExclusiveFile {
 public:
  explicit ExclusiveFile(std::filesystem::path path);
  ~ExclusiveFile();
  ExclusiveFile(const ExclusiveFile&) = delete;
  ExclusiveFile& operator=(const ExclusiveFile&) = delete;

  void write(const std::string& text);
  void line(const std::string& text);  ///< writes text and a newline
  /// Flushes and fsyncs; throws naming the file and the OS reason ("No space left on device").
  void finish();
  const std::filesystem::path& path() const { return path_; }

 private:
  void fail(const char* doing, int error);
  std::filesystem::path path_;
  std::unique_ptr<char[]> buffer_;  ///< stdio's buffer (declared first: it outlives file_)
  std::FILE* file_ = nullptr;
  int slot_ = -1;  ///< signal-cleanup registration
  bool finished_ = false;
};

/// A text file streamed to an exclusive temporary beside `path` (".<name>.tmp-<random>") and
/// renamed to `path` by commit(). Destroyed without commit() (an error, a signal), the temporary
/// is removed and any older file at `path` is left untouched.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path path);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void line(const std::string& text) { tmp_.line(text); }
  void write(const std::string& bytes) { tmp_.write(bytes); }  ///< exactly these bytes
  void commit();  ///< flush, fsync, rename, fsync the directory; throws on failure

 private:
  std::filesystem::path path_;
  ExclusiveFile tmp_;
};

/// Writes a whole text file atomically (a newline is added when `content` has none at its end).
void write_file_atomic(const std::filesystem::path& path, const std::string& content);
/// Writes exactly `bytes` (a PNG, say) as a whole file atomically.
void write_bytes_atomic(const std::filesystem::path& path, const std::string& bytes);

/// A run's output directory built beside `out` (".<name>.staging-<random>" in its parent) and
/// swapped in by commit() with one atomic exchange of directory names, so `out` holds either the
/// old run's files or the new run's, never a mix. Holds the DirLock of `out`. Staging and old
/// directories left by a killed run are removed by the next one.
///
/// `out` must be missing, empty, or a directory written by regsim (it holds `marker`): a
/// directory of other files is refused rather than replaced.
class StagedDir {
 public:
  StagedDir(std::filesystem::path out, const std::string& marker);
  ~StagedDir();
  StagedDir(const StagedDir&) = delete;
  StagedDir& operator=(const StagedDir&) = delete;

  /// Where a file of the run is written before the swap.
  std::filesystem::path file(const std::string& name) const { return staging_ / name; }
  /// fsyncs the staging directory, swaps it with `out`, removes the old files.
  void commit();

 private:
  std::filesystem::path out_;
  DirLock lock_;
  std::filesystem::path staging_;
  int slot_ = -1;
  bool committed_ = false;
};

/// Removes the temporaries of AtomicFile (".<name>.tmp-<16 hex digits>") that a killed process
/// left in `dir`. Call it only while holding the lock of `dir`.
void remove_stale_temporaries(const std::filesystem::path& dir);

/// Checks that `out` can be an output directory before any work starts: not empty, not a file,
/// its parent existing (or creatable) and writable. Throws OutputConflict with the OS reason.
void check_output_dir(const std::filesystem::path& out);

/// "Permission denied" for errno values; the text of std::strerror.
std::string os_reason(int error);

}  // namespace regsim::experiments
