#pragma once
/// \file screen_record.hpp
/// The settings record of a screen's output file: beside every CSV or JSON
/// Lines file a screen writes with --output FILE, the file FILE.settings.json
/// holds every setting that decides its rows (materials, conditions, energy
/// form, windows, uncertainty, Monte Carlo, shard) and the data set it read
/// (name, entries, content hash). A resume must find the same record; a step
/// that merges shards reads each shard's record and compares them. The rows
/// file itself stays plain CSV or JSON Lines, so that any reader takes it as
/// it is and shards still concatenate to one run.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interphase/screen/screen.hpp"
#include "interphase/session/requests.hpp"

namespace interphase {

/// The version of the record's layout, its field "interphase_screen_record".
constexpr int kScreenRecordVersion = 1;

/// The record of a screen run written as `format` ("csv" or "json"):
/// interphase_screen_record (the layout's version), format, a and b (the
/// formulas as given, @FILE expanded), conditions (labels, as the rows'
/// condition), open, energy, reactant_energy, windows, uncertainty, sigma
/// (null unless uncertainty or samples), samples, seed and threshold (null
/// without samples), shard and shards (1-based, as --shard I/N), dataset,
/// dataset_entries, dataset_content_hash. Threads are not part of it: the rows
/// are the same for any number.
nlohmann::ordered_json screen_record(const ScreenRequest& request, const ScreenSettings& settings,
                                     const std::string& format);

/// Where the record of the output file `output` lives: "<output>.settings.json".
std::filesystem::path screen_record_path(const std::filesystem::path& output);

/// The record of the output file `output` (read from screen_record_path).
/// DataError naming the record if it is missing, cannot be read or is not a
/// screen's record of a layout this build reads.
nlohmann::ordered_json read_screen_record(const std::filesystem::path& output);

/// The record of `output` of a command `kind` ("screen", "coat"): its field
/// "interphase_<kind>_record" must be `version`. DataError as read_screen_record.
nlohmann::ordered_json read_output_record(const std::filesystem::path& output, const std::string& kind, int version);

/// Write the record of `output` (any command's; a temporary file renamed into place, so a
/// reader never sees half of one). OutputError naming it if that fails.
void write_screen_record(const std::filesystem::path& output, const nlohmann::ordered_json& record);

/// The fields in which two records differ, each as "energy: \"mutual\" then,
/// \"total\" now" (long values shortened); empty if they describe the same
/// rows. With `same_shard` false the shard index is left out (shards of one
/// screen differ only in it).
std::vector<std::string> screen_record_differences(const nlohmann::ordered_json& was,
                                                   const nlohmann::ordered_json& now, bool same_shard = true);

}  // namespace interphase
