// Output files written atomically: content goes to a temporary file that is renamed at the end.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>

namespace regsim::experiments {

/// A text file streamed to "<path>.tmp.<pid>" and renamed to <path> by commit(). If the writer is
/// destroyed without commit() (an error, a kill), the temporary file is removed and any older
/// file at <path> is left untouched.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void line(const std::string& text);  ///< writes text and a newline
  void commit();                       ///< flush, fsync, rename; throws on failure

 private:
  std::filesystem::path path_, tmp_;
  std::FILE* file_ = nullptr;
};

/// Writes a whole file atomically.
void write_file_atomic(const std::filesystem::path& path, const std::string& content);

}  // namespace regsim::experiments
