/// \file store.cpp
/// Entries one at a time (add, remove, look up), the data set's content hash,
/// and the stored stability of every entry with the queries over it.
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <string>
#include <unordered_map>

#include "interphase/composition/element_set.hpp"
#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "interphase/tolerances.hpp"
#include "rows.hpp"
#include "sqlite.hpp"

namespace interphase {

namespace {

using namespace data::detail;

/// "key:fraction key:fraction", fractions in shortest round-trip form.
std::string encode_decomposition(const std::vector<std::pair<std::int64_t, double>>& parts) {
  std::string out;
  char buffer[64];
  for (const auto& [key, fraction] : parts) {
    if (!out.empty()) out += ' ';
    out += std::to_string(key);
    out += ':';
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, fraction).ptr);
  }
  return out;
}

std::vector<std::pair<std::int64_t, double>> decode_decomposition(std::string_view text, std::int64_t entry) {
  std::vector<std::pair<std::int64_t, double>> parts;
  while (!text.empty()) {
    const std::string_view pair = text.substr(0, text.find(' '));
    text.remove_prefix(std::min(pair.size() + 1, text.size()));
    const auto colon = pair.find(':');
    std::int64_t key = 0;
    double fraction = 0;
    const char* end = pair.data() + pair.size();
    if (colon == std::string_view::npos || std::from_chars(pair.data(), pair.data() + colon, key).ec != std::errc() ||
        std::from_chars(pair.data() + colon + 1, end, fraction).ptr != end) {
      throw DataError("corrupt decomposition '" + std::string(pair) + "' of entry row " + std::to_string(entry) +
                      " in the database (run `interphase db check`)");
    }
    parts.emplace_back(key, fraction);
  }
  return parts;
}

constexpr std::string_view kStabilityColumns = "entry_id, e_above_hull, hull_energy, stable, decomposition";

/// A stability row from columns first..first+4 in kStabilityColumns order.
StoredStability read_stability(const Statement& row, int first = 0) {
  StoredStability s;
  s.entry = row.integer(first);
  s.e_above_hull = row.real(first + 1);
  s.hull_energy = row.real(first + 2);
  s.stable = row.integer(first + 3) != 0;
  s.decomposition = decode_decomposition(row.text(first + 4), s.entry);
  return s;
}

void update_dataset_content(sqlite3* db, std::int64_t dataset_id, const ContentDigest& digest, std::int64_t delta) {
  Statement update(db, "UPDATE dataset SET content_hash = ?1, n_entries = n_entries + ?2 WHERE id = ?3");
  update.bind(1, std::string_view(digest.hex())).bind(2, delta).bind(3, dataset_id);
  update.run();
}

std::vector<Entry> read_all(Statement& query) {
  std::vector<Entry> out;
  while (query.step()) out.push_back(read_entry(query));
  return out;
}

/// A new id for an added entry, "<data set>:added-N", with N above every N
/// generated before in this data set (counted in added_id, in the caller's
/// transaction) and not taken: an id once given and then removed is never given
/// again, so that it names one entry only in everything written with it.
std::string next_added_id(sqlite3* db, std::int64_t dataset_id) {
  // Part of the schema; created here too for files made before it had the table.
  exec(db, "CREATE TABLE IF NOT EXISTS added_id (dataset_id INTEGER PRIMARY KEY REFERENCES dataset(id) "
           "ON DELETE CASCADE, last INTEGER NOT NULL)", "cannot count the added entries");
  Statement name(db, "SELECT name, (SELECT last FROM added_id WHERE dataset_id = ?1) FROM dataset WHERE id = ?1");
  name.bind(1, dataset_id);
  if (!name.step()) throw DataError("the database has no data set " + std::to_string(dataset_id));
  const std::string dataset = name.text(0);
  std::int64_t n = name.is_null(1) ? 0 : name.integer(1);
  Statement taken(db, "SELECT 1 FROM entry WHERE dataset_id = ?1 AND external_id = ?2");
  std::string id;
  do {
    id = dataset + ":added-" + std::to_string(++n);
    taken.reset();
    taken.bind(1, dataset_id).bind(2, std::string_view(id));
  } while (taken.step());
  Statement update(db, "INSERT OR REPLACE INTO added_id (dataset_id, last) VALUES (?1, ?2)");
  update.bind(1, dataset_id).bind(2, n);
  update.run();
  return id;
}

}  // namespace

Database::Transaction::Transaction(Database& db) : impl_(std::make_unique<data::detail::Transaction>(db.db_)) {}
Database::Transaction::~Transaction() = default;
void Database::Transaction::commit() { impl_->commit(); }

std::vector<Entry> Database::entries(std::int64_t dataset_id) const {
  Statement query(db_, "SELECT " + std::string(kEntrySelect) + " FROM entry WHERE dataset_id = ?1 ORDER BY id");
  query.bind(1, dataset_id);
  return read_all(query);
}

std::vector<Entry> Database::entries_by_key(const std::vector<std::int64_t>& keys) const {
  Statement query(db_, "SELECT " + std::string(kEntrySelect) + " FROM entry WHERE id = ?1");
  std::vector<Entry> out;
  for (const std::int64_t key : keys) {
    query.bind(1, key);
    if (!query.step()) throw DataError("database '" + path_.string() + "' has no entry row " + std::to_string(key));
    out.push_back(read_entry(query));
    query.reset();
  }
  return out;
}

std::optional<Entry> Database::lowest_entry(std::int64_t dataset_id, const Composition& c) const {
  return lowest_entries(dataset_id, {c}).front();
}

std::vector<std::optional<Entry>> Database::lowest_entries(std::int64_t dataset_id,
                                                           const std::vector<Composition>& cs) const {
  Statement query(db_, "SELECT " + std::string(kEntrySelect) + " FROM entry WHERE dataset_id = ?1 AND chemsys = ?2 ORDER BY id");
  std::vector<std::optional<Entry>> out;
  out.reserve(cs.size());
  for (const Composition& c : cs) {
    query.bind(1, dataset_id).bind(2, std::string_view(c.chemsys()));
    const Composition fractional = c.fractional();
    std::optional<Entry> lowest;
    while (query.step()) {
      Entry e = read_entry(query);
      if (!e.composition.fractional().almost_equal(fractional, tol::kSameCompositionTol)) continue;
      if (!lowest || e.e_form < lowest->e_form) lowest = std::move(e);
    }
    query.reset();
    out.push_back(std::move(lowest));
  }
  return out;
}

Entry Database::entry_by_id(std::int64_t dataset_id, const std::string& external_id) const {
  Statement query(db_, "SELECT " + std::string(kEntrySelect) + " FROM entry WHERE dataset_id = ?1 AND external_id = ?2");
  query.bind(1, dataset_id).bind(2, std::string_view(external_id));
  if (!query.step()) {
    Statement name(db_, "SELECT name FROM dataset WHERE id = ?1");
    name.bind(1, dataset_id);
    const std::string dataset = name.step() ? name.text(0) : std::to_string(dataset_id);
    throw DataError("data set '" + dataset + "' in '" + path_.string() + "' has no entry with id '" + external_id + "'");
  }
  return read_entry(query);
}

std::string Database::content_hash(std::int64_t dataset_id) const {
  Statement query(db_, "SELECT content_hash FROM dataset WHERE id = ?1");
  query.bind(1, dataset_id);
  if (!query.step()) throw DataError("database '" + path_.string() + "' has no data set " + std::to_string(dataset_id));
  return query.text(0);
}

std::string Database::compute_content_hash(std::int64_t dataset_id) const {
  Statement query(db_, "SELECT external_id, composition, e_form, sigma FROM entry WHERE dataset_id = ?1");
  query.bind(1, dataset_id);
  ContentDigest digest;
  while (query.step()) {
    const std::string id = query.text(0);
    digest += ContentDigest::of(id, decode_composition(query.text(1), id), query.real(2), query.optional_real(3));
  }
  return digest.hex();
}

Entry Database::add_entry(std::int64_t dataset_id, Entry entry) {
  if (entry.composition.empty()) throw DataError("cannot add an entry without atoms");
  if (const std::string problem = entry_problem(entry.composition, entry.e_form); !problem.empty())
    throw DataError("cannot add " + entry.composition.reduced_formula() + ": " + problem);
  if (const std::string problem = entry_id_problem(entry.id); !problem.empty())
    throw DataError("cannot add " + entry.composition.reduced_formula() + ": " + problem);
  data::detail::Transaction transaction(db_);
  if (entry.id.empty()) entry.id = next_added_id(db_, dataset_id);
  Statement exists(db_, "SELECT 1 FROM entry WHERE dataset_id = ?1 AND external_id = ?2");
  exists.bind(1, dataset_id).bind(2, std::string_view(entry.id));
  if (exists.step()) {
    throw DataError("data set already has an entry with id '" + entry.id + "' in '" + path_.string() +
                    "'; give another --id");
  }
  ContentDigest digest = ContentDigest::parse(content_hash(dataset_id));
  entry.key = EntryInserter(db_, dataset_id).insert(entry);
  digest += ContentDigest::of(entry.id, entry.composition, entry.e_form, entry.sigma);
  update_dataset_content(db_, dataset_id, digest, +1);
  transaction.commit();
  return entry;
}

Entry Database::remove_entry(std::int64_t dataset_id, const std::string& external_id) {
  data::detail::Transaction transaction(db_);
  Entry entry = entry_by_id(dataset_id, external_id);
  ContentDigest digest = ContentDigest::parse(content_hash(dataset_id));
  digest -= ContentDigest::of(entry.id, entry.composition, entry.e_form, entry.sigma);
  Statement remove(db_, "DELETE FROM entry WHERE id = ?1");
  remove.bind(1, entry.key);
  remove.run();
  update_dataset_content(db_, dataset_id, digest, -1);
  transaction.commit();
  return entry;
}

std::optional<std::string> Database::stability_hash(std::int64_t dataset_id) const {
  Statement query(db_, "SELECT content_hash FROM stability_state WHERE dataset_id = ?1");
  query.bind(1, dataset_id);
  if (!query.step()) return std::nullopt;
  return query.text(0);
}

bool Database::stability_current(std::int64_t dataset_id) const {
  const auto hash = stability_hash(dataset_id);
  return hash && *hash == content_hash(dataset_id);
}

void Database::store_stability(std::int64_t dataset_id, const std::vector<StoredStability>& rows,
                               std::int64_t n_systems, bool replace_all, const std::string& computed_for) {
  data::detail::Transaction transaction(db_);
  if (content_hash(dataset_id) != computed_for) {
    throw DataError("the data set in '" + path_.string() +
                    "' changed while its stability was being computed; run the command again");
  }
  if (replace_all) {
    Statement clear(db_, "DELETE FROM stability WHERE entry_id IN (SELECT id FROM entry WHERE dataset_id = ?1)");
    clear.bind(1, dataset_id);
    clear.run();
  }
  Statement insert(db_, "INSERT OR REPLACE INTO stability (" + std::string(kStabilityColumns) +
                            ", dataset_id, elements_lo, elements_hi) SELECT ?1, ?2, ?3, ?4, ?5, dataset_id, elements_lo, "
                            "elements_hi FROM entry WHERE id = ?1");
  for (const auto& row : rows) {
    insert.bind(1, row.entry)
        .bind(2, row.e_above_hull)
        .bind(3, row.hull_energy)
        .bind(4, std::int64_t{row.stable ? 1 : 0})
        .bind(5, std::string_view(encode_decomposition(row.decomposition)));
    insert.run();
  }
  Statement state(db_,
                  "INSERT OR REPLACE INTO stability_state (dataset_id, content_hash, computed_at, n_systems) "
                  "VALUES (?1, ?2, ?3, ?4)");
  state.bind(1, dataset_id).bind(2, std::string_view(computed_for)).bind(3, std::string_view(utc_now_iso8601()))
      .bind(4, n_systems);
  state.run();
  transaction.commit();
}

std::vector<StoredStability> Database::stability(std::int64_t dataset_id) const {
  Statement query(db_, "SELECT s.entry_id, s.e_above_hull, s.hull_energy, s.stable, s.decomposition "
                       "FROM stability s JOIN entry e ON e.id = s.entry_id WHERE e.dataset_id = ?1 ORDER BY s.entry_id");
  query.bind(1, dataset_id);
  std::vector<StoredStability> out;
  while (query.step()) out.push_back(read_stability(query));
  return out;
}

std::vector<StoredStability> Database::stability_of(const std::vector<std::int64_t>& keys) const {
  Statement query(db_, "SELECT " + std::string(kStabilityColumns) + " FROM stability WHERE entry_id = ?1");
  std::vector<StoredStability> out;
  for (const std::int64_t key : keys) {
    query.bind(1, key);
    if (query.step()) out.push_back(read_stability(query));
    query.reset();
  }
  return out;
}

std::vector<Entry> Database::stable_entries_in_system(const std::vector<int>& elements, std::int64_t dataset_id) const {
  std::vector<int> system = elements;
  std::sort(system.begin(), system.end());
  system.erase(std::unique(system.begin(), system.end()), system.end());
  if (system.size() <= 12) {  // one index lookup per subsystem
    const std::vector<std::string> chemsys = subsystems(system);
    std::string sql = "SELECT " + std::string(kEntrySelectE) + " FROM entry e "
                      "JOIN stability s ON s.entry_id = e.id WHERE s.stable = 1 AND e.dataset_id = ? AND e.chemsys IN (";
    for (std::size_t i = 0; i < chemsys.size(); ++i) sql += i == 0 ? "?" : ",?";
    sql += ") ORDER BY e.id";
    Statement query(db_, sql);
    query.bind(1, dataset_id);
    for (std::size_t i = 0; i < chemsys.size(); ++i) query.bind(static_cast<int>(i) + 2, std::string_view(chemsys[i]));
    return read_all(query);
  }
  const ElementSet mask(system);
  Statement query(db_, "SELECT " + std::string(kEntrySelectE) + " FROM entry e "
                       "JOIN stability s ON s.entry_id = e.id WHERE s.stable = 1 AND +e.dataset_id = ?1 "
                       "AND (e.elements_lo & ?2) = 0 AND (e.elements_hi & ?3) = 0 ORDER BY e.id");
  query.bind(1, dataset_id).bind(2, sql_word(~mask.lo())).bind(3, sql_word(~mask.hi()));
  return read_all(query);
}

std::vector<std::pair<Entry, bool>> Database::entries_for_update(const std::vector<int>& elements,
                                                                  std::int64_t dataset_id) const {
  const ElementSet mask(elements);
  Statement query(db_, "SELECT " + std::string(kEntrySelectE) + ", coalesce(s.stable, 0) "
                       "FROM entry e LEFT JOIN stability s ON s.entry_id = e.id WHERE +e.dataset_id = ?1 "
                       "AND (((e.elements_lo & ?2) = ?2 AND (e.elements_hi & ?3) = ?3) OR s.stable = 1) ORDER BY e.id");
  query.bind(1, dataset_id).bind(2, sql_word(mask.lo())).bind(3, sql_word(mask.hi()));
  std::vector<std::pair<Entry, bool>> out;
  while (query.step()) out.emplace_back(read_entry(query), query.integer(kEntryColumnCount) != 0);
  return out;
}

std::vector<std::string> Database::chemical_systems(std::int64_t dataset_id) const {
  Statement query(db_, "SELECT DISTINCT chemsys FROM entry WHERE dataset_id = ?1");
  query.bind(1, dataset_id);
  std::vector<std::string> out;
  while (query.step()) out.push_back(query.text(0));
  return out;
}

std::vector<int> Database::elements_without_entries(std::int64_t dataset_id, const std::vector<int>& elements) const {
  // The element's own entry through the chemsys index first; a compound holding it by a scan of the masks.
  Statement pure(db_, "SELECT 1 FROM entry WHERE dataset_id = ?1 AND chemsys = ?2 LIMIT 1");
  Statement any(db_, "SELECT 1 FROM entry WHERE dataset_id = ?1 AND ((elements_lo & ?2) != 0 OR (elements_hi & ?3) != 0) "
                     "LIMIT 1");
  std::vector<int> out;
  for (const int z : ElementSet(elements)) {
    pure.bind(1, dataset_id).bind(2, std::string_view(element(z).symbol));
    bool held = pure.step();
    pure.reset();
    if (!held) {
      const ElementSet one{z};
      any.bind(1, dataset_id).bind(2, sql_word(one.lo())).bind(3, sql_word(one.hi()));
      held = any.step();
      any.reset();
    }
    if (!held) out.push_back(z);
  }
  return out;
}

std::int64_t Database::count_systems(std::int64_t dataset_id) const {
  Statement query(db_, "SELECT count(DISTINCT chemsys) FROM entry WHERE dataset_id = ?1");
  query.bind(1, dataset_id);
  query.step();
  return query.integer(0);
}

std::vector<std::string> Database::phase_names(const std::vector<std::int64_t>& keys) const {
  Statement query(db_, "SELECT reduced_formula FROM entry WHERE id = ?1");
  std::vector<std::string> out;
  for (const std::int64_t key : keys) {
    if (key < 0) {
      out.push_back(Composition({{static_cast<int>(-key), 1.0}}).reduced_formula());
      continue;
    }
    query.bind(1, key);
    if (!query.step()) {
      throw DataError("database '" + path_.string() + "' has no entry row " + std::to_string(key) +
                      " named in a stored decomposition (run `interphase db check`)");
    }
    out.push_back(query.text(0));
    query.reset();
  }
  return out;
}

std::vector<SelectedEntry> Database::select(std::int64_t dataset_id, const EntryQuery& q) const {
  // Filtered on the stability table's own columns and indexes; the entry table is read for matches only.
  std::string sql =
      "SELECT " + std::string(kEntrySelectE) + ", e.reduced_formula, "
      "s.entry_id, s.e_above_hull, s.hull_energy, s.stable, s.decomposition "
      "FROM stability s JOIN entry e ON e.id = s.entry_id WHERE s.dataset_id = ?1";
  const ElementSet with(q.with), any(q.any), without(q.without), only(q.only.value_or(std::vector<int>{}));
  if (q.stable) sql += " AND s.stable = 1";
  sql += " AND (s.elements_lo & ?2) = ?2 AND (s.elements_hi & ?3) = ?3";
  sql += " AND (s.elements_lo & ?4) = 0 AND (s.elements_hi & ?5) = 0";
  if (!q.any.empty()) sql += " AND ((s.elements_lo & ?6) != 0 OR (s.elements_hi & ?7) != 0)";
  if (q.only) sql += " AND (s.elements_lo & ?8) = 0 AND (s.elements_hi & ?9) = 0";
  const std::string n_elements = "(length(e.chemsys) - length(replace(e.chemsys, '-', '')) + 1)";
  if (q.min_elements > 0) sql += " AND " + n_elements + " >= ?10";
  if (q.max_elements > 0) sql += " AND " + n_elements + " <= ?11";
  if (q.max_e_above_hull) sql += " AND s.e_above_hull <= ?12";
  sql += " ORDER BY e.id";
  Statement query(db_, sql);
  query.bind(1, dataset_id).bind(2, sql_word(with.lo())).bind(3, sql_word(with.hi()));
  query.bind(4, sql_word(without.lo())).bind(5, sql_word(without.hi()));
  if (!q.any.empty()) query.bind(6, sql_word(any.lo())).bind(7, sql_word(any.hi()));
  if (q.only) query.bind(8, sql_word(~only.lo())).bind(9, sql_word(~only.hi()));
  if (q.min_elements > 0) query.bind(10, std::int64_t{q.min_elements});
  if (q.max_elements > 0) query.bind(11, std::int64_t{q.max_elements});
  if (q.max_e_above_hull) query.bind(12, *q.max_e_above_hull);

  std::vector<SelectedEntry> rows;
  std::unordered_map<std::string, std::size_t> by_formula;  // reduced formula -> row
  while (query.step()) {
    SelectedEntry row{read_entry(query), query.text(kEntryColumnCount), read_stability(query, kEntryColumnCount + 1), {}};
    if (!q.lowest_per_formula) {
      rows.push_back(std::move(row));
      continue;
    }
    const auto [it, inserted] = by_formula.emplace(row.reduced_formula, rows.size());
    if (inserted) {
      rows.push_back(std::move(row));
    } else if (row.entry.e_form < rows[it->second].entry.e_form) {
      rows[it->second] = std::move(row);
    }
  }
  const auto by_formula_then_id = [](const SelectedEntry& a, const SelectedEntry& b) {
    return a.reduced_formula != b.reduced_formula ? a.reduced_formula < b.reduced_formula : a.entry.key < b.entry.key;
  };
  if (q.sort == EntryQuery::Sort::Formula) {
    std::sort(rows.begin(), rows.end(), by_formula_then_id);
  } else {
    std::sort(rows.begin(), rows.end(), [&](const SelectedEntry& a, const SelectedEntry& b) {
      if (a.stability.e_above_hull != b.stability.e_above_hull) return a.stability.e_above_hull < b.stability.e_above_hull;
      return by_formula_then_id(a, b);
    });
  }
  if (q.limit && rows.size() > *q.limit) rows.resize(*q.limit);

  std::vector<std::int64_t> keys;
  for (const auto& row : rows)
    for (const auto& [key, fraction] : row.stability.decomposition) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  const std::vector<std::string> found = phase_names(keys);
  std::unordered_map<std::int64_t, const std::string*> names;
  for (std::size_t i = 0; i < keys.size(); ++i) names.emplace(keys[i], &found[i]);
  for (auto& row : rows)
    for (const auto& [key, fraction] : row.stability.decomposition) row.products.emplace_back(*names.at(key), fraction);
  return rows;
}

}  // namespace interphase
