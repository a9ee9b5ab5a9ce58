#pragma once
/// \file stability_check.hpp
/// `interphase db check` beyond the file: the stored stability results
/// (e_above_hull, hull energy, stable, decomposition) of each data set
/// compared with a computation afresh, so that results changed behind the
/// library's back (with sqlite3, or by a damaged write) are found.
#include "interphase/data/database.hpp"

namespace interphase {

/// For each data set of `db` whose stored stability is marked current:
/// compute the stability of every entry afresh (compute_stability) and
/// compare each stored row with it. A row is wrong if its stable flag differs,
/// its e_above_hull or hull energy differs by more than kStoredStabilityTol,
/// its decomposition names a phase the data set does not hold (an entry row
/// that is not one of its entries, or an element the entry lacks), or its
/// decomposition is not the computed one and not another decomposition of
/// the entry's composition at the computed hull energy (a tie). Adds one
/// problem per data set with wrong rows (how many, and the first few named)
/// or one passed line (none if no data set has current stored stability:
/// those are left to check_database, which says why).
void check_stored_results(const Database& db, HealthReport& report, unsigned threads = 0);

}  // namespace interphase
