// Token buckets keyed by client address or seat token.
#include "classroom/rate_limit.h"

#include <algorithm>

namespace regsim::classroom {

RateLimiter::RateLimiter(double per_second, double burst, std::size_t max_keys)
    : rate_(per_second),
      burst_(std::max(1.0, burst)),
      max_keys_(std::max<std::size_t>(1, max_keys)) {}

bool RateLimiter::allow(const std::string& key, double now) {
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) {
      // A bucket idle long enough to have refilled is the same as a new one: forget those.
      std::erase_if(buckets_, [&](const auto& kv) {
        return kv.second.tokens + (now - kv.second.last) * rate_ >= burst_;
      });
      if (buckets_.size() >= max_keys_) buckets_.clear();
    }
    it = buckets_.emplace(key, Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  b.tokens = std::min(burst_, b.tokens + std::max(0.0, now - b.last) * rate_);
  b.last = now;
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

}  // namespace regsim::classroom
