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

bool is_family_of(std::string_view path, std::string_view key) {
  return key.size() > path.size() && key[path.size()] == '.' && key.substr(0, path.size()) == path;
}

void check_empty_tables(const std::vector<EmptyTable>& tables, const std::vector<std::string>& keys,
                        const std::string& prefix, ConfigErrors& errors) {
  for (const auto& t : tables) {
    const auto holds = [&](const std::string& key) { return is_family_of(t.key, key); };
    if (std::find(keys.begin(), keys.end(), t.key) != keys.end())
      errors.add(t.where, prefix + t.key, "is a parameter, not a table (give it a value)");
    else if (std::none_of(keys.begin(), keys.end(), holds))
      errors.add(t.where, prefix + t.key,
                 "unknown table: no parameter is named " + prefix + t.key + ".*");
  }
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
             FlatConfig* root, std::vector<EmptyTable>& empty) {
    if (t.empty() && !prefix.empty()) empty.push_back({prefix, source_of(t, file)});
    for (const auto& [k, node] : t) {
      const std::string key =
          prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
      if (const auto* sub = node.as_table()) {
        table(*sub, key, entries, root, empty);
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
          table(*sub, "", block.set, nullptr, block.empty_tables);
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

namespace {

/// Finds the first line where anything nests deeper than kMaxKeyDepth levels: each part of a
/// dotted key or table header is a level, and so is each inline table and array a value opens
/// (`a = {b.c = [1]}` nests 4 deep). toml++ builds one table per level and parses and frees them
/// recursively: 100,000 levels of [a.a.a...], or of a dotted key inside an inline table,
/// overflowed the stack. Strings and comments are skipped; lines are counted through multi-line
/// strings and arrays.
class DepthScanner {
 public:
  explicit DepthScanner(std::string_view text) : t_(text) {}

  int first_too_deep_line() {
    while (i_ < t_.size()) {
      const char c = t_[i_];
      if (c == '\n') {
        ++line_;
        ++i_;
        if (stack_.empty()) line_start_ = true, in_key_ = false;  // a new statement
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r') {
        ++i_;
        continue;
      }
      if (c == '#') {
        while (i_ < t_.size() && t_[i_] != '\n') ++i_;
        continue;
      }
      if (line_start_) {
        line_start_ = false;
        in_key_ = true;
        if (c == '[') {  // a table header [a.b] or [[a.b]]: its levels are the new base
          header_ = true;
          key_depth_ = 1;
          ++i_;
          if (i_ < t_.size() && t_[i_] == '[') ++i_;
          continue;
        }
        key_depth_ = header_depth_ + 1;
      }
      if (!step(c)) return line_;
    }
    return 0;
  }

 private:
  struct Frame {
    char kind;  // '[' an array, '{' an inline table
    int depth;  // the depth of the key that holds it
  };

  /// Consumes the character (or the string) at i_; false when it nests too deep.
  bool step(char c) {
    if (c == '"' || c == '\'') {
      skip_string(c);
      return true;
    }
    ++i_;
    if (in_key_) {
      if (c == '.') ++key_depth_;
      if (header_ && c == ']') {
        header_depth_ = key_depth_;
        header_ = in_key_ = false;
      } else if (!header_ && c == '=') {
        in_key_ = false;
        value_depth_ = key_depth_;
      }
      return key_depth_ <= kMaxKeyDepth;
    }
    if (c == '[' || c == '{') {
      stack_.push_back({c, value_depth_});
      if (c == '[') return ++value_depth_ <= kMaxKeyDepth;
      in_key_ = true;
      key_depth_ = value_depth_ + 1;
      return key_depth_ <= kMaxKeyDepth;
    }
    if ((c == ']' || c == '}') && !stack_.empty()) {
      value_depth_ = stack_.back().depth;
      stack_.pop_back();
    } else if (c == ',' && !stack_.empty()) {
      if (stack_.back().kind == '{') {
        in_key_ = true;
        key_depth_ = stack_.back().depth + 1;
      } else {
        value_depth_ = stack_.back().depth + 1;
      }
    }
    return true;
  }

  /// Skips a quoted key or string: '...', "..." (with escapes), or a multi-line ''' or """ one.
  void skip_string(char q) {
    const std::string quotes(3, q);
    const bool triple = t_.substr(i_, 3) == quotes;
    i_ += triple ? 3 : 1;
    while (i_ < t_.size()) {
      const char c = t_[i_];
      if (c == '\\' && q == '"') {
        if (i_ + 1 < t_.size() && t_[i_ + 1] == '\n') ++line_;
        i_ += 2;
        continue;
      }
      if (c == '\n') {
        if (!triple) return;  // an unterminated string: toml++ reports it
        ++line_;
      }
      if (c == q && (!triple || t_.substr(i_, 3) == quotes)) {
        i_ += triple ? 3 : 1;
        while (triple && i_ < t_.size() && t_[i_] == q) ++i_;  // up to two quotes end the text
        return;
      }
      ++i_;
    }
  }

  std::string_view t_;
  std::size_t i_ = 0;
  int line_ = 1;
  bool line_start_ = true, in_key_ = false, header_ = false;
  int header_depth_ = 0, key_depth_ = 0, value_depth_ = 0;
  std::vector<Frame> stack_;
};

}  // namespace

/// The first line nesting deeper than kMaxKeyDepth levels, or 0.
int too_deep_line(std::string_view text) {
  return DepthScanner(text).first_too_deep_line();
}

FlatConfig parse_config_text(std::string_view text, const std::string& file_name,
                             ConfigErrors& errors) {
  FlatConfig out;
  if (const int line = too_deep_line(text); line > 0) {
    errors.add(Source{file_name, line}, "",
               "a key or table nested deeper than " + std::to_string(kMaxKeyDepth) +
                   " levels (each part of a dotted key, each inline table and array is one)");
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
  f.table(root, "", out.entries, &out, out.empty_tables);
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
