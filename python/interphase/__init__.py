"""interphase: interface phase equilibria from a formation-energy database.

Give it two materials -- a solid electrolyte and a cathode, say -- and it tells
you whether they react, into what, and how strongly, at every mixing ratio: the
mutual reaction energy of Zhu, He and Mo (J. Mater. Chem. A 2016, 4, 3253) from
the convex hull of a formation-energy database, with the exact kinks of the
reaction energy, closed or with lithium (or any element) open at a voltage.

    >>> import interphase
    >>> r = interphase.react("Li6PS5Cl", "Li2RuO3")
    >>> r.minimum.energy              # eV per atom of the mixture
    -0.346313531626984
    >>> df = r.to_dataframe()         # the kinks as a pandas DataFrame

The same numbers as the ``interphase`` program (``to_dict()`` is its
``--format json``); the same default database (``$INTERPHASE_DB``, else
``~/.local/share/interphase/interphase.sqlite``), built from the default data
set on first use. Units and conventions: ``../shared/docs/SCIENCE.md``.

Wherever a material goes, a formula (``"Li6PS5Cl"``), a pymatgen
``Composition`` or an entry (anything with ``.composition``) will do.

Functions: react, sweep, map, window, screen, select (each takes ``data=``, a
Database, a Dataset or a database path; default: the default database).
Classes: Database, Dataset (e.g. ``Dataset.from_pymatgen(entries)``),
PhaseDiagram, PhaseEntry, Reaction, Kink, Row, Rows. Errors: Error, and its
subclasses InputError (a ValueError), DataError, DataFileNotFoundError (a
FileNotFoundError), ThermoError.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
import tempfile
import weakref
from numbers import Integral, Real
from typing import Any, Iterable, Mapping, Optional, Sequence, Tuple, Union

from . import _interphase as _core
from . import _plot

__version__ = "0.1.0"

__all__ = [
    "Database", "Dataset", "PhaseDiagram", "PhaseEntry", "Reaction", "Kink", "Row", "Rows",
    "react", "sweep", "map", "window", "screen", "coat", "CoatResult", "select", "default_database", "set_log_level",
    "read_screen_record",
    "Error", "InputError", "DataError", "DataFileNotFoundError", "ThermoError",
]


# --------------------------------------------------------------------- errors

# The program's options that library messages name, as the keywords that set the same thing here.
_WORDS = {"--mu ELEMENT=VALUE": "open={ELEMENT: VALUE}", "--from": "start", "--to": "stop", "--step": "step",
          "--samples": "samples", "--voltage": "voltage", "--mu": "open", "--gas": "gas", "--conditions": "conditions",
          "--sigma": "sigma", "--threshold": "threshold", "--seed": "seed", "--threads": "threads", "--kind": "kind",
          "--thermo-type": "thermo_type", "--max-abs-energy": "max_abs_energy", "--id": "id", "--dataset": "dataset",
          "--max-ehull": "max_e_above_hull", "--elements": "elements", "--with": "with_", "--any": "any",
          "--without": "without", "--only": "only", "--energy": "energy", "--reactant-energy": "reactant_energy",
          "--open": "open", "--windows": "windows", "--uncertainty": "uncertainty", "--sigma-column": "sigma_column", "--data": "data",
          "(ask for it to be created, or check the path)": "(check the path, or pass create=True to build it)"}
_OPTION = re.compile(r"--mu ELEMENT=VALUE|--[a-z][a-z-]*[a-z]|\(ask for it to be created, or check the path\)")


def _python_words(message: str) -> str:
    """A library message in Python's vocabulary: "--from 3 > --to 1" -> "start 3 > stop 1"."""
    return _OPTION.sub(lambda m: _WORDS.get(m.group(0), m.group(0)), message)


class Error(Exception):
    """Base of every error interphase raises about input or data.

    The message is the one line the ``interphase`` program prints after
    ``interphase: error:``, naming the input and the problem, with the
    program's options spelt as this module's keywords ("start", not "--from")."""

    def __init__(self, *args):
        if len(args) == 1 and isinstance(args[0], str):
            args = (_python_words(args[0]),)
        super().__init__(*args)


class InputError(Error, ValueError):
    """Bad input: a formula that does not parse, an unknown element, an energy
    form, voltage or chemical potential out of range. Also a ValueError."""


class DataError(Error):
    """A data file or the database is malformed, missing something, or does not
    hold what was asked (an unknown data set or entry id)."""


class DataFileNotFoundError(DataError, FileNotFoundError):
    """A file named in a call does not exist: a database (unless asked to
    create it), data to import, the default data. Also a FileNotFoundError."""


class ThermoError(Error):
    """A thermodynamic question without an answer, e.g. no entry of that
    composition to take an e_above_hull of."""


# ------------------------------------------------------------------ arguments

def _type_error(func: str, name: str, expected: str, value: Any) -> TypeError:
    return TypeError(f"{func}() argument {name!r} must be {expected}, not {type(value).__name__}")


def _amount(n: float) -> str:
    return "" if n == 1 else (str(int(n)) if float(n).is_integer() else repr(float(n)))


def _formula(value: Any, func: str, name: str) -> str:
    """A formula the engine parses, from a str, a pymatgen Composition (its
    formula as written, amounts of 1 left out: "Li6 P1 S5 Cl1" -> "Li6PS5Cl"),
    an entry (its .composition), a mapping element -> amount, or a row of
    select() (its reduced_formula)."""
    if isinstance(value, str):
        return value
    if isinstance(value, EntryComposition):
        return value.formula
    if isinstance(value, Row) and "reduced_formula" in value:  # a row of select()
        return str(value["reduced_formula"])
    formula = getattr(value, "formula", None)
    if isinstance(formula, str) and hasattr(value, "get_el_amt_dict"):  # a pymatgen Composition
        parts = (re.fullmatch(r"([A-Za-z]+)(.*)", token).groups() for token in formula.split())
        return "".join(el + ("" if amount == "1" else amount) for el, amount in parts)
    composition = getattr(value, "composition", None)
    if composition is not None and composition is not value:  # an entry
        return _formula(composition, func, name)
    if isinstance(value, Mapping) and value:
        try:
            return "".join(f"{el}{_amount(float(n))}" for el, n in value.items())
        except OverflowError:
            raise InputError(f"{name}: an amount is too large a number (beyond 1.8e308)") from None
        except (TypeError, ValueError):
            pass
    raise _type_error(func, name, "a formula (str), a pymatgen Composition or an entry with .composition", value)


def _formulas(values: Any, func: str, name: str) -> list:
    if isinstance(values, str) or hasattr(values, "composition") or hasattr(values, "get_el_amt_dict"):
        values = [values]
    try:
        items = list(values)
    except TypeError:
        raise _type_error(func, name, "a formula or a list of formulas", values) from None
    return [_formula(v, func, f"{name}[{i}]") for i, v in enumerate(items)]


def _real(value: Any, func: str, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise _type_error(func, name, "a number", value)
    try:
        return float(value)
    except OverflowError:  # an int beyond a float (10**400)
        raise InputError(f"{name} is too large a number (beyond 1.8e308), got a whole number of "
                         f"{value.bit_length()} bits") from None


def _count(value: Any, func: str, name: str, none: Optional[int] = 0) -> Optional[int]:
    """A whole number >= 0 that fits in 64 bits (None: `none`); a float only if
    it is whole (1e3), never truncated. The engine applies its own limits (at
    most 1,000,000 samples) and names the argument."""
    if value is None:
        return none
    if isinstance(value, bool) or not isinstance(value, Real):
        raise _type_error(func, name, "a whole number", value)
    if not isinstance(value, Integral):
        if not float(value).is_integer():
            raise InputError(f"{name} must be a whole number, got {value!r}")
        value = int(value)
    if value < 0:
        raise InputError(f"{name} must be 0 or more, got {value}")
    if value >= 2 ** 64:
        raise InputError(f"{name} must be a whole number below 2**64, got {value}")
    return int(value)


def _text(value: Any, func: str, name: str) -> str:
    if not isinstance(value, str):
        raise _type_error(func, name, "a str", value)
    return value


def _symbols(value: Any, func: str, name: str) -> list:
    """Element symbols from "Li,S", "Li-S" or a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [s for s in re.split(r"[\s,\-]+", value) if s]
    try:
        items = list(value)
    except TypeError:
        raise _type_error(func, name, "element symbols (\"Li,S\" or a list)", value) from None
    return [_text(s, func, name) for s in items]


def _element(value: Any, func: str, name: str = "open") -> str:
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str):
        raise _type_error(func, name, "one element symbol (str)", value)
    return value


def _reaction_kw(func: str, energy: Any, reactant_energy: Any) -> dict:
    return {"energy": _text(energy, func, "energy"), "reactant_energy": _text(reactant_energy, func, "reactant_energy")}


def _uncertainty_kw(func: str, uncertainty=False, sigma=None, samples=0, seed=0, threshold=0.0, threads=None) -> dict:
    return {"uncertainty": bool(uncertainty), "sigma": None if sigma is None else _real(sigma, func, "sigma"),
            "samples": _count(samples, func, "samples"), "seed": _count(seed, func, "seed"),
            "threshold": _real(threshold, func, "threshold"), "threads": _count(threads, func, "threads")}


def _chempots(func: str, open: Any, voltage: Any, gas: Any) -> dict:
    """open= (element -> mu, or the element(s) a voltage opens), voltage= (mu = -V)
    and gas= (element -> (T in K, p in Pa)) as one map element -> mu, eV."""
    mu: dict = {}

    def put(el: Any, value: float, how: str) -> None:
        el = _text(el, func, how)
        if el in mu:
            raise InputError(f"chemical potential of {el} given twice (in open, voltage or gas)")
        mu[el] = value

    pending: list = []
    if isinstance(open, Mapping):
        for el, value in open.items():
            put(el, _real(value, func, f"open[{el!r}]"), "open")
    elif open is not None:
        pending = _symbols(open, func, "open")
    for el, tp in (gas or {}).items():
        if isinstance(tp, (str, bytes)) or not hasattr(tp, "__len__") or len(tp) != 2:
            raise InputError(f"gas[{el!r}] must be a (temperature in K, pressure in Pa) pair, got {tp!r}")
        put(el, _core.gas_chempot(_text(el, func, "gas"), _real(tp[0], func, "gas T"), _real(tp[1], func, "gas p")), "gas")
    if voltage is not None:
        volts = _real(voltage, func, "voltage")
        _core.check_voltage(volts, "voltage")
        targets = [el for el in pending if el not in mu] if pending else ["Li"]
        if len(targets) != 1:
            raise InputError("voltage sets one open element's potential; give the others as open={element: mu}")
        put(targets[0], -volts, "voltage")
    for el in pending:
        if el not in mu:
            raise InputError(f"open element {el} needs a chemical potential: voltage=V, open={{{el!r}: mu}} or gas=")
    return mu


# ----------------------------------------------------------------------- rows

def _pandas():
    try:
        import pandas
    except ImportError:
        raise ImportError("to_dataframe() needs pandas, which is not installed "
                          "(Debian: apt install python3-pandas; else pip install pandas)") from None
    return pandas


class Row(dict):
    """One row of a result: a dict whose keys are also attributes
    (``row["energy"] == row.energy``)."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r} (fields: {', '.join(self)})") from None

    def __dir__(self):
        return list(super().__dir__()) + list(self.keys())

    def to_dict(self) -> dict:
        """The row as a plain dict (a copy)."""
        return json.loads(json.dumps(self))


class Kink(Row):
    """The reaction at one mixing ratio.

    Fields: ``x`` (atomic fraction of reactant A in the mixture, open elements
    included), ``x_molar`` (fraction of A's formula units as written),
    ``x_mass`` (mass fraction of A), ``energy`` (reaction energy, eV per atom of
    the mixture; per non-open atom when elements are open), ``energy_kj_mol``
    (kJ per mole of the reaction formula x_molar A + (1 - x_molar) B: energy
    times its non-open atoms times 96.4853, pymatgen's energy_per_rxn_formula,
    the 5th element of get_kinks()), ``reaction`` (the balanced reaction per
    formula unit, as pymatgen prints it) and ``products`` (dict: reduced
    formula -> atomic fraction)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return (f"Kink(x={self['x']:.6g}, x_molar={self['x_molar']:.4g}, x_mass={self['x_mass']:.4g}, "
                f"energy={self['energy']:.6f}, products={' + '.join(self['products'])})")


class Rows(list):
    """A list of Row objects with the settings they were computed under
    (``meta``), convertible to a pandas DataFrame.

    ``to_dataframe()`` gives one DataFrame row per list item, the columns named
    in ``columns``; ``to_dict()`` the whole result as the ``interphase``
    program's JSON."""

    def __init__(self, rows: Iterable[Mapping], columns: Sequence[str] = (), meta: Optional[dict] = None,
                 document: Optional[dict] = None, flatten=None):
        super().__init__(r if isinstance(r, Row) else Row(r) for r in rows)
        self.columns = list(columns)
        self.meta = dict(meta or {})
        self._document = document
        self._flatten = flatten

    def to_dataframe(self):
        """The rows as a pandas DataFrame (ImportError with a clear message when
        pandas is not installed). Products are dicts (reduced formula ->
        atomic fraction) or lists of formulas."""
        pandas = _pandas()
        records = [self._flatten(r) if self._flatten else dict(r) for r in self]
        columns = self.columns or (list(records[0]) if records else [])
        return pandas.DataFrame.from_records(records, columns=columns)

    def to_dict(self) -> dict:
        """The whole result as the ``interphase`` program writes it with ``--format json``."""
        if self._document is not None:
            return json.loads(json.dumps(self._document))
        return {**self.meta, "rows": json.loads(json.dumps([dict(r) for r in self]))}

    def __repr__(self) -> str:
        head = ", ".join(f"{k}={v!r}" for k, v in self.meta.items())
        return f"Rows({len(self)} rows{', ' + head if head else ''})"


class Sweep(Rows):
    """The rows of ``sweep``, with ``plot()``."""

    def plot(self, ax=None):
        """The minimum reaction energy against the voltage with matplotlib
        (imported here; ImportError if missing), on ``ax`` or new axes.
        Returns the Axes."""
        return _plot.sweep(self, ax)


# ------------------------------------------------------------------ databases

def _path(p, func: str = "Database", name: str = "path") -> Optional[str]:
    if p is None:
        return None
    path = os.fspath(p)
    if len(path) == 0:  # an unset variable in a script: never the default database instead
        raise InputError(f"{func}: {name} is an empty path, which names no file (give None for the default)")
    return path


class Database:
    """A database of formation-energy entries (SQLite), as the ``interphase``
    program uses it.

    ``Database()`` opens the program's default database: ``$INTERPHASE_DB``,
    else ``$XDG_DATA_HOME/interphase/interphase.sqlite``, else
    ``~/.local/share/interphase/interphase.sqlite``. It is opened on first use
    and, like the program's, created there if it does not exist yet: built from
    ``data`` (default ``$INTERPHASE_DATA``, else the configured
    ``mp_e_form.csv``), saying so on stderr.

    ``Database(path)`` opens the database file at ``path``, which must exist:
    a path that does not is a DataFileNotFoundError (a FileNotFoundError) on
    first use, so that a typo never builds a new database somewhere. Pass
    ``create=True`` to build it there from ``data``. (``import_file`` creates
    the file whatever ``create`` says: importing is asking for it.)

    ``dataset`` picks one of several data sets (default: the only one, or
    ``mp_e_form``). The first call that needs the stability of every entry
    computes and stores it once (a few seconds on the default data; it says so
    on ``sys.stderr``). A Database may be shared by threads: each call
    releases the GIL and the database has its own lock.

    Use it as ``data=`` of react, sweep, map, window, screen and select, or
    ask it directly: ``info()``, ``stability()``, ``decompose(formula)``,
    ``hull(chemsys)``, ``phase_diagram(chemsys)``; change it with
    ``import_file``, ``add`` and ``remove``.
    """

    def __init__(self, path: Union[str, os.PathLike, None] = None, *, data: Union[str, os.PathLike, None] = None,
                 dataset: Optional[str] = None, create: Optional[bool] = None):
        if path is not None and not isinstance(path, (str, os.PathLike)):
            raise _type_error("Database", "path", "a path (str or os.PathLike)", path)
        if dataset is not None:
            _text(dataset, "Database", "dataset")
        self._core = _core.Database(_path(path), _path(data, name="data"), dataset,
                                    path is None if create is None else bool(create))

    @property
    def path(self) -> str:
        """The database file."""
        return str(self._core.path)

    @property
    def dataset(self) -> Optional[str]:
        """The data set asked for (None: the only one, or mp_e_form)."""
        return self._core.dataset

    def __repr__(self) -> str:
        extra = f", dataset={self.dataset!r}" if self.dataset else ""
        return f"{type(self).__name__}({self.path!r}{extra})"

    def info(self) -> dict:
        """What the database holds: ``{"database": path, "datasets": [{"name",
        "n_entries", "kind", "source", "sha256", "imported_at"}, ...]}`` (as
        ``interphase db info --format json``). Builds the default database if
        it does not exist yet."""
        return self._core.info()

    def check(self, quick: bool = False) -> dict:
        """Check the database file without changing it (``interphase db
        check``): ``{"healthy": bool, "passed": [lines], "problems": [{"what",
        "remedy"}, ...]}``. SQLite's integrity, the schema, entry counts and
        content hashes, and unless ``quick`` every stored stability result
        (e_above_hull, stable, decomposition) against a computation afresh.
        Never builds the database: DataFileNotFoundError if it does not exist."""
        if not isinstance(quick, bool):
            raise InputError(f"quick must be True or False, got {quick!r}")
        return self._core.check(quick)

    def import_file(self, path: Union[str, os.PathLike], name: Optional[str] = None, kind: Optional[str] = None, *,
                    thermo_type: Optional[str] = None, max_abs_energy: float = 100.0,
                    formula_column: str = "formula", energy_column: str = "target",
                    sigma_column: Optional[str] = None, threads: Optional[int] = None) -> dict:
        """Import a data file as a new data set, all rows or none (``interphase db import``).

        ``kind``: ``"csv"`` (columns ``formula_column`` and ``energy_column``:
        formation energy in eV/atom; ``sigma_column``: its 1-sigma, if any),
        ``"pymatgen-json"`` (a list of ComputedEntry dicts), ``"mp-json"``
        (Materials Project documents; ``thermo_type`` picks one of several) or
        None to guess from the file. ``name`` defaults to the file's stem.
        Formation energies beyond ``max_abs_energy`` eV/atom are refused.
        Returns the new data set's record (as ``info()`` lists it).
        DataFileNotFoundError if the file does not exist, DataError for a bad
        row (naming the file, the row and the problem)."""
        func = "import_file"
        kw = {"kind": _text(kind or "auto", func, "kind"), "name": _text(name or "", func, "name"),
              "thermo_type": _text(thermo_type or "", func, "thermo_type"),
              "max_abs_energy": _real(max_abs_energy, func, "max_abs_energy"),
              "formula_column": _text(formula_column, func, "formula_column"),
              "energy_column": _text(energy_column, func, "energy_column"),
              "sigma_column": _text(sigma_column or "", func, "sigma_column"), "threads": _count(threads, func, "threads")}
        return self._core.import_file(file=os.fspath(path), **kw)

    def add(self, formula: Any, e_form: float, *, id: Optional[str] = None, threads: Optional[int] = None) -> Row:
        """Add one entry (formation energy ``e_form`` in eV/atom) and bring the
        stored stability of the chemical systems it changes up to date
        (``interphase db add``). ``id`` defaults to ``<data set>:added-N``.
        Returns the entry with its stability: id, formula, reduced_formula,
        e_form, e_above_hull, stable, hull_energy, decomposition,
        systems_recomputed."""
        return Row(self._core.add(formula=_formula(formula, "add", "formula"), e_form=_real(e_form, "add", "e_form"),
                                  id=_text(id or "", "add", "id"), threads=_count(threads, "add", "threads")))

    def remove(self, id: str, *, threads: Optional[int] = None) -> Row:
        """Remove the entry with this external id and update the stored
        stability (``interphase db remove``). Returns the entry as it was."""
        return Row(self._core.remove(id=_text(id, "remove", "id"), threads=_count(threads, "remove", "threads")))

    def stability(self, *, threads: Optional[int] = None) -> Rows:
        """Every entry of the data set with its stored stability (``interphase
        stability``): rows with id, formula, reduced_formula, e_form,
        e_above_hull (eV/atom), stable, hull_energy, decomposition (reduced
        formula -> atomic fraction)."""
        rows = self._core.stability(threads=_count(threads, "stability", "threads"))
        return Rows(rows, _STABILITY_COLUMNS)

    def decompose(self, formula: Any) -> Row:
        """The stability of a composition against the hull of its elements
        (``interphase decompose``): e_above_hull of its lowest entry, hull
        energy and decomposition products."""
        return Row(self._core.decompose(formula=_formula(formula, "decompose", "formula")))

    def hull(self, chemsys: Union[str, Sequence[str]], all: bool = False) -> Rows:
        """The stable phases of a chemical system ("Li-In-Cl" or ["Li", "In",
        "Cl"]), or every entry with its e_above_hull when ``all``
        (``interphase hull``)."""
        doc = self._core.hull(chemsys=_symbols(chemsys, "hull", "chemsys"), all=bool(all))
        return Rows(doc["entries"], _HULL_COLUMNS, meta={"chemsys": doc["chemsys"]}, document=doc)

    def phase_diagram(self, chemsys: Union[str, Sequence[str]]) -> "PhaseDiagram":
        """The phase diagram of a chemical system ("Li-P-S-Cl" or a list of
        symbols), with every entry of it: pymatgen's ``get_e_above_hull``,
        ``get_decomposition``, ``get_hull_energy_per_atom``,
        ``stable_entries``, ``all_entries``."""
        return PhaseDiagram(self._core.phase_diagram(_symbols(chemsys, "phase_diagram", "chemsys")))


class Dataset(Database):
    """A data set of one's own, used anywhere a Database is (``data=``).

    ``Dataset.from_pymatgen(entries)`` takes pymatgen entries (PDEntry,
    ComputedEntry, ComputedStructureEntry; anything with ``.composition`` and
    ``.energy``) and imports them exactly as ``interphase db import`` imports a
    pymatgen JSON file: total energies (eV per formula as written) become
    formation energies per atom against each element's lowest pure entry, so
    every element needs a pure entry. It lives in a temporary database that
    goes away with the object.
    """

    @classmethod
    def from_pymatgen(cls, entries: Iterable[Any], name: str = "pymatgen",
                      max_abs_energy: float = 100.0) -> "Dataset":
        """A Dataset of pymatgen entries (duck-typed: ``.composition``, a
        pymatgen Composition or a mapping element -> amount; ``.energy``, the
        corrected total energy in eV per formula as written; ``.entry_id`` if
        any). Raises DataError (naming the entry) for an element without a pure
        entry, a bad composition or energy."""
        dicts = []
        for i, entry in enumerate(entries, 1):
            try:
                composition = entry.composition
                energy = entry.energy
            except AttributeError:
                raise InputError(f"entry {i}: expected a pymatgen entry with .composition and .energy, "
                                 f"got {type(entry).__name__}") from None
            if hasattr(composition, "get_el_amt_dict"):
                amounts = composition.get_el_amt_dict()
            elif isinstance(composition, Mapping):
                amounts = dict(composition)
            else:
                raise InputError(f"entry {i}: composition must be a pymatgen Composition or a mapping element -> "
                                 f"amount, got {type(composition).__name__} {composition!r}")
            try:
                amounts = {str(el): float(amount) for el, amount in amounts.items()}
                energy = float(energy)
            except (TypeError, ValueError, OverflowError):
                raise InputError(f"entry {i}: composition amounts and energy must be numbers") from None
            if not all(math.isfinite(v) for v in [energy, *amounts.values()]):
                raise InputError(f"entry {i}: composition amounts and energy must be finite numbers, got "
                                 f"{amounts} and energy {energy}")
            entry_id = getattr(entry, "entry_id", None)
            dicts.append({"composition": amounts, "energy": energy, "correction": 0.0,
                          "entry_id": None if entry_id is None else str(entry_id)})
        def fill(directory: str) -> "Dataset":
            source = os.path.join(directory, f"{name}.json")
            with open(source, "w", encoding="utf-8") as f:
                json.dump(dicts, f)
            ds = cls(os.path.join(directory, "interphase.sqlite"), dataset=name)
            ds.import_file(source, name=name, kind="pymatgen-json", max_abs_energy=max_abs_energy)
            return ds

        return cls._in_temporary_directory(fill)

    @classmethod
    def _in_temporary_directory(cls, fill) -> "Dataset":
        """The Dataset fill(directory) makes in a temporary directory, which goes away with it."""
        tmp = tempfile.TemporaryDirectory(prefix="interphase-")
        try:
            ds = fill(tmp.name)
        except BaseException:
            tmp.cleanup()
            raise
        ds._tmp = tmp
        weakref.finalize(ds, tmp.cleanup)
        return ds


_default: Optional[Database] = None
_by_path: dict = {}


def default_database() -> Database:
    """The default Database (the one ``data=None`` means), opened once."""
    global _default
    if _default is None:
        _default = Database()
    return _default


def read_screen_record(output: Union[str, os.PathLike]) -> dict:
    """The settings record of a screen's output file (``interphase screen
    --output FILE`` writes it as FILE.settings.json): the materials,
    conditions, energy form, uncertainty and Monte Carlo settings, the shard
    and the data set with its content hash (docs/screen.md). Two shards of
    one screen have equal records but for ``shard``. DataError if the record
    is missing or is not one."""
    if not isinstance(output, (str, os.PathLike)):
        raise _type_error("read_screen_record", "output", "a path", output)
    return _core.read_screen_record(_path(output, "read_screen_record", "output"))


def _data(data: Any, func: str) -> Any:
    if data is None:
        return default_database()._core
    if isinstance(data, Database):
        return data._core
    if isinstance(data, (str, os.PathLike)):  # an existing database file, opened once
        path = os.path.abspath(_path(data, func, "data"))
        if path not in _by_path:
            _by_path[path] = Database(path)
        return _by_path[path]._core
    raise _type_error(func, "data", "a Database, a Dataset or a database path", data)


# -------------------------------------------------------------- phase diagram

_HULL_COLUMNS = ["id", "formula", "e_form", "e_above_hull", "stable", "decomposition_enthalpy"]
_STABILITY_COLUMNS = ["id", "formula", "reduced_formula", "e_form", "e_above_hull", "stable", "hull_energy",
                      "decomposition"]
_SELECT_COLUMNS = ["reduced_formula", "id", "formula", "e_form", "e_above_hull", "stable", "hull_energy",
                   "decomposition"]


class EntryComposition(dict):
    """The composition of a PhaseEntry: element -> amount of the formula as
    written, with the pymatgen Composition attributes ``formula``,
    ``reduced_formula``, ``num_atoms``, ``elements`` and ``get_el_amt_dict()``.
    Accepted wherever a formula is."""

    def __init__(self, amounts: Mapping, formula: str, reduced_formula: str):
        super().__init__(amounts)
        self.formula = formula
        self.reduced_formula = reduced_formula

    @property
    def num_atoms(self) -> float:
        return float(sum(self.values()))

    @property
    def elements(self) -> list:
        return list(self)

    def get_el_amt_dict(self) -> dict:
        return dict(self)

    def __repr__(self) -> str:
        return f"EntryComposition({self.reduced_formula}: {dict(self)})"


class PhaseEntry(Row):
    """An entry of a PhaseDiagram: a Row (id, formula, e_form, e_above_hull,
    stable, decomposition_enthalpy) with pymatgen's entry attributes:
    ``entry_id`` (the id), ``name`` (reduced formula), ``composition`` (an
    EntryComposition) and ``energy_per_atom`` (the formation energy, eV/atom,
    relative to the elements: not pymatgen's total energy)."""

    __slots__ = ("_name", "_amounts")

    def __init__(self, row: Mapping, name: str, amounts: Mapping):
        super().__init__(row)
        self._name = name
        self._amounts = amounts

    entry_id = property(lambda self: self["id"], doc="The entry's id.")
    name = property(lambda self: self._name, doc="The reduced formula.")
    energy_per_atom = property(lambda self: self["e_form"], doc="Formation energy, eV/atom.")

    @property
    def composition(self) -> EntryComposition:
        return EntryComposition(self._amounts, self["formula"], self._name)

    def __repr__(self) -> str:
        return f"PhaseEntry({self['id']}: {self._name}, e_form={self['e_form']:.6f}, e_above_hull={self['e_above_hull']:.6f})"


class PhaseDiagram:
    """The phase diagram of one chemical system, from every entry of a data set
    whose elements lie in it (``Database.phase_diagram("Li-P-S-Cl")``).

    pymatgen's names: ``get_e_above_hull(entry)``, ``get_decomposition(comp)``,
    ``get_hull_energy_per_atom(comp)``, ``stable_entries``, ``all_entries``;
    and the older ``e_above_hull``, ``decomposition``, ``hull_energy``,
    ``stability``, ``entries``. Where pymatgen takes an entry or a
    Composition, these take an entry (ours, a pymatgen entry, anything with
    ``.composition``; by its ``entry_id`` where that is an entry of this
    diagram), a Composition, a formula ("Li6PS5Cl") or an entry id
    ("mp_e_form:1234"). Energies are formation energies, eV/atom."""

    def __init__(self, core):
        self._core = core
        self._details = None

    @property
    def chemsys(self) -> str:
        """The chemical system, elements sorted and joined by '-'."""
        return self._core.chemsys

    def _rows(self, all: bool) -> Rows:
        if self._details is None:
            self._details = self._core.entries()
        doc = self._core.table(all)
        return Rows((PhaseEntry(r, *self._details[r["id"]]) for r in doc["entries"]), _HULL_COLUMNS,
                    meta={"chemsys": doc["chemsys"]}, document=doc)

    @property
    def stable_entries(self) -> Rows:
        """The stable entries (hull vertices), as PhaseEntry objects."""
        return self._rows(False)

    @property
    def all_entries(self) -> Rows:
        """Every entry of the system with its e_above_hull, as PhaseEntry objects."""
        return self._rows(True)

    entries = all_entries

    @staticmethod
    def _key(value: Any, func: str, by_id: bool) -> str:
        entry_id = getattr(value, "entry_id", None) if hasattr(value, "composition") else None
        if by_id and entry_id is not None:
            return str(entry_id)
        return _formula(value, func, "entry" if by_id else "comp")

    def _ask(self, value: Any, func: str, by_id: bool) -> dict:
        return self._core.ask(self._key(value, func, by_id))

    def get_e_above_hull(self, entry: Any) -> float:
        """e_form - E_hull (eV/atom) of an entry: by its id (an entry object's
        ``entry_id``, or an id string), or the lowest entry of a formula or
        Composition (an entry object without an ``entry_id`` too).
        ThermoError if that composition has no entry; an id of an entry
        outside this system says so."""
        key = self._key(entry, "get_e_above_hull", True)
        e = self._core.ask(key)["e_above_hull"]
        if e is None:
            raise ThermoError(f"'{key}' has no entry in {self.chemsys} "
                              "(get_hull_energy_per_atom and get_decomposition answer for any composition)")
        return e

    def get_decomposition(self, comp: Any) -> dict:
        """The stable phases at a composition: reduced formula -> atomic
        fraction, largest first (pymatgen returns entry -> fraction; the
        entries are ``stable_entries``, by name)."""
        return self._ask(comp, "get_decomposition", False)["stability"]["decomposition"]

    def get_hull_energy_per_atom(self, comp: Any) -> float:
        """E_hull at a composition, eV/atom, as a formation energy (pymatgen's,
        from total energies, is this plus the elements' reference energies)."""
        return self._ask(comp, "get_hull_energy_per_atom", False)["stability"]["hull_energy"]

    def e_above_hull(self, formula_or_id: Any) -> float:
        """``get_e_above_hull``."""
        return self.get_e_above_hull(formula_or_id)

    def decomposition(self, formula_or_id: Any) -> dict:
        """``get_decomposition`` (an entry id names its composition)."""
        return self._ask(formula_or_id, "decomposition", True)["stability"]["decomposition"]

    def hull_energy(self, formula_or_id: Any) -> float:
        """``get_hull_energy_per_atom`` (an entry id names its composition)."""
        return self._ask(formula_or_id, "hull_energy", True)["stability"]["hull_energy"]

    def stability(self, formula_or_id: Any) -> Row:
        """All of the above for one composition, as ``interphase decompose``
        reports it."""
        return Row(self._ask(formula_or_id, "stability", True)["stability"])

    def __repr__(self) -> str:
        return f"PhaseDiagram({self.chemsys!r})"


# ------------------------------------------------------------------ reactions

def _column_names(kind: str, windows: bool = False, uncertainty: bool = False, monte_carlo: bool = False,
                  ranges: bool = False) -> list:
    """The columns of the report layer's table of this kind, as its CSV has them."""
    return list(_core.columns(kind, windows, uncertainty, monte_carlo, ranges))


def _element_count(elements: Any, func: str) -> tuple:
    """elements= of select and coat: N or (min, max) -> (min, max); (0, 0) for None."""
    if elements is None:
        return 0, 0
    if isinstance(elements, Integral) and not isinstance(elements, bool):
        lo = hi = int(elements)
    else:
        try:
            lo, hi = (int(n) for n in elements)
        except (TypeError, ValueError):
            raise _type_error(func, "elements", "a number of elements N or a (min, max) pair", elements) from None
    if not 1 <= lo <= hi:
        raise InputError(f"elements {elements!r}: expected a number of elements N or (min, max) with 1 <= min <= max")
    return lo, hi


def _range(value: Any, func: str, name: str = "range") -> Optional[tuple]:
    """A voltage range as (from, to) in V: "2.0-4.5" or a pair of numbers; None stays None."""
    if value is None:
        return None
    if isinstance(value, str):
        return value  # parsed (and refused, naming the setting) by the library
    try:
        lo, hi = value
    except (TypeError, ValueError):
        raise _type_error(func, name, "a voltage range \"2.0-4.5\" or a (from, to) pair of volts", value) from None
    return (_real(lo, func, name), _real(hi, func, name))


_KINK_COLUMNS = _column_names("kinks")


class Reaction:
    """The reaction energy of two reactants at every mixing ratio (``react``).

    With the mixture c(x) = x c_A + (1 - x) c_B (one atom each),
    dE(x) = E_hull(c(x)) - x E_A - (1 - x) E_B, in eV per atom of the mixture
    (per non-open atom when elements are open).

    Attributes: ``reactants`` (A, B), ``energy_form`` ("mutual" or "total"),
    ``chemsys``, ``open`` (element -> chemical potential, eV; empty when
    closed), ``kinks`` (Kink objects sorted by x from 0, pure B, to 1, pure
    A), ``minimum`` (the lowest kink). Methods: ``composite(wt_fraction)``,
    ``energy_at(x)``, ``plot()``, ``to_dict()``, ``to_dataframe()``.
    """

    def __init__(self, core):
        self._core = core
        self._doc = core.json(0.3)
        self.reactants = tuple(self._doc["reactants"])
        self.energy_form = self._doc["energy"]
        self.chemsys = self._doc["chemsys"]
        self.open = dict(self._doc.get("open", {}))
        kinks = self._doc["kinks"]
        extra = ["energy_std_linear"] if kinks and "energy_std_linear" in kinks[0] else []
        self.kinks = Rows((Kink(k) for k in kinks), _KINK_COLUMNS + extra,
                          meta={"reactants": list(self.reactants), "energy": self.energy_form})
        self.minimum = Kink(self._doc["minimum"])

    def composite(self, wt_fraction: float = 0.3) -> Kink:
        """The reaction at a composite of ``wt_fraction`` (mass fraction) of A,
        e.g. 0.3 for the 30 wt% electrolyte of the reference experiment."""
        w = _real(wt_fraction, "composite", "wt_fraction")
        if not 0 <= w <= 1:
            raise InputError(f"wt_fraction {w!r}: expected a mass fraction from 0 to 1")
        return Kink(self._core.json(w)["composite"])

    def energy_at(self, x: float) -> float:
        """The reaction energy at atomic fraction x of A (0 <= x <= 1)."""
        x = _real(x, "energy_at", "x")
        if not 0 <= x <= 1:
            raise InputError(f"x {x!r}: expected an atomic fraction from 0 to 1")
        return self._core.energy_at(x)

    def plot(self, ax=None, *, annotate: bool = True, table: Optional[bool] = None):
        """The reaction energy against x with matplotlib (imported here;
        ImportError if it is missing), on ``ax`` or on a new figure: the kinks
        joined by lines and numbered from 1 (kink n is ``kinks[n - 1]``;
        unless ``annotate=False``), the minimum marked by a star and the 30
        wt% composite by a diamond, their energies with units in the legend;
        x axis "x, atomic fraction of A", energy axis "reaction energy,
        eV/atom" (per non-open atom with open elements), formulas with
        subscripts, the title "A + B" over the energy form and the conditions
        ("Li open at 3 V vs Li/Li+"). With ``table`` (default: on a new
        figure only) the legend and a table of the kinks' x, energy and
        products go under the axes, as in ``react --format svg``. Returns the Axes."""
        return _plot.reaction(self, ax, annotate, table)

    def to_dict(self) -> dict:
        """The reaction as ``interphase react --format json`` writes it:
        reactants, energy, chemsys, open (if any), kinks, minimum, composite
        (30 wt% A)."""
        return json.loads(json.dumps(self._doc))

    def to_dataframe(self):
        """The kinks as a pandas DataFrame with columns x, x_molar, x_mass,
        energy, energy_kj_mol, reaction, products (dict: reduced formula ->
        atomic fraction), sorted by x (and energy_std_linear with an
        uncertainty)."""
        return self.kinks.to_dataframe()

    def __repr__(self) -> str:
        opened = "".join(f", {el}={mu:g}" for el, mu in self.open.items())
        return (f"Reaction({self.reactants[0]} + {self.reactants[1]}, {self.energy_form}{opened}: "
                f"{len(self.kinks)} kinks, minimum {self.minimum.energy:.6f} at x = {self.minimum.x:.6f})")


def react(a: Any, b: Any, data: Optional[Database] = None, energy: str = "mutual",
          open: Union[Mapping[str, float], str, Sequence[str], None] = None, voltage: Optional[float] = None, *,
          gas: Optional[Mapping[str, tuple]] = None, reactant_energy: str = "entry",
          uncertainty: bool = False, sigma: Optional[float] = None, samples: int = 0, seed: int = 0,
          threshold: float = 0.0, threads: Optional[int] = None,
          range: Union[str, Tuple[float, float], None] = None) -> Reaction:
    """Reaction energy of A and B over their mixing ratio, with its exact kinks.

    interphase.react(A, B, data=None, energy="mutual", open=None, voltage=None)
    is ``interphase react A B``: x is the atomic fraction of A (x = 1 is pure
    A), and with the mixture c(x) = x c_A + (1 - x) c_B (one atom each)

        dE(x) = E_hull(c(x)) - x E_A - (1 - x) E_B   (eV per atom of mixture)

    - a, b: formulas, pymatgen Compositions or entries (their composition).
    - energy="mutual" (default): E_A, E_B are the hull energies at the
      reactants' compositions, so dE(0) = dE(1) = 0 (Mo's mutual reaction
      energy). energy="total": the reactants' own lowest entries (pymatgen's
      use_hull_energy=False); a metastable reactant ends at -e_above_hull.
    - open={"Li": -3.0} opens elements at fixed chemical potentials (eV,
      relative to their references); voltage=3 is shorthand for
      open={"Li": -3.0} (mu_Li = -V vs Li/Li+), and open="Na", voltage=2 opens
      another element at a voltage. gas={"O": (T, p)} opens a gas at a
      temperature (K) and pressure (Pa). With open elements energies are per
      non-open atom, x still counts all atoms, and the reactions show the open
      element taken from or given to the reservoir. reactant_energy ("entry"
      or "hull"): where the total form takes the reactants' closed energies.
    - data: a Database, a Dataset or a database path (default: the default
      database).

    Returns a Reaction: ``.kinks`` (x, x_molar, x_mass, energy,
    energy_kj_mol, reaction, products), ``.minimum``, ``.composite(0.3)``, ``.plot()``, ``.to_dict()``
    (the program's JSON), ``.to_dataframe()``.

        >>> r = interphase.react("Li6PS5Cl", "Li2RuO3")
        >>> r.minimum.energy, r.minimum.x
        (-0.346313531626984, 0.6190476190476191)
        >>> interphase.react("Li6PS5Cl", "Li2RuO3", voltage=3).minimum.energy
        -0.7202782734356731

    Uncertainty, as ``react --uncertainty --samples N``: every compound's
    formation energy has its own 1-sigma where the data gives one, else
    ``sigma`` (eV/atom; default 0.024, Hautier et al., Phys. Rev. B 85, 155208
    (2012)); pure elements have none. uncertainty=True adds the analytic
    1-sigma (``energy_std_linear``) to every kink and the minimum;
    samples=N (with seed) samples every entry's energy and adds the
    minimum's energy_std, energy_p05, energy_p95, p_react (P(minimum <
    threshold)) and product_sets, in ``to_dict()`` as in the program's JSON.

    A cycling window, as ``react --range``: ``range=(2.0, 4.5)`` (or
    "2.0-4.5") opens Li over every voltage of the range and gives the reaction
    at its worst voltage (the lowest energy over every x and V, exactly);
    ``to_dict()["range"]`` holds that voltage and energy and whether each
    reactant's own window covers the range.

    Errors: InputError (a ValueError) for a bad formula or setting, TypeError
    for an argument of the wrong type, DataError and ThermoError as the
    program reports them.
    """
    f = "react"
    kw = {**_reaction_kw(f, energy, reactant_energy), "open": _chempots(f, open, voltage, gas),
          **_uncertainty_kw(f, uncertainty, sigma, samples, seed, threshold, threads), "range": _range(range, f)}
    core = _data(data, f)
    return Reaction(core.react(a=_formula(a, f, "a"), b=_formula(b, f, "b"), **kw))


_SWEEP_COLUMNS = _column_names("sweep")


def sweep(a: Any, b: Any, data: Optional[Database] = None, energy: str = "mutual", open: str = "Li",
          start: float = 0.0, stop: float = 5.0, step: float = 0.01, *, reactant_energy: str = "entry",
          uncertainty: bool = False, sigma: Optional[float] = None, samples: int = 0, seed: int = 0,
          threshold: float = 0.0, threads: Optional[int] = None) -> Sweep:
    """The minimum reaction energy of A and B at every voltage (``interphase sweep``).

    ``open`` (default Li) is open at mu = -V for V from ``start`` to ``stop``
    (inclusive) in steps of ``step``. Rows: V, x, energy (eV per non-open
    atom), reaction, products, and with ``uncertainty``/``samples`` the
    minimum's uncertainty as in ``react``; ``meta`` holds reactants, energy
    and open. Computed from the exact (x, V) map, so many voltages cost little
    more than a few. ``.plot()`` draws the energy against V."""
    f = "sweep"
    kw = {**_reaction_kw(f, energy, reactant_energy), "open": _element(open, f),
          "from": _real(start, f, "start"), "to": _real(stop, f, "stop"), "step": _real(step, f, "step"),
          **_uncertainty_kw(f, uncertainty, sigma, samples, seed, threshold, threads)}
    doc = _data(data, f).sweep(a=_formula(a, f, "a"), b=_formula(b, f, "b"), **kw)
    meta = {k: v for k, v in doc.items() if k != "rows"}
    columns = list(doc["rows"][0]) if doc["rows"] else _SWEEP_COLUMNS
    return Sweep(doc["rows"], columns, meta=meta, document=doc)


def _flat_region(r: Mapping) -> dict:
    e = r["energy"]
    return {"x0": r["x"][0], "x1": r["x"][1], "V0": r["V"][0], "V1": r["V"][1], "products": r["products"],
            "energy_x0_V0": e["x0_V0"], "energy_x1_V0": e["x1_V0"], "energy_x0_V1": e["x0_V1"],
            "energy_x1_V1": e["x1_V1"]}


def map(a: Any, b: Any, data: Optional[Database] = None, energy: str = "mutual", open: str = "Li",
        start: float = 0.0, stop: float = 5.0, *, reactant_energy: str = "entry") -> Rows:
    """The exact (x, V) reaction map of A and B (``interphase map``).

    The rectangle of x in [0, 1] and V in [start, stop] (``open``, default Li,
    at mu = -V) is partitioned into regions, each with one set of products;
    nothing is sampled. Rows are the regions: x (x0, x1), V (V0, V1),
    products (reduced formulas) and energy at the corners (x0_V0, x1_V0,
    x0_V1, x1_V1; eV per non-open atom, bilinear inside). ``meta`` holds the
    voltages where the products change. to_dataframe() columns: x0, x1, V0,
    V1, products, energy_x0_V0, energy_x1_V0, energy_x0_V1, energy_x1_V1."""
    f = "map"
    kw = {**_reaction_kw(f, energy, reactant_energy), "open": _element(open, f),
          "from": _real(start, f, "start"), "to": _real(stop, f, "stop")}
    doc = _data(data, f).map(a=_formula(a, f, "a"), b=_formula(b, f, "b"), **kw)
    meta = {k: v for k, v in doc.items() if k != "regions"}
    return Rows(doc["regions"], ["x0", "x1", "V0", "V1", "products", "energy_x0_V0", "energy_x1_V0",
                                 "energy_x0_V1", "energy_x1_V1"], meta=meta, document=doc, flatten=_flat_region)


def window(formula: Any, data: Optional[Database] = None, open: str = "Li") -> Row:
    """Electrochemical stability window and element profile of one material
    (``interphase window``).

    Returns a Row: formula, open, chemsys, reduction_V and oxidation_V (V vs
    Li/Li+; None: no limit), single_voltage, phases (inside the window),
    reduced_phases, oxidized_phases, and profile: Rows of V, mu, evolution
    (open-element atoms taken up per formula unit; < 0 given off), phases."""
    doc = _data(data, "window").window(formula=_formula(formula, "window", "formula"), open=_element(open, "window"))
    out = Row(doc)
    out["profile"] = Rows(doc["profile"], ["V", "mu", "evolution", "phases"])
    return out


class ScreenRows(Rows):
    """The rows of ``screen``: ``condition`` is "closed", the voltage (a
    float, V) or the dict of chemical potentials the row was computed under.

    ``to_dataframe()``'s ``condition`` column is an ordered pandas Categorical
    in the order the conditions were asked ("closed", 3.0, 4.5; a dict shown
    as the program's label "Li=-3;O=-2"): it sorts, groups and pivots in that
    order. Beside it, ``V`` holds the voltage as a float (NaN for closed and
    chemical-potential rows), to plot against. ``to_dict()`` is the program's
    JSON Lines: {"rows": [each line's object, the condition as its label]}."""

    def __init__(self, rows, labels, columns, meta):
        super().__init__(rows, columns, meta, flatten=self._flat)
        self._labels = list(labels)

    def _flat(self, r: Mapping) -> dict:
        out = {k: r.get(k) for k in self.columns if k in r}
        if "windows" in r:
            for side in ("A", "B"):
                w = r["windows"][side] or {}
                out[f"{side}_reduction_V"] = w.get("reduction_V")
                out[f"{side}_oxidation_V"] = w.get("oxidation_V")
        if "products_p_max" in self.columns:
            sets = r.get("product_sets") or []
            out["products_p_max"] = " + ".join(sets[0]["products"]) if sets else None
            out["p_products_max"] = sets[0]["p"] if sets else None
        return out

    def to_dataframe(self):
        pandas = _pandas()
        df = super().to_dataframe()
        if df.empty:
            return df
        shown = [label if isinstance(r.condition, (dict, tuple, str)) and r.condition != "closed" else r.condition
                 for r, label in zip(self, self._labels)]
        order = list(dict.fromkeys(shown))
        df["condition"] = pandas.Categorical(shown, categories=order, ordered=True)
        volts = [c if isinstance(c, float) else float("nan") for c in shown]
        df.insert(df.columns.get_loc("condition") + 1, "V", volts)
        return df

    def to_dict(self) -> dict:
        rows = [{**r, "condition": label} for r, label in zip(self, self._labels)]
        return {**self.meta, "rows": json.loads(json.dumps(rows))}


def _conditions(func: str, conditions: Any, voltage: Any, open: Any, gas: Any) -> list:
    """conditions=, voltage=, open= and gas= of screen as one list: None (closed), volts, {element: mu}."""
    if conditions is None:
        conditions = []
    elif isinstance(conditions, (str, Real, Mapping)):
        conditions = [conditions]
    elif isinstance(conditions, Sequence) and len(conditions) == 0:
        raise InputError("conditions is empty: expected e.g. [\"closed\", 3, 4.5] (None for closed only)")
    out = []
    for c in conditions:
        if isinstance(c, Mapping):
            out.append(_chempots(func, c, None, None))
        elif isinstance(c, Real) and not isinstance(c, bool):
            out.append(_real(c, func, "conditions"))
        elif c == "closed":
            out.append(None)
        elif isinstance(c, tuple):
            out.append(_range(c, func, "conditions"))
        elif isinstance(c, str):
            try:
                out.append(float(c))
            except ValueError:
                if "-" not in c.strip()[1:]:
                    raise InputError(f"condition {c!r} in conditions: expected \"closed\", a voltage in V, "
                                     "a range \"2.0-4.5\" or a dict of chemical potentials") from None
                out.append(c)  # a range, parsed by the library
        else:
            raise _type_error(func, "conditions", "\"closed\", voltages or dicts of chemical potentials", c)
    if voltage is not None:
        out.extend(_real(v, func, "voltage") for v in (voltage if isinstance(voltage, (list, tuple)) else [voltage]))
    if isinstance(open, Mapping) or gas:
        out.append(_chempots(func, open if isinstance(open, Mapping) else None, None, gas))
    if not out:
        out = [None]
    for i, c in enumerate(out):
        if c in out[:i]:
            raise InputError(f"condition {'closed' if c is None else c!r} given twice in conditions")
    return out


def screen(a_list: Any, b_list: Any, conditions: Any = None, data: Optional[Database] = None,
           energy: str = "mutual", *, voltage: Union[float, Sequence[float], None] = None,
           open: Union[str, Mapping[str, float]] = "Li", gas: Optional[Mapping[str, tuple]] = None,
           windows: bool = False, threads: Optional[int] = None, reactant_energy: str = "entry",
           uncertainty: bool = False, sigma: Optional[float] = None, samples: int = 0, seed: int = 0,
           threshold: float = 0.0) -> ScreenRows:
    """The minimum reaction energy of every pair, each A against each B, under
    each condition (``interphase screen``), in parallel.

    ``a_list``, ``b_list``: formulas, Compositions, entries or rows of
    ``select`` (one or a list). ``conditions``: "closed", voltages (floats, V
    of ``open``, default Li, at mu = -V) and dicts of chemical potentials
    ({"Li": -3, "O": -2}). ``voltage=3`` (or a list) adds that voltage,
    ``open={...}`` (with ``gas=`` as in react) that dict, as conditions. With
    none of them, closed only; with voltage, open={...} or gas alone, only
    those (name "closed" in ``conditions`` to have it too).

    Each pair reacts in the stable set of its own elements, exactly as
    ``react`` computes it. Rows in input order (A, then B, then condition):
    A, B, condition ("closed", the voltage as a float, or the dict), chemsys,
    energy, x, x_mass, products, reaction, error (a pair that cannot be
    computed has its error filled in; the others go on). ``windows=True`` adds
    each material's electrochemical window (to_dataframe columns
    A_reduction_V, A_oxidation_V, B_reduction_V, B_oxidation_V, A_covers_V);
    ``uncertainty``, ``sigma`` and ``samples`` (with ``seed``, ``threshold``)
    add each minimum's uncertainty as in ``react``. ``threads``: worker
    threads (None: all cores). The GIL is released while the pairs are
    computed. See ScreenRows for the DataFrame's condition and V columns."""
    f = "screen"
    conds = _conditions(f, conditions, voltage, open, gas)
    element = "Li" if isinstance(open, Mapping) else _element(open, f)
    a_list, b_list = _formulas(a_list, f, "a_list"), _formulas(b_list, f, "b_list")
    if not a_list or not b_list:
        raise InputError("a screen needs materials on both sides (a_list and b_list)")
    kw = {**_reaction_kw(f, energy, reactant_energy), "open": element, "windows": bool(windows),
          **_uncertainty_kw(f, uncertainty, sigma, samples, seed, threshold, threads)}
    rows, indices = _data(data, f).screen(conds, **{"as": a_list, "bs": b_list}, **kw)
    labels = [row["condition"] for row in rows]  # the program's: "closed", "3", "Li=-3;O=-2"
    for row, i in zip(rows, indices):
        row["condition"] = "closed" if conds[i] is None else conds[i]
    ranges = any(isinstance(c, (tuple, str)) for c in conds)
    columns = _column_names("screen", bool(windows), kw["uncertainty"], kw["samples"] > 0, ranges)
    meta = {"energy": kw["energy"], "open": element}
    return ScreenRows(rows, labels, columns, meta)


_COAT_COLUMNS = ["rank", "coating", "passes", "failed", "e_above_hull", "window_red", "window_ox", "li_fraction",
                 "energy_electrolyte", "energy_electrolyte_range", "energy_cathode", "energy_cathode_range"]


class CoatResult(Rows):
    """The ranked candidates of ``coat``, one Row each (the program's JSON
    object of a candidate: the CSV's fields, then error, window, range_hold,
    and per side ``electrolyte`` and ``cathodes`` the minima with x, products
    and reaction). ``funnel``: the candidates left after each criterion;
    ``settings``, ``sides``, ``explanation`` as in the program's JSON.
    ``to_dataframe()`` has the program's CSV columns (``failed`` joined by
    ";", then p_pass when sampled); ``to_dict()`` is ``coat --format json``."""

    def __init__(self, doc: dict):
        columns = _COAT_COLUMNS + (["p_pass"] if any("p_pass" in c for c in doc["candidates"]) else [])
        super().__init__(doc["candidates"], columns, meta={"settings": doc.get("settings", {})}, document=doc,
                         flatten=lambda r: {**{k: r.get(k) for k in columns}, "failed": ";".join(r["failed"])})
        self.funnel = Rows(doc.get("funnel", []), ["stage", "rule", "left"])
        self.settings = doc.get("settings", {})
        self.sides = doc.get("sides", [])
        self.explanation = doc.get("explanation")

    @property
    def passing(self) -> list:
        """The coatings that pass every criterion, best first."""
        return [c["coating"] for c in self if c["passes"]]

    def __repr__(self) -> str:
        s = self.settings
        return (f"CoatResult({s.get('electrolyte')} | {', '.join(s.get('cathodes', []))}: {len(self)} candidates, "
                f"{len(self.passing)} pass)")


def coat(electrolyte: Any, cathodes: Any, range: Union[str, Tuple[float, float], None] = None,
         candidates: Any = None, data: Optional[Database] = None, *, with_: Any = None, without: Any = None,
         elements: Union[int, Sequence[int], None] = None, pool_max_e_above_hull: Optional[float] = None,
         max_e_above_hull: float = 0.005, max_reduction: float = 2.7, min_oxidation: Optional[float] = None,
         max_reaction: float = 0.1, energy: str = "mutual", samples: int = 0, seed: int = 0,
         sigma: Optional[float] = None, explain: Optional[Any] = None, threads: Optional[int] = None) -> CoatResult:
    """Rank candidate coatings between an electrolyte and the states of a
    cathode (``interphase coat``), by the criteria of Xiao et al. (Joule 3,
    1252, 2019): e_above_hull <= ``max_e_above_hull``, a Li window from at
    most ``max_reduction`` up to at least ``min_oxidation`` (default: the top
    of ``range``, else 4.0 V), and every minimum mutual reaction energy with
    the electrolyte and each cathode state at least ``-max_reaction``
    (eV/atom closed, per non-Li atom over the range).

    ``cathodes``: one formula or several (e.g. ["Li2RuO3", "LiRuO3"]: a
    coating must hold against each). ``range``: the cycling window, (2.0,
    4.5) or "2.0-4.5". ``candidates``: formulas (default: every stable entry
    of the data set holding Li, of two or more elements, no radioactive
    element), narrowed by ``with_``, ``without`` and ``elements`` (N or (min,
    max)) as in ``select``. ``samples`` (with ``seed``, ``sigma``) adds
    p_pass, the fraction of paired samples of the formation energies in which
    a candidate passes everything. ``explain``: a candidate to explain
    (``.explanation``). Passing candidates come first, each group least
    reactive first. The GIL is released while the candidates are computed."""
    kw = _coat_kw(electrolyte, cathodes, range, candidates, with_, without, elements, pool_max_e_above_hull,
                  max_e_above_hull, max_reduction, min_oxidation, max_reaction, energy, samples, seed, sigma, explain,
                  threads)
    return CoatResult(_data(data, "coat").coat(**kw))


def _coat_kw(electrolyte, cathodes, range, candidates, with_, without, elements, pool_max_e_above_hull,
             max_e_above_hull, max_reduction, min_oxidation, max_reaction, energy, samples, seed, sigma, explain,
             threads, f: str = "coat") -> dict:
    """The request of ``coat`` (its arguments checked), as the compiled core takes it."""
    lo, hi = _element_count(elements, f)
    kw = {"electrolyte": _formula(electrolyte, f, "electrolyte"), "cathodes": _formulas(cathodes, f, "cathodes"),
          "range": _range(range, f), "candidates": _formulas(candidates, f, "candidates") if candidates is not None else None,
          "with": _symbols(with_, f, "with_") if with_ is not None else None,
          "without": _symbols(without, f, "without") if without is not None else None,
          "min_elements": lo, "max_elements": hi, "pool_max_e_above_hull":
              None if pool_max_e_above_hull is None else _real(pool_max_e_above_hull, f, "pool_max_e_above_hull"),
          "max_e_above_hull": _real(max_e_above_hull, f, "max_e_above_hull"),
          "max_reduction": _real(max_reduction, f, "max_reduction"),
          "min_oxidation": None if min_oxidation is None else _real(min_oxidation, f, "min_oxidation"),
          "max_reaction": _real(max_reaction, f, "max_reaction"),
          **_reaction_kw(f, energy, "entry"), **_uncertainty_kw(f, False, sigma, samples, seed, 0.0, threads),
          "explain": "" if explain is None else _formula(explain, f, "explain")}
    if not kw["cathodes"]:
        raise InputError("coat needs at least one cathode state (cathodes)")
    return kw


def select(with_: Any = None, any: Any = None, without: Any = None, only: Any = None,
           elements: Union[int, Sequence[int], None] = None, *, stable: bool = False,
           max_e_above_hull: Optional[float] = None, sort: str = "e_above_hull", polymorphs: bool = False,
           limit: Optional[int] = None, data: Optional[Database] = None, threads: Optional[int] = None) -> Rows:
    """Entries by elements and stability (``interphase select``), e.g. the
    candidates of a screen.

    ``with_`` (``with`` is a Python keyword): elements every entry holds;
    ``any``: elements of which each holds at least one; ``without``: elements
    none holds; ``only``: the only elements allowed. Each is "Li,S" (or
    "Li-S") or a list of symbols. ``elements``: the number of elements, N or
    (min, max). ``stable``: hull vertices only; ``max_e_above_hull``: at most
    this far above the hull, eV/atom. ``sort``: "e_above_hull" (then formula;
    default) or "formula". ``polymorphs``: every entry, not only the lowest of
    each reduced formula. ``limit``: at most this many rows.

    Rows of reduced_formula, id, formula, e_form, e_above_hull, stable,
    hull_energy, decomposition: ``[dict(r) for r in rows]`` is the program's
    ``select --format json``. Rows can be given to ``screen`` as they are."""
    f = "select"
    lo, hi = _element_count(elements, f)
    if sort not in ("e_above_hull", "ehull", "formula"):
        raise InputError(f"sort {sort!r}: expected \"e_above_hull\" or \"formula\"")
    kw = {"with": _symbols(with_, f, "with_"), "any": _symbols(any, f, "any"),
          "without": _symbols(without, f, "without"), "only": _symbols(only, f, "only"),
          "min_elements": lo, "max_elements": hi, "stable": bool(stable), "sort_by_formula": sort == "formula",
          "max_e_above_hull": None if max_e_above_hull is None else _real(max_e_above_hull, f, "max_e_above_hull"),
          "polymorphs": bool(polymorphs), "limit": _count(limit, f, "limit", None), "threads": _count(threads, f, "threads")}
    return Rows(_data(data, f).select(**kw), _SELECT_COLUMNS)


def set_log_level(level: str = "warning") -> None:
    """How much the engine logs to stderr: "off", "error", "warning" (the
    default: e.g. an open element that changes nothing), "info" or "debug"
    (what the program's -v shows)."""
    if level not in ("off", "error", "warning", "info", "debug"):
        raise InputError(f"log level {level!r}: expected off, error, warning, info or debug")
    _core.set_log_level(level)


from . import _pickle  # noqa: E402,F401  (every object above pickles: _pickle.py)
