// The ziggurat normal: per-firm first-block draws equal the stream's, and the distribution is N(0,
// 1).
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "sim/random.h"

namespace regsim::sim {
namespace {

TEST(ZigguratNormal, FirstBlockDrawsEqualTheStreamsBitForBit) {
  // 20,000 firms: about 3% of draws need more than one 64-bit word (wedges and tail), a few
  // more than the first block, so the stream built on demand is exercised too (counted below).
  const StreamKey key{0x0123456789abcdefull, 1, 42, 0, Purpose::Efficiency};
  std::vector<std::uint32_t> ids(20'000);
  for (std::size_t e = 0; e < ids.size(); ++e)
    ids[e] = static_cast<std::uint32_t>(e * 2654435761u) ^ 0x5bd1e995u;
  int one_word = 0, beyond_first_block = 0;
  for_each_first_block(
      key, ids,
      [&](std::size_t e, std::uint32_t w0, std::uint32_t w1, std::uint32_t w2, std::uint32_t w3) {
        StreamKey k = key;
        k.entity = ids[e];
        Stream s(k);
        const double expected = ziggurat_normal(s);
        ASSERT_EQ(std::bit_cast<std::uint64_t>(expected),
                  std::bit_cast<std::uint64_t>(block_ziggurat_normal(k, w0, w1, w2, w3)))
            << e;
        // What the draw used, from the stream's next word: w2 after one
        // 64-bit word, block 1's first after two, anything else after more.
        Stream block1(k);
        for (int i = 0; i < 4; ++i) block1.next_u32();
        const std::uint32_t next = s.next_u32();
        if (next == w2) {
          ++one_word;
        } else if (next != block1.next_u32()) {
          ++beyond_first_block;
        }
      });
  EXPECT_GT(one_word, 19'000);  // 97% in fact
  EXPECT_GT(beyond_first_block, 0);
}

TEST(ZigguratNormal, InlineFirstWordPathEqualsBoostsAlgorithm) {
  // Every layer and sign (the low 8 bits), with bit 11 (which Boost clears) set and not, and
  // high bits from a mix: block_ziggurat_normal's inline first-word test against Boost's
  // normal_distribution on the same words, bit for bit, the wedge and tail cases included.
  const StreamKey key{7, 0, 3, 11, Purpose::Efficiency};
  int inline_path = 0;
  for (std::uint32_t bucket = 0; bucket < 256; ++bucket) {
    for (std::uint32_t j = 0; j < 400; ++j) {
      const std::uint32_t w0 = (j * 2654435761u) ^ (bucket << 24);
      const std::uint32_t w1 =
          ((j * 40503u) << 12) ^ ((j & 1u) << 11) ^ (0x700u & (j << 8)) ^ bucket;
      const std::uint32_t w2 = j * 97u + bucket, w3 = ~w2;
      const double fast = block_ziggurat_normal(key, w0, w1, w2, w3);
      const double boost = detail::block_ziggurat_normal_boost(key, w0, w1, w2, w3);
      ASSERT_EQ(std::bit_cast<std::uint64_t>(fast), std::bit_cast<std::uint64_t>(boost))
          << bucket << ' ' << j;
      const double r =
          static_cast<double>(
              ((static_cast<std::uint64_t>(w0) << 32 | w1) & ~(std::uint64_t{1} << 11)) >> 8) *
          0x1.0p-56;
      const bool first_word =
          r * detail::kZigguratX[bucket >> 1] < detail::kZigguratX[(bucket >> 1) + 1];
      // block_ziggurat_normal_first_word settles exactly those, with Boost's draw.
      double z = 0.0;
      ASSERT_EQ(block_ziggurat_normal_first_word(w0, w1, z), first_word) << bucket << ' ' << j;
      if (first_word) {
        ASSERT_EQ(std::bit_cast<std::uint64_t>(z), std::bit_cast<std::uint64_t>(boost));
        ++inline_path;
      }
    }
  }
  // Both paths are exercised: most draws stay inline, some reach Boost's wedges and tail.
  EXPECT_GT(inline_path, 256 * 400 * 9 / 10);
  EXPECT_LT(inline_path, 256 * 400);
  // The extreme words: all zero bits and all one bits.
  for (const std::uint32_t w : {0u, 0xFFFFFFFFu})
    EXPECT_EQ(std::bit_cast<std::uint64_t>(block_ziggurat_normal(key, w, w, w, w)),
              std::bit_cast<std::uint64_t>(detail::block_ziggurat_normal_boost(key, w, w, w, w)));
}

TEST(ZigguratNormal, IsStandardNormal) {
  constexpr int kN = 1'000'000;
  Stream s(StreamKey{9, 0, 0, 3, Purpose::Test});
  std::vector<double> x(kN);
  for (double& v : x) v = ziggurat_normal(s);
  double sum = 0.0, sq = 0.0;
  int beyond3 = 0, tail = 0;
  for (const double v : x) {
    sum += v;
    sq += v * v;
    beyond3 += std::abs(v) > 3.0 ? 1 : 0;
    tail += std::abs(v) > 3.5 ? 1 : 0;  // the ziggurat's base layer ends near 3.44
  }
  const double n = kN, mean = sum / n, var = sq / n - mean * mean;
  // SE(mean) = 1e-3, SE(var) = 1.4e-3.
  EXPECT_NEAR(mean, 0.0, 4e-3);
  EXPECT_NEAR(var, 1.0, 6e-3);
  // P(|X| > 3) = 0.0026998 (SE 5.2e-5), P(|X| > 3.5) = 4.653e-4 (SE 2.2e-5).
  EXPECT_NEAR(beyond3 / n, 0.0026998, 4 * 5.2e-5);
  EXPECT_NEAR(tail / n, 4.653e-4, 4 * 2.2e-5);
  // Kolmogorov-Smirnov distance to the normal CDF: below 1.63 / sqrt(n) (the 1% level).
  std::sort(x.begin(), x.end());
  double d = 0.0;
  for (int i = 0; i < kN; ++i) {
    const double cdf = 0.5 * std::erfc(-x[static_cast<std::size_t>(i)] / std::numbers::sqrt2);
    d = std::max({d, cdf - i / n, (i + 1) / n - cdf});
  }
  EXPECT_LT(d, 1.63 / std::sqrt(n));
}

}  // namespace
}  // namespace regsim::sim
