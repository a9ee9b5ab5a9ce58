"""More element profiles: writes profile_extra_reference.json next to this script.

Run:  /usr/bin/python3 tests/reference/make_profile_extra_reference.py [path/to/mp_e_form.csv]
(Debian pymatgen 2022.11.7; well under a minute.)

pymatgen's get_element_profile (Li) for cathodes and electrolytes beyond the
seed, recorded exactly as grand_reference.json's element_profiles (see
make_grand_reference.py, whose element_profile() writes them). Several of these
compositions sit where the Li ray runs along edges of the hull (Li-Mn-P-O
pyrophosphates), where spurious crossings are easy to make.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common as C  # noqa: E402
import make_grand_reference as G  # noqa: E402

FORMULAS = ["Li14Mn8O56P16", "LiMnPO4", "Li2MnP2O7", "LiFePO4", "LiCoO2", "LiNiO2", "LiMn2O4",
            "Li7La3Zr2O12", "Li10GeP2S12", "Li3N", "Li3OCl", "LiNbO3"]


def main() -> None:
    C.ensure_hash_seed()
    ds = C.Dataset(C.csv_path_from_argv())
    profiles = [G.element_profile(ds, f) for f in FORMULAS]
    out = {"generator": {"script": "make_profile_extra_reference.py", "entry_convention": "see _common.py"},
           "notes": ["element_profiles as in grand_reference.json (make_grand_reference.py)"],
           "element_profiles": profiles}
    print(C.write_json(out, "profile_extra_reference.json"))


if __name__ == "__main__":
    main()
