#!/usr/bin/env bash
# Regenerate the stability tables of the seed pairs (Li6PS5Cl and Li3InCl6 against
# Li2RuO3) on the default data with the interphase program:
#   tables/make_tables.sh [path/to/interphase]
# Writes tables/seed_pairs.md, tables/seed_sweep_<pair>_<form>.csv and SVG plots
# (reaction energy closed and at 3 V, the exact (x, V) map by products and as an
# energy heatmap); and the seed screen, ten electrolytes against seven cathodes
# closed and at 3 and 4.5 V, as tables/seed_screen.md, tables/seed_screen.csv and
# the heatmap tables/seed_screen.svg.
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
electrolytes=(Li6PS5Cl Li3InCl6 Li3PS4 Li10GeP2S12 Li7La3Zr2O12 Li3YCl6 Li3ScCl6 Li3ErCl6 Li6PS5Br Li3OCl)
cathodes=(Li2RuO3 LiCoO2 LiNiO2 LiMn2O4 LiFePO4 Li2MnO3 Li2NiMn3O8)
screen=("$ip" screen "${electrolytes[@]}" --against "${cathodes[@]}" --conditions closed,3,4.5 --quiet)
{
  echo "# Seed screen: ${#electrolytes[@]} electrolytes against ${#cathodes[@]} cathodes"
  echo
  echo "Default data (mp_e_form.csv), mutual reaction energy, closed and with Li open at 3 and 4.5 V."
  echo "The heatmap is seed_screen.svg (rows in input order), every row in full precision seed_screen.csv."
  echo "Regenerate with \`tables/make_tables.sh\`."
  echo
  echo "## Li6PS5Cl and Li3InCl6 against Li2RuO3"
  echo
  echo "Li3InCl6 reacts far less with Li2RuO3 than Li6PS5Cl does, closed and at both voltages:"
  echo
  "$ip" screen Li6PS5Cl Li3InCl6 --against Li2RuO3 --conditions closed,3,4.5 --quiet --format markdown
  echo
  echo "## All pairs"
  echo
  "${screen[@]}" --format markdown
} > seed_screen.md
"${screen[@]}" --format csv > seed_screen.csv
"${screen[@]}" --format svg > seed_screen.svg

echo "make_tables: wrote $(ls seed_* | tr '\n' ' ')" >&2
