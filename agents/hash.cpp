// A 64-bit FNV-1a hash of the world state: every column and scalar that is not a cache (or an
// accumulator kept for the output tables only).
#include <bit>
#include <cstring>

#include "agents/model.h"

namespace regsim::agents {

namespace {

class Hasher {
 public:
  void bytes(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) {
      h_ ^= p[i];
      h_ *= 1099511628211ull;
    }
  }
  template <class T>
  void vec(const std::vector<T>& v) {
    const std::uint64_t n = v.size();
    bytes(&n, sizeof n);
    if (!v.empty()) bytes(v.data(), v.size() * sizeof(T));
  }
  template <class T>
  void value(const T& v) {
    bytes(&v, sizeof v);
  }
  std::uint64_t get() const { return h_; }

 private:
  std::uint64_t h_ = 1469598103934665603ull;
};

}  // namespace

std::uint64_t hash_state(const sim::World& w) {
  Hasher h;
  sim::for_each_column(w, [&h](const sim::ColumnInfo& c, const auto& x) {
    if (c.lifetime == sim::Lifetime::Cache || c.lifetime == sim::Lifetime::Output) return;
    if constexpr (sim::is_column_vector<decltype(x)>)
      h.vec(x);
    else
      h.value(x);
  });
  return h.get();
}

}  // namespace regsim::agents
