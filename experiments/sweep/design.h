// Sampling designs for sweeps: Sobol sequence, Latin hypercube, Saltelli layout, a seeded RNG.
#pragma once

#include <cstdint>
#include <vector>

namespace regsim::experiments {

/// SplitMix64: a tiny, platform-independent generator for design sampling and bootstrap
/// resampling (never for the model, whose draws come from sim::Stream).
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  double uniform01();                        ///< top 53 bits scaled by 2^-53: [0, 1)
  std::uint64_t below(std::uint64_t bound);  ///< unbiased integer in [0, bound), bound > 0

 private:
  std::uint64_t state_;
};

/// The Sobol low-discrepancy sequence with the Joe-Kuo (new-joe-kuo-6.21201) direction numbers,
/// Gray-code ordered and unscrambled, so point i equals scipy's Sobol(scramble=False) point i.
class SobolSequence {
 public:
  static constexpr std::size_t kMaxDims = 64;
  explicit SobolSequence(std::size_t dims);  ///< throws std::invalid_argument above kMaxDims
  std::size_t dims() const { return dims_; }
  /// Point `index` (0 is the origin) in [0, 1)^dims, computed directly from the index.
  std::vector<double> point(std::uint64_t index) const;

 private:
  std::size_t dims_;
  std::vector<std::uint32_t> directions_;  ///< dims x 32, row-major
};

/// A Latin hypercube of n points in [0, 1)^dims: in every dimension each of the n strata
/// [k/n, (k+1)/n) holds exactly one point, jittered uniformly inside it. Row-major n x dims.
std::vector<double> latin_hypercube(std::size_t n, std::size_t dims, std::uint64_t seed);

/// Saltelli's scheme for first-order and total Sobol indices: N base samples, each a block of
/// dims + 2 points: A_j, B_j, then AB_j^i (A_j with coordinate i taken from B_j) for every i.
/// A and B are the two halves of point (j + skip) of a 2*dims Sobol sequence.
struct SaltelliLayout {
  std::size_t dims = 0;
  std::size_t block() const { return dims + 2; }
  /// Unit point of scenario s (block s / (dims + 2), position s % (dims + 2)).
  std::vector<double> point(const SobolSequence& seq, std::uint64_t scenario,
                            std::uint64_t skip) const;
};

}  // namespace regsim::experiments
