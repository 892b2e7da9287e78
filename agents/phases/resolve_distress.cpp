// Exit phase: distressed firms are bailed out or fail, others exit at random; the dead go.
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <span>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "agents/economics.h"
#include "agents/forward_exit.h"
#include "agents/phases/phases.h"
#include "agents/soft_budget.h"
#include "agents/welfare.h"
#include "policies/rules.h"
#include "sim/firms.h"
#include "sim/random.h"

namespace regsim::agents {

using sim::CityId;
using sim::TrackId;

namespace {

/// The distress test of docs/model.md 5.7 on one firm's book, debt, capacity, output and loss
/// streak: insolvency, or (legacy rule) a loss streak with low utilisation. The parameters are
/// copied once, so a pass over the firms keeps them in registers.
struct DistressTest {
  explicit DistressTest(const ModelParams& p)
      : equity_share(p.firms.distress_equity),
        cu(p.firms.distress_cu),
        loss_streak(p.firms.loss_streak),
        forward(p.exit.rule == policies::ExitRule::ForwardLooking) {}
  bool operator()(double book, double debt, double capacity, double output, int streak) const {
    const double equity = book - debt;
    if (equity < -equity_share * book) return true;
    // Forward-looking exit replaces the loss-streak trigger; insolvency stays.
    if (forward) return false;
    const double cu_f = capacity > 0 ? output / capacity : 0.0;
    return streak >= loss_streak && cu_f < cu;
  }
  double equity_share, cu;
  int loss_streak;
  bool forward;
};

bool distressed(const sim::World& w, const ModelParams& p, std::size_t f) {
  const auto& fm = w.firms;
  return DistressTest(p)(fm.book[f], fm.debt[f], fm.capacity[f], fm.output[f], fm.loss_streak[f]);
}

enum class Fate : std::uint8_t {
  Stays,
  BailedOut,
  FailsDistress,
  ExitsExogenous,
  ExitsVoluntary,
  Mothballs,
  Reactivates,
  Open  ///< not decided yet (within the deciding pass only)
};

bool exits(Fate x) {
  return x == Fate::FailsDistress || x == Fate::ExitsExogenous || x == Fate::ExitsVoluntary;
}

/// One firm's fate this tick. It reads only state that no other firm's fate changes (the city's
/// debt room, jobs and pressure are fixed until the budgets settle), so fates are decided in
/// parallel and applied in firm order afterwards.
Fate decide_fate(const sim::World& w, const ModelParams& p, const ExternalDecisions& external,
                 std::size_t f, std::uint32_t exit_w0, std::uint32_t exit_w1, bool restored) {
  const auto& fm = w.firms;
  // The city's bailout decision: a rescue with the firm's bailout probability (one draw per firm
  // and tick: a firm is either distressed or, under forward_looking, closing, never both).
  const auto rescued = [&] {
    sim::Stream s(sim::StreamKey{w.seed, w.run, w.tick, fm.id[f].value, sim::Purpose::Bailout});
    return sim::bernoulli(s, firm_bailout_probability(w, p, external, f));
  };
  if (distressed(w, p, f)) return rescued() ? Fate::BailedOut : Fate::FailsDistress;
  // bernoulli(p) on the firm's ExogenousExit stream: its first uniform01 against p.
  if (sim::block_uniform01(exit_w0, exit_w1) < p.firms.exogenous_exit) return Fate::ExitsExogenous;
  if (p.exit.rule != policies::ExitRule::ForwardLooking || restored) return Fate::Stays;
  switch (forward_choice(w, p, f)) {
    case policies::ExitChoice::Exit:
      // Owners closing a running plant meet the same city as a distressed firm: it is rescued
      // (a zombie) with the bailout probability of docs/model.md 5.7 (the legacy rule's
      // economics); closing an idle, mothballed plant costs the city no jobs and is not.
      if (fm.capacity[f] > 0.0 && rescued()) return Fate::BailedOut;
      return Fate::ExitsVoluntary;
    case policies::ExitChoice::Mothball:
      return Fate::Mothballs;
    case policies::ExitChoice::Reactivate:
      return Fate::Reactivates;
    case policies::ExitChoice::Stay:
      break;
  }
  return Fate::Stays;
}

}  // namespace

void resolve_distress(sim::World& w, const ModelParams& p, const ExternalDecisions& external) {
  auto& fm = w.firms;
  auto& c = w.cities;
  const std::size_t nf = fm.size();
  const bool forward = p.exit.rule == policies::ExitRule::ForwardLooking;
  const std::vector<std::uint8_t> restored =
      forward ? age_mothballed(w, p) : std::vector<std::uint8_t>(nf, 0);
  std::vector<Fate> fate(nf);
  // The firms that leave (marked as their fates are decided: only the rare decide_fate cases).
  std::vector<std::uint8_t> dead(nf, 0);
  std::atomic<bool> any_exit{false};
  const sim::StreamKey key{w.seed, w.run, w.tick, 0, sim::Purpose::ExogenousExit};
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, nf, 512), [&](const auto& r) {
    // The exogenous-exit draws of the firms, one Philox block each, computed 512 at a time.
    // (Its own chunk loop, not sim::for_each_first_block_chunk: through the helper the pass
    // below took about 6.5 M more instructions per default run, by callgrind.)
    // Under the legacy rule most firms are neither distressed nor drawn to exit, and stay: a
    // first pass settles those (decide_fate's first two tests, the same comparisons) with the
    // columns and parameters in locals and no call in the loop, so they stay in registers;
    // decide_fate then decides the others.
    const DistressTest test(p);
    const double exogenous = p.firms.exogenous_exit;
    const double *book = fm.book.data(), *debt = fm.debt.data();
    const double *capacity = fm.capacity.data(), *output = fm.output.data();
    const int* streak = fm.loss_streak.data();
    Fate* out = fate.data();
    constexpr std::size_t kChunk = 512;
    std::array<std::uint32_t, kChunk> ids;
    std::array<std::array<std::uint32_t, kChunk>, 2> draw;
    std::array<std::uint32_t, kChunk> unused0, unused1;
    std::array<std::uint32_t, kChunk> open_at;  // the chunk's firms left to decide_fate
    std::uint32_t* const words[4] = {draw[0].data(), draw[1].data(), unused0.data(),
                                     unused1.data()};
    for (std::size_t begin = r.begin(); begin < r.end(); begin += kChunk) {
      const std::size_t n = std::min(kChunk, r.end() - begin);
      for (std::size_t e = 0; e < n; ++e) ids[e] = fm.id[begin + e].value;
      sim::first_blocks(key, std::span<const std::uint32_t>(ids.data(), n), words);
      std::size_t open = 0;
      for (std::size_t e = 0; e < n; ++e) {
        const std::size_t f = begin + e;
        const bool stays = !forward && !test(book[f], debt[f], capacity[f], output[f], streak[f]) &&
                           !(sim::block_uniform01(draw[0][e], draw[1][e]) < exogenous);
        out[f] = stays ? Fate::Stays : Fate::Open;
        open_at[open] = static_cast<std::uint32_t>(e);  // kept only if the firm is open
        open += stays ? 0 : 1;
      }
      for (std::size_t o = 0; o < open; ++o) {
        const std::size_t e = open_at[o], f = begin + e;
        out[f] = decide_fate(w, p, external, f, draw[0][e], draw[1][e], restored[f] != 0);
        if (exits(out[f])) {
          dead[f] = 1;
          any_exit.store(true, std::memory_order_relaxed);
        }
      }
    }
  });
  // The firms that leave, and the capex of their orders still to be spent (for the exit loss;
  // only theirs is computed).
  const std::vector<double> unspent = any_exit.load(std::memory_order_relaxed)
                                          ? unspent_order_capex(w, p, dead)
                                          : std::vector<double>{};
  // The firms whose fate is not Stays (0), in order: a few in thousands.
  static_assert(static_cast<std::uint8_t>(Fate::Stays) == 0);
  const std::span<const std::uint8_t> decided(reinterpret_cast<const std::uint8_t*>(fate.data()),
                                              nf);
  for (std::size_t f = sim::next_marked(decided, 0); f < nf; f = sim::next_marked(decided, f + 1)) {
    const std::size_t i = fm.city[f].index(), k = fm.track[f].index();
    if (fate[f] == Fate::BailedOut) {
      // The city pays the shortfall: equity is restored to a share of the book value.
      const double pay =
          std::max(0.0, p.exit.bailout_equity * fm.book[f] - (fm.book[f] - fm.debt[f]));
      fm.debt[f] -= pay;
      fm.loss_streak[f] = 0;
      fm.zombie_until[f] = w.tick + p.exit.zombie_ticks;
      c.bailouts_tick[i] += pay;
      w.flows.bailouts += pay;
      ++w.flows.bailouts_count;
      continue;
    }
    if (fate[f] == Fate::Mothballs) {
      // The active capacity stops; its workers are laid off without retraining.
      const JobLoss lost = job_loss(p, fm.track[f], fm.capacity[f], fm.output[f], 0.0);
      w.flows.jobs_lost += lost.jobs;
      w.flows.job_loss_cost += lost.cost;
      fm.mothballed[f] += fm.capacity[f];
      fm.capacity[f] = 0.0;
      ++w.flows.mothballs;
      continue;
    }
    if (fate[f] == Fate::Reactivates) {
      // Refurbishment is capital: it is booked and borrowed like capex.
      const double cost =
          p.exit.reactivation_cost * current_capex(w, p, fm.track[f]) * fm.mothballed[f];
      fm.book[f] += cost;
      fm.debt[f] += cost;
      fm.reactivate_at[f] = w.tick + std::max(1, p.exit.reactivation_lag);
      ++w.flows.reactivations;
      continue;
    }
    if (fate[f] == Fate::FailsDistress) {
      ++w.flows.exits_distress;
      if (c.listed[w.cell(fm.city[f], fm.track[f])]) ++c.failures[i];
    } else if (fate[f] == Fate::ExitsVoluntary) {
      ++w.flows.exits_voluntary;
    } else {
      ++w.flows.exits_exogenous;
    }
    ++w.flows.exits;
    ++w.flows.exits_by_track[k];
    ++c.cell_exits_year[w.cell(fm.city[f], fm.track[f])];
    // Scrapped capacity fetches sigma I_k(t) per unit, which pays creditors first; they write off
    // the rest of the debt, and cash left over goes to the owners.
    const double scrap =
        p.exit.scrap_share * current_capex(w, p, fm.track[f]) * (fm.capacity[f] + fm.mothballed[f]);
    fm.debt[f] -= scrap;
    w.flows.scrap_value += scrap;
    w.flows.written_off += std::max(0.0, fm.debt[f]);
    // Real loss: the gross book not yet charged as depreciation, less capex of cancelled orders
    // never spent, less what the scrap fetches.
    w.flows.exit_loss += std::max(0.0, fm.book[f] + fm.support_book[f] - unspent[f]) - scrap;
    const JobLoss lost =
        job_loss(p, fm.track[f], fm.capacity[f], fm.output[f], p.exit.retraining_cost);
    w.flows.jobs_lost += lost.jobs;
    w.flows.job_loss_cost += lost.cost;
    const double retraining = p.exit.retraining_cost * p.tracks[k].jobs * fm.capacity[f];
    c.retraining_tick[i] += retraining;
    w.flows.retraining += retraining;
  }
  compact_firms(w, dead);
  update_soft_budgets(w, p, external);
}

}  // namespace regsim::agents
