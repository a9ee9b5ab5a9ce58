#include "interphase/hull/dataset_stability.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "interphase/composition/element_set.hpp"
#include "interphase/data/lock.hpp"
#include "interphase/error.hpp"
#include "interphase/hull/hull_lp.hpp"
#include "interphase/quote.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {
namespace {

/// One chemical system of the data: its entries and its hull's own vertices.
struct System {
  std::vector<int> elements;         ///< sorted atomic numbers
  ElementSet set;
  std::vector<std::size_t> own;      ///< entries whose elements are exactly these, in index order
  std::vector<std::int64_t> vertices;  ///< own entries that are hull vertices (-Z: implicit reference)
};

class Systems {
 public:
  explicit Systems(const std::vector<Entry>& entries) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const auto elements = entries[i].composition.elements();
      const ElementSet set(elements);
      auto [it, inserted] = index_.emplace(set, systems_.size());
      if (inserted) systems_.push_back(System{elements, set, {}, {}});
      systems_[it->second].own.push_back(i);
    }
  }

  std::vector<System>& all() { return systems_; }
  const System* find(const ElementSet& set) const {
    const auto it = index_.find(set);
    return it == index_.end() ? nullptr : &systems_[it->second];
  }
  std::optional<std::size_t> index_of(const ElementSet& set) const {
    const auto it = index_.find(set);
    return it == index_.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  }

  /// The vertices of every proper subsystem of `s` (an element without a
  /// system of its own: its implicit reference).
  std::vector<std::int64_t> subsystem_vertices(const System& s) const {
    std::vector<std::int64_t> out;
    const std::size_t n = s.elements.size();
    for (std::uint32_t subset = 1; subset + 1 < (std::uint32_t{1} << n); ++subset) {
      ElementSet set;
      int single = 0, count = 0;
      for (std::size_t k = 0; k < n; ++k) {
        if (subset & (std::uint32_t{1} << k)) {
          set.insert(s.elements[k]);
          single = s.elements[k];
          ++count;
        }
      }
      if (const System* sub = find(set)) {
        out.insert(out.end(), sub->vertices.begin(), sub->vertices.end());
      } else if (count == 1) {
        out.push_back(-single);
      }
    }
    return out;
  }

 private:
  std::vector<System> systems_;
  std::unordered_map<ElementSet, std::size_t> index_;
};

/// Below the elemental references by more than this, an entry may be a vertex (pymatgen's value; as PhaseDiagram).
constexpr double kFormationTolerance = tol::kFormationEnergyTol;
/// An entry is a vertex when it lies below the hull of the other phases by more than this (eV/atom).
constexpr double kVertexTolerance = tol::kVertexTol;
/// Weights at or below this are not products (pymatgen's numerical_tol).
constexpr double kFractionTolerance = tol::kNumericalTol;

/// Atomic fractions of an entry over a system's elements (which hold all of its elements).
Eigen::VectorXd fractions(const Composition& c, const std::vector<int>& elements) {
  Eigen::VectorXd x = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(elements.size()));
  const double total = c.num_atoms();
  for (const auto& [z, amount] : c.amounts()) {
    const auto k = std::lower_bound(elements.begin(), elements.end(), z) - elements.begin();
    x[k] = amount / total;
  }
  return x;
}

/// Entries of one composition: a key on the tol::kCompositionKeyScale grid of atomic fractions.
std::vector<long long> composition_key(const Eigen::VectorXd& x) {
  std::vector<long long> key(static_cast<std::size_t>(x.size()));
  for (Eigen::Index i = 0; i < x.size(); ++i) key[static_cast<std::size_t>(i)] = std::llround(x[i] * tol::kCompositionKeyScale);
  return key;
}

/// The system of one element: the lowest pure entry is the reference if it
/// lies at or below 0, else an implicit reference at 0 (as
/// PhaseDiagram::from_formation_energies).
void compute_element(const std::vector<Entry>& entries, System& s, std::vector<EntryStability>& rows) {
  std::size_t lowest = s.own.front();
  for (std::size_t i : s.own)
    if (entries[i].e_form < entries[lowest].e_form) lowest = i;
  const bool real = entries[lowest].e_form <= 0.0;
  const std::int64_t reference = real ? static_cast<std::int64_t>(lowest) : -s.elements.front();
  const double energy = real ? entries[lowest].e_form : 0.0;
  s.vertices = {reference};
  for (std::size_t i : s.own) {
    EntryStability& row = rows[i];
    row.stable = real && i == lowest;
    row.e_above_hull = entries[i].e_form - energy;
    row.hull_energy = energy;
    row.decomposition = {{reference, 1.0}};
  }
}

/// The hull of one system from its own entries and its subsystems' vertices:
/// the rows of its own entries and its own vertices. As PhaseDiagram: only the
/// lowest entry of each composition that lies below the elemental references
/// takes part; it is a vertex when it lies below the hull of all other phases.
void compute_system(const std::vector<Entry>& entries, const Systems& systems, System& s,
                    std::vector<EntryStability>& rows) {
  if (s.elements.size() == 1) {
    compute_element(entries, s, rows);
    return;
  }
  const auto n = static_cast<Eigen::Index>(s.elements.size());
  const std::vector<std::int64_t> below = systems.subsystem_vertices(s);
  const auto energy_of = [&](std::int64_t v) { return v < 0 ? 0.0 : entries[static_cast<std::size_t>(v)].e_form; };
  const auto point_of = [&](std::int64_t v) {
    if (v >= 0) return fractions(entries[static_cast<std::size_t>(v)].composition, s.elements);
    Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
    x[std::lower_bound(s.elements.begin(), s.elements.end(), static_cast<int>(-v)) - s.elements.begin()] = 1.0;
    return x;
  };

  // Own compositions: their entries, lowest first in index order on a tie.
  struct Group {
    Eigen::VectorXd x;
    std::vector<std::size_t> members;
    std::size_t lowest;
    bool vertex = false;
  };
  std::vector<Group> groups;
  {
    std::map<std::vector<long long>, std::size_t> index;
    for (std::size_t i : s.own) {
      Eigen::VectorXd x = fractions(entries[i].composition, s.elements);
      auto [it, inserted] = index.emplace(composition_key(x), groups.size());
      if (inserted) groups.push_back(Group{std::move(x), {}, i});
      Group& g = groups[it->second];
      g.members.push_back(i);
      if (entries[i].e_form < entries[g.lowest].e_form) g.lowest = i;
    }
  }

  // The phases below: subsystem vertices, then the own candidates.
  Eigen::VectorXd references(n);
  for (Eigen::Index k = 0; k < n; ++k) references[k] = 0.0;
  for (std::int64_t v : below) {
    const Eigen::VectorXd x = point_of(v);
    Eigen::Index k = 0;
    if (x.maxCoeff(&k) == 1.0) references[k] = energy_of(v);
  }
  std::vector<std::size_t> candidates;  // group indices
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const double formation = entries[groups[g].lowest].e_form - groups[g].x.dot(references);
    if (formation < -kFormationTolerance) candidates.push_back(g);
  }
  const auto m_below = static_cast<Eigen::Index>(below.size());
  Eigen::MatrixXd points(n, m_below + static_cast<Eigen::Index>(candidates.size()));
  Eigen::VectorXd energies(points.cols());
  for (Eigen::Index j = 0; j < m_below; ++j) {
    points.col(j) = point_of(below[static_cast<std::size_t>(j)]);
    energies[j] = energy_of(below[static_cast<std::size_t>(j)]);
  }
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const Group& g = groups[candidates[c]];
    points.col(m_below + static_cast<Eigen::Index>(c)) = g.x;
    energies[m_below + static_cast<Eigen::Index>(c)] = entries[g.lowest].e_form;
  }

  // Vertices: candidates below the hull of every other phase.
  s.vertices.clear();
  std::vector<Eigen::Index> kept;  // columns of the vertex hull
  for (Eigen::Index j = 0; j < m_below; ++j) kept.push_back(j);
  if (!candidates.empty()) {
    const HullLP all(points, energies);
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      Group& g = groups[candidates[c]];
      const Eigen::Index column = m_below + static_cast<Eigen::Index>(c);
      g.vertex = entries[g.lowest].e_form < all.solve(g.x, column).energy - kVertexTolerance;
      if (g.vertex) {
        s.vertices.push_back(static_cast<std::int64_t>(g.lowest));
        kept.push_back(column);
      }
    }
  }
  std::vector<std::int64_t> phase_of(kept.size());  // column of the vertex hull -> entry index or -Z
  Eigen::MatrixXd vertex_points(n, static_cast<Eigen::Index>(kept.size()));
  Eigen::VectorXd vertex_energies(vertex_points.cols());
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const Eigen::Index j = kept[k];
    vertex_points.col(static_cast<Eigen::Index>(k)) = points.col(j);
    vertex_energies[static_cast<Eigen::Index>(k)] = energies[j];
    phase_of[k] = j < m_below ? below[static_cast<std::size_t>(j)]
                              : static_cast<std::int64_t>(groups[candidates[static_cast<std::size_t>(j - m_below)]].lowest);
  }
  const HullLP hull(std::move(vertex_points), std::move(vertex_energies));

  for (const Group& g : groups) {
    const double lowest = entries[g.lowest].e_form;
    std::vector<std::pair<std::int64_t, double>> decomposition;
    double hull_energy = lowest;
    if (g.vertex) {
      decomposition = {{static_cast<std::int64_t>(g.lowest), 1.0}};
    } else {
      const HullLP::Result r = hull.solve(g.x);
      hull_energy = r.energy;
      for (const auto& [column, weight] : r.basis)
        if (weight > kFractionTolerance) decomposition.emplace_back(phase_of[static_cast<std::size_t>(column)], weight);
      std::stable_sort(decomposition.begin(), decomposition.end(),
                       [](const auto& p, const auto& q) { return p.second > q.second; });
    }
    for (std::size_t i : g.members) {
      EntryStability& row = rows[i];
      row.stable = g.vertex && i == g.lowest;
      const double above = entries[i].e_form - hull_energy;
      row.e_above_hull = (above < 0.0 && above > -tol::kAboveHullRounding) ? 0.0 : above;
      row.hull_energy = hull_energy;
      row.decomposition = decomposition;
    }
  }
}

/// Compute the systems at `order` (indices, sorted by size), the systems of
/// one size in parallel.
void compute_systems(const std::vector<Entry>& entries, Systems& systems, const std::vector<std::size_t>& order,
                     std::vector<EntryStability>& rows, unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  auto& all = systems.all();
  std::size_t begin = 0;
  while (begin < order.size()) {
    std::size_t end = begin;
    const std::size_t size = all[order[begin]].elements.size();
    while (end < order.size() && all[order[end]].elements.size() == size) ++end;
    const auto start = std::chrono::steady_clock::now();
    std::atomic<std::size_t> next{begin};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto work = [&] {
      for (std::size_t i; (i = next.fetch_add(1)) < end;) {
        try {
          compute_system(entries, systems, all[order[i]], rows);
        } catch (...) {
          const std::lock_guard lock(failure_mutex);
          if (!failure) failure = std::current_exception();
          next = end;
        }
      }
    };
    const unsigned n_threads = static_cast<unsigned>(std::min<std::size_t>(threads, end - begin));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n_threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    spdlog::debug("stability: {} systems of {} elements in {:.3f} s", end - begin, size, elapsed.count());
    begin = end;
  }
}

std::vector<std::size_t> by_size(const std::vector<System>& systems, std::vector<std::size_t> order) {
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return systems[a].elements.size() < systems[b].elements.size();
  });
  return order;
}

std::vector<std::size_t> entries_of(const std::vector<System>& systems, const std::vector<std::size_t>& order) {
  std::vector<std::size_t> out;
  for (std::size_t i : order) out.insert(out.end(), systems[i].own.begin(), systems[i].own.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

StabilityRun compute_stability(const std::vector<Entry>& entries, std::vector<EntryStability>& rows, unsigned threads) {
  rows.assign(entries.size(), EntryStability{});
  Systems systems(entries);
  std::vector<std::size_t> order(systems.all().size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  order = by_size(systems.all(), std::move(order));
  compute_systems(entries, systems, order, rows, threads);
  StabilityRun run;
  run.systems = run.recomputed = order.size();
  run.updated.resize(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) run.updated[i] = i;
  return run;
}

StabilityRun update_stability(const std::vector<Entry>& entries, std::vector<EntryStability>& rows,
                              const std::vector<int>& changed, bool removed_vertex, unsigned threads) {
  if (rows.size() != entries.size()) throw std::logic_error("update_stability: one row per entry needed");
  Systems systems(entries);
  auto& all = systems.all();
  // Vertices as stored, for every system.
  for (auto& s : all) {
    for (std::size_t i : s.own)
      if (rows[i].stable) s.vertices.push_back(static_cast<std::int64_t>(i));
    if (s.elements.size() == 1 && s.vertices.empty()) s.vertices.push_back(-s.elements.front());
  }
  StabilityRun run;
  run.systems = all.size();
  const ElementSet target(changed);
  const auto changed_index = systems.index_of(target);
  if (!changed_index) {  // the system lost its last entry
    if (!removed_vertex) return run;
  } else {
    System& s = all[*changed_index];
    auto before = s.vertices;
    compute_systems(entries, systems, {*changed_index}, rows, threads);
    run.recomputed = 1;
    run.updated = s.own;
    std::sort(before.begin(), before.end());
    auto after = s.vertices;
    std::sort(after.begin(), after.end());
    if (before == after && !removed_vertex) return run;
  }
  std::vector<std::size_t> larger;
  for (std::size_t i = 0; i < all.size(); ++i)
    if (target.subset_of(all[i].set) && all[i].set != target) larger.push_back(i);
  larger = by_size(all, std::move(larger));
  compute_systems(entries, systems, larger, rows, threads);
  run.recomputed += larger.size();
  auto more = entries_of(all, larger);
  run.updated.insert(run.updated.end(), more.begin(), more.end());
  std::sort(run.updated.begin(), run.updated.end());
  return run;
}

}  // namespace interphase

namespace interphase {
namespace {

/// Rows keyed by entry key for storage.
std::vector<StoredStability> to_stored(const std::vector<Entry>& entries, const std::vector<EntryStability>& rows,
                                       const std::vector<std::size_t>& which) {
  std::vector<StoredStability> out;
  out.reserve(which.size());
  for (const std::size_t i : which) {
    const EntryStability& r = rows[i];
    StoredStability s{entries[i].key, r.e_above_hull, r.hull_energy, r.stable, {}};
    for (const auto& [phase, fraction] : r.decomposition)
      s.decomposition.emplace_back(phase < 0 ? phase : entries[static_cast<std::size_t>(phase)].key, fraction);
    out.push_back(std::move(s));
  }
  return out;
}

/// Recompute and store everything for the data set as it is now (inside the caller's transaction).
StabilityRun recompute_all(Database& db, std::int64_t dataset_id, unsigned threads) {
  const std::string hash = db.content_hash(dataset_id);
  const std::vector<Entry> entries = db.entries(dataset_id);
  std::vector<EntryStability> rows;
  StabilityRun run = compute_stability(entries, rows, threads);
  db.store_stability(dataset_id, to_stored(entries, rows, run.updated), static_cast<std::int64_t>(run.systems), true,
                     hash);
  return run;
}

/// After one entry of `elements` was added or removed: update and store
/// incrementally. Only the entries of the systems that can change (those
/// holding every one of `elements`) and the stable entries (the vertices of
/// their subsystems) are read.
StabilityRun recompute_changed(Database& db, std::int64_t dataset_id, const std::vector<int>& elements,
                               bool removed_vertex, unsigned threads) {
  const std::string hash = db.content_hash(dataset_id);
  std::vector<Entry> entries;
  std::vector<EntryStability> rows;
  for (auto& [entry, stable] : db.entries_for_update(elements, dataset_id)) {
    entries.push_back(std::move(entry));
    rows.emplace_back().stable = stable;
  }
  StabilityRun run = update_stability(entries, rows, elements, removed_vertex, threads);
  run.systems = static_cast<std::size_t>(db.count_systems(dataset_id));
  db.store_stability(dataset_id, to_stored(entries, rows, run.updated), static_cast<std::int64_t>(run.systems), false,
                     hash);
  return run;
}

/// "computing the stability of data set 'name'" (what a waiter waits for).
std::string computing_what(const Database& db, std::int64_t dataset_id) {
  for (const DatasetInfo& d : db.datasets())
    if (d.id == dataset_id) return "computing the stability of data set " + in_quotes(d.name);
  return "computing the stability of data set " + std::to_string(dataset_id);
}

/// The database's lock, taken before any write transaction that computes
/// stability (the holder then waits for no one but short writers).
DatabaseLock stability_lock(const Database& db, std::int64_t dataset_id, const StabilityNotice& notice) {
  return DatabaseLock(db.path(), DatabaseWork::Stability, computing_what(db, dataset_id), notice.waiting, notice.wait_limit);
}

/// INTERPHASE_TEST_STABILITY_DELAY_MS (tests only; see ensure_stability).
void test_delay() {
  const char* text = std::getenv("INTERPHASE_TEST_STABILITY_DELAY_MS");
  if (text == nullptr || *text == '\0') return;
  long ms = 0;
  const char* end = text + std::strlen(text);
  if (std::from_chars(text, end, ms).ptr != end || ms < 0 || ms > 600000)
    throw Error("INTERPHASE_TEST_STABILITY_DELAY_MS must be milliseconds from 0 to 600000, got " + in_quotes(text));
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

}  // namespace

bool ensure_stability(Database& db, std::int64_t dataset_id, unsigned threads, const StabilityNotice& notice) {
  if (db.stability_current(dataset_id)) return false;
  const DatabaseLock lock = stability_lock(db, dataset_id, notice);
  if (db.stability_current(dataset_id)) return false;  // computed by the process this one waited for
  db.require_writable("cannot start " + computing_what(db, dataset_id));  // before saying it starts
  if (notice.computing) notice.computing();
  const auto start = std::chrono::steady_clock::now();
  test_delay();
  Database::Transaction transaction(db);
  if (db.stability_current(dataset_id)) return false;  // by a process that could not lock (lock.hpp)
  const StabilityRun run = recompute_all(db, dataset_id, threads);
  transaction.commit();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  spdlog::debug("stability of {} entries in {} systems computed and stored in {:.2f} s", run.updated.size(), run.systems,
                elapsed.count());
  return true;
}

EntryChange add_entry(Database& db, std::int64_t dataset_id, Entry entry, unsigned threads,
                      const StabilityNotice& notice, const BeforeCommit& before_commit) {
  db.require_writable(entry.id.empty() ? std::string("cannot add an entry") : "cannot add entry " + in_quotes(entry.id));
  const DatabaseLock lock = stability_lock(db, dataset_id, notice);
  Database::Transaction transaction(db);
  const bool was_current = db.stability_current(dataset_id);
  EntryChange change{db.add_entry(dataset_id, std::move(entry)), {}};
  change.run = was_current ? recompute_changed(db, dataset_id, change.entry.composition.elements(), false, threads)
                           : recompute_all(db, dataset_id, threads);
  if (before_commit) before_commit(change);
  transaction.commit();
  return change;
}

EntryChange remove_entry(Database& db, std::int64_t dataset_id, const std::string& external_id, unsigned threads,
                         const StabilityNotice& notice, const BeforeCommit& before_commit) {
  db.require_writable("cannot remove entry " + in_quotes(external_id));
  const DatabaseLock lock = stability_lock(db, dataset_id, notice);
  Database::Transaction transaction(db);
  const bool was_current = db.stability_current(dataset_id);
  const Entry target = db.entry_by_id(dataset_id, external_id);
  const auto stored = db.stability_of({target.key});
  const bool was_vertex = !stored.empty() && stored.front().stable;
  EntryChange change{db.remove_entry(dataset_id, external_id), {}};
  change.run = was_current ? recompute_changed(db, dataset_id, change.entry.composition.elements(), was_vertex, threads)
                           : recompute_all(db, dataset_id, threads);
  if (before_commit) before_commit(change);
  transaction.commit();
  return change;
}

std::vector<StabilityDifference> compare_reported(const Database& db, std::int64_t dataset_id,
                                                  const std::vector<ReportedStability>& reported, double tolerance) {
  std::vector<std::int64_t> keys;
  for (const auto& r : reported) keys.push_back(db.entry_by_id(dataset_id, r.id).key);
  const auto stored = db.stability_of(keys);
  std::unordered_map<std::int64_t, double> ours;
  for (const auto& s : stored) ours.emplace(s.entry, s.e_above_hull);
  std::vector<StabilityDifference> out;
  for (std::size_t i = 0; i < reported.size(); ++i) {
    const auto it = ours.find(keys[i]);
    if (it == ours.end()) throw DataError("no stored stability for entry " + reported[i].id);
    if (std::abs(it->second - reported[i].e_above_hull) > tolerance)
      out.push_back({reported[i].id, reported[i].reduced_formula, it->second, reported[i].e_above_hull});
  }
  std::stable_sort(out.begin(), out.end(), [](const StabilityDifference& a, const StabilityDifference& b) {
    return std::abs(a.ours - a.reported) > std::abs(b.ours - b.reported);
  });
  return out;
}

}  // namespace interphase
