#pragma once
/// \file coat_shard.hpp
/// A coating search in shards: `coat --shard I/N --output FILE` writes the
/// candidates of its slice as rows (CSV or JSON Lines), each candidate
/// computed and judged but not ranked, since the ranking and the funnel need
/// every candidate; the settings record FILE.settings.json (screen_record.hpp)
/// holds the search's settings, its candidate list and the data set, and a
/// resume must find the same. The merge reads the N shards, checks them and
/// gives the CoatResult of one unsharded run: the same reports, byte for byte.
#include <cstddef>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interphase/session/requests.hpp"

namespace interphase {

class Session;

/// The version of a coat shard record's layout, its field "interphase_coat_record".
constexpr int kCoatRecordVersion = 1;

/// The record of a plan's shard written as `format` ("csv" or "json"):
/// interphase_coat_record, format, electrolyte, cathodes, range ([from, to] or
/// null), energy, the criteria (max_e_above_hull, max_reduction, min_oxidation
/// as given or null, min_oxidation_applied, max_reaction), candidates (where they came from, in words),
/// candidate_formulas (every candidate of the search, each once, in order),
/// monte_carlo (samples, seed, sigma, threshold, window_sigmas; null without
/// samples), shard, shards (1-based), dataset, dataset_source,
/// dataset_entries, dataset_content_hash.
nlohmann::ordered_json coat_record(const CoatPlan& plan, const std::string& format);

/// Where a shard's rows go.
struct CoatShardOutput {
  std::string format = "csv";  ///< csv (with a header in every shard) or json (JSON Lines)
  std::filesystem::path file;  ///< empty: the stream given to write_coat_shard
  bool resume = false;         ///< keep the candidates already in `file` and compute the rest
};

/// What a shard run wrote.
struct CoatShardSummary {
  std::size_t candidates = 0;  ///< computed and written by this run
  std::size_t errors = 0;      ///< of those, candidates that could not be computed
  bool resumed = false;
  double seconds = 0;
  nlohmann::ordered_json record;  ///< the shard's settings record
  /// Some candidate was computed, or there was none: not every one an error.
  bool ok() const { return candidates > errors || candidates == 0; }
};

/// Compute the shard of `request` (request.shard of request.shards) into
/// `output`: its file, locked while the run writes it (RowFile) and given its
/// settings record, or `out`. Candidates are written a few at a time, whole
/// rows only, so an interrupted run resumed with `resume` keeps what it has
/// (its record must be this run's: DataError naming the file otherwise, the
/// file unchanged). SettingError for a format other than csv and json, or
/// for {explain} (an explanation needs the merged ranking).
CoatShardSummary write_coat_shard(Session& session, const CoatRequest& request, const CoatShardOutput& output,
                                  std::ostream& out);

/// "interphase: coat: shard 2 of 8: 40 candidates (39 computed, 1 with an error) in 3.1 s\n".
std::string coat_shard_summary(const CoatShardSummary& summary);

/// One shard as written: its name (for messages), record and rows.
struct CoatShard {
  std::string name;
  nlohmann::ordered_json record;
  std::string rows;
};

/// The shard written to `file` with its record. DataError naming it if the
/// record is missing or not a coat shard's, or a running task still holds the
/// file's lock.
CoatShard read_coat_shard(const std::filesystem::path& file);

/// The search the shards make up, ranked and with its funnel: equal to one
/// unsharded run's CoatResult (without an explanation). DataError, naming the
/// shard, unless they are every shard 1..N of one search exactly once, with
/// the same settings and data set, each complete (every candidate of its
/// slice, in order, each row whole).
CoatResult merge_coat_shards(const std::vector<CoatShard>& shards);

}  // namespace interphase
