// Little helpers of the state format (see bytes.h).
#include "state/bytes.h"

#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace regsim::state {

void Writer::scalar(const sim::ScalarValue& v) {
  u8(static_cast<std::uint8_t>(v.index()));
  if (const auto* b = std::get_if<bool>(&v)) u8(*b ? 1 : 0);
  if (const auto* i = std::get_if<std::int64_t>(&v)) i64(*i);
  if (const auto* d = std::get_if<double>(&v)) f64(*d);
  if (const auto* s = std::get_if<std::string>(&v)) text(*s);
}

void Reader::raw(void* out, std::size_t n) {
  if (n > bytes_.size() - pos_) fail("is truncated");
  if (n > 0) std::memcpy(out, bytes_.data() + pos_, n);
  pos_ += n;
}

void Reader::skip(std::size_t n) {
  if (n > bytes_.size() - pos_) fail("is truncated");
  pos_ += n;
}

std::string Reader::text() {
  std::string s(count(1), '\0');
  raw(s.data(), s.size());
  return s;
}

sim::ScalarValue Reader::scalar() {
  switch (u8()) {
    case 0:
      return u8() != 0;
    case 1:
      return i64();
    case 2:
      return f64();
    case 3:
      return text();
    default:
      fail("holds a value of an unknown type");
  }
}

std::size_t Reader::count(std::size_t min_item_bytes) {
  const std::uint64_t n = u64();
  if (n > (bytes_.size() - pos_) / std::max<std::size_t>(min_item_bytes, 1))
    fail("is truncated or corrupted (a count of " + std::to_string(n) + " exceeds its size)");
  return static_cast<std::size_t>(n);
}

void Reader::fail(const std::string& reason) const {
  sim::ConfigErrors errors;
  errors.add(sim::Source{name_, 0}, "", reason);
  throw sim::ConfigException(errors);
}

std::string read_file_binary(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  if (!in || std::filesystem::is_directory(path, ec)) {
    sim::ConfigErrors errors;
    errors.add(sim::Source{path.string(), 0}, "",
               std::string("cannot read the state file: ") + std::strerror(errno ? errno : EISDIR));
    throw sim::ConfigException(errors);
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace regsim::state
