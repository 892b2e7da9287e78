// Adding and removing rows of the firm table.
#include "sim/firms.h"

#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include "sim/world.h"

namespace regsim::sim {

std::size_t add_firm(World& w, CityIndex city, TrackIndex track) {
  auto& f = w.firms;
  f.index_of.push_back(static_cast<std::int32_t>(f.id.size()));
  f.id.push_back(w.next_firm_id++);
  f.city.push_back(city);
  f.track.push_back(track);
  for (auto* v : {&f.capacity, &f.book, &f.pipeline, &f.log_eff_mean, &f.log_eff, &f.debt,
                  &f.cum_subsidy, &f.output, &f.revenue, &f.profit, &f.unit_cost, &f.subsidy_tick})
    v->push_back(0.0);
  f.loss_streak.push_back(0);
  f.zombie_until.push_back(0);
  f.born.push_back(w.tick);
  f.mobile.push_back(0);
  return f.id.size() - 1;
}

void compact_firms(World& w, std::span<const std::uint8_t> dead) {
  auto& f = w.firms;
  const std::size_t n = f.size();
  std::vector<std::uint32_t> keep;
  keep.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (dead[i])
      f.index_of[f.id[i]] = -1;
    else
      keep.push_back(static_cast<std::uint32_t>(i));
  }
  if (keep.size() == n) return;  // nobody left: nothing moves
  // Each column is gathered on its own (columns are independent, so they run in parallel); the
  // survivors keep their order, so ids stay sorted.
  auto gather = [&keep](auto& v) {
    for (std::size_t j = 0; j < keep.size(); ++j) v[j] = v[keep[j]];  // keep[j] >= j
    v.resize(keep.size());
  };
  tbb::parallel_invoke([&] { gather(f.id); }, [&] { gather(f.city); }, [&] { gather(f.track); },
                       [&] { gather(f.capacity); }, [&] { gather(f.book); },
                       [&] { gather(f.pipeline); }, [&] { gather(f.log_eff_mean); },
                       [&] { gather(f.log_eff); }, [&] { gather(f.debt); },
                       [&] { gather(f.loss_streak); });
  tbb::parallel_invoke(
      [&] { gather(f.zombie_until); }, [&] { gather(f.born); }, [&] { gather(f.cum_subsidy); },
      [&] { gather(f.mobile); }, [&] { gather(f.output); }, [&] { gather(f.revenue); },
      [&] { gather(f.profit); }, [&] { gather(f.unit_cost); }, [&] { gather(f.subsidy_tick); });
  tbb::parallel_for(std::size_t{0}, f.size(), [&](std::size_t j) {
    f.index_of[f.id[j]] = static_cast<std::int32_t>(j);  // ids are distinct: no two writes meet
  });
}

}  // namespace regsim::sim
