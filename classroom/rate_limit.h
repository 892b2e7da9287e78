// Token buckets that keep one client or one seat from flooding the server.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

namespace regsim::classroom {

class RateLimiter {
 public:
  /// `per_second` requests on average, up to `burst` at once; at most `max_keys` tracked keys
  /// (idle ones are forgotten first), so memory stays bounded whatever the clients send.
  RateLimiter(double per_second, double burst, std::size_t max_keys = 4096);
  /// Takes one request from the key's bucket at time `now` (seconds); false when it is empty.
  bool allow(const std::string& key, double now);
  double per_second() const { return rate_; }

 private:
  struct Bucket {
    double tokens = 0, last = 0;
  };
  double rate_, burst_;
  std::size_t max_keys_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace regsim::classroom
