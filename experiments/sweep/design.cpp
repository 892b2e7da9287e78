// Sobol sequence, Latin hypercube and Saltelli layout for sweep designs.
#include "experiments/sweep/design.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace regsim::experiments {

std::uint64_t SplitMix64::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

double SplitMix64::uniform01() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

std::uint64_t SplitMix64::below(std::uint64_t bound) {
  // Rejection of the top partial range keeps every value equally likely.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  std::uint64_t x = next();
  while (x >= limit) x = next();
  return x % bound;
}

namespace {

struct DirectionRow {
  std::uint32_t poly;                  ///< primitive polynomial, leading and constant bits set
  std::vector<std::uint32_t> initial;  ///< m_1 .. m_s
};

// Joe & Kuo, new-joe-kuo-6.21201, dimensions 1..64 (dimension 1 is van der Corput's).
const DirectionRow kDirections[SobolSequence::kMaxDims] = {
    {1, {}},
    {3, {1}},
    {7, {1, 3}},
    {11, {1, 3, 1}},
    {13, {1, 1, 1}},
    {19, {1, 1, 3, 3}},
    {25, {1, 3, 5, 13}},
    {37, {1, 1, 5, 5, 17}},
    {41, {1, 1, 5, 5, 5}},
    {47, {1, 1, 7, 11, 19}},
    {55, {1, 1, 5, 1, 1}},
    {59, {1, 1, 1, 3, 11}},
    {61, {1, 3, 5, 5, 31}},
    {67, {1, 3, 3, 9, 7, 49}},
    {91, {1, 1, 1, 15, 21, 21}},
    {97, {1, 3, 1, 13, 27, 49}},
    {103, {1, 1, 1, 15, 7, 5}},
    {109, {1, 3, 1, 15, 13, 25}},
    {115, {1, 1, 5, 5, 19, 61}},
    {131, {1, 3, 7, 11, 23, 15, 103}},
    {137, {1, 3, 7, 13, 13, 15, 69}},
    {143, {1, 1, 3, 13, 7, 35, 63}},
    {145, {1, 3, 5, 9, 1, 25, 53}},
    {157, {1, 3, 1, 13, 9, 35, 107}},
    {167, {1, 3, 1, 5, 27, 61, 31}},
    {171, {1, 1, 5, 11, 19, 41, 61}},
    {185, {1, 3, 5, 3, 3, 13, 69}},
    {191, {1, 1, 7, 13, 1, 19, 1}},
    {193, {1, 3, 7, 5, 13, 19, 59}},
    {203, {1, 1, 3, 9, 25, 29, 41}},
    {211, {1, 3, 5, 13, 23, 1, 55}},
    {213, {1, 3, 7, 3, 13, 59, 17}},
    {229, {1, 3, 1, 3, 5, 53, 69}},
    {239, {1, 1, 5, 5, 23, 33, 13}},
    {241, {1, 1, 7, 7, 1, 61, 123}},
    {247, {1, 1, 7, 9, 13, 61, 49}},
    {253, {1, 3, 3, 5, 3, 55, 33}},
    {285, {1, 3, 1, 15, 31, 13, 49, 245}},
    {299, {1, 3, 5, 15, 31, 59, 63, 97}},
    {301, {1, 3, 1, 11, 11, 11, 77, 249}},
    {333, {1, 3, 1, 11, 27, 43, 71, 9}},
    {351, {1, 1, 7, 15, 21, 11, 81, 45}},
    {355, {1, 3, 7, 3, 25, 31, 65, 79}},
    {357, {1, 3, 1, 1, 19, 11, 3, 205}},
    {361, {1, 1, 5, 9, 19, 21, 29, 157}},
    {369, {1, 3, 7, 11, 1, 33, 89, 185}},
    {391, {1, 3, 3, 3, 15, 9, 79, 71}},
    {397, {1, 3, 7, 11, 15, 39, 119, 27}},
    {425, {1, 1, 3, 1, 11, 31, 97, 225}},
    {451, {1, 1, 1, 3, 23, 43, 57, 177}},
    {463, {1, 3, 7, 7, 17, 17, 37, 71}},
    {487, {1, 3, 1, 5, 27, 63, 123, 213}},
    {501, {1, 1, 3, 5, 11, 43, 53, 133}},
    {529, {1, 3, 5, 5, 29, 17, 47, 173, 479}},
    {539, {1, 3, 3, 11, 3, 1, 109, 9, 69}},
    {545, {1, 1, 1, 5, 17, 39, 23, 5, 343}},
    {557, {1, 3, 1, 5, 25, 15, 31, 103, 499}},
    {563, {1, 1, 1, 11, 11, 17, 63, 105, 183}},
    {601, {1, 1, 5, 11, 9, 29, 97, 231, 363}},
    {607, {1, 1, 5, 15, 19, 45, 41, 7, 383}},
    {617, {1, 3, 7, 7, 31, 19, 83, 137, 221}},
    {623, {1, 1, 1, 3, 23, 15, 111, 223, 83}},
    {631, {1, 1, 5, 13, 31, 15, 55, 25, 161}},
    {637, {1, 1, 3, 13, 25, 47, 39, 87, 257}}};

constexpr int kBits = 32;

}  // namespace

SobolSequence::SobolSequence(std::size_t dims) : dims_(dims), directions_(dims * kBits) {
  if (dims == 0 || dims > kMaxDims)
    throw std::invalid_argument("Sobol sequence supports 1 to " + std::to_string(kMaxDims) +
                                " dimensions, got " + std::to_string(dims));
  for (std::size_t d = 0; d < dims; ++d) {
    std::uint32_t* v = &directions_[d * kBits];
    const DirectionRow& row = kDirections[d];
    if (d == 0) {
      for (int b = 0; b < kBits; ++b) v[b] = 1u << (kBits - 1 - b);
      continue;
    }
    int s = 0;
    while ((row.poly >> (s + 1)) != 0) ++s;  // degree of the polynomial
    for (int b = 0; b < s; ++b) v[b] = row.initial[static_cast<std::size_t>(b)] << (kBits - 1 - b);
    for (int b = s; b < kBits; ++b) {
      std::uint32_t x = v[b - s] ^ (v[b - s] >> s);
      for (int k = 1; k < s; ++k)
        if ((row.poly >> (s - k)) & 1u) x ^= v[b - k];
      v[b] = x;
    }
  }
}

std::vector<double> SobolSequence::point(std::uint64_t index) const {
  if (index >> kBits) throw std::out_of_range("Sobol index beyond 2^32");
  const std::uint64_t gray = index ^ (index >> 1);
  std::vector<double> out(dims_);
  for (std::size_t d = 0; d < dims_; ++d) {
    std::uint32_t x = 0;
    for (int b = 0; b < kBits; ++b)
      if ((gray >> b) & 1u) x ^= directions_[d * kBits + static_cast<std::size_t>(b)];
    out[d] = static_cast<double>(x) * 0x1.0p-32;
  }
  return out;
}

std::vector<double> latin_hypercube(std::size_t n, std::size_t dims, std::uint64_t seed) {
  SplitMix64 rng(seed ^ 0x4C48535F44455349ull);  // "LHS_DESI": keeps LHS apart from other uses
  std::vector<double> out(n * dims);
  std::vector<std::size_t> strata(n);
  for (std::size_t d = 0; d < dims; ++d) {
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i) std::swap(strata[i - 1], strata[rng.below(i)]);
    for (std::size_t i = 0; i < n; ++i) {
      // 32-bit jitter leaves a gap of 2^-32 below the next stratum, far above rounding error.
      const double jitter = static_cast<double>(rng.next() >> 32) * 0x1.0p-32;
      out[i * dims + d] = (static_cast<double>(strata[i]) + jitter) / static_cast<double>(n);
    }
  }
  return out;
}

std::vector<double> SaltelliLayout::point(const SobolSequence& seq, std::uint64_t scenario,
                                          std::uint64_t skip) const {
  const std::uint64_t j = scenario / block(), k = scenario % block();
  const std::vector<double> ab = seq.point(j + skip);  // 2 * dims coordinates: A then B
  std::vector<double> out(ab.begin(), ab.begin() + static_cast<std::ptrdiff_t>(dims));
  if (k == 1) {
    std::copy(ab.begin() + static_cast<std::ptrdiff_t>(dims), ab.end(), out.begin());
  } else if (k >= 2) {
    const std::size_t i = static_cast<std::size_t>(k - 2);
    out[i] = ab[dims + i];
  }
  return out;
}

}  // namespace regsim::experiments
