#pragma once
// A session on a made-up Li-O data set whose answers are worked by hand, in a
// fresh directory removed with the object.
#include <filesystem>
#include <fstream>
#include <optional>

#include "interphase/session/session.hpp"
#include "support/temp_dir.hpp"

namespace interphase::test {

/// Li, O2 and Li2O on the hull; Li2O2 0.1 eV/atom above it.
///   E_hull(x_O) on [1/3, 1] = -2.0 (1 - x_O) / (2/3): at x_O = 0.5, -1.5,
///   so Li2O2 at -1.4 lies 0.1 above, decomposing into 0.75 Li2O + 0.25 O2
///   (atomic fractions: 0.75 / 3 + 0.25 = 0.5 O).
inline constexpr const char* kMadeUpLiO =
    "formula,target\n"
    "Li,0.0\n"
    "O2,0.0\n"
    "Li2O,-2.0\n"
    "Li2O2,-1.4\n";

/// The data set's CSV (made_up.csv) in a fresh directory, and where its database goes.
struct MadeUpLiO {
  TempDir dir{"made-up"};
  std::filesystem::path csv = dir.path / "made_up.csv";
  SessionOptions options() const { return {dir.path / "db.sqlite", csv, std::nullopt, true}; }
  MadeUpLiO() { std::ofstream(csv) << kMadeUpLiO; }
};

}  // namespace interphase::test
