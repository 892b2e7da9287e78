// Philox-based streams and our own distributions (std:: distributions differ across libraries).
#include "sim/random.h"

#include <Random123/philox.h>

#include <algorithm>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>

namespace regsim::sim {

Stream::Stream(const StreamKey& key) {
  key_[0] = static_cast<std::uint32_t>(key.seed);
  key_[1] = static_cast<std::uint32_t>(key.seed >> 32);
  ctr_[0] = key.run;
  ctr_[1] = static_cast<std::uint32_t>(key.tick);
  ctr_[2] = key.entity;
  ctr_[3] = static_cast<std::uint32_t>(key.purpose) << 24;
}

void Stream::refill() {
  r123::Philox4x32 rng;
  r123::Philox4x32::ctr_type c = {{ctr_[0], ctr_[1], ctr_[2], ctr_[3] | (block_ & 0xFFFFFFu)}};
  r123::Philox4x32::key_type k = {{key_[0], key_[1]}};
  const auto out = rng(c, k);
  for (int i = 0; i < 4; ++i) buf_[i] = out[i];
  ++block_;
  used_ = 0;
}

std::uint32_t Stream::next_u32() {
  if (used_ >= 4) refill();
  return buf_[used_++];
}

std::uint64_t Stream::next_u64() {
  const std::uint64_t hi = next_u32();
  const std::uint64_t lo = next_u32();
  return (hi << 32) | lo;
}

namespace {

/// Philox4x32-10 of counters (c0, c1, entity[e], c3) under key (k0, k1), as a loop over entities
/// that the compiler vectorises (32 x 32 -> 64-bit multiplies); cloned for AVX2 and baseline.
__attribute__((target_clones("avx2", "default"))) void philox_lanes(
    std::uint32_t k0, std::uint32_t k1, std::uint32_t c0, std::uint32_t c1, std::uint32_t c3,
    const std::uint32_t* entity, std::size_t n, std::uint32_t* o0, std::uint32_t* o1,
    std::uint32_t* o2, std::uint32_t* o3) {
  constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
  constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
  for (std::size_t e = 0; e < n; ++e) {
    std::uint32_t x0 = c0, x1 = c1, x2 = entity[e], x3 = c3, ka = k0, kb = k1;
    for (int r = 0; r < 10; ++r) {
      const std::uint64_t p0 = static_cast<std::uint64_t>(kM0) * x0;
      const std::uint64_t p1 = static_cast<std::uint64_t>(kM1) * x2;
      x0 = static_cast<std::uint32_t>(p1 >> 32) ^ x1 ^ ka;
      x1 = static_cast<std::uint32_t>(p1);
      x2 = static_cast<std::uint32_t>(p0 >> 32) ^ x3 ^ kb;
      x3 = static_cast<std::uint32_t>(p0);
      ka += kW0;
      kb += kW1;
    }
    o0[e] = x0;
    o1[e] = x1;
    o2[e] = x2;
    o3[e] = x3;
  }
}

}  // namespace

void first_blocks(const StreamKey& key, std::span<const std::uint32_t> entities,
                  std::uint32_t* const words[4]) {
  philox_lanes(static_cast<std::uint32_t>(key.seed), static_cast<std::uint32_t>(key.seed >> 32),
               key.run, static_cast<std::uint32_t>(key.tick),
               static_cast<std::uint32_t>(key.purpose) << 24, entities.data(), entities.size(),
               words[0], words[1], words[2], words[3]);
}

double block_std_normal(std::uint32_t w0, std::uint32_t w1, std::uint32_t w2, std::uint32_t w3) {
  const double u1 = block_uniform_open01(w0, w1);
  const double u2 = block_uniform01(w2, w3);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double uniform01(Stream& s) {
  return static_cast<double>(s.next_u64() >> 11) * 0x1.0p-53;
}

double uniform_open01(Stream& s) {
  return (static_cast<double>(s.next_u64() >> 12) + 0.5) * 0x1.0p-52;
}

double std_normal(Stream& s) {
  const double u1 = uniform_open01(s);
  const double u2 = uniform01(s);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

namespace {

/// A stream's 64-bit words as a Boost uniform random bit generator.
struct StreamBits {
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() { return s.next_u64(); }
  Stream& s;
};

/// The same words, the first two from a first block already computed, the rest from the stream
/// (built on demand, its first block skipped).
struct FirstBlockBits {
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() {
    if (used < 2) return first[used++];
    if (!rest) {
      rest.emplace(key);
      rest->next_u64();
      rest->next_u64();
    }
    return rest->next_u64();
  }
  const StreamKey& key;
  std::uint64_t first[2];
  int used = 0;
  std::optional<Stream> rest;
};

}  // namespace

double ziggurat_normal(Stream& s) {
  StreamBits bits{s};
  return boost::random::normal_distribution<double>(0.0, 1.0)(bits);
}

namespace detail {

const double* const kZigguratX = boost::random::detail::normal_table<double>::table_x;

double block_ziggurat_normal_boost(const StreamKey& key, std::uint32_t w0, std::uint32_t w1,
                                   std::uint32_t w2, std::uint32_t w3) {
  FirstBlockBits bits{
      key,
      {(static_cast<std::uint64_t>(w0) << 32) | w1, (static_cast<std::uint64_t>(w2) << 32) | w3},
      0,
      std::nullopt};
  return boost::random::normal_distribution<double>(0.0, 1.0)(bits);
}

}  // namespace detail

double gumbel(Stream& s) {
  return -std::log(-std::log(uniform_open01(s)));
}

std::uint32_t poisson(Stream& s, double mean) {
  if (!(mean > 0.0)) return 0;
  if (mean > 60.0) {
    const double x = std::round(mean + std::sqrt(mean) * std_normal(s));
    // Saturates instead of casting a value the type cannot hold (undefined behaviour); callers
    // bound the count they accept (firms.max_entrants).
    constexpr double kMax = static_cast<double>(std::numeric_limits<std::uint32_t>::max());
    if (!(x < kMax)) return std::numeric_limits<std::uint32_t>::max();
    return x <= 0.0 ? 0u : static_cast<std::uint32_t>(x);
  }
  // Inversion by sequential search: exact and deterministic.
  const double u = uniform01(s);
  double p = std::exp(-mean);
  double cdf = p;
  std::uint32_t k = 0;
  while (u > cdf && k < 1000) {
    ++k;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

bool bernoulli(Stream& s, double p) {
  return uniform01(s) < p;
}

int logit_choice(Stream& s, std::span<const double> utility, double temperature) {
  return LogitChoice(utility, temperature).choose(s);
}

LogitChoice::LogitChoice(std::span<const double> utility, double temperature) {
  if (utility.empty()) return;
  const double top = *std::max_element(utility.begin(), utility.end());
  weight_.resize(utility.size());
  for (std::size_t i = 0; i < utility.size(); ++i)
    total_ += weight_[i] = std::exp((utility[i] - top) / temperature);
}

int LogitChoice::choose(Stream& s) const {
  if (weight_.empty()) return -1;
  double target = uniform01(s) * total_;
  for (std::size_t i = 0; i < weight_.size(); ++i) {
    target -= weight_[i];
    if (target < 0.0) return static_cast<int>(i);
  }
  return static_cast<int>(weight_.size()) - 1;
}

}  // namespace regsim::sim
