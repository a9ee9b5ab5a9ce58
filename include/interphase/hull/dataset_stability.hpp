#pragma once
/// \file dataset_stability.hpp
/// The stability of every entry of a data set at once: each entry judged on
/// the hull of its own chemical system, as SCIENCE.md defines it.
///
/// The hull of a system S needs only the entries of S's own chemical system
/// and the vertices of the hulls of its subsystems: a vertex of S's hull is a
/// vertex of the hull of its own elements (the hull restricted to a face of the
/// simplex is the hull of that face). So the systems are computed from the
/// smallest up, each from its own entries and its subsystems' vertices, and the
/// systems of one size in parallel. After an entry is added or removed only the
/// systems that contain its elements can change, and only if their hull does.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/data/entry.hpp"
#include "interphase/data/lock.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {

/// The stability of one entry on the hull of its own chemical system.
struct EntryStability {
  double e_above_hull = 0.0;  ///< eV/atom, >= 0
  double hull_energy = 0.0;   ///< E_hull at the entry's composition, eV/atom
  bool stable = false;        ///< a hull vertex (only the lowest entry of a composition can be one)
  /// Products: index into the entries (or -Z for an implicit elemental
  /// reference of element Z at 0 eV/atom) and atomic fraction, by descending fraction.
  std::vector<std::pair<std::int64_t, double>> decomposition;
};

/// How a computation went.
struct StabilityRun {
  std::vector<std::size_t> updated;  ///< indices of the entries whose rows were (re)computed
  std::size_t systems = 0;           ///< chemical systems of the entries
  std::size_t recomputed = 0;        ///< of which this run computed
};

/// Compute the stability of every entry. `threads` 0: all cores.
/// `rows` is resized to entries.size() and every row written.
StabilityRun compute_stability(const std::vector<Entry>& entries, std::vector<EntryStability>& rows,
                               unsigned threads = 0);

/// Bring `rows` up to date after entries whose elements are exactly `changed`
/// (atomic numbers) were added or removed. `rows` has a row for every entry,
/// correct before the change; rows of added entries may hold anything (they
/// are recomputed), but must not claim `stable`. The changed system is
/// recomputed, and if its vertices changed, or `removed_vertex` says a removed
/// entry was one of them, so is every system that contains it.
StabilityRun update_stability(const std::vector<Entry>& entries, std::vector<EntryStability>& rows,
                              const std::vector<int>& changed, bool removed_vertex, unsigned threads = 0);

/// What ensure_stability tells its caller while it works (each callback optional).
struct StabilityNotice {
  /// Called once, before this process waits for another process (or thread)
  /// that is computing stored stability in the same database.
  std::function<void()> waiting;
  /// Called once, before this process starts computing (holding the
  /// database's lock: any other that needs it waits meanwhile). Not called when
  /// the stored stability is current, nor when another computed it while this
  /// one waited.
  std::function<void()> computing;
  /// How long to wait for another process before giving up with a DataError
  /// naming the database (tests shorten it).
  std::chrono::milliseconds wait_limit = kDatabaseWaitLimit;
};

/// The stored stability of a data set, computed and stored if it is not
/// current. Returns whether it computed (false: the stored rows were current,
/// or another process computed them while this one waited).
///
/// One process at a time computes (DatabaseLock, lock.hpp): several processes
/// that find it missing wait for the one computing, then read what it stored;
/// none fails with "database is locked" or computes it a second time. Call it
/// outside a Database::Transaction (its write lock would stall the process
/// holding the lock).
///
/// For tests only: the environment variable INTERPHASE_TEST_STABILITY_DELAY_MS
/// (milliseconds) makes the computation that much slower (after `computing`,
/// holding the lock), so that tests can start processes that overlap it.
bool ensure_stability(Database& db, std::int64_t dataset_id, unsigned threads = 0, const StabilityNotice& notice = {});

/// Add one entry and bring the stored stability up to date incrementally (a
/// full computation if it was not current), all in one transaction. Like
/// ensure_stability it takes the database's lock first (`notice.waiting` if
/// it waits; `notice.computing` is not called).
struct EntryChange {
  Entry entry;       ///< as added (with its key) or as it was before removal
  StabilityRun run;  ///< systems recomputed
};
/// Called with the change before it is committed (the transaction still
/// open, so the database reads as after it): if it throws, nothing is changed.
using BeforeCommit = std::function<void(const EntryChange&)>;
EntryChange add_entry(Database& db, std::int64_t dataset_id, Entry entry, unsigned threads = 0,
                      const StabilityNotice& notice = {}, const BeforeCommit& before_commit = {});
/// Remove the entry with this external id and bring the stored stability up to date.
EntryChange remove_entry(Database& db, std::int64_t dataset_id, const std::string& external_id, unsigned threads = 0,
                         const StabilityNotice& notice = {}, const BeforeCommit& before_commit = {});

/// An entry whose stored e_above_hull differs from what its data file reported.
struct StabilityDifference {
  std::string id, reduced_formula;
  double ours = 0.0, reported = 0.0;  ///< e_above_hull, eV/atom
};
/// The reported values that differ from the stored stability (which must be
/// current) by more than `tolerance` eV/atom, largest difference first.
std::vector<StabilityDifference> compare_reported(const Database& db, std::int64_t dataset_id,
                                                  const std::vector<ReportedStability>& reported,
                                                  double tolerance = tol::kReportedStabilityTol);

}  // namespace interphase
