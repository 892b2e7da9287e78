// Investment-side policy rules: guidance-fund concessions and budgets, platform credit screening.
#pragma once

#include "policies/params.h"

namespace regsim::policies {

/// g_ik: the concession a guidance fund gives a backed project, in NPV per unit of capex (the
/// share of the project's capex the fund is willing to lose): tau * e * min(1, pressure *
/// signal), no more than the room the state-aid cap leaves above the project's capex and land
/// support. Zero under the vc regime, where private co-investors set market terms (docs/model.md
/// 6.9).
double fund_concession(const GuidanceFundParams& f, const SubsidyParams& s, double pressure,
                       double signal, double support_share);

/// A city's fund commitments available this year: budget * min(1, pressure) * annual GDP * room.
double fund_budget(const GuidanceFundParams& f, double pressure, double annual_gdp,
                   double debt_room);

/// The terms state banks offer a project after the platform's evaluation (docs/model.md 6.10).
struct CreditTerms {
  bool refused = false;      ///< no bank credit: the project is not built
  double premium = 0.0;      ///< extra interest per quarter on the project's bank debt
  double debt_factor = 1.0;  ///< bank debt as a share of what the project would borrow
  bool flagged() const { return refused || premium > 0.0 || debt_factor < 1.0; }
};
/// Terms for a project on a track with pipeline overhang O = (K + Pipe) / D^e - 1; ordinary terms
/// unless the platform is on, screens credit, and O exceeds its threshold.
CreditTerms platform_credit(const PlatformParams& p, bool platform_on, double overhang);

/// Firms' pipeline awareness iota: raised to the platform's value when it publishes pipelines.
double pipeline_awareness(double iota, const PlatformParams& p, bool platform_on);

}  // namespace regsim::policies
