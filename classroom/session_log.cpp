// Writing and strictly reading the decision log (JSON lines, nlohmann_json in this file only).
#include "classroom/session_log.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "sim/config.h"
#include "sim/input_file.h"

namespace regsim::classroom {

using json = nlohmann::ordered_json;  // keys in the order written: "type" first

namespace {

std::string hex64(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%016llx", static_cast<unsigned long long>(v));
  return buf;
}

json scalar_json(const sim::ScalarValue& v) {
  return std::visit([](const auto& x) { return json(x); }, v);
}

json record_json(const HeaderRecord& r) {
  return {{"type", "header"},
          {"format", r.format},
          {"regsim", r.regsim_version},
          {"commit", r.commit},
          {"config_name", r.config_name},
          {"config_text", r.config_text},
          {"overrides", r.overrides},
          {"years", r.years}};
}
json record_json(const SeatRecord& r) {
  return {
      {"type", "seat"}, {"tick", r.tick}, {"city", r.city}, {"name", r.name}, {"taken", r.taken}};
}
json record_json(const YearRecord& r) {
  json choices = json::array();
  for (const auto& c : r.choices)
    choices.push_back({{"city", c.city},
                       {"tracks", c.tracks},
                       {"subsidy_rate", c.subsidy_rate},
                       {"bailouts", c.bailouts},
                       {"submitted", c.submitted}});
  return {{"type", "year"}, {"year", r.year}, {"tick", r.tick}, {"choices", choices}};
}
json record_json(const ChangeRecord& r) {
  return {{"type", "change"},
          {"tick", r.change.tick},
          {"key", r.change.key},
          {"value", scalar_json(r.change.value)}};
}
json record_json(const EndRecord& r) {
  return {{"type", "end"},
          {"tick", r.tick},
          {"hash", hex64(r.hash)},
          {"shadow_hash", hex64(r.shadow_hash)}};
}

/// Reads the members of one log line strictly: every key must be known and of the right type.
class Fields {
 public:
  Fields(const json& object, std::string where) : j_(object), where_(std::move(where)) {}

  const json& any(const char* key) {
    seen_.insert(key);
    const auto it = j_.find(key);
    if (it == j_.end()) fail(std::string("missing key \"") + key + "\"");
    return *it;
  }
  const json& at(const char* key, json::value_t type) {
    const json& v = any(key);
    const bool ok = v.type() == type || (type == json::value_t::number_float && v.is_number()) ||
                    (type == json::value_t::number_integer && v.is_number_unsigned());
    if (!ok) fail(std::string("\"") + key + "\" has the wrong type");
    return v;
  }
  std::string text(const char* key) { return at(key, json::value_t::string).get<std::string>(); }
  bool flag(const char* key) { return at(key, json::value_t::boolean).get<bool>(); }
  double real(const char* key) { return at(key, json::value_t::number_float).get<double>(); }
  std::int64_t integer(const char* key, std::int64_t lo, std::int64_t hi) {
    const auto v = at(key, json::value_t::number_integer).get<std::int64_t>();
    if (v < lo || v > hi) fail(std::string("\"") + key + "\" is out of range");
    return v;
  }
  std::vector<std::string> texts(const char* key) {
    std::vector<std::string> out;
    for (const auto& x : at(key, json::value_t::array)) {
      if (!x.is_string()) fail(std::string("\"") + key + "\" must hold strings");
      out.push_back(x.get<std::string>());
    }
    return out;
  }
  std::uint64_t hash(const char* key) {
    const std::string s = text(key);
    try {
      std::size_t used = 0;
      const auto v = std::stoull(s, &used, 16);
      if (used == s.size()) return v;
    } catch (const std::exception&) {
    }
    fail(std::string("\"") + key + "\" is not a hexadecimal hash");
  }
  /// Every key of the object was read: an unknown key is an error, as in configs.
  void done() {
    for (auto it = j_.begin(); it != j_.end(); ++it)
      if (!seen_.count(it.key())) fail("unknown key \"" + it.key() + "\"");
  }
  [[noreturn]] void fail(const std::string& message) const {
    throw std::invalid_argument(message + where_);
  }

 private:
  const json& j_;
  std::string where_;
  std::set<std::string> seen_;
};

sim::ScalarValue scalar_of(const json& v, Fields& f) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number_float()) return v.get<double>();
  if (v.is_string()) return v.get<std::string>();
  f.fail("\"value\" must be a boolean, number or string");
}

constexpr std::int64_t kMaxTick = 1'000'000;

LogRecord parse_record(const json& j) {
  if (!j.is_object()) throw std::invalid_argument("a line must be a JSON object");
  const auto type_it = j.find("type");
  const std::string type =
      type_it != j.end() && type_it->is_string() ? type_it->get<std::string>() : "";
  Fields f(j, type.empty() ? "" : " (in a \"" + type + "\" record)");
  f.text("type");
  LogRecord out;
  if (type == "header") {
    HeaderRecord r;
    r.format = static_cast<int>(f.integer("format", 1, 1));
    r.regsim_version = f.text("regsim");
    r.commit = f.text("commit");
    r.config_name = f.text("config_name");
    r.config_text = f.text("config_text");
    r.overrides = f.texts("overrides");
    r.years = static_cast<int>(f.integer("years", 1, 200));
    out = r;
  } else if (type == "seat") {
    SeatRecord r;
    r.tick = static_cast<sim::Tick>(f.integer("tick", 0, kMaxTick));
    r.city = static_cast<std::uint32_t>(f.integer("city", 0, 10'000'000));
    r.name = f.text("name");
    r.taken = f.flag("taken");
    out = r;
  } else if (type == "year") {
    YearRecord r;
    r.year = static_cast<int>(f.integer("year", 0, 200));
    r.tick = static_cast<sim::Tick>(f.integer("tick", 0, kMaxTick));
    for (const auto& c : f.at("choices", json::value_t::array)) {
      if (!c.is_object()) f.fail("\"choices\" must hold objects");
      Fields g(c, " (in a choice of year " + std::to_string(r.year) + ")");
      HeldChoice h;
      h.city = static_cast<std::uint32_t>(g.integer("city", 0, 10'000'000));
      h.tracks = g.texts("tracks");
      h.subsidy_rate = g.real("subsidy_rate");
      h.bailouts = g.flag("bailouts");
      h.submitted = g.flag("submitted");
      g.done();
      r.choices.push_back(std::move(h));
    }
    out = r;
  } else if (type == "change") {
    ChangeRecord r;
    r.change.tick = static_cast<sim::Tick>(f.integer("tick", 0, kMaxTick));
    r.change.key = f.text("key");
    r.change.value = scalar_of(f.any("value"), f);
    out = r;
  } else if (type == "end") {
    EndRecord r;
    r.tick = static_cast<sim::Tick>(f.integer("tick", 0, kMaxTick));
    r.hash = f.hash("hash");
    r.shadow_hash = f.hash("shadow_hash");
    out = r;
  } else {
    throw std::invalid_argument("\"type\" must be header, seat, year, change or end");
  }
  f.done();
  return out;
}

}  // namespace

std::string to_json_line(const LogRecord& record) {
  return std::visit([](const auto& r) { return record_json(r).dump(); }, record);
}

std::vector<LogRecord> parse_log(const std::string& text, const std::string& name) {
  std::vector<LogRecord> out;
  sim::ConfigErrors errors;
  std::size_t start = 0;
  int line = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // a last line cut off while writing
    ++line;
    const std::string_view row(text.data() + start, end - start);
    start = end + 1;
    const json j = json::parse(row, nullptr, false);
    if (j.is_discarded()) {
      errors.add({name, line}, "", "not a line of JSON");
      continue;
    }
    try {
      out.push_back(parse_record(j));
    } catch (const std::exception& e) {
      errors.add({name, line}, "", e.what());
    }
  }
  if (errors.empty() && (out.empty() || !std::holds_alternative<HeaderRecord>(out.front())))
    errors.add({name, 1}, "", "a classroom log starts with a \"header\" record");
  if (!errors.empty()) throw sim::ConfigException(errors);
  return out;
}

std::vector<LogRecord> read_log(const std::filesystem::path& path) {
  std::string why;  // a directory, a FIFO (would block), a device, too large, or the OS reason
  const auto text = sim::read_input_file(path.string(), sim::kMaxConfigBytes, why);
  if (!text) {
    sim::ConfigErrors errors;
    errors.add({path.string(), 0}, "", why);
    throw sim::ConfigException(errors);
  }
  return parse_log(*text, path.string());
}

LogWriter::LogWriter(const std::filesystem::path& path) : path_(path) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  file_ = std::fopen(path.c_str(), "wx");  // x: never overwrite an earlier session's log
  if (!file_)
    throw std::runtime_error("cannot create the decision log " + path.string() + ": " +
                             std::strerror(errno));
}

LogWriter::~LogWriter() {
  if (file_) std::fclose(file_);
}

void LogWriter::write(const LogRecord& record) {
  lines_.push_back(to_json_line(record));
  if (!file_) return;
  const std::string& line = lines_.back();
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() ||
      std::fputc('\n', file_) == EOF || std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0)
    throw std::runtime_error("cannot write the decision log " + path_.string() + ": " +
                             std::strerror(errno));
}

}  // namespace regsim::classroom
