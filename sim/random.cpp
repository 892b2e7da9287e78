// Philox-based streams and our own distributions (std:: distributions differ across libraries).
#include "sim/random.h"

#include <Random123/philox.h>
#include <immintrin.h>

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

constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;  // Philox4x32 multipliers
constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;  // and key increments

/// Philox4x32-10 of counters (c0, c1, entity[e], c3) under key (k0, k1), entity by entity (the
/// CPUs without AVX2, and the last entities of a list).
void philox_lanes(std::uint32_t k0, std::uint32_t k1, std::uint32_t c0, std::uint32_t c1,
                  std::uint32_t c3, const std::uint32_t* entity, std::size_t n, std::uint32_t* o0,
                  std::uint32_t* o1, std::uint32_t* o2, std::uint32_t* o3) {
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

/// The same with AVX2, eight entities at a time, for the first n rounded down to a multiple of
/// eight (returned). The even-numbered four entities and the odd-numbered four each sit in the
/// low halves of four 64-bit lanes, where vpmuludq takes its 32 x 32 -> 64-bit products (the high
/// halves are never read as inputs, so they are left as they fall). The first round, where only
/// x2 differs between entities, gives x2 and x3 as constants. The same products and xors as
/// philox_lanes, so the same words.
__attribute__((target("avx2"))) std::size_t philox_lanes_avx2(
    std::uint32_t k0, std::uint32_t k1, std::uint32_t c0, std::uint32_t c1, std::uint32_t c3,
    const std::uint32_t* entity, std::size_t n, std::uint32_t* o0, std::uint32_t* o1,
    std::uint32_t* o2, std::uint32_t* o3) {
  const std::uint64_t first = static_cast<std::uint64_t>(kM0) * c0;
  const __m256i x2_first =
      _mm256_set1_epi32(static_cast<int>(static_cast<std::uint32_t>(first >> 32) ^ c3 ^ k1));
  const __m256i x3_first = _mm256_set1_epi32(static_cast<int>(static_cast<std::uint32_t>(first)));
  const __m256i x1_xor_k0 = _mm256_set1_epi32(static_cast<int>(c1 ^ k0));
  const __m256i m0 = _mm256_set1_epi64x(kM0), m1 = _mm256_set1_epi64x(kM1);
  __m256i ka[10], kb[10];  // the round keys
  for (std::uint32_t r = 0, a = k0, b = k1; r < 10; ++r, a += kW0, b += kW1) {
    ka[r] = _mm256_set1_epi32(static_cast<int>(a));
    kb[r] = _mm256_set1_epi32(static_cast<int>(b));
  }
  std::uint32_t* const out[4] = {o0, o1, o2, o3};
  std::size_t e = 0;
  for (; e + 8 <= n; e += 8) {
    const __m256i ids = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(entity + e));
    const __m256i half[2] = {ids, _mm256_srli_epi64(ids, 32)};  // even, odd entities
    __m256i x[2][4];
    for (int h = 0; h < 2; ++h) {
      const __m256i p1 = _mm256_mul_epu32(half[h], m1);
      x[h][0] = _mm256_xor_si256(_mm256_srli_epi64(p1, 32), x1_xor_k0);
      x[h][1] = p1;
      x[h][2] = x2_first;
      x[h][3] = x3_first;
    }
    for (int r = 1; r < 10; ++r) {
      for (int h = 0; h < 2; ++h) {
        const __m256i p0 = _mm256_mul_epu32(x[h][0], m0);
        const __m256i p1 = _mm256_mul_epu32(x[h][2], m1);
        x[h][0] = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), x[h][1]), ka[r]);
        x[h][1] = p1;
        x[h][2] = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), x[h][3]), kb[r]);
        x[h][3] = p0;
      }
    }
    for (int j = 0; j < 4; ++j) {  // even entities' words in the even slots, odd in the odd
      const __m256i v = _mm256_blend_epi32(x[0][j], _mm256_slli_epi64(x[1][j], 32), 0xAA);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[j] + e), v);
    }
  }
  return e;
}

const bool kHaveAvx2 = [] {
  __builtin_cpu_init();  // in case this runs before libgcc's own initialiser
  return __builtin_cpu_supports("avx2") != 0;
}();

}  // namespace

void first_blocks(const StreamKey& key, std::span<const std::uint32_t> entities,
                  std::uint32_t* const words[4]) {
  const auto k0 = static_cast<std::uint32_t>(key.seed);
  const auto k1 = static_cast<std::uint32_t>(key.seed >> 32);
  const auto c1 = static_cast<std::uint32_t>(key.tick);
  const std::uint32_t c3 = static_cast<std::uint32_t>(key.purpose) << 24;
  const std::size_t n = entities.size();
  const std::size_t done = kHaveAvx2 ? philox_lanes_avx2(k0, k1, key.run, c1, c3, entities.data(),
                                                         n, words[0], words[1], words[2], words[3])
                                     : 0;
  philox_lanes(k0, k1, key.run, c1, c3, entities.data() + done, n - done, words[0] + done,
               words[1] + done, words[2] + done, words[3] + done);
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
