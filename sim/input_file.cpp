// Input files read safely: O_NONBLOCK open and fstat (no FIFO can block, no device is read),
// bounded reads, OS reasons.
#include "sim/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace regsim::sim {

namespace {

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory";
  if (S_ISFIFO(mode)) return "is not a regular file (a FIFO)";
  if (S_ISSOCK(mode)) return "is not a regular file (a socket)";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "is not a regular file (a device)";
  return "is not a regular file";
}

}  // namespace

InputFile::InputFile(const std::string& path) {
  if (path.empty()) {
    problem_ = "the file name is empty";
    return;
  }
  fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd_ < 0) {
    problem_ = std::string("cannot open the file: ") + std::strerror(errno);
    return;
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    problem_ = std::string("cannot read the file: ") + std::strerror(errno);
  } else if (!S_ISREG(st.st_mode)) {
    problem_ = kind_of(st.st_mode);
  } else {
    size_ = static_cast<std::uintmax_t>(st.st_size);
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_NONBLOCK);
    return;
  }
  ::close(fd_);
  fd_ = -1;
}

InputFile::~InputFile() {
  if (fd_ >= 0) ::close(fd_);
}

long InputFile::read_some(char* buffer, std::size_t n) {
  if (fd_ < 0) return -1;
  for (;;) {
    const ssize_t got = ::read(fd_, buffer, n);
    if (got >= 0) return static_cast<long>(got);
    if (errno == EINTR) continue;
    problem_ = std::string("cannot read the file: ") + std::strerror(errno);
    return -1;
  }
}

std::optional<std::string> InputFile::read_all(std::uintmax_t max_bytes, std::string& out) {
  if (!problem_.empty()) return problem_;
  const auto too_large = [&] {
    return "is larger than " + std::to_string(max_bytes) + " bytes, the most read";
  };
  if (size_ > max_bytes) return too_large();
  out.clear();
  out.reserve(static_cast<std::size_t>(size_));
  char buffer[1 << 16];
  for (;;) {
    const long got = read_some(buffer, sizeof buffer);
    if (got < 0) return problem_;
    if (got == 0) return std::nullopt;
    if (out.size() + static_cast<std::size_t>(got) > max_bytes) return too_large();
    out.append(buffer, static_cast<std::size_t>(got));
  }
}

std::optional<std::string> read_input_file(const std::string& path, std::uintmax_t max_bytes,
                                           std::string& why) {
  InputFile file(path);
  std::string text;
  if (auto problem = file.read_all(max_bytes, text)) {
    why = *problem;
    return std::nullopt;
  }
  return text;
}

}  // namespace regsim::sim
