// The decision log: every record survives a round trip; bad lines are named by file and line.
#include "classroom/session_log.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sim/config.h"

namespace regsim::classroom {
namespace {

std::string lines(const std::vector<LogRecord>& records) {
  std::string out;
  for (const auto& r : records) out += to_json_line(r) + "\n";
  return out;
}

std::vector<LogRecord> sample() {
  HeaderRecord h;
  h.regsim_version = "0.1.0";
  h.commit = "abc";
  h.config_name = "/x/baseline.toml";
  h.config_text = "[world]\nseed = 1\n# \"quoted\" \\ and ünïcode\n";
  h.overrides = {"world.cities=24"};
  h.years = 3;
  YearRecord y{1, 4, {HeldChoice{3, {"pv", "ai"}, 0.123456789012345, true, false}}};
  return {h,
          SeatRecord{0, 3, "李雷", true},
          y,
          ChangeRecord{agents::ParamChange{5, "market.kappa", 0.2}},
          ChangeRecord{agents::ParamChange{5, "policy.evaluation", std::string("balanced")}},
          ChangeRecord{agents::ParamChange{6, "policy.bailouts", false}},
          ChangeRecord{agents::ParamChange{6, "world.graph_k", std::int64_t{4}}},
          EndRecord{8, 0xfedcba9876543210ull, 1}};
}

TEST(SessionLog, EveryRecordRoundTrips) {
  const auto records = sample();
  const std::string text = lines(records);
  EXPECT_EQ(text.find("{\"type\":\"header\""), 0u) << "the type comes first on every line";
  const auto back = parse_log(text, "s.jsonl");
  ASSERT_EQ(back.size(), records.size());
  EXPECT_EQ(lines(back), text);
  const auto& y = std::get<YearRecord>(back[2]);
  EXPECT_EQ(y.choices[0].subsidy_rate, 0.123456789012345);  // exact, not rounded
  EXPECT_EQ(std::get<std::string>(std::get<ChangeRecord>(back[4]).change.value), "balanced");
  EXPECT_EQ(std::get<std::int64_t>(std::get<ChangeRecord>(back[6]).change.value), 4);
  EXPECT_EQ(std::get<EndRecord>(back[7]).hash, 0xfedcba9876543210ull);
}

TEST(SessionLog, ALastLineCutOffWhileWritingIsIgnored) {
  const std::string text = lines(sample());
  const auto back = parse_log(text.substr(0, text.size() - 20), "s.jsonl");
  EXPECT_EQ(back.size(), sample().size() - 1);
}

void expect_error(const std::string& text, const std::string& what) {
  try {
    parse_log(text, "s.jsonl");
    ADD_FAILURE() << "accepted: " << text;
  } catch (const sim::ConfigException& e) {
    EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
  }
}

TEST(SessionLog, BadLinesAreNamedByFileAndLine) {
  const std::string head = lines({sample()[0]});
  expect_error(head + "{junk\n", "s.jsonl:2: not a line of JSON");
  expect_error(head + "[1,2]\n", "s.jsonl:2: a line must be a JSON object");
  expect_error(
      head + "{\"type\":\"end\",\"tick\":4,\"hash\":\"0x1\",\"shadow_hash\":\"0x2\",\"x\":1}\n",
      "unknown key \"x\"");
  expect_error(
      head + "{\"type\":\"end\",\"tick\":\"4\",\"hash\":\"0x1\",\"shadow_hash\":\"0x2\"}\n",
      "\"tick\" has the wrong type");
  expect_error(head + "{\"type\":\"end\",\"tick\":4,\"hash\":\"zz\",\"shadow_hash\":\"0x2\"}\n",
               "not a hexadecimal hash");
  expect_error(head + "{\"type\":\"seat\",\"tick\":-1,\"city\":0,\"name\":\"a\",\"taken\":true}\n",
               "\"tick\" is out of range");
  expect_error(head + "{\"type\":\"vote\"}\n", "\"type\" must be");
  expect_error(lines({sample()[1]}), "s.jsonl:1: a classroom log starts with a \"header\" record");
}

TEST(SessionLog, WriterNeverOverwritesAnEarlierSession) {
  const auto path = std::filesystem::temp_directory_path() / "regsim_classroom_log_test.jsonl";
  std::filesystem::remove(path);
  {
    LogWriter w(path);
    w.write(sample()[0]);
    w.write(sample()[1]);
  }
  EXPECT_THROW(LogWriter{path}, std::runtime_error);
  EXPECT_EQ(read_log(path).size(), 2u);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace regsim::classroom
