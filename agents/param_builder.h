// Builds the rows of the parameter table: one call per key with its type, range and meaning
// (used by param_table.cpp only).
#pragma once

#include <algorithm>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "agents/param_table.h"

namespace regsim::agents::detail {

class Builder {
 public:
  explicit Builder(std::vector<ParamSpec>& out) : out_(out) {}

  template <class Ref>
  void real(std::string key, Ref ref, double lo, double hi, std::string doc, bool sched = true) {
    ParamSpec s{std::move(key), ParamType::Real, lo, hi, {}, std::move(doc), sched, {}, {}};
    s.get = [ref](const ModelParams& p) {
      return sim::ScalarValue(ref(const_cast<ModelParams&>(p)));
    };
    s.set = [ref](ModelParams& p, const sim::ScalarValue& v) { ref(p) = std::get<double>(v); };
    out_.push_back(std::move(s));
  }

  template <class Ref>
  void integer(std::string key, Ref ref, double lo, double hi, std::string doc, bool sched = true) {
    ParamSpec s{std::move(key), ParamType::Integer, lo, hi, {}, std::move(doc), sched, {}, {}};
    s.get = [ref](const ModelParams& p) {
      return sim::ScalarValue(static_cast<std::int64_t>(ref(const_cast<ModelParams&>(p))));
    };
    s.set = [ref](ModelParams& p, const sim::ScalarValue& v) {
      using T = std::remove_reference_t<decltype(ref(p))>;
      ref(p) = static_cast<T>(std::get<std::int64_t>(v));
    };
    out_.push_back(std::move(s));
  }

  template <class Ref>
  void boolean(std::string key, Ref ref, std::string doc, bool sched = true) {
    ParamSpec s{std::move(key), ParamType::Boolean, 0, 1, {}, std::move(doc), sched, {}, {}};
    s.get = [ref](const ModelParams& p) {
      return sim::ScalarValue(ref(const_cast<ModelParams&>(p)));
    };
    s.set = [ref](ModelParams& p, const sim::ScalarValue& v) { ref(p) = std::get<bool>(v); };
    out_.push_back(std::move(s));
  }

  /// An enum whose values are 0..n-1 in the order of `names`.
  template <class Ref>
  void choice(std::string key, Ref ref, std::vector<std::string> names, std::string doc,
              bool sched = true) {
    ParamSpec s{std::move(key), ParamType::Choice, 0, 0, names, std::move(doc), sched, {}, {}};
    s.get = [ref, names](const ModelParams& p) {
      return sim::ScalarValue(names[static_cast<std::size_t>(ref(const_cast<ModelParams&>(p)))]);
    };
    s.set = [ref, names](ModelParams& p, const sim::ScalarValue& v) {
      const auto it = std::find(names.begin(), names.end(), std::get<std::string>(v));
      using E = std::remove_reference_t<decltype(ref(p))>;
      ref(p) = static_cast<E>(it - names.begin());
    };
    out_.push_back(std::move(s));
  }

  template <class Ref>
  void text(std::string key, Ref ref, std::vector<std::string> allowed, std::string doc,
            bool sched = true) {
    ParamSpec s{std::move(key), ParamType::Choice, 0, 0, allowed, std::move(doc), sched, {}, {}};
    s.get = [ref](const ModelParams& p) {
      return sim::ScalarValue(ref(const_cast<ModelParams&>(p)));
    };
    s.set = [ref](ModelParams& p, const sim::ScalarValue& v) { ref(p) = std::get<std::string>(v); };
    out_.push_back(std::move(s));
  }

  /// Free text that may be empty (a name or a path).
  template <class Ref>
  void free_text(std::string key, Ref ref, std::string doc, bool sched = true) {
    ParamSpec s{std::move(key), ParamType::Text, 0, 0, {}, std::move(doc), sched, {}, {}};
    s.get = [ref](const ModelParams& p) {
      return sim::ScalarValue(ref(const_cast<ModelParams&>(p)));
    };
    s.set = [ref](ModelParams& p, const sim::ScalarValue& v) { ref(p) = std::get<std::string>(v); };
    out_.push_back(std::move(s));
  }

  ParamSpec& last() { return out_.back(); }
  /// Accepts `old` as another name of the last parameter (ParamSpec::aliases).
  void alias(std::string old) { out_.back().aliases.push_back(std::move(old)); }

 private:
  std::vector<ParamSpec>& out_;
};

}  // namespace regsim::agents::detail
