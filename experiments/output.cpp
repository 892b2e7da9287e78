// Atomic output files (temporary file + fsync + rename).
#include "experiments/output.h"

#include <unistd.h>

#include <stdexcept>
#include <system_error>

namespace regsim::experiments {

AtomicFile::AtomicFile(std::filesystem::path path) : path_(std::move(path)) {
  tmp_ = path_;
  tmp_ += ".tmp." + std::to_string(::getpid());
  file_ = std::fopen(tmp_.c_str(), "wb");
  if (file_ == nullptr)
    throw std::runtime_error("cannot write " + tmp_.string() + ": " +
                             std::system_category().message(errno));
}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);
  }
}

void AtomicFile::line(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), file_);
  std::fputc('\n', file_);
}

void AtomicFile::commit() {
  const bool ok = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0 && !std::ferror(file_);
  std::fclose(file_);
  file_ = nullptr;
  std::error_code ec;
  if (ok) std::filesystem::rename(tmp_, path_, ec);
  if (!ok || ec) {
    std::filesystem::remove(tmp_, ec);
    throw std::runtime_error("cannot write " + path_.string());
  }
}

void write_file_atomic(const std::filesystem::path& path, const std::string& content) {
  AtomicFile f(path);
  if (!content.empty() && content.back() == '\n') {
    f.line(content.substr(0, content.size() - 1));
  } else {
    f.line(content);
  }
  f.commit();
}

}  // namespace regsim::experiments
