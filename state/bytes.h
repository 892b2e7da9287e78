// Little helpers of the state format: a byte writer, a bounds-checked reader, reading a file.
#pragma once

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>

#include "sim/config.h"

namespace regsim::state {

/// Appends values in the machine's byte order (states are read on the machine kind that wrote
/// them; the header's version guards the layout).
class Writer {
 public:
  void raw(const void* data, std::size_t n) { bytes_.append(static_cast<const char*>(data), n); }
  template <class T>
  void pod(T v) {
    raw(&v, sizeof v);
  }
  void u8(std::uint8_t v) { pod(v); }
  void u32(std::uint32_t v) { pod(v); }
  void u64(std::uint64_t v) { pod(v); }
  void i64(std::int64_t v) { pod(v); }
  void f64(double v) { pod(v); }
  void text(std::string_view s) {
    u64(s.size());
    raw(s.data(), s.size());
  }
  void scalar(const sim::ScalarValue& v);
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

/// Reads what Writer wrote; any read past the end, or fail(), throws sim::ConfigException
/// naming the state (file name) with the reason.
class Reader {
 public:
  Reader(std::string_view bytes, std::string name) : bytes_(bytes), name_(std::move(name)) {}
  void raw(void* out, std::size_t n);
  void skip(std::size_t n);
  template <class T>
  T pod() {
    T v;
    raw(&v, sizeof v);
    return v;
  }
  std::uint8_t u8() { return pod<std::uint8_t>(); }
  std::uint32_t u32() { return pod<std::uint32_t>(); }
  std::uint64_t u64() { return pod<std::uint64_t>(); }
  std::int64_t i64() { return pod<std::int64_t>(); }
  double f64() { return pod<double>(); }
  std::string text();
  sim::ScalarValue scalar();
  /// A count of items of at least `min_item_bytes` each, checked against the bytes left (so a
  /// corrupted count cannot make a huge allocation).
  std::size_t count(std::size_t min_item_bytes);
  bool done() const { return pos_ == bytes_.size(); }
  [[noreturn]] void fail(const std::string& reason) const;

 private:
  std::string_view bytes_;
  std::string name_;
  std::size_t pos_ = 0;
};

/// The whole file; throws sim::ConfigException naming it (and the OS reason) when unreadable.
std::string read_file_binary(const std::filesystem::path& path);

}  // namespace regsim::state
