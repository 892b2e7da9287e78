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
