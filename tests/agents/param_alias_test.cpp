// Old parameter keys (ParamSpec::aliases): each sets its parameter as the key does, everywhere.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "agents/param_table.h"

namespace regsim::agents {
namespace {

const std::string kBase = "[world]\nseed = 1\ncities = 4\nprovinces = 2\nyears = 1\n";

/// A value in the spec's range other than its default, as --set text.
std::string other_value(const ParamSpec& s, const ModelParams& defaults) {
  const sim::ScalarValue v = s.get(defaults);
  switch (s.type) {
    case ParamType::Boolean:
      return std::get<bool>(v) ? "false" : "true";
    case ParamType::Choice:
      return s.choices[0] == std::get<std::string>(v) ? s.choices[1] : s.choices[0];
    case ParamType::Integer:
      return std::to_string(std::get<std::int64_t>(v) == static_cast<std::int64_t>(s.min)
                                ? static_cast<std::int64_t>(s.min) + 1
                                : static_cast<std::int64_t>(s.min));
    default:
      return sim::to_string(sim::ScalarValue(
          (s.min + s.max) / 2 == std::get<double>(v) ? s.min : (s.min + s.max) / 2));
  }
}

TEST(ParamAliases, EveryOldKeySetsItsParameterInFilesSetsAndSchedules) {
  const ModelParams defaults;
  const ParamTable table(defaults.tracks);
  const auto base = load_run_config_text(kBase, "base", {});
  int aliases = 0;
  for (const auto& s : table.specs()) {
    for (const auto& old : s.aliases) {
      ++aliases;
      EXPECT_EQ(table.find(old), &s) << old;
      const std::string value = other_value(s, defaults);
      const auto by_key = load_run_config_text(kBase, "key", {s.key + "=" + value});
      const auto by_alias = load_run_config_text(kBase, "alias", {old + "=" + value});
      EXPECT_NE(params_to_toml(by_key.params), params_to_toml(base.params))
          << s.key << " = " << value << " changes nothing";
      EXPECT_EQ(params_to_toml(by_alias.params), params_to_toml(by_key.params)) << old;
      // In a file, as a dotted key before the first table (choices are TOML strings there).
      const std::string toml_value = s.type == ParamType::Choice ? "\"" + value + "\"" : value;
      const auto in_file =
          load_run_config_text(old + " = " + toml_value + "\n" + kBase, "file", {});
      EXPECT_EQ(params_to_toml(in_file.params), params_to_toml(by_key.params)) << old;
      if (s.schedulable) {
        ModelParams changed;
        ASSERT_FALSE(apply_change(changed, old, s.get(by_key.params))) << old;
        EXPECT_EQ(s.get(changed), s.get(by_key.params)) << old;
      }
    }
  }
  EXPECT_EQ(aliases, 31) << "policy.* (25) and government.fund_* / guidance_funds (6)";
}

TEST(ParamAliases, OldKeysAreUniqueAndNeverAKey) {
  const ModelParams defaults;
  const ParamTable table(defaults.tracks);
  std::set<std::string> keys, old;
  for (const auto& s : table.specs()) keys.insert(s.key);
  for (const auto& s : table.specs())
    for (const auto& a : s.aliases) {
      EXPECT_EQ(keys.count(a), 0u) << a;
      EXPECT_TRUE(old.insert(a).second) << a << " names two parameters";
    }
}

TEST(ParamAliases, AFileSettingAKeyAndItsOldKeyIsRefusedAtTheSecond) {
  const std::string text =
      kBase + "[policy]\nsubsidy_regime = \"vc\"\n[subsidy]\nregime = \"none\"\n";
  try {
    load_run_config_text(text, "both.toml", {});
    FAIL() << "no error";
  } catch (const sim::ConfigException& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("both.toml:9"), std::string::npos) << what;
    EXPECT_NE(what.find("is subsidy.regime, already set as policy.subsidy_regime at line 7"),
              std::string::npos)
        << what;
  }
}

TEST(ParamAliases, SetOverridesAFileValueGivenUnderTheOtherName) {
  const std::string text = kBase + "[policy]\nsubsidy_regime = \"vc\"\n";
  const auto c = load_run_config_text(text, "old.toml", {"subsidy.regime=none"});
  EXPECT_EQ(c.params.subsidy.regime, policies::SubsidyRegime::None);
  const auto d = load_run_config_text(kBase, "new.toml", {"policy.subsidy_regime=precise"});
  EXPECT_EQ(d.params.subsidy.regime, policies::SubsidyRegime::Precise);
}

/// Every table a name sits in: "a" and "a.b" for "a.b.c".
std::set<std::string> tables_of(const std::vector<std::string>& names) {
  std::set<std::string> out;
  for (const auto& n : names)
    for (auto dot = n.find('.'); dot != std::string::npos; dot = n.find('.', dot + 1))
      out.insert(n.substr(0, dot));
  return out;
}

std::string errors_of(const std::string& text) {
  try {
    load_run_config_text(text, "e.toml", {});
  } catch (const sim::ConfigException& e) {
    return e.what();
  }
  return "";
}

TEST(ParamAliases, AnEmptyTableIsAcceptedUnderItsNewAndItsOldName) {
  const ModelParams defaults;
  const ParamTable table(defaults.tracks);
  std::vector<std::string> old;
  for (const auto& s : table.specs()) old.insert(old.end(), s.aliases.begin(), s.aliases.end());
  const std::set<std::string> tables = tables_of(table.names());
  ASSERT_EQ(tables.count("policy"), 1u);  // only old keys live there
  for (const auto& t : tables_of(old)) EXPECT_EQ(tables.count(t), 1u) << t;
  for (const auto& t : tables) {
    // As a table header, as an empty inline table (not [world]: kBase defines it, so it cannot
    // be empty), and inside a schedule's changes.
    if (t != "world") {
      EXPECT_EQ(errors_of(kBase + "[" + t + "]\n"), "") << t;
      EXPECT_EQ(errors_of(t + " = {}\n" + kBase), "") << t;
    }
    EXPECT_EQ(errors_of(kBase + "[[schedule]]\nyear = 0\nset = { \"market.kappa\" = 0.1, " + t +
                        " = {} }\n"),
              "")
        << t;
  }
}

TEST(ParamAliases, AnEmptyTableNamingNoParameterUnderEitherNameIsStillRefused) {
  // choice and promotion were names of C++ members, never of config tables (their keys were
  // government.* and tournament.* before and after the rename), so they name nothing.
  const std::string e = errors_of(kBase +
                                  "[policy.nope]\n[choice]\n[promotion]\n[policy.bailouts]\n"
                                  "[government.guidance_funds]\n[funds.x]\n");
  EXPECT_NE(e.find("e.toml:6: policy.nope: unknown table: no parameter is named policy.nope.*"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("e.toml:7: choice: unknown table"), std::string::npos) << e;
  EXPECT_NE(e.find("e.toml:8: promotion: unknown table"), std::string::npos) << e;
  EXPECT_NE(e.find("e.toml:9: policy.bailouts: is a parameter, not a table"), std::string::npos)
      << e;
  EXPECT_NE(e.find("e.toml:10: government.guidance_funds: is a parameter, not a table"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("e.toml:11: funds.x: unknown table"), std::string::npos) << e;
  const std::string s = errors_of(kBase +
                                  "[[schedule]]\nyear = 0\nset = { \"market.kappa\" = 0.1, "
                                  "policy = { zz = {} } }\n");
  EXPECT_NE(s.find("e.toml:8: policy.zz: unknown table"), std::string::npos) << s;
}

TEST(ParamAliases, OutputsUseTheKeys) {
  const auto c = load_run_config_text(kBase, "x", {"policy.bailouts=false"});
  const std::string toml = params_to_toml(c.params);
  EXPECT_NE(toml.find("\"exit.bailouts\" = false"), std::string::npos);
  EXPECT_EQ(toml.find("policy."), std::string::npos);
  EXPECT_EQ(params_to_json(c.params, 0).find("policy."), std::string::npos);
}

}  // namespace
}  // namespace regsim::agents
