// Strict TOML reading with toml++: every value keeps its file and line for error messages.
#include "sim/config.h"

#include <toml++/toml.h>
#include <algorithm>
#include <charconv>
#include <sstream>

#include "sim/input_file.h"
#include "sim/limits.h"

namespace regsim::sim {

std::string Source::str() const {
  if (line > 0) return file + ":" + std::to_string(line);
  return file;
}

std::string to_string(const ScalarValue& v) {
  struct Visitor {
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      std::ostringstream os;
      os.precision(17);
      os << d;
      return os.str();
    }
    std::string operator()(const std::string& s) const { return "\"" + s + "\""; }
  };
  return std::visit(Visitor{}, v);
}

std::string value_for_message(const ScalarValue& v) {
  const auto* s = std::get_if<std::string>(&v);
  if (s == nullptr) return to_string(v);
  std::string out(1, '"');
  out.append(shorten_for_message(*s)).push_back('"');
  return out;
}

const char* type_name(const ScalarValue& v) {
  switch (v.index()) {
    case 0:
      return "boolean";
    case 1:
      return "integer";
    case 2:
      return "float";
    default:
      return "string";
  }
}

std::string ConfigError::str() const {
  std::string out = where.str() + ": ";
  if (!key.empty()) out += key + ": ";
  return out + message;
}

void ConfigErrors::add(Source where, std::string key, std::string message) {
  if (errors_.size() >= kMaxErrors) {
    ++dropped_;
    return;
  }
  where.file = shorten_for_message(where.file, 4096);
  errors_.push_back(
      {std::move(where), shorten_for_message(key, 200), shorten_for_message(message, 2000)});
}

std::string ConfigErrors::str() const {
  std::string out;
  for (const auto& e : errors_) out += e.str() + "\n";
  if (dropped_ > 0)
    out.append("(").append(std::to_string(dropped_)).append(" more errors not shown)\n");
  return out;
}

ConfigException::ConfigException(const ConfigErrors& errors)
    : std::runtime_error(errors.str()), errors_(errors) {}

namespace {

Source source_of(const toml::node& node, const std::string& file) {
  const auto& src = node.source();
  return Source{file, static_cast<int>(src.begin.line)};
}

bool to_scalar(const toml::node& node, ScalarValue& out) {
  if (auto b = node.as_boolean()) {
    out = b->get();
  } else if (auto i = node.as_integer()) {
    out = i->get();
  } else if (auto f = node.as_floating_point()) {
    out = f->get();
  } else if (auto s = node.as_string()) {
    out = s->get();
  } else {
    return false;
  }
  return true;
}

struct Flattener {
  const std::string& file;
  ConfigErrors& errors;

  void table(const toml::table& t, const std::string& prefix, std::vector<ConfigEntry>& entries,
             FlatConfig* root) {
    for (const auto& [k, node] : t) {
      const std::string key =
          prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
      if (const auto* sub = node.as_table()) {
        table(*sub, key, entries, root);
      } else if (const auto* arr = node.as_array()) {
        array(*arr, key, node, root);
      } else {
        ScalarValue v;
        if (to_scalar(node, v)) {
          entries.push_back({key, std::move(v), source_of(node, file)});
        } else {
          errors.add(source_of(node, file), key, "dates and times are not supported here");
        }
      }
    }
  }

  void array(const toml::array& arr, const std::string& key, const toml::node& node,
             FlatConfig* root) {
    if (root != nullptr && key == "schedule" && arr.is_array_of_tables()) {
      for (const auto& elem : arr) schedule_block(*elem.as_table(), *root);
      return;
    }
    if (root == nullptr) {
      errors.add(source_of(node, file), key, "arrays are not allowed inside a schedule block");
      return;
    }
    ConfigArray out{key, {}, source_of(node, file)};
    for (const auto& elem : arr) {
      ScalarValue v;
      if (!to_scalar(elem, v)) {
        errors.add(source_of(elem, file), key,
                   "array elements must be numbers, booleans or strings");
        return;
      }
      out.values.push_back(std::move(v));
    }
    root->arrays.push_back(std::move(out));
  }

  void schedule_block(const toml::table& t, FlatConfig& root) {
    ScheduleBlock block;
    block.where = source_of(t, file);
    for (const auto& [k, node] : t) {
      const std::string key(k.str());
      if (key == "set") {
        if (const auto* sub = node.as_table()) {
          table(*sub, "", block.set, nullptr);
        } else {
          errors.add(source_of(node, file), "schedule.set", "must be a table of key = value");
        }
        continue;
      }
      ScalarValue v;
      if (node.is_table() || node.is_array() || !to_scalar(node, v)) {
        errors.add(source_of(node, file), "schedule." + key, "must be a scalar");
        continue;
      }
      block.fields.push_back({"schedule." + key, std::move(v), source_of(node, file)});
    }
    root.schedule.push_back(std::move(block));
  }
};

}  // namespace

/// The first line whose key or table header nests deeper than kMaxKeyDepth levels, or 0. toml++
/// builds one table per level and frees them recursively: 100,000 levels overflowed the stack.
/// (A line inside a multi-line string is scanned too; no real config has such a line.)
int too_deep_line(std::string_view text) {
  int line = 1;
  for (std::size_t pos = 0; pos < text.size(); ++line) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view l = text.substr(pos, end - pos);
    pos = end + 1;
    int depth = 1;
    char quote = 0;
    for (const char c : l) {
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '.') {
        ++depth;
      } else if (c == '=' || c == ']' || c == '#' || c == ',') {
        break;  // the key or header ends here (a comma: a line of an array's values)
      }
    }
    if (depth > kMaxKeyDepth) return line;
  }
  return 0;
}

FlatConfig parse_config_text(std::string_view text, const std::string& file_name,
                             ConfigErrors& errors) {
  FlatConfig out;
  if (const int line = too_deep_line(text); line > 0) {
    errors.add(Source{file_name, line}, "",
               "a key or table nested deeper than " + std::to_string(kMaxKeyDepth) + " levels");
    return out;
  }
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(file_name));
  } catch (const toml::parse_error& err) {
    errors.add(Source{file_name, static_cast<int>(err.source().begin.line)}, "",
               std::string(err.description()));
    return out;
  }
  Flattener f{file_name, errors};
  f.table(root, "", out.entries, &out);
  return out;
}

FlatConfig read_config_file(const std::string& path, ConfigErrors& errors) {
  std::string why;
  const auto text = read_input_file(path, kMaxConfigBytes, why);
  if (!text) {
    errors.add(Source{path, 0}, "",
               why == "is a directory" ? "is a directory, not a config file" : why);
    return {};
  }
  return parse_config_text(*text, path, errors);
}

ScalarValue parse_scalar_text(std::string_view text) {
  if (text == "true") return true;
  if (text == "false") return false;
  std::int64_t i = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
  if (ec == std::errc() && p == text.data() + text.size()) return i;
  double d = 0.0;
  auto [q, ec2] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec2 == std::errc() && q == text.data() + text.size()) return d;
  std::string s(text);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

}  // namespace regsim::sim
