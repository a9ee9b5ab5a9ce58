#!/usr/bin/python3
"""Write composition_reference.json: pymatgen's view of elements and formulas.

The fixture pins src/composition to pymatgen 2022.11.7 (Debian's python3-pymatgen;
run this with /usr/bin/python3). It holds

* "elements": the 118 elements as pymatgen sees them (Z, symbol, long name,
  atomic mass, Pauling electronegativity X; null where pymatgen has none);
* "formulas": for a deterministic sample of distinct formulas of the default data
  set plus hand-picked tricky ones, what pymatgen's Composition makes of them.

pymatgen's Composition.formula sorts by X alone, keeping the order the elements
were written in for ties (C/Se, H/Ru/Pd, ...) and for elements without X; our
Composition does not keep that order and breaks ties by symbol, with elements
lacking X last. Where the written order changes pymatgen's output, a case also
carries "canonical_order": pymatgen's output for the same composition with the
elements inserted in that canonical order, which is what we must reproduce.

Usage: make_composition_reference.py [CSV] [--output JSON] [--cpp-table]
--cpp-table prints the element table of src/composition/element.cpp instead.
"""
import argparse
import csv
import json
import math
import random
import warnings
from pathlib import Path

import pymatgen.core
from pymatgen.core.composition import Composition
from pymatgen.core.periodic_table import Element

warnings.simplefilter("ignore")  # "No electronegativity for He. Setting to NaN."

HERE = Path(__file__).resolve().parent
SAMPLE_SIZE = 180
SEED = 20221107

HAND_PICKED = [
    # the seed system and common battery materials
    "Li6PS5Cl", "Li2Ru1O3", "Li2RuO3", "Li4Ru2O6", "Li3InCl6", "Li3PS4", "Li3PO4",
    "LiCl", "Li2S", "RuO2", "In2O3", "InOCl", "RuCl3", "Li10GeP2S12", "LiFePO4",
    "Li4Fe4P4O16", "Li7La3Zr2O12", "Na3Zr2Si2PO12", "LiCoO2",
    # brackets and polyanions
    "Ca3(PO4)2", "Fe2(SO4)3", "(NH4)2SO4", "NH4NO3", "Ba(NO3)2", "Ca(OH)2",
    "Mg(ClO4)2", "[Co(NH3)6]Cl3", "K4[Fe(CN)6]", "Li2 (SO4)", "((CH3)3N)2",
    # special formulas and elements
    "O", "O2", "O3", "Cl", "Cl2", "N", "H", "F", "LiO", "Li2O2", "KO2", "NaO",
    "HO", "H2O2", "H2O", "Li", "C60",
    # whitespace, explicit ones, zero and fractional amounts
    "Li2 O1", " Li1 Co1 O2 ", "Li0O", "Li0.5CoO2", "Li0.333333333Co1O2",
    "O0.5", "Li1.999999999O", "Li1.99999999O", "Li0.00001O", "Fe0.95O",
    "Li3.25Ge0.25P0.75S4", "Li6.5La3Zr1.5Ta0.5O12",
    # ties in electronegativity and elements without one (order-dependent in pymatgen)
    "Se1C1", "C1Se1", "Ru1H2", "H2Ru1", "LiPdH", "Ar1Li1", "XeF2", "Cu1Si1",
]


def element_table():
    rows = []
    for z in range(1, 119):
        el = Element.from_Z(z)
        x = el.X
        rows.append({"z": z, "symbol": el.symbol, "name": el.long_name,
                     "mass": float(el.atomic_mass), "x": None if math.isnan(x) else x})
    return rows


def canonical_key(symbol):
    """Our element order: X ascending, elements without X last, ties by symbol."""
    x = Element(symbol).X
    return (math.isnan(x), 0.0 if math.isnan(x) else x, symbol)


def describe(comp):
    reduced, factor = comp.get_reduced_formula_and_factor()
    return {"formula": comp.formula.replace(" ", ""), "reduced_formula": reduced,
            "factor": factor}


def case(text):
    comp = Composition(text.replace("[", "(").replace("]", ")"))  # pymatgen knows only ()
    result = {"input": text,
              "amounts": {el.symbol: amt for el, amt in comp.items()},
              **describe(comp),
              "num_atoms": comp.num_atoms,
              "weight": float(comp.weight),
              "chemsys": comp.chemical_system}
    amounts = comp.get_el_amt_dict()
    canonical = describe(Composition({s: amounts[s] for s in sorted(amounts, key=canonical_key)}))
    if any(canonical[k] != result[k] for k in canonical):
        result["canonical_order"] = canonical
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", default=HERE / "../../../shared/data/mp_e_form.csv",
                        type=Path, help="formation-energy CSV with a 'formula' column")
    parser.add_argument("--output", type=Path, default=HERE / "composition_reference.json")
    parser.add_argument("--cpp-table", action="store_true",
                        help="print the C++ element table instead of writing the fixture")
    args = parser.parse_args()

    if args.cpp_table:
        for e in element_table():
            x = "kNoX" if e["x"] is None else repr(float(e["x"]))
            print(f'    {{{e["z"]}, "{e["symbol"]}", "{e["name"]}", {e["mass"]!r}, {x}}},')
        return

    with open(args.csv, newline="") as f:
        distinct = sorted({row["formula"] for row in csv.DictReader(f)})
    sample = random.Random(SEED).sample(distinct, SAMPLE_SIZE)
    formulas = HAND_PICKED + [s for s in sample if s not in HAND_PICKED]

    fixture = {
        "generator": "tests/reference/make_composition_reference.py",
        "pymatgen_version": pymatgen.core.__version__,
        "elements": element_table(),
        "formulas": [case(s) for s in formulas],
    }
    with open(args.output, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    n_order = sum("canonical_order" in c for c in fixture["formulas"])
    print(f"wrote {args.output}: {len(formulas)} formulas ({n_order} order-dependent in pymatgen)")


if __name__ == "__main__":
    main()
