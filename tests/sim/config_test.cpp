// Tests of the TOML reader's error collection: a hostile file cannot make the report huge.
#include "sim/config.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

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

TEST(ParseConfigText, EveryKindOfNestingCountsTowardsTheLimit) {
  // A dotted key inside an inline table escaped the check (it stopped at the first '=') and
  // 100,000 levels of it crashed regsim; arrays and inline tables nest too.
  const auto deep_line = [](const std::string& text) {
    ConfigErrors errors;
    parse_config_text(text, "d.toml", errors);
    if (errors.all().size() != 1 || errors.str().find("nested deeper") == std::string::npos)
      return -1;
    return errors.all()[0].where.line;
  };
  std::string dotted = "a";
  for (int i = 0; i < 100'000; ++i) dotted += ".a";
  EXPECT_EQ(deep_line("x = 1\ny = { " + dotted + " = 1 }\n"), 2);
  EXPECT_EQ(deep_line("x = 1\ny = [\n  1,\n  { b = 2 }, { " + dotted + " = 1 },\n]\n"), 4);
  EXPECT_EQ(deep_line("y = " + std::string(40, '[') + std::string(40, ']') + "\n"), 1);
  std::string inl = "y = ";
  for (int i = 0; i < 40; ++i) inl += "{ a = ";
  EXPECT_EQ(deep_line(inl + "1" + std::string(40, '}') + "\n"), 1);
  // 30 levels of header and 3 of key are too many together; strings spanning lines are skipped
  // and counted, whatever dots or brackets they hold.
  std::string header = "[h";
  for (int i = 0; i < 29; ++i) header += ".h";
  EXPECT_EQ(deep_line("s = \"\"\"\n[[[.{.\n\"\"\"\n" + header + "]\na.b.c = 1\n"), 5);
  EXPECT_EQ(deep_line("s = '''\na.b.c\n'''\n" + header + "]\na.b = 1\n"), -1);
  // Within the limit (28 + 4 levels): nothing is refused.
  std::string header28 = "[h";
  for (int i = 0; i < 27; ++i) header28 += ".h";
  ConfigErrors fine;
  parse_config_text(header28 + "]\na = { b = [ [1, 2.5], [3] ] }\n", "fine.toml", fine);
  EXPECT_EQ(fine.str().find("nested deeper"), std::string::npos) << fine.str();
}

TEST(ParseConfigText, EmptyTablesAreKeptWithTheirLines) {
  // [a.b] with no keys set nothing and was never checked: an unknown one passed silently.
  ConfigErrors errors;
  const FlatConfig flat = parse_config_text(
      "x = 1\n[a.b]\n[market]\n[c]\n[c.d]\n[f]\ne = {}\n[[schedule]]\ntick = 1\n"
      "set = { z = {}, \"market.kappa\" = 0.5 }\n",
      "e.toml", errors);
  ASSERT_TRUE(errors.empty()) << errors.str();
  std::vector<std::string> seen;
  for (const auto& t : flat.empty_tables) seen.push_back(t.key + "@" + t.where.str());
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"a.b@e.toml:2", "c.d@e.toml:5", "f.e@e.toml:7",
                                            "market@e.toml:3"}));
  ASSERT_EQ(flat.schedule.size(), 1u);
  ASSERT_EQ(flat.schedule[0].empty_tables.size(), 1u);
  EXPECT_EQ(flat.schedule[0].empty_tables[0].key, "z");

  ConfigErrors checked;
  std::vector<EmptyTable> sorted = flat.empty_tables;
  std::sort(sorted.begin(), sorted.end(),
            [](const EmptyTable& a, const EmptyTable& b) { return a.where.line < b.where.line; });
  check_empty_tables(sorted, {"market.kappa", "c.x"}, "", checked);
  EXPECT_EQ(checked.str(),
            "e.toml:2: a.b: unknown table: no parameter is named a.b.*\n"
            "e.toml:5: c.d: unknown table: no parameter is named c.d.*\n"
            "e.toml:7: f.e: unknown table: no parameter is named f.e.*\n");
  ConfigErrors value;
  check_empty_tables({{"market.kappa", Source{"f", 3}}}, {"market.kappa"}, "fixed.", value);
  EXPECT_EQ(value.str(),
            "f:3: fixed.market.kappa: is a parameter, not a table (give it a value)\n");
  EXPECT_TRUE(is_family_of("tracks.pv", "tracks.pv.a0"));
  EXPECT_FALSE(is_family_of("tracks.p", "tracks.pv.a0"));
  EXPECT_FALSE(is_family_of("market.kappa", "market.kappa"));
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
