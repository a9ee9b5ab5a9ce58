/// \file database.cpp
/// The SQLite store of entries: opening (schema, versioning), importing, querying.
#include "interphase/data/database.hpp"

#include <sqlite3.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cctype>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <istream>
#include <map>
#include <streambuf>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "interphase/composition/composition.hpp"
#include "interphase/error.hpp"
#include "interphase/quote.hpp"
#include "detail.hpp"
#include "rows.hpp"
#include "sqlite.hpp"
#include "interphase_schema.hpp"

namespace interphase {


namespace {

namespace fs = std::filesystem;
using namespace data::detail;

/// Systems of up to this many elements are queried by enumerating their
/// 2^n - 1 subsystems as chemsys strings (index lookups); larger ones scan the
/// table's element bitmasks. On the 132,752 rows of mp_e_form the lookups take
/// ~1 ms for 7 elements and ~14 ms for 12, the scan ~15-30 ms for any system.
constexpr std::size_t kMaxEnumeratedElements = 12;

// ---------------------------------------------------------------------------
// Schema

}  // namespace

/// The version the embedded schema sets (its "PRAGMA user_version = N").
int data::detail::schema_version() {
  static const int version = [] {
    const std::string_view sql = data::detail::kSchemaSql;
    constexpr std::string_view kPragma = "PRAGMA user_version";
    const auto at = sql.rfind(kPragma);
    std::string_view rest = at == std::string_view::npos ? std::string_view{} : sql.substr(at + kPragma.size());
    rest.remove_prefix(std::min(rest.find_first_not_of(" ="), rest.size()));
    int v = 0;
    if (std::from_chars(rest.data(), rest.data() + rest.size(), v).ec != std::errc() || v <= 0) {
      throw std::logic_error("database/schema.sql does not set PRAGMA user_version");
    }
    return v;
  }();
  return version;
}

std::string data::detail::read_only_reason(const std::string& file) {
  if (file.empty() || file == ":memory:") return "";
  errno = 0;
  if (::access(file.c_str(), W_OK) != 0) {
    if (errno == EROFS) return "it lies on a read-only file system";
    if (errno == EACCES || errno == EPERM) return "the file is read-only";
    return "";  // it does not exist (yet): nothing to judge
  }
  const fs::path dir = fs::path(file).parent_path().empty() ? fs::path(".") : fs::path(file).parent_path();
  if (::access(dir.c_str(), W_OK) != 0 && (errno == EROFS || errno == EACCES || errno == EPERM)) {
    return "its directory " + in_quotes(dir.string(), 1000) + " cannot be written, and SQLite writes its journal there";
  }
  return "";
}

int data::detail::open_read_only(const fs::path& path, sqlite3** db) {
  // In a directory that cannot be written, SQLite cannot create the -wal and
  // -shm files it reads a WAL database through: without them (no process has
  // the file open for writing) the file is read as one nobody changes
  // ("immutable"), as it is on a read-only file system.
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code error;
  const bool immutable = ::access(dir.c_str(), W_OK) != 0 && !fs::exists(path.string() + "-wal", error);
  std::string uri = "file:";
  for (const char c : fs::absolute(path, error).string()) {
    if (std::isalnum(static_cast<unsigned char>(c)) || std::strchr("/-._~", c)) {
      uri += c;
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
      uri += hex;
    }
  }
  uri += immutable ? "?mode=ro&immutable=1" : "?mode=ro";
  return sqlite3_open_v2(uri.c_str(), db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
}

namespace {

/// "cannot open database 'path': problem", with what to do for a damaged file
/// and, where the system refused the file, the system's reason.
std::string open_failure(sqlite3* db, const fs::path& path, int code) {
  std::string problem = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  if (const int system = db ? sqlite3_system_errno(db) : 0; (code & 0xFF) == SQLITE_CANTOPEN && system != 0) {
    problem += " (" + std::string(std::strerror(system)) + ")";
  }
  return "cannot open database " + in_quotes(path.string(), 1000) + ": " + sqlite_problem(db, code, problem);
}

int user_version(sqlite3* db, const fs::path& path) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) != SQLITE_OK ||
      sqlite3_step(stmt) != SQLITE_ROW) {
    const std::string message = open_failure(db, path, sqlite3_extended_errcode(db));
    sqlite3_finalize(stmt);
    throw DataError(message);
  }
  const int version = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  return version;
}

/// Create the directories a new database file goes in.
void ensure_parent_directory(const fs::path& path) {
  const fs::path dir = path.parent_path();
  std::error_code error;
  if (dir.empty() || fs::is_directory(dir, error)) return;
  fs::create_directories(dir, error);
  if (error) {
    throw DataError("cannot open database '" + path.string() + "': cannot create directory '" + dir.string() +
                    "': " + error.message());
  }
}

/// Version 1 -> 2: each data set gains its content hash (computed from its
/// entries); the stability tables come with the schema itself.
void migrate_from_version_1(sqlite3* db, const fs::path& path) {
  spdlog::info("upgrading database '{}' from schema version 1 to {}", path.string(), schema_version());
  exec(db, "ALTER TABLE dataset ADD COLUMN content_hash TEXT NOT NULL DEFAULT ''",
       "cannot upgrade database '" + path.string() + "'");
  Statement entries(db, "SELECT dataset_id, external_id, composition, e_form FROM entry");
  std::map<std::int64_t, ContentDigest> digests;
  while (entries.step()) {
    const std::string id = entries.text(1);
    digests[entries.integer(0)] += ContentDigest::of(id, decode_composition(entries.text(2), id), entries.real(3));
  }
  Statement update(db, "UPDATE dataset SET content_hash = ?1 WHERE id = ?2");
  for (const auto& [dataset, digest] : digests) {
    update.bind(1, std::string_view(digest.hex())).bind(2, dataset);
    update.run();
  }
}

/// Version 2 -> 3: entries gain an optional uncertainty (entry.sigma, NULL for
/// every existing entry, so content hashes stay as they are).
void migrate_from_version_2(sqlite3* db, const fs::path& path) {
  spdlog::info("upgrading database '{}' from schema version 2 to {}", path.string(), schema_version());
  exec(db, "ALTER TABLE entry ADD COLUMN sigma REAL", "cannot upgrade database '" + path.string() + "'");
  // Early version-2 files stored stability without its own data set and element
  // columns. Stability is derived data: drop it, and the next command that
  // needs it recomputes it.
  bool old_stability = false;
  {
    Statement old_layout(db,
                         "SELECT (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'stability') "
                         "AND (SELECT COUNT(*) FROM pragma_table_info('stability') WHERE name = 'dataset_id') = 0");
    old_stability = old_layout.step() && old_layout.integer(0) != 0;
  }  // finished before the tables it read are dropped
  if (old_stability) {
    spdlog::info("database '{}': stored stability in an older layout is dropped (recomputed when needed)",
                 path.string());
    exec(db, "DROP TABLE IF EXISTS stability; DROP TABLE IF EXISTS stability_state",
         "cannot upgrade database '" + path.string() + "'");
  }
}

/// WAL journal: readers see the last commit while a writer imports. The mode
/// is stored in the file; a database that cannot switch (read-only) keeps its own.
void use_wal(sqlite3* db, const fs::path& path) {
  if (sqlite3_db_readonly(db, "main") == 1) return;
  Statement mode(db, "PRAGMA journal_mode = WAL");
  if (mode.step() && mode.text(0) != "wal") {
    spdlog::debug("database '{}' keeps journal mode '{}'", path.string(), mode.text(0));
  }
}

/// Number of tables, indexes, views and triggers of `names` in the file ("" for all).
std::int64_t count_schema_objects(sqlite3* db, const std::string& names) {
  Statement query(db, "SELECT count(*) FROM sqlite_master" +
                          (names.empty() ? std::string() : " WHERE type = 'table' AND name IN (" + names + ")"));
  return query.step() ? query.integer(0) : 0;
}

/// A file without the schema of this build becomes a database (or is upgraded)
/// only if it is empty (a new or empty file: user_version 0 and no tables) or
/// an older interphase database (its dataset and entry tables); any other
/// SQLite file belongs to another program and is refused before anything is
/// written to it.
void require_interphase_file(sqlite3* db, const fs::path& path, int version) {
  const bool ours = version == 0 ? count_schema_objects(db, "") == 0
                                 : count_schema_objects(db, "'dataset', 'entry'") == 2;
  if (ours) return;
  throw DataError(in_quotes(path.string(), 1000) + " is not an interphase database: it is an SQLite file of " +
                  "another program (tables of its own" + (version ? ", user_version " + std::to_string(version) : "") +
                  "), left unchanged; use a new file, an empty one or an interphase database instead");
}

/// Per-connection settings, then the schema if the database has none yet.
void prepare_connection(sqlite3* db, const fs::path& path, OpenMode mode) {
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // A 32 MiB page cache (default 2 MiB) keeps a whole import's index pages in memory;
  // reads through a memory map skip a copy per page (a whole-table query such as
  // `select` runs about twice as fast).
  exec(db, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; PRAGMA mmap_size = 1073741824",
       "cannot open database " + in_quotes(path.string(), 1000));
  const int version = user_version(db, path);
  if (version == schema_version()) {
    if (mode == OpenMode::Create) use_wal(db, path);
    return;
  }
  if (version > schema_version()) {
    throw DataError("database '" + path.string() + "' has schema version " + std::to_string(version) +
                    ", newer than this build of interphase supports (" + std::to_string(schema_version()) + ")");
  }
  if (version != 0 && version != 1 && version != 2) {
    throw DataError("database '" + path.string() + "' has schema version " + std::to_string(version) +
                    " and no migration to version " + std::to_string(schema_version()) + " exists");
  }
  if (mode != OpenMode::Create && version == 0) {
    throw DataError("'" + path.string() + "' is not an interphase database (it has no schema)");
  }
  require_interphase_file(db, path, version);
  if (mode != OpenMode::Create) {
    throw DataError("database '" + path.string() + "' has schema version " + std::to_string(version) +
                    ", older than this build's (" + std::to_string(schema_version()) +
                    "); any command that reads its entries (e.g. `interphase react`) upgrades it");
  }
  Transaction transaction(db);
  if (version == 1) migrate_from_version_1(db, path);
  if (version == 1 || version == 2) migrate_from_version_2(db, path);
  exec(db, data::detail::kSchemaSql, "cannot create the schema in '" + path.string() + "'");
  transaction.commit();
  use_wal(db, path);  // after the schema: a file refused above keeps its journal mode
}

// ---------------------------------------------------------------------------
// Importing

/// `what` and errno's reason: FileNotFound if there is no such file, else DataError.
[[noreturn]] void throw_cannot_open(const fs::path& file, const std::string& what) {
  const int error = errno;
  const std::string message = what + ": " + std::strerror(error);
  if (error == ENOENT) throw FileNotFound(message);
  throw DataError(message);
}

/// A file read in chunks, hashed (SHA-256) as it is read.
class FileSource : public ByteSource {
 public:
  explicit FileSource(const fs::path& file) : file_(file), f_(std::fopen(file.c_str(), "rb")) {
    if (!f_) throw_cannot_open(file, "cannot open " + in_quotes(file.string(), 1000));
  }
  ~FileSource() override { std::fclose(f_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  std::string_view read() override {
    const std::size_t n = std::fread(buffer_.data(), 1, buffer_.size(), f_);
    if (n == 0 && std::ferror(f_)) {
      throw DataError("cannot read " + in_quotes(file_.string(), 1000) + ": " + std::strerror(errno));
    }
    bytes_ += n;
    const std::string_view chunk(buffer_.data(), n);
    hash_.update(chunk);
    return chunk;
  }

  std::uintmax_t bytes() const { return bytes_; }
  /// SHA-256 of the bytes read so far.
  std::string sha256() { return hash_.hex_digest(); }

 private:
  fs::path file_;
  std::FILE* f_;
  std::vector<char> buffer_ = std::vector<char>(std::size_t{1} << 16);
  Sha256 hash_;
  std::uintmax_t bytes_ = 0;
};

/// A FileSource as a std::streambuf for the JSON parser, ending (as if at the
/// end of the file) after `limit` bytes.
class SourceBuffer : public std::streambuf {
 public:
  SourceBuffer(FileSource& in, std::uintmax_t limit) : in_(in), limit_(limit) {}
  bool hit_limit() const { return hit_limit_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (in_.bytes() >= limit_) {
      hit_limit_ = true;
      return traits_type::eof();
    }
    const std::string_view chunk = in_.read();
    if (chunk.empty()) return traits_type::eof();
    char* begin = const_cast<char*>(chunk.data());
    setg(begin, begin, begin + chunk.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  FileSource& in_;
  std::uintmax_t limit_;
  bool hit_limit_ = false;
};

void require_unused_name(sqlite3* db, const std::string& name, const fs::path& db_path) {
  Statement query(db, "SELECT source, imported_at FROM dataset WHERE name = ?1");
  query.bind(1, std::string_view(name));
  if (query.step()) {
    throw DataError("database '" + db_path.string() + "' already has a data set named '" + name + "' (from '" +
                    query.text(0) + "', imported " + query.text(1) + "); choose another name");
  }
}

std::int64_t insert_dataset(sqlite3* db, const DatasetInfo& info) {
  Statement insert(db,
                   "INSERT INTO dataset (name, source, sha256, imported_at, kind, n_entries) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.bind(1, std::string_view(info.name))
      .bind(2, std::string_view(info.source))
      .bind(3, std::string_view(info.sha256))
      .bind(4, std::string_view(info.imported_at))
      .bind(5, std::string_view(info.kind))
      .bind(6, info.n_entries);
  insert.run();
  return sqlite3_last_insert_rowid(db);
}

void set_content_hash(sqlite3* db, std::int64_t dataset_id, const std::string& hash) {
  Statement update(db, "UPDATE dataset SET content_hash = ?1 WHERE id = ?2");
  update.bind(1, std::string_view(hash)).bind(2, dataset_id);
  update.run();
}

/// The file's hash and entry count, known once the whole file is read.
void finish_dataset(sqlite3* db, const DatasetInfo& info) {
  Statement update(db, "UPDATE dataset SET sha256 = ?1, n_entries = ?2 WHERE id = ?3");
  update.bind(1, std::string_view(info.sha256)).bind(2, info.n_entries).bind(3, info.id);
  update.run();
}

/// SQLite's quick check before writing: an import must not add to a damaged file.
void require_intact(sqlite3* db, const fs::path& db_path) {
  Statement check(db, "PRAGMA quick_check(5)");
  std::string problems;
  while (check.step()) {
    if (check.text(0) == "ok") continue;
    problems += (problems.empty() ? "" : "; ") + printable(check.text(0), 120);
  }
  if (!problems.empty()) {
    throw DataError("database " + in_quotes(db_path.string(), 1000) + " is damaged (" + problems +
                    "); nothing was imported (`interphase db check --db " + db_path.string() + "` tells more)");
  }
}


/// Read, parse and store one file in one transaction, entry by entry as the
/// file is read. `parse(in, source, name, sink)` returns the number of entries.
/// The name is checked inside the write transaction, so two imports of one
/// name at once give the second our message, not a constraint failure.
template <class Parse>
DatasetInfo import_file(sqlite3* db, const fs::path& db_path, const fs::path& file, std::string name,
                        std::string kind, Parse parse) {
  const auto start = std::chrono::steady_clock::now();
  if (name.empty()) name = file.stem().string();
  if (name.empty()) throw DataError("cannot name a data set after " + in_quotes(file.string(), 1000) + "; give it a name");
  if (const std::size_t at = find_control_character(name); at != std::string::npos) {
    throw DataError("invalid data set name " + in_quotes(name) + ": it contains " + describe_control_character(name[at]));
  }
  FileSource in(file);
  require_intact(db, db_path);

  Transaction transaction(db, "cannot import into database " + in_quotes(db_path.string(), 1000));
  require_unused_name(db, name, db_path);
  DatasetInfo info{0, name, fs::absolute(file).lexically_normal().string(), "", utc_now_iso8601(), std::move(kind),
                   0, {}};
  info.id = insert_dataset(db, info);
  EntryInserter inserter(db, info.id);
  ContentDigest content;
  info.n_entries = static_cast<std::int64_t>(parse(in, file.string(), name, [&](Entry&& entry) {
    inserter.insert(entry);
    content += ContentDigest::of(entry.id, entry.composition, entry.e_form, entry.sigma);
  }));
  info.sha256 = in.sha256();
  info.content_hash = content.hex();
  finish_dataset(db, info);
  set_content_hash(db, info.id, info.content_hash);
  transaction.commit();

  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  spdlog::debug("imported {} entries from '{}' into data set '{}' in {:.2f} s", info.n_entries, info.source,
                info.name, elapsed.count());
  return info;
}

// ---------------------------------------------------------------------------
// Querying

constexpr std::string_view kDatasetColumns = "id, name, source, sha256, imported_at, kind, n_entries, content_hash";
constexpr std::string_view kEntryColumns = kEntrySelect;

DatasetInfo read_dataset(const Statement& row) {
  return {row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.integer(6), row.text(7)};
}

std::vector<Entry> read_entries(Statement& query) {
  std::vector<Entry> entries;
  while (query.step()) entries.push_back(read_entry(query));
  return entries;
}

/// Entries whose chemsys is one of the subsystems: one index lookup each.
std::vector<Entry> entries_by_chemsys(sqlite3* db, const std::vector<int>& elements, std::int64_t dataset_id) {
  const std::vector<std::string> chemsys = subsystems(elements);
  std::string sql = "SELECT " + std::string(kEntryColumns) + " FROM entry WHERE dataset_id = ? AND chemsys IN (";
  for (std::size_t i = 0; i < chemsys.size(); ++i) sql += i == 0 ? "?" : ",?";
  sql += ") ORDER BY id";
  Statement query(db, sql);
  query.bind(1, dataset_id);
  for (std::size_t i = 0; i < chemsys.size(); ++i) query.bind(static_cast<int>(i) + 2, std::string_view(chemsys[i]));
  return read_entries(query);
}

/// Entries with no element outside the system's bitmask: one scan of the table
/// ("+dataset_id" keeps SQLite from walking the chemsys index and fetching rows at random).
std::vector<Entry> entries_by_mask(sqlite3* db, const std::vector<int>& elements, std::int64_t dataset_id) {
  const ElementSet mask(elements);
  Statement query(db, "SELECT " + std::string(kEntryColumns) +
                          " FROM entry WHERE +dataset_id = ?1 AND (elements_lo & ?2) = 0 AND (elements_hi & ?3) = 0"
                          " ORDER BY id");
  query.bind(1, dataset_id).bind(2, sql_word(~mask.lo())).bind(3, sql_word(~mask.hi()));
  return read_entries(query);
}

std::string dataset_names(const std::vector<DatasetInfo>& datasets) {
  std::string out;
  for (const auto& d : datasets) out += (out.empty() ? "'" : ", '") + d.name + "'";
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------
// Database

Database::Database(const fs::path& path, OpenMode mode) : path_(path) {
  std::error_code error;
  const bool exists = fs::exists(path, error);
  if (mode == OpenMode::Create) {
    ensure_parent_directory(path);
  } else if (!exists) {
    throw DataError("database " + in_quotes(path.string(), 1000) + " does not exist" +
                    (error ? ": " + error.message() : std::string()));
  }
  const int flags = mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY
                                               : SQLITE_OPEN_READWRITE | (mode == OpenMode::Create ? SQLITE_OPEN_CREATE : 0);
  // A file that cannot be written where it lies is read as it is: commands that
  // only read work, and one that writes says why it cannot (Transaction).
  const int rc = exists && !read_only_reason(path.string()).empty() ? open_read_only(path, &db_)
                                                                    : sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  try {
    if (rc != SQLITE_OK) throw DataError(open_failure(db_, path, rc));
    prepare_connection(db_, path_, mode);
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
  spdlog::debug("opened database '{}'", path_.string());
}

Database::~Database() { sqlite3_close(db_); }

void Database::require_writable(const std::string& what) const { data::detail::require_writable(db_, what); }

Database::Database(Database&& other) noexcept
    : path_(std::move(other.path_)), db_(std::exchange(other.db_, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    path_ = std::move(other.path_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

DatasetInfo Database::import_csv(const fs::path& file, const CsvImportOptions& options) {
  check_max_abs_energy(options.max_abs_energy);
  return import_file(db_, path_, file, options.name, "csv",
                     [&options](FileSource& in, const std::string& source, const std::string& name,
                                const EntrySink& sink) { return parse_csv(in, source, options, name, sink); });
}

DatasetInfo Database::import_pymatgen_json(const fs::path& file, std::string name, double max_abs_energy,
                                           const std::string& sigma_key) {
  check_max_abs_energy(max_abs_energy);
  return import_file(db_, path_, file, std::move(name), "pymatgen-json",
                     [max_abs_energy, &sigma_key](FileSource& in, const std::string& source, const std::string& name,
                                      const EntrySink& sink) {
                       SourceBuffer buffer(in, kMaxJsonFileBytes);
                       std::istream stream(&buffer);
                       std::vector<Entry> entries;
                       try {
                         entries = parse_pymatgen_entries(stream, source, name, max_abs_energy, sigma_key);
                       } catch (const DataError&) {
                         if (!buffer.hit_limit()) throw;
                         throw DataError(source + ": larger than " + std::to_string(kMaxJsonFileBytes >> 20) +
                                         " MiB, the limit for pymatgen JSON files; split it into several files");
                       }
                       for (Entry& entry : entries) sink(std::move(entry));
                       return entries.size();
                     });
}

DatasetInfo Database::import_mp_json(const fs::path& file, const MpImportOptions& options,
                                     std::vector<ReportedStability>* reported) {
  check_max_abs_energy(options.max_abs_energy);
  return import_file(db_, path_, file, options.name, "mp-json",
                     [&](FileSource& in, const std::string& source, const std::string&, const EntrySink& sink) {
                       if (reported) reported->clear();
                       SourceBuffer buffer(in, kMaxJsonFileBytes);
                       std::istream stream(&buffer);
                       std::vector<Entry> entries;
                       try {
                         entries = parse_mp_documents(stream, source, options.thermo_type, reported,
                                                      options.max_abs_energy);
                       } catch (const DataError&) {
                         if (!buffer.hit_limit()) throw;
                         throw DataError(source + ": larger than " + std::to_string(kMaxJsonFileBytes >> 20) +
                                         " MiB, the limit for JSON files; split it into several files");
                       }
                       for (Entry& entry : entries) sink(std::move(entry));
                       return entries.size();
                     });
}

std::string guess_kind(const fs::path& file) {
  if (file.extension() != ".json") return "csv";
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (!f) throw_cannot_open(file, "cannot open '" + file.string() + "'");
  std::string head(1 << 16, '\0');
  head.resize(std::fread(head.data(), 1, head.size(), f));
  std::fclose(f);
  const bool mp = head.find("\"formation_energy_per_atom\"") != std::string::npos ||
                  head.find("\"material_id\"") != std::string::npos;
  return mp ? "mp-json" : "pymatgen-json";
}

std::vector<DatasetInfo> Database::datasets() const {
  Statement query(db_, "SELECT " + std::string(kDatasetColumns) + " FROM dataset ORDER BY id");
  std::vector<DatasetInfo> out;
  while (query.step()) out.push_back(read_dataset(query));
  return out;
}

DatasetInfo Database::resolve_dataset(const std::optional<std::string>& name) const {
  const std::vector<DatasetInfo> all = datasets();
  const auto named = [&all](const std::string& n) {
    return std::find_if(all.begin(), all.end(), [&n](const DatasetInfo& d) { return d.name == n; });
  };
  if (name) {
    if (const auto it = named(*name); it != all.end()) return *it;
    throw DataError("database '" + path_.string() + "' has no data set named '" + *name + "'" +
                    (all.empty() ? std::string(" (it has none)") : " (it has " + dataset_names(all) + ")"));
  }
  if (all.empty()) throw DataError("database '" + path_.string() + "' has no data set; import one first");
  if (all.size() == 1) return all.front();
  if (const auto it = named("mp_e_form"); it != all.end()) return *it;
  throw DataError("database '" + path_.string() + "' has several data sets (" + dataset_names(all) +
                  "); choose one by name");
}

std::vector<Entry> Database::entries_in_system(const std::vector<int>& elements, std::int64_t dataset_id) const {
  std::vector<int> system = elements;
  std::sort(system.begin(), system.end());
  system.erase(std::unique(system.begin(), system.end()), system.end());
  if (system.empty()) return {};
  for (const int z : system) element(z);  // throws FormulaError on an invalid atomic number
  return system.size() <= kMaxEnumeratedElements ? entries_by_chemsys(db_, system, dataset_id)
                                                 : entries_by_mask(db_, system, dataset_id);
}

std::int64_t Database::count_entries(std::int64_t dataset_id) const {
  Statement query(db_, "SELECT count(*) FROM entry WHERE dataset_id = ?1");
  query.bind(1, dataset_id);
  query.step();
  return query.integer(0);
}

bool Database::has_entry_sigmas(std::int64_t dataset_id) const {
  Statement query(db_, "SELECT EXISTS (SELECT 1 FROM entry WHERE dataset_id = ?1 AND sigma IS NOT NULL)");
  query.bind(1, dataset_id);
  query.step();
  return query.integer(0) != 0;
}

}  // namespace interphase
