// Investment-side policy rules (docs/model.md 6.9 and 6.10), kept free of world state.
#include "policies/investment_rules.h"

#include <algorithm>

namespace regsim::policies {

double fund_concession(const GuidanceFundParams& f, const SubsidyParams& s, double pressure,
                       double signal, double support_share) {
  if (s.regime == SubsidyRegime::Vc) return 0.0;
  const double willing =
      f.loss_tolerance * f.equity_share * std::clamp(pressure * signal, 0.0, 1.0);
  const double room = std::max(0.0, s.state_aid_cap - support_share);
  return std::min(willing, room);
}

double fund_budget(const GuidanceFundParams& f, double pressure, double annual_gdp,
                   double debt_room) {
  return f.budget * std::clamp(pressure, 0.0, 1.0) * std::max(0.0, annual_gdp) *
         std::clamp(debt_room, 0.0, 1.0);
}

CreditTerms platform_credit(const PlatformParams& p, bool platform_on, double overhang) {
  CreditTerms t;
  if (!platform_on || !p.screening || !(overhang > p.overhang)) return t;
  switch (p.credit) {
    case CreditResponse::Refuse:
      t.refused = true;
      break;
    case CreditResponse::Premium:
      t.premium = p.premium;
      break;
    case CreditResponse::Leverage:
      t.debt_factor = 1.0 - p.leverage_cut;
      break;
  }
  return t;
}

double pipeline_awareness(double iota, const PlatformParams& p, bool platform_on) {
  return platform_on && p.disclosure ? std::max(iota, p.iota) : iota;
}

}  // namespace regsim::policies
