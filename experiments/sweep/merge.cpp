// Merging the stores of shards (or partial sweeps) of one sweep into a new sweep directory.
#include <cstdio>

#include "experiments/output.h"
#include "experiments/sweep/drivers.h"
#include "experiments/sweep/spec_file.h"

namespace regsim::experiments {

namespace fs = std::filesystem;

int merge_sweeps(const std::vector<fs::path>& inputs, const fs::path& out_dir, bool quiet) {
  if (inputs.empty()) throw StoreConflict("merge needs at least one sweep directory");
  std::string canonical;
  SweepSpec spec;
  for (const auto& dir : inputs) {
    const auto store = SweepStore::open_existing(dir);
    if (canonical.empty()) {
      canonical = store->meta("canonical");
      spec = load_sweep(store->source());
    } else if (store->meta("canonical") != canonical) {
      throw StoreConflict(dir.string() + " holds a different sweep than " + inputs[0].string());
    }
  }
  if (spec.canonical() != canonical)
    throw StoreConflict(inputs[0].string() + " was written by another regsim version");
  auto out = SweepStore::create(out_dir, spec, Shard{});
  remove_stale_temporaries(out_dir);
  for (const auto& dir : inputs) {
    const std::uint64_t added = out->absorb(dir);
    if (!quiet)
      std::fprintf(stderr, "merged %llu runs from %s\n", static_cast<unsigned long long>(added),
                   dir.string().c_str());
  }
  const std::vector<std::uint8_t> status = out->statuses(spec.run_count());
  std::uint64_t missing = 0, failed = 0;
  for (auto s : status) {
    missing += s == 0 ? 1 : 0;
    failed += s == 2 ? 1 : 0;
  }
  out->checkpoint();
  out->export_summary(spec, out_dir / "summary.csv");
  out->export_series(spec, out_dir / "series.csv");
  out->export_track_series(spec, out_dir / "track_series.csv");
  if (!quiet || missing > 0 || failed > 0)
    std::fprintf(stderr, "%s: %llu of %llu runs, %llu failed, %llu missing%s\n",
                 out_dir.string().c_str(),
                 static_cast<unsigned long long>(spec.run_count() - missing),
                 static_cast<unsigned long long>(spec.run_count()),
                 static_cast<unsigned long long>(failed), static_cast<unsigned long long>(missing),
                 missing > 0 ? " (run them with: regsim sweep SWEEP --out DIR --resume)" : "");
  return missing > 0 || failed > 0 ? kExitRunsFailed : 0;
}

}  // namespace regsim::experiments
