// Reading the files a user names (configs, sweep files, maps): regular files only, opened without
// blocking, bounded in size, every failure with the reason from the OS.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace regsim::sim {

/// An input file opened for reading, or the reason it cannot be: it must exist, be readable and
/// be a regular file. A directory, a FIFO, a socket or a device is refused without blocking
/// (opening a FIFO waits for a writer; /dev/zero never ends).
class InputFile {
 public:
  explicit InputFile(const std::string& path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  /// Why the file cannot be read ("is a directory", "is not a regular file (a FIFO)", "cannot
  /// open the file: Permission denied"), or "" when it is open.
  const std::string& problem() const { return problem_; }
  std::uintmax_t size() const { return size_; }  ///< at opening
  /// Reads the rest of the file, at most `max_bytes` (the file may grow while read); returns the
  /// reason on a read error or when it is larger.
  std::optional<std::string> read_all(std::uintmax_t max_bytes, std::string& out);
  /// Reads up to `n` bytes into `buffer`; 0 at the end; -1 on an error (problem() says which).
  long read_some(char* buffer, std::size_t n);

 private:
  int fd_ = -1;
  std::uintmax_t size_ = 0;
  std::string problem_;
};

/// The whole text of an input file of at most `max_bytes`, or nullopt with `why` set.
std::optional<std::string> read_input_file(const std::string& path, std::uintmax_t max_bytes,
                                           std::string& why);

}  // namespace regsim::sim
