// format_number writes every number of the CSV outputs: it must equal printf's "%.10g" exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "agents/metrics.h"

namespace regsim::agents {
namespace {

std::string printf_10g(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

TEST(FormatNumber, EqualsPrintfTenSignificantDigits) {
  // Edge values, then random bit patterns (every exponent) and random values of model size.
  for (double v : {1.0, -1.0, 0.5, 1e-5, 1e-4, 123456789.0, 1234567890.0, 12345678901.0, 0.1 + 0.2,
                   9.9999999995, 9.99999999949, 1e15, 1e16, 1e-300, 5e-324,
                   std::numeric_limits<double>::max(), std::numeric_limits<double>::min()})
    EXPECT_EQ(format_number(v), printf_10g(v)) << v;
  std::uint64_t x = 0x2545F4914F6CDD1Dull;
  for (int i = 0; i < 200000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const double bits = std::bit_cast<double>(x);
    if (std::isfinite(bits) && bits != 0.0) {
      ASSERT_EQ(format_number(bits), printf_10g(bits)) << i;
    }
    const double model = static_cast<double>(x % 100000000) / 1000.0 - 5000.0;
    if (model != 0.0) {
      ASSERT_EQ(format_number(model), printf_10g(model)) << model;
    }
  }
  // Near ties of the tenth digit and near powers of ten, each side, every exponent of the
  // scaled path (1e-5 .. 1e15) and a little beyond.
  for (int e = -7; e <= 16; ++e) {
    for (const double mantissa : {1.0, 9.9999999995, 9.999999999, 9.99999999949, 9.99999999951,
                                  1.00000000005, 0.99999999995, 1.23456789125, 5.0000000005}) {
      double v = mantissa * std::pow(10.0, e);
      for (int step = 0; step < 8; ++step) {
        ASSERT_EQ(format_number(v), printf_10g(v)) << v;
        ASSERT_EQ(format_number(-v), printf_10g(-v)) << -v;
        v = std::nextafter(v, 0.0);
      }
    }
  }
  // Eleven-digit decimals ending in 5 (exact ties where the binary value allows), and neighbours.
  for (int i = 0; i < 200000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const double tie = (static_cast<double>(x % 9000000000ull + 1000000000ull) * 10.0 + 5.0) *
                       std::pow(10.0, static_cast<int>(x % 29) - 21);
    for (const double v : {tie, std::nextafter(tie, 0.0), std::nextafter(tie, 1e300)})
      ASSERT_EQ(format_number(v), printf_10g(v)) << v;
  }
  EXPECT_EQ(format_number(0.0), "0");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_number(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(format_number(-std::numeric_limits<double>::infinity()), "-inf");
}

TEST(FormatNumber, ToABufferWritesTheSameCharactersWithinItsRoom) {
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  std::vector<double> values = {0.0,
                                -0.0,
                                1.0,
                                -1.234567891e-300,
                                5e-324,
                                -std::numeric_limits<double>::max(),
                                std::numeric_limits<double>::quiet_NaN(),
                                -std::numeric_limits<double>::infinity(),
                                std::numeric_limits<double>::infinity(),
                                0.0001234567891,
                                -123456789.5};
  for (int i = 0; i < 20000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const double bits = std::bit_cast<double>(x);
    if (!std::isnan(bits)) values.push_back(bits);
  }
  for (const double v : values) {
    char buf[kNumberChars + 8];
    std::fill(std::begin(buf), std::end(buf), '#');
    const char* end = format_number_to(v, buf);
    ASSERT_LE(end - buf, static_cast<std::ptrdiff_t>(kNumberChars)) << v;
    const std::string text(buf, static_cast<std::size_t>(end - buf));
    ASSERT_EQ(text, format_number(v)) << v;
    if (v != 0.0) {  // printf writes -0 as "-0"
      ASSERT_EQ(text, printf_10g(v)) << v;
    }
    for (std::size_t c = kNumberChars; c < sizeof buf; ++c)
      ASSERT_EQ(buf[c], '#') << v;  // nothing written past its room
  }
}

}  // namespace
}  // namespace regsim::agents
