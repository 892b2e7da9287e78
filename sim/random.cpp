// Philox-based streams and our own distributions (std:: distributions differ across libraries).
#include "sim/random.h"

#include <Random123/philox.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

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

double gumbel(Stream& s) {
  return -std::log(-std::log(uniform_open01(s)));
}

std::uint32_t poisson(Stream& s, double mean) {
  if (!(mean > 0.0)) return 0;
  if (mean > 60.0) {
    const double x = std::round(mean + std::sqrt(mean) * std_normal(s));
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
  if (utility.empty()) return -1;
  const double top = *std::max_element(utility.begin(), utility.end());
  double total = 0.0;
  for (double u : utility) total += std::exp((u - top) / temperature);
  double target = uniform01(s) * total;
  for (std::size_t i = 0; i < utility.size(); ++i) {
    target -= std::exp((utility[i] - top) / temperature);
    if (target < 0.0) return static_cast<int>(i);
  }
  return static_cast<int>(utility.size()) - 1;
}

}  // namespace regsim::sim
