// The Python module regsim._regsim: runs, a stepped model, sweeps and the parameter table.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "experiments/run/driver.h"
#include "experiments/run/report.h"
#include "experiments/sweep/analysis.h"
#include "experiments/sweep/drivers.h"
#include "experiments/sweep/spec_file.h"
#include "experiments/version.h"
#include "python/model.h"

using namespace pybind11::literals;

namespace regsim::python {

namespace {

py::dict summary_dict(const experiments::RunSummary& s) {
  return py::dict(
      "years"_a = s.years, "ticks"_a = s.ticks, "final_cu"_a = s.final_cu, "min_cu"_a = s.min_cu,
      "final_similarity"_a = s.final_similarity, "final_jaccard"_a = s.final_jaccard,
      "final_zombie_share"_a = s.final_zombie_share, "final_price_index"_a = s.final_price_index,
      "final_gdp"_a = s.final_gdp, "final_firms"_a = s.final_firms,
      "mean_welfare"_a = s.mean_welfare, "hottest_track"_a = s.hottest_track,
      "wall_seconds"_a = s.wall_seconds, "text"_a = experiments::format_summary(s));
}

/// One run to the end, in process: every table as columns, the manifest text and the summary.
py::dict run(const std::optional<std::string>& config, const std::vector<std::string>& overrides,
             int threads, const std::string& out, const std::vector<std::string>& argv) {
  const agents::RunConfig cfg = load_config(config, overrides);
  experiments::MemorySink sink;
  experiments::RunOptions options;
  options.threads = threads;
  options.out_dir = out;
  options.sink = &sink;
  options.argv = argv;
  experiments::RunSummary summary;
  {
    py::gil_scoped_release release;
    summary = experiments::run_experiment(cfg, options, [](int, int) { check_signals(); });
  }
  py::dict tables;
  for (std::size_t t = 0; t < experiments::kTableCount; ++t) {
    const auto table = static_cast<experiments::Table>(t);
    tables[experiments::table_name(table)] =
        table_columns(sink.text(table), experiments::table_name(table));
  }
  return py::dict("tables"_a = tables, "manifest"_a = summary.manifest,
                  "summary"_a = summary_dict(summary));
}

int sweep(const std::string& path, const std::vector<std::string>& overrides,
          const std::string& out, int jobs, bool resume, bool retry_failed, bool quiet) {
  const experiments::SweepSpec spec =
      experiments::load_sweep(experiments::read_sweep_source(path, overrides));
  experiments::SweepOptions options;
  options.out_dir = out;
  options.jobs = jobs;
  options.resume = resume;
  options.retry_failed = retry_failed;
  options.quiet = quiet;
  py::gil_scoped_release release;
  return experiments::run_sweep(spec, options);
}

int analyze(const std::string& dir, bool plots, bool quiet) {
  experiments::AnalyzeOptions options;
  options.plots = plots;
  options.quiet = quiet;
  py::gil_scoped_release release;
  return experiments::analyze_sweep(dir, options);
}

py::list params() {
  const agents::ModelParams defaults;
  const agents::ParamTable table(defaults.tracks);
  py::list out;
  for (const auto& s : table.specs()) {
    const bool ranged = s.type == agents::ParamType::Real || s.type == agents::ParamType::Integer;
    out.append(py::dict("key"_a = s.key, "default"_a = from_scalar(s.get(defaults)),
                        "min"_a = ranged ? py::object(py::float_(s.min)) : py::none(),
                        "max"_a = ranged ? py::object(py::float_(s.max)) : py::none(),
                        "choices"_a = s.choices, "schedulable"_a = s.schedulable, "doc"_a = s.doc));
  }
  return out;
}

}  // namespace

}  // namespace regsim::python

PYBIND11_MODULE(_regsim, m) {
  namespace rp = regsim::python;
  namespace py = pybind11;
  m.doc() = "regsim's C++ core; use the regsim package, which returns pandas DataFrames.";
  rp::register_translators();
  m.def("run", &rp::run, "config"_a, "overrides"_a, "threads"_a, "out"_a, "argv"_a);
  m.def("sweep", &rp::sweep, "path"_a, "overrides"_a, "out"_a, "jobs"_a, "resume"_a,
        "retry_failed"_a, "quiet"_a);
  m.def("analyze", &rp::analyze, "dir"_a, "plots"_a, "quiet"_a);
  m.def("params", &rp::params);
  m.def("version", [] { return std::string(regsim::experiments::version()); });
  m.def("git_commit", [] { return std::string(regsim::experiments::git_commit()); });
  py::class_<rp::SteppedModel>(m, "SteppedModel")
      .def(py::init<std::optional<std::string>, std::vector<std::string>, int>(), "config"_a,
           "overrides"_a, "threads"_a)
      .def("step", &rp::SteppedModel::step, "n"_a)
      .def("set", &rp::SteppedModel::set, "key"_a, "value"_a)
      .def("get", &rp::SteppedModel::get, "key"_a)
      .def("table", &rp::SteppedModel::table, "name"_a)
      .def("pending", &rp::SteppedModel::pending)
      .def("applied", &rp::SteppedModel::applied)
      .def_property_readonly("tick", &rp::SteppedModel::tick)
      .def_property_readonly("total_ticks", &rp::SteppedModel::total_ticks)
      .def("state_hash", &rp::SteppedModel::state_hash)
      .def("save", &rp::SteppedModel::save, "path"_a)
      .def("copy", &rp::SteppedModel::copy)
      .def_static("load", &rp::SteppedModel::load, "path"_a, "threads"_a);
}
