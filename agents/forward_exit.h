// Forward-looking exit and mothballing on the world: what a firm expects, its choice, and the
// ageing of mothballed capacity (docs/model.md 5.11; exit.rule forward_looking).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "agents/model_params.h"
#include "policies/exit_value.h"
#include "sim/world.h"

namespace regsim::agents {

/// Firm f's inputs to the exit values, per unit of capacity. Active capacity: its own mill
/// price and utilisation last quarter (a firm that sold nothing: its city's price on its track,
/// else the track's price index); mothballed capacity: its city's price and the track's CU.
/// The long-run price is the frontier firm's full cost at normal utilisation,
/// c_k (1 + phi u_LR^psi / (psi + 1)) + (r + d_k + f_k) I_k / u_LR (phi = market.util_cost under
/// conduct cournot, else 0); omega = phi c_f is its own utilisation cost and z its soft budget.
policies::ExitValueInputs exit_inputs(const sim::World& w, const ModelParams& p, std::size_t f,
                                      bool mothballed);

/// Firm f's choice this quarter under forward_looking. A firm with mothballed capacity that is
/// not reactivating decides on it (keep, reactivate, or exit, but not exit while it also runs
/// capacity commissioned since); a firm with only active capacity decides stay, mothball or
/// exit; anything else stays (a firm still building, or reactivating).
policies::ExitChoice forward_choice(const sim::World& w, const ModelParams& p, std::size_t f);

/// Start of the exit phase under forward_looking: mothballed capacity loses d_k and delta_m; a
/// reactivation due this tick makes it active again (the firm then decides nothing this tick:
/// returns 1 for it).
std::vector<std::uint8_t> age_mothballed(sim::World& w, const ModelParams& p);

}  // namespace regsim::agents
