#pragma once
/// \file detail.hpp
/// Functions shared by the files of src/data (not part of the public API).
#include <string>
#include <string_view>
#include <vector>

#include "interphase/data/database.hpp"

namespace interphase::data::detail {

/// Hex SHA-256 of some bytes (sha256.cpp).
std::string sha256_hex(std::string_view bytes);

/// Entries of a CSV of formulas and formation energies per atom (csv_import.cpp).
std::vector<Entry> parse_csv_entries(std::string_view text, const std::string& source, const CsvImportOptions& options,
                                     const std::string& dataset_name);

/// Entries of a JSON list of pymatgen ComputedEntry dicts (pymatgen_import.cpp).
std::vector<Entry> parse_pymatgen_entries(std::string_view text, const std::string& source,
                                          const std::string& dataset_name);

/// Entries of a JSON list of Materials Project summary or thermo documents
/// (mp_import.cpp): those of `thermo_type` (empty: the file's only one);
/// `reported` receives the documents' own energy_above_hull where given.
std::vector<Entry> parse_mp_documents(std::string_view text, const std::string& source, const std::string& thermo_type,
                                      std::vector<ReportedStability>* reported);

}  // namespace interphase::data::detail
