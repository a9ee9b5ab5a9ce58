#!/usr/bin/env bash
# Regenerate the stability tables of the seed pairs (Li6PS5Cl and Li3InCl6 against
# Li2RuO3) on the default data with the interphase program:
#   tables/make_tables.sh [path/to/interphase]
# Writes tables/seed_pairs.md, tables/seed_sweep_<pair>_<form>.csv and SVG plots
# (reaction energy closed and at 3 V, the exact (x, V) map by products and as an
# energy heatmap); the seed screen, ten electrolytes against seven cathodes
# closed and at 3 and 4.5 V, as tables/seed_screen.md, tables/seed_screen.csv and
# the heatmap tables/seed_screen.svg; and the Monte Carlo uncertainty of both
# minima: tables/seed_uncertainty.md and seed_uncertainty_<form>.csv; and the coating searches
# (coat_*.md/csv/svg, the literature's coatings as coat_*_literature.json, and tables/coatings.md).
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
# Uncertainty: 1000 samples, seed 1, the default sigma; both pairs drawn alike (shared entries).
samples=1000
seed=1
{
  echo "# Seed pairs with uncertainty: how sure is the ordering?"
  echo
  echo "Default data (mp_e_form.csv). The formation energy of every compound within 12 sigma of the"
  echo "hull perturbed by a normal draw of sigma = 0.024 eV/atom (Hautier et al., PRB 85, 155208"
  echo "(2012)) in each of $samples samples (seed $seed); the hull and the reaction recomputed exactly"
  echo "in each. Energies in eV per atom of the mixture (closed) or per non-Li atom. E: the mean minimum"
  echo "+/- its standard deviation; 5-95%: the interval of the minimum (linear interpolation);"
  echo "p_react: P(minimum < 0). Entries the two pairs share (Li2RuO3, LiCl, Li2O, ...) have the same"
  echo "draw in the same sample, so P(2nd above), the probability that LIC/LRO's minimum is less"
  echo "negative than LPSC/LRO's (the seed's ordering), is a paired comparison. P(tie): both minima"
  echo "equal (mostly both 0: neither pair reacts). Regenerate with \`tables/make_tables.sh\`."
  for form in mutual total; do
    echo
    echo "## Closed and at 3 V (Li open), $form"
    echo
    "$ip" compare Li6PS5Cl Li2RuO3 --versus Li3InCl6 Li2RuO3 --conditions closed,3 --energy "$form" \
      --samples $samples --seed $seed --format markdown
    echo
    echo "## The seed's ordering from 0 to 5 V, $form"
    echo
    "$ip" compare Li6PS5Cl Li2RuO3 --versus Li3InCl6 Li2RuO3 --conditions 0,0.5,1,1.5,2,2.5,3,3.5,4,4.5,5 \
      --energy "$form" --samples $samples --seed $seed --format markdown
  done
} > seed_uncertainty.md
for form in mutual total; do
  "$ip" compare Li6PS5Cl Li2RuO3 --versus Li3InCl6 Li2RuO3 --conditions closed,0,0.5,1,1.5,2,2.5,3,3.5,4,4.5,5 \
    --energy "$form" --samples $samples --seed $seed --format csv > "seed_uncertainty_${form}.csv"
done

# Coating searches: what goes between the electrolyte and the cathode. The seed pairs against
# Li2RuO3 and its delithiated LiRuO3 over the seed's 2.0-4.5 V, and Li3PS4 against LiCoO2 and
# Li0.5CoO2 closed (Xiao et al. 2019's setting); each pool search with its funnel (markdown),
# every candidate (csv, json) and the scatter (svg), then the literature's coatings given as
# candidates (also those outside the pool), placed in each ranking by coatings.py: coatings.md.
literature=(Li3PO4 LiNbO3 LiTaO3 Li2ZrO3 Li2SiO3 Li4Ti5O12 LiPO3 LiH2PO4 "LiTi2(PO4)3" Li3BO3 LiAlO2)
# The whole pool's JSON (several MB each, every side's detail) is read by coatings.py from a
# temporary directory and not kept; the CSV has every candidate's numbers.
pool_json=$(mktemp -d)
trap 'rm -rf "$pool_json"' EXIT
coat_search() {  # name, then the coat arguments
  local name=$1
  shift
  "$ip" coat "$@" --quiet --format markdown > "coat_${name}.md"
  "$ip" coat "$@" --quiet --format csv > "coat_${name}.csv"
  "$ip" coat "$@" --quiet --format json > "$pool_json/coat_${name}.json"
  "$ip" coat "$@" --quiet --format svg > "coat_${name}.svg"
  "$ip" coat "$@" --candidates "${literature[@]}" --quiet --format json > "coat_${name}_literature.json"
}
coat_search Li6PS5Cl_Li2RuO3 Li6PS5Cl Li2RuO3 LiRuO3 --range 2.0-4.5
coat_search Li3InCl6_Li2RuO3 Li3InCl6 Li2RuO3 LiRuO3 --range 2.0-4.5
coat_search Li3PS4_LiCoO2 Li3PS4 LiCoO2 Li0.5CoO2
python3 coatings.py "$pool_json" > coatings.md

echo "make_tables: wrote $(ls seed_* coat_* coatings.md | tr '\n' ' ')" >&2
