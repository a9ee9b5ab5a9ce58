#include "interphase/hull/stability_check.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "interphase/error.hpp"
#include "interphase/hull/dataset_stability.hpp"
#include "interphase/quote.hpp"
#include "interphase/composition/element.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {

namespace {

using Decomposition = std::vector<std::pair<std::int64_t, double>>;

/// The entries of one data set by row id, and what was computed for them.
struct Computed {
  const std::vector<Entry>& entries;
  std::unordered_map<std::int64_t, std::size_t> index;  ///< entry key -> position
  std::vector<EntryStability> rows;
};

/// A number for a message: "0.5", "-0.0123457".
std::string shortest(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

bool agree(double a, double b) { return std::fabs(a - b) <= tol::kStoredStabilityTol; }

/// "Li2S:0.5 + P2S5:0.5" (a phase the data set lacks as its row id).
std::string shown(const Computed& c, const Decomposition& d) {
  std::string out;
  for (const auto& [phase, fraction] : d) {
    const auto it = c.index.find(phase);
    const std::string name = phase < 0 ? std::string(element(static_cast<int>(-phase)).symbol)
                             : it != c.index.end() ? c.entries[it->second].name()
                                                   : "row " + std::to_string(phase);
    out += (out.empty() ? "" : " + ") + name + ":" + shortest(fraction);
  }
  return out.empty() ? "none" : out;
}

/// The computed decomposition with entry row ids for positions.
Decomposition as_keys(const Computed& c, const EntryStability& r) {
  Decomposition out;
  for (const auto& [phase, fraction] : r.decomposition)
    out.emplace_back(phase < 0 ? phase : c.entries[static_cast<std::size_t>(phase)].key, fraction);
  return out;
}

bool same(const Decomposition& a, const Decomposition& b) {
  std::map<std::int64_t, double> left(a.begin(), a.end()), right(b.begin(), b.end());
  if (left.size() != right.size()) return false;
  for (const auto& [phase, fraction] : left) {
    const auto it = right.find(phase);
    if (it == right.end() || !agree(it->second, fraction)) return false;
  }
  return true;
}

/// Whether `d` (every phase known) is a decomposition of `entry` at `energy`:
/// fractions summing to 1 that give its composition and that energy.
bool decomposes_at(const Computed& c, const Entry& entry, const Decomposition& d, double energy) {
  std::map<int, double> made;
  double sum = 0, e = 0;
  for (const auto& [phase, fraction] : d) {
    sum += fraction;
    if (phase < 0) {
      made[static_cast<int>(-phase)] += fraction;
      continue;
    }
    const Entry& p = c.entries[c.index.at(phase)];
    e += fraction * p.e_form;
    for (const int z : p.composition.elements()) made[z] += fraction * p.composition.atomic_fraction(z);
  }
  if (!agree(sum, 1.0) || !agree(e, energy)) return false;
  for (const int z : entry.composition.elements()) made[z] -= entry.composition.atomic_fraction(z);
  for (const auto& [z, left] : made)
    if (!agree(left, 0.0)) return false;
  return true;
}

/// What is wrong with one stored row, "" if nothing.
std::string row_problem(const Computed& c, const StoredStability& s) {
  const std::size_t i = c.index.at(s.entry);
  const Entry& entry = c.entries[i];
  const EntryStability& r = c.rows[i];
  const std::string name = entry.name() + " (" + printable(entry.id) + "): ";
  if (s.stable != r.stable)
    return name + "stored as " + (s.stable ? "stable" : "not stable") + ", computed " + (r.stable ? "stable" : "not stable");
  if (!agree(s.e_above_hull, r.e_above_hull))
    return name + "e_above_hull " + shortest(s.e_above_hull) + " stored, " + shortest(r.e_above_hull) + " computed";
  if (!agree(s.hull_energy, r.hull_energy))
    return name + "hull energy " + shortest(s.hull_energy) + " stored, " + shortest(r.hull_energy) + " computed";
  for (const auto& [phase, fraction] : s.decomposition) {
    const bool known = phase < 0 ? entry.composition.amount(static_cast<int>(-phase)) > 0 : c.index.count(phase) > 0;
    if (!known)
      return name + "its decomposition names " +
             (phase < 0 ? "element " + std::to_string(-phase) + ", which it does not hold"
                        : "entry row " + std::to_string(phase) + ", which the data set does not hold");
  }
  const Decomposition computed = as_keys(c, r);
  if (same(s.decomposition, computed) || decomposes_at(c, entry, s.decomposition, r.hull_energy)) return "";
  return name + "decomposition " + shown(c, s.decomposition) + " stored, " + shown(c, computed) + " computed";
}

}  // namespace

void check_stored_results(const Database& db, HealthReport& report, unsigned threads) {
  constexpr std::size_t kShown = 5;  // wrong rows named per data set
  std::size_t checked = 0, rows = 0;
  bool ok = true;
  for (const DatasetInfo& d : db.datasets()) {
    if (!db.stability_current(d.id)) continue;
    const std::vector<Entry> entries = db.entries(d.id);
    Computed c{entries, {}, {}};
    for (std::size_t i = 0; i < entries.size(); ++i) c.index[entries[i].key] = i;
    compute_stability(entries, c.rows, threads);
    std::vector<std::string> wrong;
    std::size_t n_wrong = 0;
    for (const StoredStability& s : db.stability(d.id)) {
      if (!c.index.count(s.entry)) continue;  // a row of another data set: check_database's
      ++rows;
      const std::string problem = row_problem(c, s);
      if (problem.empty()) continue;
      if (++n_wrong <= kShown) wrong.push_back(problem);
    }
    ++checked;
    if (n_wrong == 0) continue;
    ok = false;
    std::string what = "data set " + in_quotes(d.name) + ": the stored stability of " + std::to_string(n_wrong) +
                       " entr" + (n_wrong == 1 ? "y" : "ies") +
                       " differs from a computation afresh (results changed outside interphase, or a damaged write):";
    for (const auto& line : wrong) what += "\n    " + line;
    if (n_wrong > kShown) what += "\n    ... and " + std::to_string(n_wrong - kShown) + " more";
    report.problems.push_back(
        {what, "restore the database from a backup, or import its file again under a new name "
               "(`interphase db import FILE --name NAME`); `interphase db check --quick` skips this comparison"});
  }
  if (ok && checked > 0)
    report.passed.push_back("stored stability of " + std::to_string(checked) + " data set(s) (" +
                            std::to_string(rows) + " entries) matches a computation afresh");
}

}  // namespace interphase
