// What a sweep keeps of each run: summary statistics over the run and optional per-tick series.
#pragma once

#include <string>
#include <vector>

#include "agents/metrics.h"

namespace regsim::experiments {

/// Names of the per-run summary statistics, in the column order of the store and summary.csv.
const std::vector<std::string>& summary_metric_names();
/// Names of the national metrics that can be kept per tick (outputs.series_metrics).
const std::vector<std::string>& series_metric_names();
/// Index of a series metric name, or -1.
int series_metric_index(const std::string& name);
/// Value of series metric `index` in one tick's national metrics.
double series_value(const agents::NationalMetrics& m, std::size_t index);
/// Index of a column of tracks.csv (agents::track_column_names()), or -1.
int track_metric_index(const std::string& name);

/// Folds the national metrics of every tick into the summary statistics.
class SummaryAccumulator {
 public:
  void add(const agents::NationalMetrics& m);
  /// The statistics in summary_metric_names() order; NaN for an empty run.
  std::vector<double> finish(int years) const;

 private:
  agents::NationalMetrics first_, last_;
  int ticks_ = 0, entries_ = 0, exits_ = 0, promoted_ = 0;
  double sum_cu_ = 0, min_cu_ = 0, sum_price_ = 0, sum_similarity_ = 0, sum_zombie_ = 0;
  double sum_subsidies_ = 0, sum_gdp_ = 0, sum_welfare_ = 0, sum_loss_ = 0, bailouts_ = 0;
  double written_off_ = 0;
};

}  // namespace regsim::experiments
