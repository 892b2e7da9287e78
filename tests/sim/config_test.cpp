// Tests of the TOML reader's error collection: a hostile file cannot make the report huge.
#include "sim/config.h"

#include <gtest/gtest.h>

#include <string>

namespace regsim::sim {
namespace {

TEST(ConfigErrors, ErrorsPastTheLimitAreCountedNotKept) {
  ConfigErrors errors;
  for (int i = 0; i < 100'000; ++i) errors.add(Source{"f.toml", i + 1}, "k", "bad");
  EXPECT_EQ(errors.all().size(), ConfigErrors::kMaxErrors);
  EXPECT_EQ(errors.dropped(), 100'000 - ConfigErrors::kMaxErrors);
  EXPECT_NE(errors.str().find("(99900 more errors not shown)"), std::string::npos);
}

TEST(ConfigErrors, A50MegabyteValueIsNotEchoed) {
  // `--set world.map=<50 MB>` once printed the value four times: 200 MB of stderr.
  const std::string huge(50'000'000, 'x');
  ConfigErrors errors;
  errors.add(Source{"--set", 0}, huge, "no map named \"" + huge + "\"");
  EXPECT_LT(errors.str().size(), 3000u);
  try {
    parse_config_text("key = \"" + huge + "\"\n[", "big.toml", errors);
  } catch (...) {
    ADD_FAILURE() << "the parser threw";
  }
  EXPECT_LT(errors.str().size(), 6000u);
}

TEST(ConfigErrors, AValueWithANulByteCannotCutTheReport) {
  // A NUL in a quoted value ended the printed report there (the errors after it were lost); an
  // escape sequence recoloured the terminal.
  ConfigErrors errors;
  errors.add(Source{"f.toml", 2}, "market.kappa", std::string("got string \"a\0b\x1b[31m\"", 21));
  errors.add(Source{"f.toml", 3}, "world.cities", "bad");
  const std::string report = errors.str();
  EXPECT_EQ(report.find('\0'), std::string::npos);
  EXPECT_NE(report.find("a\\x00b\\x1B[31m"), std::string::npos) << report;
  EXPECT_NE(report.find("f.toml:3: world.cities: bad"), std::string::npos) << report;
}

TEST(ParseConfigText, KeysNestedBeyondTheLimitAreRefusedBeforeParsing) {
  // 100,000 levels of [a.a.a...] overflowed the stack (toml++ frees its tables recursively).
  std::string deep = "x = 1\n[a";
  for (int i = 0; i < 100'000; ++i) deep += ".a";
  deep += "]\n";
  ConfigErrors errors;
  parse_config_text(deep, "deep.toml", errors);
  EXPECT_NE(errors.str().find("deep.toml:2: a key or table nested deeper than 32 levels"),
            std::string::npos)
      << errors.str().substr(0, 300);
  // Dots inside quoted keys, in values and in lines of an array's values do not count.
  ConfigErrors fine;
  const FlatConfig flat = parse_config_text(
      "\"" + std::string(100, '.') + "\" = 1\nv = [\n  0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7,\n]\n",
      "fine.toml", fine);
  EXPECT_TRUE(fine.empty()) << fine.str();
  EXPECT_EQ(flat.entries.size(), 1u);
}

TEST(ReadConfigFile, ADirectoryOrAMissingFileSaysSoWithTheReason) {
  // A directory once read as an empty config: "world.seed: missing".
  const std::string dir = ::testing::TempDir();
  ConfigErrors errors;
  read_config_file(dir, errors);
  ASSERT_EQ(errors.all().size(), 1u);
  EXPECT_NE(errors.str().find("is a directory, not a config file"), std::string::npos)
      << errors.str();
  ConfigErrors missing;
  read_config_file(dir + "/no-such-file.toml", missing);
  EXPECT_NE(missing.str().find("cannot open the file: No such file or directory"),
            std::string::npos)
      << missing.str();
}

}  // namespace
}  // namespace regsim::sim
