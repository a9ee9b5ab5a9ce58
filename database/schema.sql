-- interphase database schema (SQLite), version 3.
--
-- Compiled into the library (interphase::data::detail::kSchemaSql) and applied
-- when a database whose user_version is 0 (a new file) is opened. Every
-- statement is idempotent. A new schema bumps user_version below and adds a
-- migration in src/data/database.cpp (version 1 -> 2: dataset.content_hash and
-- the stability tables; 2 -> 3: entry.sigma); the library refuses databases
-- written by a newer schema.
--
-- Connection settings (foreign_keys = ON, busy timeout) are per connection and
-- are set by the library on every open, not here.

-- One imported file.
CREATE TABLE IF NOT EXISTS dataset (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE,     -- by default the file's stem, e.g. 'mp_e_form'
  source      TEXT    NOT NULL,            -- absolute path of the imported file
  sha256      TEXT    NOT NULL,            -- hex SHA-256 of the file's bytes
  imported_at TEXT    NOT NULL,            -- UTC, ISO 8601 ('2024-05-01T12:00:00Z')
  kind        TEXT    NOT NULL,            -- importer: 'csv' or 'pymatgen-json'
  n_entries   INTEGER NOT NULL DEFAULT 0,
  content_hash TEXT   NOT NULL DEFAULT ''  -- hash of the entries' content (external id,
                                           -- composition, e_form, sigma where given), independent of their
                                           -- order; kept current by every import, add and
                                           -- remove (see Database::content_hash)
);

-- One computed phase: a composition and its formation energy per atom.
CREATE TABLE IF NOT EXISTS entry (
  id              INTEGER PRIMARY KEY,     -- import order within the database
  dataset_id      INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
  external_id     TEXT    NOT NULL,        -- stable id: 'mp_e_form:1234', 'mp-1234'
  formula         TEXT    NOT NULL,        -- as written in the source ('Li2Ru1O3')
  reduced_formula TEXT    NOT NULL,        -- pymatgen reduced formula ('Li2RuO3')
  chemsys         TEXT    NOT NULL,        -- symbols sorted alphabetically, '-'-joined ('Li-O-Ru')
  composition     TEXT    NOT NULL,        -- exact amounts: 'Z:amount' pairs, ascending Z,
                                           -- space-separated, shortest round-trip
                                           -- decimals ('3:2 8:3 44:1')
  natoms          REAL    NOT NULL,        -- atoms per formula as written
  e_form          REAL    NOT NULL,        -- formation energy, eV/atom
  elements_lo     INTEGER NOT NULL,        -- bit (Z-1) set for each element Z in 1..63
  elements_hi     INTEGER NOT NULL,        -- bit (Z-64) set for each element Z in 64..118
  sigma           REAL                     -- 1-sigma uncertainty of e_form, eV/atom; NULL: not given
                                           -- (the calculation's uniform sigma applies)
);

-- entries_in_system: the entries of a chemical system S are those whose chemsys
-- is one of the 2^|S|-1 non-empty subsets of S, each an index lookup.
CREATE INDEX IF NOT EXISTS entry_by_chemsys ON entry (dataset_id, chemsys);

-- entry_by_id, db remove: an entry by its external id.
CREATE INDEX IF NOT EXISTS entry_by_external_id ON entry (dataset_id, external_id);

-- Systems too large to enumerate their subsets are answered by a scan with the
-- element bitmasks instead: (elements_lo & ~mask_lo) = 0 AND (elements_hi & ~mask_hi) = 0
-- (tens of milliseconds on 132,752 rows; an index on the masks gains little).
-- External ids are unique within a data set; the importers and `db add` check it.

-- The stability of every entry of a data set, judged on the hull of the entry's
-- own chemical system (computed by the hull layer, stored here). Rows are
-- current when stability_state.content_hash equals the data set's content_hash.
CREATE TABLE IF NOT EXISTS stability (
  entry_id      INTEGER PRIMARY KEY REFERENCES entry(id) ON DELETE CASCADE,
  dataset_id    INTEGER NOT NULL,          -- the entry's, repeated (with its element masks) so that
  elements_lo   INTEGER NOT NULL,          -- `select` filters this table through its own index and
  elements_hi   INTEGER NOT NULL,          -- reads the entry table only for the rows it returns
  e_above_hull  REAL    NOT NULL,          -- eV/atom, >= 0
  hull_energy   REAL    NOT NULL,          -- E_hull at the entry's composition, eV/atom
  stable        INTEGER NOT NULL,          -- 1: a vertex of the hull (the lowest entry of its composition)
  decomposition TEXT    NOT NULL           -- products: 'entry_id:fraction' pairs (entry.id of each
                                           -- phase; -Z for an implicit elemental reference at 0),
                                           -- space-separated, by descending atomic fraction
);
CREATE INDEX IF NOT EXISTS stability_by_stable ON stability (dataset_id, stable, elements_lo, elements_hi);
CREATE INDEX IF NOT EXISTS stability_by_e_above_hull ON stability (dataset_id, e_above_hull);

-- The last N of the ids `db add` has generated in a data set ('<name>:added-N'):
-- a new one is above it, so that an id removed is never given again. Created
-- also by the first such add in a file made before this table existed.
CREATE TABLE IF NOT EXISTS added_id (
  dataset_id INTEGER PRIMARY KEY REFERENCES dataset(id) ON DELETE CASCADE,
  last       INTEGER NOT NULL
);

-- Which content of a data set its stability rows describe.
CREATE TABLE IF NOT EXISTS stability_state (
  dataset_id   INTEGER PRIMARY KEY REFERENCES dataset(id) ON DELETE CASCADE,
  content_hash TEXT    NOT NULL,           -- dataset.content_hash the rows were computed for
  computed_at  TEXT    NOT NULL,           -- UTC, ISO 8601
  n_systems    INTEGER NOT NULL            -- chemical systems of the data set
);

PRAGMA user_version = 3;
