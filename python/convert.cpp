// Conversions between Python objects and regsim values (see convert.h).
#include "python/convert.h"

#include <pybind11/numpy.h>

#include "experiments/output.h"
#include "experiments/sweep/store.h"
#include "python/columns.h"

using namespace pybind11::literals;

namespace regsim::python {

sim::ScalarValue to_scalar(py::handle value, const std::string& key) {
  py::handle v = value;
  py::object item;
  if (py::hasattr(v, "item") && py::hasattr(v, "dtype")) {  // numpy scalar
    item = v.attr("item")();
    v = item;
  }
  if (py::isinstance<py::bool_>(v)) return v.cast<bool>();
  if (py::isinstance<py::int_>(v)) return v.cast<std::int64_t>();
  if (py::isinstance<py::float_>(v)) return v.cast<double>();
  if (py::isinstance<py::str>(v)) return v.cast<std::string>();
  throw py::type_error(key + ": expected a bool, int, float or str, got " +
                       std::string(py::str(v.get_type().attr("__name__"))));
}

py::object from_scalar(const sim::ScalarValue& value) {
  return std::visit([](const auto& x) -> py::object { return py::cast(x); }, value);
}

namespace {

template <class T>
py::array_t<T> to_array(const std::vector<T>& v) {
  return py::array_t<T>(static_cast<py::ssize_t>(v.size()), v.data());
}

py::object column_array(const Column& c) {
  switch (c.kind) {
    case Column::Kind::Boolean: {
      py::array_t<bool> a(static_cast<py::ssize_t>(c.booleans.size()));
      auto out = a.mutable_unchecked<1>();
      for (std::size_t i = 0; i < c.booleans.size(); ++i)
        out(static_cast<py::ssize_t>(i)) = c.booleans[i] != 0;
      return a;
    }
    case Column::Kind::Integer:
      return to_array(c.integers);
    case Column::Kind::Real:
      return to_array(c.reals);
    case Column::Kind::Text:
      break;
  }
  py::list items(c.texts.size());
  const py::float_ nan(std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < c.texts.size(); ++i)
    items[i] = c.missing[i] ? py::object(nan) : py::object(py::str(c.texts[i]));
  return py::module_::import("numpy").attr("array")(items, "dtype"_a = "object");
}

}  // namespace

py::list table_columns(std::string_view csv, const std::string& table) {
  py::list out;
  for (const Column& c : parse_columns(csv, table))
    out.append(py::make_tuple(c.name, column_array(c)));
  return out;
}

void raise_config_error(const sim::ConfigErrors& errors) {
  py::list items;
  for (const auto& e : errors.all())
    items.append(py::dict("file"_a = e.where.file, "line"_a = e.where.line, "key"_a = e.key,
                          "message"_a = e.message, "text"_a = e.str()));
  std::string text = errors.str();
  while (!text.empty() && text.back() == '\n') text.pop_back();
  const py::object cls = py::module_::import("regsim._errors").attr("ConfigError");
  const py::object exc = cls(text, items);
  PyErr_SetObject(cls.ptr(), exc.ptr());
  throw py::error_already_set();
}

void check_signals() {
  py::gil_scoped_acquire gil;
  if (PyErr_CheckSignals() != 0) throw py::error_already_set();
}

namespace {

/// Sets a ConfigError for an input problem reported by a plain exception (an unusable
/// directory), as the command line reports it with exit code 2.
void restore_as_config_error(const char* what, const char* message) {
  sim::ConfigErrors errors;
  errors.add(sim::Source{what, 0}, "", message);
  try {
    raise_config_error(errors);
  } catch (py::error_already_set& err) {
    err.restore();
  }
}

}  // namespace

void register_translators() {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const sim::ConfigException& e) {
      try {
        raise_config_error(e.errors());
      } catch (py::error_already_set& err) {
        err.restore();
      }
    } catch (const experiments::StoreConflict& e) {
      restore_as_config_error("sweep", e.what());
    } catch (const experiments::OutputConflict& e) {
      restore_as_config_error("out", e.what());
    }
  });
}

}  // namespace regsim::python
