// Conversions between Python objects and regsim values: scalars, tables, errors.
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <string_view>

#include "sim/config.h"

namespace regsim::python {

namespace py = pybind11;

/// A Python bool, int, float or str (or a numpy scalar of one) as a config value; raises
/// TypeError naming the key for anything else.
sim::ScalarValue to_scalar(py::handle value, const std::string& key);
/// A config value as the Python object of its type.
py::object from_scalar(const sim::ScalarValue& value);
/// An output table's CSV text as a list of (column name, numpy array) pairs, in column order.
py::list table_columns(std::string_view csv, const std::string& table);
/// Raises regsim.ConfigError (a ValueError) carrying one "file:line: key: message" per error.
[[noreturn]] void raise_config_error(const sim::ConfigErrors& errors);
/// Acquires the GIL and raises KeyboardInterrupt (or any pending signal's exception) when a
/// signal arrived; called between ticks while the model runs without the GIL.
void check_signals();
/// Registers the translation of C++ exceptions (config errors, store conflicts) to Python.
void register_translators();

}  // namespace regsim::python
