#!/usr/bin/env bash
# Regenerate the stability tables of the seed pairs (Li6PS5Cl and Li3InCl6 against
# Li2RuO3) on the default data with the interphase program:
#   tables/make_tables.sh [path/to/interphase]
# Writes tables/seed_pairs.md, tables/seed_sweep_<pair>_<form>.csv and SVG plots
# (reaction energy closed and at 3 V, the exact (x, V) map by products and as an
# energy heatmap).
set -euo pipefail
cd "$(dirname "$0")"
ip=${1:-../build/interphase}
[ -x "$ip" ] || { echo "make_tables: no program at $ip (build first: ./setup.sh --no-run)" >&2; exit 2; }

{
  echo "# Seed pairs: Li6PS5Cl (LPSC) and Li3InCl6 (LIC) against Li2RuO3 (LRO)"
  echo
  echo "Default data (mp_e_form.csv). Energies in eV per atom of the mixture (closed),"
  echo "or per non-Li atom (Li open); x is the atomic fraction of the electrolyte."
  echo "Regenerate with \`tables/make_tables.sh\`."
  for e in Li6PS5Cl Li3InCl6; do
    for form in mutual total; do
      echo
      echo "## $e + Li2RuO3, closed, $form"
      echo
      "$ip" react "$e" Li2RuO3 --energy "$form" --format markdown
    done
  done
  for v in 3 4.5; do
    for e in Li6PS5Cl Li3InCl6; do
      echo
      echo "## $e + Li2RuO3, Li open at $v V, mutual"
      echo
      "$ip" react "$e" Li2RuO3 --open Li --voltage "$v" --format markdown
    done
  done
  for f in Li6PS5Cl Li3InCl6 Li2RuO3 Li3PS4; do
    echo
    echo "## Stability window of $f"
    echo
    "$ip" window "$f" --format markdown
  done
} > seed_pairs.md

for e in Li6PS5Cl Li3InCl6; do
  for form in mutual total; do
    "$ip" sweep "$e" Li2RuO3 --from 0 --to 5 --step 0.05 --energy "$form" --format csv > "seed_sweep_${e}_Li2RuO3_${form}.csv"
  done
done
for e in Li6PS5Cl Li3InCl6; do
  "$ip" react "$e" Li2RuO3 --format svg > "seed_react_${e}_Li2RuO3.svg"
  "$ip" react "$e" Li2RuO3 --open Li --voltage 3 --format svg > "seed_react_${e}_Li2RuO3_3V.svg"
  "$ip" map "$e" Li2RuO3 --from 0 --to 5 --format svg > "seed_map_${e}_Li2RuO3.svg"
  "$ip" map "$e" Li2RuO3 --from 0 --to 5 --format svg --color energy > "seed_energy_map_${e}_Li2RuO3.svg"
done
echo "make_tables: wrote $(ls seed_* | tr '\n' ' ')" >&2
