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

Functions: react, sweep, map, window, screen (each takes ``data=``, a Database
or Dataset; default: the default database). Classes: Database,
Dataset (e.g. ``Dataset.from_pymatgen(entries)``), PhaseDiagram, Reaction,
Kink, Rows. Errors: Error, and its subclasses InputError (a ValueError),
DataError, DataFileNotFoundError (a FileNotFoundError), ThermoError.
"""

from __future__ import annotations

import builtins
import json
import os
import tempfile
import weakref
from numbers import Real
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _interphase as _core

__version__ = "0.1.0"

__all__ = [
    "Database", "Dataset", "PhaseDiagram", "Reaction", "Kink", "Row", "Rows",
    "react", "sweep", "map", "window", "screen", "default_database", "set_log_level",
    "Error", "InputError", "DataError", "DataFileNotFoundError", "ThermoError",
]


# --------------------------------------------------------------------- errors

class Error(Exception):
    """Base of every error interphase raises about input or data.

    The message is the one line the ``interphase`` program prints after
    ``interphase: error:``, naming the input and the problem."""


class InputError(Error, ValueError):
    """Bad input: a formula that does not parse, an unknown element, an energy
    form, voltage or chemical potential out of range. Also a ValueError."""


class DataError(Error):
    """A data file or the database is malformed, missing something, or does not
    hold what was asked (an unknown data set or entry id)."""


class DataFileNotFoundError(DataError, FileNotFoundError):
    """A file named in a call (data to import, the default data) does not exist.
    Also a FileNotFoundError."""


class ThermoError(Error):
    """A thermodynamic question without an answer, e.g. no entry of that
    composition to take an e_above_hull of."""


_core._register_errors(InputError, DataError, DataFileNotFoundError, ThermoError, Error)


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
    the mixture; per non-open atom when elements are open), ``reaction`` (the
    balanced reaction per formula unit, as pymatgen prints it) and
    ``products`` (dict: reduced formula -> atomic fraction)."""

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
        return {**self.meta, "rows": [dict(r) for r in self]}

    def __repr__(self) -> str:
        head = ", ".join(f"{k}={v!r}" for k, v in self.meta.items())
        return f"Rows({len(self)} rows{', ' + head if head else ''})"


# ------------------------------------------------------------------ databases

def _threads(threads: Optional[int]) -> int:
    if threads is None:
        return 0
    if not isinstance(threads, int) or threads < 0:
        raise InputError(f"threads {threads!r}: expected a number of threads (0 or None: all cores)")
    return threads


def _path(p) -> Optional[str]:
    return None if p is None else os.fspath(p)


class Database:
    """A database of formation-energy entries (SQLite), as the ``interphase``
    program uses it.

    ``Database()`` opens the program's default database: ``$INTERPHASE_DB``,
    else ``$XDG_DATA_HOME/interphase/interphase.sqlite``, else
    ``~/.local/share/interphase/interphase.sqlite``. It is opened on first use,
    and if it holds no data set yet it is built from ``data`` (default
    ``$INTERPHASE_DATA``, else the configured ``mp_e_form.csv``), saying so on
    stderr. ``dataset`` picks one of several data sets (default: the only one,
    or ``mp_e_form``). The first call that needs the stability of every entry
    computes and stores it once (about two seconds on the default data).

    Use it as ``data=`` of react, sweep, map, window and screen, or ask it
    directly: ``info()``, ``stability()``, ``decompose(formula)``,
    ``hull(chemsys)``, ``phase_diagram(chemsys)``; change it with
    ``import_file``, ``add`` and ``remove``.
    """

    def __init__(self, path: Union[str, os.PathLike, None] = None, *, data: Union[str, os.PathLike, None] = None,
                 dataset: Optional[str] = None):
        self._core = _core.Database(_path(path), _path(data), dataset)

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
        ``interphase db info --format json``). Builds the database if needed."""
        return self._core.info()

    def import_file(self, path: Union[str, os.PathLike], name: Optional[str] = None, kind: Optional[str] = None, *,
                    thermo_type: Optional[str] = None, max_abs_energy: float = 100.0) -> dict:
        """Import a data file as a new data set, all rows or none (``interphase db import``).

        ``kind``: ``"csv"`` (columns formula and target: formation energy in
        eV/atom), ``"pymatgen-json"`` (a list of ComputedEntry dicts),
        ``"mp-json"`` (Materials Project documents; ``thermo_type`` picks one
        of several) or None to guess from the file. ``name`` defaults to the
        file's stem. Formation energies beyond ``max_abs_energy`` eV/atom are
        refused. Returns the new data set's record (as ``info()`` lists it).
        DataFileNotFoundError if the file does not exist, DataError for a bad
        row (naming the file, the row and the problem)."""
        return self._core.import_file(os.fspath(path), name or "", kind or "", thermo_type or "",
                                      float(max_abs_energy))

    def add(self, formula: str, e_form: float, *, id: Optional[str] = None, threads: Optional[int] = None) -> dict:
        """Add one entry (formation energy ``e_form`` in eV/atom) and bring the
        stored stability of the chemical systems it changes up to date
        (``interphase db add``). ``id`` defaults to ``<data set>:added-N``.
        Returns the entry with its stability: id, formula, reduced_formula,
        e_form, e_above_hull, stable, hull_energy, decomposition,
        systems_recomputed."""
        return Row(self._core.add(formula, float(e_form), id or "", _threads(threads)))

    def remove(self, id: str, *, threads: Optional[int] = None) -> dict:
        """Remove the entry with this external id and update the stored
        stability (``interphase db remove``). Returns the entry as it was."""
        return Row(self._core.remove(id, _threads(threads)))

    def stability(self, *, threads: Optional[int] = None) -> Rows:
        """Every entry of the data set with its stored stability (``interphase
        stability``): rows with id, formula, reduced_formula, e_form,
        e_above_hull (eV/atom), stable, hull_energy, decomposition (reduced
        formula -> atomic fraction)."""
        rows = self._core.stability(_threads(threads))
        return Rows(rows, ["id", "formula", "reduced_formula", "e_form", "e_above_hull", "stable", "hull_energy",
                           "decomposition"], document=None)

    def decompose(self, formula: str) -> Row:
        """The stability of a composition against the hull of its elements
        (``interphase decompose``): e_above_hull of its lowest entry, hull
        energy and decomposition products."""
        return Row(self._core.decompose(formula))

    def hull(self, chemsys: str, all: bool = False) -> Rows:
        """The stable phases of a chemical system ("Li-In-Cl"), or every entry
        with its e_above_hull when ``all`` (``interphase hull``)."""
        doc = self._core.hull(chemsys, bool(all))
        return Rows(doc["entries"], ["id", "formula", "e_form", "e_above_hull", "stable", "decomposition_enthalpy"],
                    meta={"chemsys": doc["chemsys"]}, document=doc)

    def phase_diagram(self, chemsys: str) -> "PhaseDiagram":
        """The phase diagram of a chemical system ("Li-P-S-Cl"), with every
        entry of it: ``e_above_hull``, ``decomposition``, ``hull_energy``,
        ``stable_entries``."""
        return PhaseDiagram(self._core.phase_diagram(chemsys))


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
            else:
                amounts = {str(el): amount for el, amount in dict(composition).items()}
            try:
                amounts = {str(el): float(amount) for el, amount in amounts.items()}
                energy = float(energy)
            except (TypeError, ValueError):
                raise InputError(f"entry {i}: composition amounts and energy must be numbers") from None
            entry_id = getattr(entry, "entry_id", None)
            dicts.append({"composition": amounts, "energy": energy, "correction": 0.0,
                          "entry_id": None if entry_id is None else str(entry_id)})
        tmp = tempfile.TemporaryDirectory(prefix="interphase-")
        try:
            source = os.path.join(tmp.name, f"{name}.json")
            with open(source, "w", encoding="utf-8") as f:
                json.dump(dicts, f)
            ds = cls(os.path.join(tmp.name, "interphase.sqlite"), dataset=name)
            ds.import_file(source, name=name, kind="pymatgen-json", max_abs_energy=max_abs_energy)
        except BaseException:
            tmp.cleanup()
            raise
        ds._tmp = tmp
        weakref.finalize(ds, tmp.cleanup)
        return ds


_default: Optional[Database] = None


def default_database() -> Database:
    """The default Database (the one ``data=None`` means), opened once."""
    global _default
    if _default is None:
        _default = Database()
    return _default


def _data(data: Optional[Database]) -> Any:
    if data is None:
        return default_database()._core
    if isinstance(data, Database):
        return data._core
    if isinstance(data, (str, os.PathLike)):
        return Database(data)._core
    raise InputError(f"data: expected a Database, a Dataset or a database path, got {type(data).__name__}")


# -------------------------------------------------------------- phase diagram

class PhaseDiagram:
    """The phase diagram of one chemical system, from every entry of a data set
    whose elements lie in it (``Database.phase_diagram("Li-P-S-Cl")``).

    Entries are named by formula ("Li6PS5Cl") or by entry id
    ("mp_e_form:1234"); energies in eV/atom."""

    def __init__(self, core):
        self._core = core

    @property
    def chemsys(self) -> str:
        """The chemical system, elements sorted and joined by '-'."""
        return self._core.chemsys

    @property
    def stable_entries(self) -> Rows:
        """The stable entries (hull vertices): id, formula, e_form,
        e_above_hull (0), stable, decomposition_enthalpy."""
        doc = self._core.table(False)
        return Rows(doc["entries"], ["id", "formula", "e_form", "e_above_hull", "stable", "decomposition_enthalpy"],
                    meta={"chemsys": doc["chemsys"]}, document=doc)

    @property
    def entries(self) -> Rows:
        """Every entry of the system with its e_above_hull."""
        doc = self._core.table(True)
        return Rows(doc["entries"], ["id", "formula", "e_form", "e_above_hull", "stable", "decomposition_enthalpy"],
                    meta={"chemsys": doc["chemsys"]}, document=doc)

    def e_above_hull(self, formula_or_id: str) -> float:
        """e_form - E_hull (eV/atom) of an entry (by id) or of the lowest entry
        of a formula; ThermoError if the formula has no entry."""
        return self._core.e_above_hull(formula_or_id)

    def decomposition(self, formula_or_id: str) -> dict:
        """The stable phases at a composition: reduced formula -> atomic
        fraction, largest first."""
        return self._core.decomposition(formula_or_id)

    def hull_energy(self, formula_or_id: str) -> float:
        """E_hull at a composition, eV/atom."""
        return self._core.hull_energy(formula_or_id)

    def stability(self, formula_or_id: str) -> Row:
        """All of the above for one composition, as ``interphase decompose``
        reports it."""
        return Row(self._core.stability(formula_or_id))

    def __repr__(self) -> str:
        return f"PhaseDiagram({self.chemsys!r})"


# ------------------------------------------------------------------ reactions

def _column_names(kind: str, windows: bool = False) -> list:
    """The columns of the report layer's table of this kind, as its CSV has them."""
    return [c["name"] for c in _core.columns(kind, windows)]


_KINK_COLUMNS = _column_names("kinks")


def _open_args(open, voltage, gas):
    """open=/voltage=/gas= as the core takes them: (mu dict, voltage, open elements, gas dict)."""
    mu: dict = {}
    elements: list = []
    if open is None:
        pass
    elif isinstance(open, Mapping):
        for el, value in open.items():
            if not isinstance(value, Real) or isinstance(value, bool):
                raise InputError(f"open: the chemical potential of {el} must be a number of eV, got {value!r}")
            mu[str(el)] = float(value)
    elif isinstance(open, str):
        elements = [open]
    else:
        elements = [str(el) for el in open]
    if voltage is not None:
        if not isinstance(voltage, Real) or isinstance(voltage, bool):
            raise InputError(f"voltage: expected a number of volts, got {voltage!r}")
        voltage = float(voltage)
    gases = {str(el): (float(tp[0]), float(tp[1])) for el, tp in (gas or {}).items()}
    return mu, voltage, elements, gases


class Reaction:
    """The reaction energy of two reactants at every mixing ratio (``react``).

    With the mixture c(x) = x c_A + (1 - x) c_B (one atom each),
    dE(x) = E_hull(c(x)) - x E_A - (1 - x) E_B, in eV per atom of the mixture
    (per non-open atom when elements are open).

    Attributes: ``reactants`` (A, B), ``energy_form`` ("mutual" or "total"),
    ``chemsys``, ``open`` (element -> chemical potential, eV; empty when
    closed), ``kinks`` (Kink objects sorted by x from 0, pure B, to 1, pure
    A), ``minimum`` (the lowest kink). Methods: ``composite(wt_fraction)``,
    ``energy_at(x)``, ``to_dict()``, ``to_dataframe()``.
    """

    def __init__(self, core):
        self._core = core
        self._doc = core.json(0.3)
        self.reactants = tuple(self._doc["reactants"])
        self.energy_form = self._doc["energy"]
        self.chemsys = self._doc["chemsys"]
        self.open = dict(self._doc.get("open", {}))
        self.kinks = Rows((Kink(k) for k in self._doc["kinks"]), _KINK_COLUMNS,
                          meta={"reactants": list(self.reactants), "energy": self.energy_form})
        self.minimum = Kink(self._doc["minimum"])

    def composite(self, wt_fraction: float = 0.3) -> Kink:
        """The reaction at a composite of ``wt_fraction`` (mass fraction) of A,
        e.g. 0.3 for the 30 wt% electrolyte of the reference experiment."""
        return Kink(self._core.composite(float(wt_fraction)))

    def energy_at(self, x: float) -> float:
        """The reaction energy at atomic fraction x of A (0 <= x <= 1)."""
        return self._core.energy_at(float(x))

    def to_dict(self) -> dict:
        """The reaction as ``interphase react --format json`` writes it:
        reactants, energy, chemsys, open (if any), kinks, minimum, composite
        (30 wt% A)."""
        return json.loads(json.dumps(self._doc))

    def to_dataframe(self):
        """The kinks as a pandas DataFrame with columns x, x_molar, x_mass,
        energy, reaction, products (dict: reduced formula -> atomic
        fraction), sorted by x."""
        return self.kinks.to_dataframe()

    def __repr__(self) -> str:
        opened = "".join(f", {el}={mu:g}" for el, mu in self.open.items())
        return (f"Reaction({self.reactants[0]} + {self.reactants[1]}, {self.energy_form}{opened}: "
                f"{len(self.kinks)} kinks, minimum {self.minimum.energy:.6f} at x = {self.minimum.x:.6f})")


def react(a: str, b: str, data: Optional[Database] = None, energy: str = "mutual",
          open: Union[Mapping[str, float], str, Sequence[str], None] = None, voltage: Optional[float] = None, *,
          gas: Optional[Mapping[str, tuple]] = None, reactant_energy: str = "entry",
          uncertainty: bool = False, sigma: Optional[float] = None, samples: int = 0, seed: int = 0,
          threshold: float = 0.0, threads: Optional[int] = None) -> Reaction:
    """Reaction energy of A and B over their mixing ratio, with its exact kinks.

    interphase.react(A, B, data=None, energy="mutual", open=None, voltage=None)
    is ``interphase react A B``: x is the atomic fraction of A (x = 1 is pure
    A), and with the mixture c(x) = x c_A + (1 - x) c_B (one atom each)

        dE(x) = E_hull(c(x)) - x E_A - (1 - x) E_B   (eV per atom of mixture)

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
    - data: a Database or Dataset (default: the default database).

    Returns a Reaction: ``.kinks`` (x, x_molar, x_mass, energy, reaction,
    products), ``.minimum``, ``.composite(0.3)``, ``.to_dict()`` (the
    program's JSON), ``.to_dataframe()``.

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

    Errors: InputError (a ValueError) for a bad formula or setting, DataError
    and ThermoError as the program reports them.
    """
    mu, volts, elements, gases = _open_args(open, voltage, gas)
    if samples < 0:
        raise InputError(f"samples must be 0 or more, got {samples}")
    return Reaction(_core.react(_data(data), a, b, energy, mu, volts, elements, gases, reactant_energy,
                                bool(uncertainty), sigma, int(samples), int(seed), float(threshold), int(threads or 0)))


_SWEEP_COLUMNS = _column_names("sweep")


def sweep(a: str, b: str, data: Optional[Database] = None, energy: str = "mutual", open: str = "Li",
          start: float = 0.0, stop: float = 5.0, step: float = 0.01, *, reactant_energy: str = "entry") -> Rows:
    """The minimum reaction energy of A and B at every voltage (``interphase sweep``).

    ``open`` (default Li) is open at mu = -V for V from ``start`` to ``stop``
    (inclusive) in steps of ``step``. Rows: V, x, energy (eV per non-open
    atom), reaction, products; ``meta`` holds reactants, energy and open.
    Computed from the exact (x, V) map, so many voltages cost little more
    than a few."""
    doc = _core.sweep(_data(data), a, b, energy, open, float(start), float(stop), float(step), reactant_energy)
    meta = {k: v for k, v in doc.items() if k != "rows"}
    return Rows(doc["rows"], _SWEEP_COLUMNS, meta=meta, document=doc)


def _flat_region(r: Mapping) -> dict:
    e = r["energy"]
    return {"x0": r["x"][0], "x1": r["x"][1], "V0": r["V"][0], "V1": r["V"][1], "products": r["products"],
            "energy_x0_V0": e["x0_V0"], "energy_x1_V0": e["x1_V0"], "energy_x0_V1": e["x0_V1"],
            "energy_x1_V1": e["x1_V1"]}


def map(a: str, b: str, data: Optional[Database] = None, energy: str = "mutual", open: str = "Li",
        start: float = 0.0, stop: float = 5.0, *, reactant_energy: str = "entry") -> Rows:
    """The exact (x, V) reaction map of A and B (``interphase map``).

    The rectangle of x in [0, 1] and V in [start, stop] (``open``, default Li,
    at mu = -V) is partitioned into regions, each with one set of products;
    nothing is sampled. Rows are the regions: x (x0, x1), V (V0, V1),
    products (reduced formulas) and energy at the corners (x0_V0, x1_V0,
    x0_V1, x1_V1; eV per non-open atom, bilinear inside). ``meta`` holds the
    voltages where the products change. to_dataframe() columns: x0, x1, V0,
    V1, products, energy_x0_V0, energy_x1_V0, energy_x0_V1, energy_x1_V1."""
    doc = _core.map(_data(data), a, b, energy, open, float(start), float(stop), reactant_energy)
    meta = {k: v for k, v in doc.items() if k != "regions"}
    return Rows(doc["regions"], ["x0", "x1", "V0", "V1", "products", "energy_x0_V0", "energy_x1_V0",
                                 "energy_x0_V1", "energy_x1_V1"], meta=meta, document=doc, flatten=_flat_region)


def window(formula: str, data: Optional[Database] = None, open: str = "Li") -> Row:
    """Electrochemical stability window and element profile of one material
    (``interphase window``).

    Returns a Row: formula, open, chemsys, reduction_V and oxidation_V (V vs
    Li/Li+; None: no limit), single_voltage, phases (inside the window),
    reduced_phases, oxidized_phases, and profile: Rows of V, mu, evolution
    (open-element atoms taken up per formula unit; < 0 given off), phases."""
    doc = _core.window(_data(data), formula, open)
    out = Row(doc)
    out["profile"] = Rows(doc["profile"], ["V", "mu", "evolution", "phases"])
    return out


_SCREEN_COLUMNS = _column_names("screen")
_WINDOW_COLUMNS = [c for c in _column_names("screen", True) if c not in _SCREEN_COLUMNS]


def _flat_screen(r: Mapping) -> dict:
    out = {k: r.get(k) for k in _SCREEN_COLUMNS}
    if "windows" in r:
        for side in ("A", "B"):
            w = r["windows"][side] or {}
            out[f"{side}_reduction_V"] = w.get("reduction_V")
            out[f"{side}_oxidation_V"] = w.get("oxidation_V")
        out["A_covers_V"] = r.get("A_covers_V")
    return out


def screen(a_list: Union[str, Sequence[str]], b_list: Union[str, Sequence[str]],
           conditions: Sequence[Union[str, float, Mapping[str, float]]] = ("closed",),
           data: Optional[Database] = None, energy: str = "mutual", *, windows: bool = False,
           threads: Optional[int] = None, open: str = "Li", reactant_energy: str = "entry") -> Rows:
    """The minimum reaction energy of every pair, each A against each B, under
    each condition (``interphase screen``), in parallel.

    ``conditions``: "closed", a voltage (``open``, default Li, at mu = -V) or
    a dict of chemical potentials ({"Li": -3, "O": -2}); default closed only.
    Each pair reacts in the stable set of its own elements, exactly as
    ``react`` computes it. Rows in input order (A, then B, then condition):
    A, B, condition, chemsys, energy, x, x_mass, products, reaction, error (a
    pair that cannot be computed has its error filled in; the others go on).
    ``windows=True`` adds each material's electrochemical window (to_dataframe
    columns A_reduction_V, A_oxidation_V, B_reduction_V, B_oxidation_V,
    A_covers_V). ``threads``: worker threads (None: all cores). The GIL is
    released while the pairs are computed."""
    a_list = [a_list] if isinstance(a_list, str) else [str(f) for f in a_list]
    b_list = [b_list] if isinstance(b_list, str) else [str(f) for f in b_list]
    if isinstance(conditions, (str, Real, Mapping)):
        conditions = [conditions]
    tokens, chempots = [], []
    for c in conditions:
        if isinstance(c, Mapping):
            chempots.append({str(el): float(mu) for el, mu in c.items()})
        elif isinstance(c, Real) and not isinstance(c, bool):
            tokens.append(repr(float(c)))
        elif isinstance(c, str):
            tokens.append(c)
        else:
            raise InputError(f"conditions: expected \"closed\", a voltage or a dict of chemical potentials, got {c!r}")
    rows = _core.screen(_data(data), a_list, b_list, ",".join(tokens), chempots, energy, bool(windows),
                        _threads(threads), open, reactant_energy)
    columns = _SCREEN_COLUMNS + (_WINDOW_COLUMNS if windows else [])
    return Rows(rows, columns, meta={"energy": energy, "open": open}, flatten=_flat_screen)


def set_log_level(level: str = "warning") -> None:
    """How much the engine logs to stderr: "off", "error", "warning" (the
    default: e.g. an open element that changes nothing), "info" or "debug"
    (what the program's -v shows)."""
    if level not in ("off", "error", "warning", "info", "debug"):
        raise InputError(f"log level {level!r}: expected off, error, warning, info or debug")
    _core.set_log_level(level)


# Keep the builtin reachable for code in this module that needs it.
_builtin_map = builtins.map
