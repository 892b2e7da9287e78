// Tests of the machine limits helpers: memory found, message shortening, byte formatting.
#include "sim/limits.h"

#include <gtest/gtest.h>

#include <string>

namespace regsim::sim {
namespace {

TEST(UsableMemory, IsFoundAndPlausible) {
  const std::uint64_t bytes = usable_memory_bytes();
  EXPECT_GT(bytes, 64ull << 20);  // any machine that builds regsim has more than 64 MB
  EXPECT_LT(bytes, 1ull << 50);
}

TEST(FormatBytes, SaysMegabytesOrGigabytes) {
  EXPECT_EQ(format_bytes(5e8), "500 MB");
  EXPECT_EQ(format_bytes(1.5e10), "15.0 GB");
}

TEST(ShortenForMessage, CutsLongValuesAtACharacterBoundaryAndSaysTheSize) {
  EXPECT_EQ(shorten_for_message("short"), "short");
  const std::string big(50'000'000, 'x');
  const std::string s = shorten_for_message(big);
  EXPECT_LT(s.size(), 120u);
  EXPECT_NE(s.find("(50000000 bytes)"), std::string::npos);
  const std::string cjk = "深圳深圳深圳";  // 3 bytes per character
  const std::string cut = shorten_for_message(cjk, 4);
  EXPECT_EQ(cut.substr(0, 3), "深");
  EXPECT_EQ(cut[3], '.');
}

}  // namespace
}  // namespace regsim::sim
