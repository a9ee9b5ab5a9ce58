"""Writes gas_reference.json: pymatgen's ideal-gas chemical potential corrections.

InterfacialReactivity.get_chempot_correction(element, T, p) (eV/atom, relative
to 298.15 K and 1 bar) for O, N, Cl, F and H at a few temperatures and
pressures. Run with Debian's pymatgen:  /usr/bin/python3 make_gas_reference.py
"""
import json
import os

import pymatgen
from pymatgen.analysis.interface_reactions import InterfacialReactivity

rows = []
for element in ["O", "N", "Cl", "F", "H"]:
    for temperature in [298.15, 500.0, 1000.0, 1500.0]:
        for pressure in [1e5, 21000.0, 1.0, 1e7]:
            rows.append({"element": element, "T": temperature, "p": pressure,
                         "correction": InterfacialReactivity.get_chempot_correction(element, temperature, pressure)})
out = {"generator": {"script": "make_gas_reference.py", "pymatgen": pymatgen.core.__version__},
       "notes": ["correction in eV/atom; T in K, p in Pa"], "rows": rows}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "gas_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
