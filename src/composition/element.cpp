/// \file element.cpp
/// The periodic table as pymatgen 2022.11.7 has it.
#include "interphase/composition/element.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>

#include "interphase/error.hpp"

namespace interphase {
namespace {

constexpr double kNoX = std::numeric_limits<double>::quiet_NaN();

/// Z, symbol, name, atomic mass, Pauling electronegativity: pymatgen's
/// Element.from_Z(z).long_name, .atomic_mass and .X (NaN where pymatgen has none),
/// printed by `tests/reference/make_composition_reference.py --cpp-table`.
/// Values are pymatgen's verbatim, including its Og mass of 2949.0 (sic; ~294).
constexpr std::array<ElementData, kNumElements> kElements{{
    {1, "H", "Hydrogen", 1.00794, 2.2},
    {2, "He", "Helium", 4.002602, kNoX},
    {3, "Li", "Lithium", 6.941, 0.98},
    {4, "Be", "Beryllium", 9.012182, 1.57},
    {5, "B", "Boron", 10.811, 2.04},
    {6, "C", "Carbon", 12.0107, 2.55},
    {7, "N", "Nitrogen", 14.0067, 3.04},
    {8, "O", "Oxygen", 15.9994, 3.44},
    {9, "F", "Fluorine", 18.9984032, 3.98},
    {10, "Ne", "Neon", 20.1797, kNoX},
    {11, "Na", "Sodium", 22.98976928, 0.93},
    {12, "Mg", "Magnesium", 24.305, 1.31},
    {13, "Al", "Aluminum", 26.9815386, 1.61},
    {14, "Si", "Silicon", 28.0855, 1.9},
    {15, "P", "Phosphorus", 30.973762, 2.19},
    {16, "S", "Sulfur", 32.065, 2.58},
    {17, "Cl", "Chlorine", 35.453, 3.16},
    {18, "Ar", "Argon", 39.948, kNoX},
    {19, "K", "Potassium", 39.0983, 0.82},
    {20, "Ca", "Calcium", 40.078, 1.0},
    {21, "Sc", "Scandium", 44.955912, 1.36},
    {22, "Ti", "Titanium", 47.867, 1.54},
    {23, "V", "Vanadium", 50.9415, 1.63},
    {24, "Cr", "Chromium", 51.9961, 1.66},
    {25, "Mn", "Manganese", 54.938045, 1.55},
    {26, "Fe", "Iron", 55.845, 1.83},
    {27, "Co", "Cobalt", 58.933195, 1.88},
    {28, "Ni", "Nickel", 58.6934, 1.91},
    {29, "Cu", "Copper", 63.546, 1.9},
    {30, "Zn", "Zinc", 65.409, 1.65},
    {31, "Ga", "Gallium", 69.723, 1.81},
    {32, "Ge", "Germanium", 72.64, 2.01},
    {33, "As", "Arsenic", 74.9216, 2.18},
    {34, "Se", "Selenium", 78.96, 2.55},
    {35, "Br", "Bromine", 79.904, 2.96},
    {36, "Kr", "Krypton", 83.798, 3.0},
    {37, "Rb", "Rubidium", 85.4678, 0.82},
    {38, "Sr", "Strontium", 87.62, 0.95},
    {39, "Y", "Yttrium", 88.90585, 1.22},
    {40, "Zr", "Zirconium", 91.224, 1.33},
    {41, "Nb", "Niobium", 92.90638, 1.6},
    {42, "Mo", "Molybdenum", 95.94, 2.16},
    {43, "Tc", "Technetium", 98.0, 1.9},
    {44, "Ru", "Ruthenium", 101.07, 2.2},
    {45, "Rh", "Rhodium", 102.9055, 2.28},
    {46, "Pd", "Palladium", 106.42, 2.2},
    {47, "Ag", "Silver", 107.8682, 1.93},
    {48, "Cd", "Cadmium", 112.411, 1.69},
    {49, "In", "Indium", 114.818, 1.78},
    {50, "Sn", "Tin", 118.71, 1.96},
    {51, "Sb", "Antimony", 121.76, 2.05},
    {52, "Te", "Tellurium", 127.6, 2.1},
    {53, "I", "Iodine", 126.90447, 2.66},
    {54, "Xe", "Xenon", 131.293, 2.6},
    {55, "Cs", "Cesium", 132.9054519, 0.79},
    {56, "Ba", "Barium", 137.327, 0.89},
    {57, "La", "Lanthanum", 138.90547, 1.1},
    {58, "Ce", "Cerium", 140.116, 1.12},
    {59, "Pr", "Praseodymium", 140.90765, 1.13},
    {60, "Nd", "Neodymium", 144.242, 1.14},
    {61, "Pm", "Promethium", 145.0, 1.13},
    {62, "Sm", "Samarium", 150.36, 1.17},
    {63, "Eu", "Europium", 151.964, 1.2},
    {64, "Gd", "Gadolinium", 157.25, 1.2},
    {65, "Tb", "Terbium", 158.92535, 1.1},
    {66, "Dy", "Dysprosium", 162.5, 1.22},
    {67, "Ho", "Holmium", 164.93032, 1.23},
    {68, "Er", "Erbium", 167.259, 1.24},
    {69, "Tm", "Thulium", 168.93421, 1.25},
    {70, "Yb", "Ytterbium", 173.04, 1.1},
    {71, "Lu", "Lutetium", 174.967, 1.27},
    {72, "Hf", "Hafnium", 178.49, 1.3},
    {73, "Ta", "Tantalum", 180.94788, 1.5},
    {74, "W", "Tungsten", 183.84, 2.36},
    {75, "Re", "Rhenium", 186.207, 1.9},
    {76, "Os", "Osmium", 190.23, 2.2},
    {77, "Ir", "Iridium", 192.217, 2.2},
    {78, "Pt", "Platinum", 195.084, 2.28},
    {79, "Au", "Gold", 196.966569, 2.54},
    {80, "Hg", "Mercury", 200.59, 2.0},
    {81, "Tl", "Thallium", 204.3833, 1.62},
    {82, "Pb", "Lead", 207.2, 2.33},
    {83, "Bi", "Bismuth", 208.9804, 2.02},
    {84, "Po", "Polonium", 210.0, 2.0},
    {85, "At", "Astatine", 210.0, 2.2},
    {86, "Rn", "Radon", 220.0, 2.2},
    {87, "Fr", "Francium", 223.0, 0.7},
    {88, "Ra", "Radium", 226.0, 0.9},
    {89, "Ac", "Actinium", 227.0, 1.1},
    {90, "Th", "Thorium", 232.03806, 1.3},
    {91, "Pa", "Protactinium", 231.03588, 1.5},
    {92, "U", "Uranium", 238.02891, 1.38},
    {93, "Np", "Neptunium", 237.0, 1.36},
    {94, "Pu", "Plutonium", 244.0, 1.28},
    {95, "Am", "Americium", 243.0, 1.3},
    {96, "Cm", "Curium", 247.0, 1.3},
    {97, "Bk", "Berkelium", 247.0, 1.3},
    {98, "Cf", "Californium", 251.0, 1.3},
    {99, "Es", "Einsteinium", 252.0, 1.3},
    {100, "Fm", "Fermium", 257.0, 1.3},
    {101, "Md", "Mendelevium", 258.0, 1.3},
    {102, "No", "Nobelium", 259.0, 1.3},
    {103, "Lr", "Lawrencium", 262.0, 1.3},
    {104, "Rf", "Rutherfordium", 267.0, kNoX},
    {105, "Db", "Dubnium", 268.0, kNoX},
    {106, "Sg", "Seaborgium", 269.0, kNoX},
    {107, "Bh", "Bohrium", 270.0, kNoX},
    {108, "Hs", "Hassium", 270.0, kNoX},
    {109, "Mt", "Meitnerium", 278.0, kNoX},
    {110, "Ds", "Darmstadtium", 281.0, kNoX},
    {111, "Rg", "Roentgenium", 282.0, kNoX},
    {112, "Cn", "Copernicium", 285.0, kNoX},
    {113, "Nh", "Nihonium", 286.0, kNoX},
    {114, "Fl", "Flerovium", 289.0, kNoX},
    {115, "Mc", "Moscovium", 290.0, kNoX},
    {116, "Lv", "Livermorium", 293.0, kNoX},
    {117, "Ts", "Tennessine", 294.0, kNoX},
    {118, "Og", "Oganesson", 2949.0, kNoX},
}};

}  // namespace

const ElementData& element(int z) {
  if (z < 1 || z > kNumElements) {
    throw FormulaError("no element with atomic number " + std::to_string(z));
  }
  return kElements[z - 1];
}

std::optional<int> find_element(std::string_view symbol) {
  static const auto by_symbol = [] {
    std::unordered_map<std::string_view, int> map;
    for (const ElementData& e : kElements) map.emplace(e.symbol, e.z);
    return map;
  }();
  const auto it = by_symbol.find(symbol);
  if (it == by_symbol.end()) return std::nullopt;
  return it->second;
}

int atomic_number(std::string_view symbol) {
  if (const auto z = find_element(symbol)) return *z;
  throw FormulaError("unknown element '" + std::string(symbol) + "'");
}

bool electronegativity_less(int z_a, int z_b) {
  const ElementData& a = element(z_a);
  const ElementData& b = element(z_b);
  const bool a_nan = std::isnan(a.x);
  const bool b_nan = std::isnan(b.x);
  if (a_nan != b_nan) return b_nan;  // elements without X go last
  if (!a_nan && a.x != b.x) return a.x < b.x;
  return a.symbol < b.symbol;
}

}  // namespace interphase
