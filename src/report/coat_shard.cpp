#include "interphase/report/coat_shard.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>

#include "interphase/error.hpp"
#include "interphase/quote.hpp"
#include "interphase/report/screen_format.hpp"
#include "interphase/report/screen_record.hpp"
#include "interphase/report/table.hpp"
#include "interphase/session/session.hpp"

namespace interphase {

namespace {

using Json = nlohmann::ordered_json;

/// Candidates computed and written at a time: a resumed shard loses at most this many.
constexpr std::size_t kCoatShardChunk = 16;

Json number(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }
std::optional<double> number(const Json& j) { return j.is_null() ? std::nullopt : std::optional<double>(j.get<double>()); }
std::string text(const Json& j) { return j.is_null() ? std::string() : j.get<std::string>(); }
Json text(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

// ------------------------------------------------------------ one row, flat

std::vector<std::string> side_names(std::size_t cathodes) {
  std::vector<std::string> out{"electrolyte"};
  for (std::size_t i = 1; i <= cathodes; ++i) out.push_back("cathode" + std::to_string(i));
  return out;
}

Json terms(const std::vector<ReactionTerm>& t) {
  Json out = Json::array();
  for (const auto& term : t) out.push_back(Json::array({term.formula, term.amount}));
  return out;
}

std::vector<ReactionTerm> terms(const Json& j) {
  std::vector<ReactionTerm> out;
  for (const auto& t : j) out.push_back({t.at(0).get<std::string>(), t.at(1).get<double>()});
  return out;
}

void put_reaction(Json& row, const std::string& p, const std::optional<CoatReaction>& r) {
  const Kink* k = r && r->minimum ? &*r->minimum : nullptr;
  row[p + "minimum"] = k != nullptr;
  row[p + "energy"] = k ? Json(k->energy) : Json(nullptr);
  row[p + "x"] = k ? Json(k->x) : Json(nullptr);
  row[p + "x_molar"] = k ? Json(k->x_molar) : Json(nullptr);
  row[p + "x_mass"] = k ? Json(k->x_mass) : Json(nullptr);
  row[p + "reaction_atoms"] = k ? Json(k->reaction_atoms) : Json(nullptr);
  Json products = Json::array();
  if (k)
    for (const auto& [name, fraction] : k->products) products.push_back(Json::array({name, fraction}));
  row[p + "products"] = k ? products : Json(nullptr);
  row[p + "reactants"] = k ? terms(k->reaction.reactants) : Json(nullptr);
  row[p + "product_terms"] = k ? terms(k->reaction.products) : Json(nullptr);
  row[p + "voltage"] = r ? number(r->voltage) : Json(nullptr);
  row[p + "chemsys"] = r ? text(r->chemsys) : Json(nullptr);
  row[p + "error"] = r ? text(r->error) : Json(nullptr);
}

CoatReaction get_reaction(const Json& row, const std::string& p) {
  CoatReaction r;
  if (row.at(p + "minimum").get<bool>()) {
    Kink k;
    k.energy = row.at(p + "energy").get<double>();
    k.x = row.at(p + "x").get<double>();
    k.x_molar = row.at(p + "x_molar").get<double>();
    k.x_mass = row.at(p + "x_mass").get<double>();
    k.reaction_atoms = row.at(p + "reaction_atoms").get<double>();
    for (const auto& pr : row.at(p + "products")) k.products.emplace_back(pr.at(0).get<std::string>(), pr.at(1).get<double>());
    k.reaction.reactants = terms(row.at(p + "reactants"));
    k.reaction.products = terms(row.at(p + "product_terms"));
    r.minimum = std::move(k);
  }
  r.voltage = number(row.at(p + "voltage"));
  r.chemsys = text(row.at(p + "chemsys"));
  r.error = text(row.at(p + "error"));
  return r;
}

void put_window(Json& row, const std::string& p, const std::optional<MaterialWindow>& w, const std::optional<RangeHold>& h) {
  row[p + "window"] = w.has_value();
  row[p + "window_red"] = w ? number(w->reduction) : Json(nullptr);
  row[p + "window_ox"] = w ? number(w->oxidation) : Json(nullptr);
  row[p + "window_error"] = w ? text(w->error) : Json(nullptr);
  row[p + "hold"] = h.has_value();
  row[p + "hold_holds"] = h ? Json(h->holds) : Json(nullptr);
  row[p + "hold_reduced_below"] = h ? number(h->reduced_below) : Json(nullptr);
  row[p + "hold_oxidized_above"] = h ? number(h->oxidized_above) : Json(nullptr);
}

std::optional<MaterialWindow> get_window(const Json& row, const std::string& p) {
  if (!row.at(p + "window").get<bool>()) return std::nullopt;
  return MaterialWindow{number(row.at(p + "window_red")), number(row.at(p + "window_ox")), text(row.at(p + "window_error"))};
}

std::optional<RangeHold> get_hold(const Json& row, const std::string& p) {
  if (!row.at(p + "hold").get<bool>()) return std::nullopt;
  return RangeHold{row.at(p + "hold_holds").get<bool>(), number(row.at(p + "hold_reduced_below")),
                   number(row.at(p + "hold_oxidized_above"))};
}

/// One candidate's row: every number as computed, nothing judged (the merge judges).
Json candidate_row(const CoatCandidate& c, const std::vector<CoatSideInfo>& sides, bool range) {
  Json row;
  row["coating"] = c.formula;
  row["error"] = text(c.error);
  row["screened"] = !c.electrolyte.closed.chemsys.empty() || !c.electrolyte.closed.error.empty() ||
                    c.electrolyte.closed.minimum.has_value();
  row["e_above_hull"] = number(c.e_above_hull);
  row["li_fraction"] = number(c.li_fraction);
  row["p_pass"] = number(c.p_pass);
  put_window(row, "", c.window, c.hold);
  const auto names = side_names(c.cathodes.size());
  for (std::size_t s = 0; s < names.size(); ++s) {
    const CoatSide& side = s == 0 ? c.electrolyte : c.cathodes[s - 1];
    put_reaction(row, names[s] + "_closed_", side.closed);
    if (range) put_reaction(row, names[s] + "_range_", side.range);
    put_window(row, names[s] + "_", sides[s].window, sides[s].hold);
  }
  return row;
}

CoatCandidate row_candidate(const Json& row, const CoatSettings& s) {
  CoatCandidate c;
  c.formula = row.at("coating").get<std::string>();
  c.error = text(row.at("error"));
  c.e_above_hull = number(row.at("e_above_hull"));
  c.li_fraction = number(row.at("li_fraction"));
  c.p_pass = number(row.at("p_pass"));
  c.window = get_window(row, "");
  c.hold = get_hold(row, "");
  const bool screened = row.at("screened").get<bool>();
  const auto names = side_names(s.cathodes.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    CoatSide side{i == 0 ? s.electrolyte : s.cathodes[i - 1], {}, std::nullopt};
    if (screened) {
      side.closed = get_reaction(row, names[i] + "_closed_");
      if (s.range) side.range = get_reaction(row, names[i] + "_range_");
    }
    if (i == 0) c.electrolyte = std::move(side);
    else c.cathodes.push_back(std::move(side));
  }
  return c;
}

// ------------------------------------------------------------ CSV cells

enum class Kind { Number, Text, Boolean, Json };

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

Kind kind_of(const std::string& key) {
  if (ends_with(key, "products") || ends_with(key, "reactants") || ends_with(key, "product_terms")) return Kind::Json;
  if (key == "coating" || ends_with(key, "error") || ends_with(key, "chemsys")) return Kind::Text;
  if (key == "screened" || ends_with(key, "window") || ends_with(key, "hold") || ends_with(key, "holds") ||
      ends_with(key, "minimum"))
    return Kind::Boolean;
  return Kind::Number;
}

std::string csv_cell(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return full_precision(v.get<double>());
  if (v.is_string()) return csv_quote(v.get<std::string>());
  return csv_quote(v.dump());
}

Json cell_json(const std::string& key, const std::string& cell) {
  if (cell.empty()) return nullptr;
  switch (kind_of(key)) {
    case Kind::Text: return cell;
    case Kind::Boolean:
      if (cell == "true" || cell == "false") return cell == "true";
      break;
    case Kind::Json: return Json::parse(cell);
    case Kind::Number: {
      double v = 0;
      const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
      if (ec == std::errc() && end == cell.data() + cell.size()) return v;
      break;
    }
  }
  throw DataError(key + " '" + printable(cell, 40) + "' is not a " + (kind_of(key) == Kind::Boolean ? "true or false" : "number"));
}

std::vector<std::string> columns(const CoatSettings& s) {
  CoatCandidate c;
  c.cathodes.resize(s.cathodes.size());
  const Json row = candidate_row(c, std::vector<CoatSideInfo>(s.cathodes.size() + 1), s.range.has_value());
  std::vector<std::string> out;
  for (const auto& item : row.items()) out.push_back(item.key());
  return out;
}

std::string csv_header(const CoatSettings& s) {
  std::string out;
  for (const auto& c : columns(s)) out += (out.empty() ? "" : ",") + c;
  return out + "\n";
}

std::string row_text(const Json& row, bool csv) {
  if (!csv) return row.dump() + "\n";
  std::string out;
  bool first = true;
  for (const auto& item : row.items()) {
    out += (first ? "" : ",") + csv_cell(item.value());
    first = false;
  }
  return out + "\n";
}

/// The whole rows of a shard's text, as flat objects. DataError naming `name`
/// for a row that is not one of this search's (a trailing partial line: `partial`).
std::vector<Json> parse_rows(const std::string& name, const std::string& rows, const CoatSettings& s, bool csv,
                             bool* partial) {
  std::vector<Json> out;
  std::istringstream in(rows);
  std::string line;
  const std::vector<std::string> keys = columns(s);
  std::size_t n = 0;
  *partial = false;
  while (std::getline(in, line)) {
    if (in.eof()) {
      *partial = true;
      break;
    }
    ++n;
    if (csv && n == 1) {
      if (line + "\n" != csv_header(s))
        throw DataError(name + ": its first line is not the CSV header of this coating search's rows");
      continue;
    }
    const std::string where = name + ": line " + std::to_string(n) + " is not a row of this coating search";
    try {
      Json row;
      if (csv) {
        const auto fields = csv_fields(line);
        if (fields.size() != keys.size()) throw DataError(std::to_string(fields.size()) + " fields");
        for (std::size_t i = 0; i < keys.size(); ++i) row[keys[i]] = cell_json(keys[i], fields[i]);
      } else {
        row = Json::parse(line);
        for (const auto& k : keys)
          if (!row.contains(k)) throw DataError("no " + k);
      }
      row_candidate(row, s);  // every field there and of its type
      out.push_back(std::move(row));
    } catch (const std::exception& e) {
      throw DataError(where + " (" + e.what() + ")");
    }
  }
  return out;
}

// ------------------------------------------------------------ settings

CoatSettings record_settings(const Json& r) {
  CoatSettings s;
  s.electrolyte = r.at("electrolyte").get<std::string>();
  s.cathodes = r.at("cathodes").get<std::vector<std::string>>();
  if (!r.at("range").is_null()) s.range = VoltageRange{r["range"].at(0).get<double>(), r["range"].at(1).get<double>()};
  const Json& c = r;
  s.criteria.max_e_above_hull = c.at("max_e_above_hull").get<double>();
  s.criteria.max_reduction = c.at("max_reduction").get<double>();
  s.criteria.min_oxidation = number(c.at("min_oxidation"));
  s.criteria.max_reaction = c.at("max_reaction").get<double>();
  s.min_oxidation = c.at("min_oxidation_applied").get<double>();
  s.form = parse_energy_form(r.at("energy").get<std::string>());
  s.candidates = r.at("candidates").get<std::string>();
  s.dataset = r.at("dataset").get<std::string>();
  s.dataset_source = r.at("dataset_source").get<std::string>();
  s.dataset_entries = r.at("dataset_entries").get<std::int64_t>();
  s.dataset_content_hash = r.at("dataset_content_hash").get<std::string>();
  if (!r.at("monte_carlo").is_null()) {
    const Json& m = r["monte_carlo"];
    MonteCarloOptions mc;
    mc.samples = m.at("samples").get<std::size_t>();
    mc.seed = m.at("seed").get<std::uint64_t>();
    mc.sigma = m.at("sigma").get<double>();
    mc.threshold = m.at("threshold").get<double>();
    mc.window_sigmas = m.at("window_sigmas").get<double>();
    s.monte_carlo = mc;
  }
  return s;
}

std::string joined_differences(const std::vector<std::string>& differences) {
  std::string list;
  for (const auto& d : differences) list += (list.empty() ? "" : "; ") + d;
  return list;
}

/// Resuming: the rows already in the file, checked against this run's record and plan; how many.
std::size_t resume_from(const CoatShardOutput& o, const CoatPlan& plan, const Json& record) {
  const std::string name = "cannot resume '" + o.file.string() + "'";
  Json was;
  try {
    was = read_output_record(o.file, "coat", kCoatRecordVersion);
  } catch (const DataError& e) {
    throw DataError(name + ": " + e.what() + ", so whether its rows have this run's settings and data set cannot be "
                    "told; start it again without --resume");
  }
  const auto differences = screen_record_differences(was, record);
  if (!differences.empty())
    throw DataError(name + ": it was written with other settings or another data set (" + joined_differences(differences) +
                    "); run it again with those, or start it afresh without --resume");
  std::ifstream in(o.file, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bool partial = false;
  const auto rows = parse_rows(name, text, plan.settings, o.format == "csv", &partial);
  if (rows.size() > plan.inputs.size()) throw DataError(name + ": it holds more candidates than this shard has");
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (rows[i].at("coating") != plan.inputs[i].formula)
      throw DataError(name + ": its row " + std::to_string(i + 1) + " (" + rows[i].at("coating").get<std::string>() +
                      ") is not this shard's candidate " + plan.inputs[i].formula);
  return rows.size();
}

}  // namespace

Json coat_record(const CoatPlan& plan, const std::string& format) {
  const CoatSettings& s = plan.settings;
  Json r;
  r["interphase_coat_record"] = kCoatRecordVersion;
  r["format"] = format;
  r["electrolyte"] = s.electrolyte;
  r["cathodes"] = s.cathodes;
  r["range"] = s.range ? Json::array({s.range->from, s.range->to}) : Json(nullptr);
  r["energy"] = to_string(s.form);
  r["max_e_above_hull"] = s.criteria.max_e_above_hull;
  r["max_reduction"] = s.criteria.max_reduction;
  r["min_oxidation"] = number(s.criteria.min_oxidation);
  r["min_oxidation_applied"] = s.min_oxidation;
  r["max_reaction"] = s.criteria.max_reaction;
  r["candidates"] = s.candidates;
  r["candidate_formulas"] = plan.formulas;
  if (s.monte_carlo)
    r["monte_carlo"] = {{"samples", s.monte_carlo->samples}, {"seed", s.monte_carlo->seed},
                        {"sigma", s.monte_carlo->sigma}, {"threshold", s.monte_carlo->threshold},
                        {"window_sigmas", s.monte_carlo->window_sigmas}};
  else
    r["monte_carlo"] = nullptr;
  r["shard"] = plan.shard + 1;
  r["shards"] = plan.shards;
  r["dataset"] = s.dataset;
  r["dataset_source"] = s.dataset_source;
  r["dataset_entries"] = s.dataset_entries;
  r["dataset_content_hash"] = s.dataset_content_hash;
  return r;
}

CoatShardSummary write_coat_shard(Session& session, const CoatRequest& q, const CoatShardOutput& o, std::ostream& out) {
  if (o.format != "csv" && o.format != "json")
    throw SettingError("{shard} and {output} write a coating search's candidates as csv or json (JSON Lines), not " +
                       o.format + "; the merge writes the other formats");
  if (!q.explain.empty())
    throw SettingError("{explain} explains a candidate of the whole search: give it to the merge's run, not to a shard");
  if (o.resume && o.file.empty()) throw SettingError("{resume} continues an {output} FILE");
  const CoatPlan plan = session.plan_coat(q);
  CoatShardSummary summary;
  summary.record = coat_record(plan, o.format);
  const bool csv = o.format == "csv";
  std::unique_ptr<RowFile> file;
  std::size_t from = 0;
  if (!o.file.empty()) {
    file = std::make_unique<RowFile>(o.file);  // locked until the run ends
    if (o.resume && !file->regular())
      throw SettingError("{resume} continues a regular file, and '" + SettingError::literal(o.file.string()) +
                         "' is not one");
    if (o.resume && !file->empty()) {
      from = resume_from(o, plan, summary.record);
      file->cut_partial_line();
    } else {
      file->truncate();
      if (file->regular()) write_screen_record(o.file, summary.record);
    }
  }
  const auto emit = [&](const std::string& text) {
    if (file) return file->write(text);
    out << text;
    if (!out) throw OutputError("cannot write the output: the stream refused it");
  };
  if (csv && (!file || file->empty())) emit(csv_header(plan.settings));
  summary.resumed = from > 0;
  const auto start = std::chrono::steady_clock::now();
  session.coat_candidates(plan, from, kCoatShardChunk, [&](const CoatOutcome& chunk) {
    std::string text;
    for (const auto& c : chunk.candidates) {
      text += row_text(candidate_row(c, chunk.sides, plan.settings.range.has_value()), csv);
      ++summary.candidates;
      summary.errors += !c.error.empty();
    }
    emit(text);
  });
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

std::string coat_shard_summary(const CoatShardSummary& s) {
  return "interphase: coat: shard " + s.record.at("shard").dump() + " of " + s.record.at("shards").dump() + ": " +
         std::to_string(s.candidates) + " candidates (" + std::to_string(s.candidates - s.errors) + " computed, " +
         std::to_string(s.errors) + " with an error) in " + fixed(s.seconds, 1) + " s" +
         (s.resumed ? " after resuming" : "") + "\n";
}

CoatShard read_coat_shard(const std::filesystem::path& file) {
  const std::string name = "shard " + in_quotes(file.string(), 1000);
  CoatShard out{name, read_output_record(file, "coat", kCoatRecordVersion), ""};
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw DataError(name + " cannot be read: " + std::strerror(errno));
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0 && (errno == EWOULDBLOCK || errno == EAGAIN)) {
    ::close(fd);
    throw DataError(name + " is still being written by a running coat (its file is locked); merge once every task "
                    "has ended");
  }
  ::close(fd);
  std::ifstream in(file, std::ios::binary);
  out.rows.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw DataError(name + " cannot be read");
  return out;
}

CoatResult merge_coat_shards(const std::vector<CoatShard>& shards) {
  if (shards.empty()) throw Error("no shards to merge");
  const CoatShard& first = shards.front();
  for (const auto& s : shards) {
    const auto differences = screen_record_differences(first.record, s.record, false);
    if (!differences.empty())
      throw DataError(first.name + " and " + s.name + " are not shards of one coating search: " +
                      joined_differences(differences));
  }
  const std::size_t n = first.record.at("shards").get<std::size_t>();
  std::map<std::size_t, const CoatShard*> by_shard;
  for (const auto& s : shards) {
    const std::size_t i = s.record.at("shard").get<std::size_t>();
    if (!by_shard.emplace(i, &s).second)
      throw DataError("shard " + std::to_string(i) + " of " + std::to_string(n) + " given twice: " + by_shard[i]->name +
                      " and " + s.name);
  }
  std::string missing;
  for (std::size_t i = 1; i <= n; ++i)
    if (!by_shard.count(i)) missing += (missing.empty() ? "" : ", ") + std::to_string(i);
  if (!missing.empty())
    throw DataError("shards " + missing + " of " + std::to_string(n) + " are missing (given: " +
                    std::to_string(shards.size()) + "); every shard is needed");
  CoatResult result;
  result.settings = record_settings(first.record);
  const auto formulas = first.record.at("candidate_formulas").get<std::vector<std::string>>();
  const bool csv = first.record.at("format") == "csv";
  const CoatSettings& s = result.settings;
  result.sides.push_back({s.electrolyte, "electrolyte", std::nullopt, std::nullopt});
  for (const auto& b : s.cathodes) result.sides.push_back({b, "cathode", std::nullopt, std::nullopt});
  const auto names = side_names(s.cathodes.size());
  for (const auto& [i, shard] : by_shard) {
    bool partial = false;
    const auto rows = parse_rows(shard->name, shard->rows, s, csv, &partial);
    const std::size_t begin = formulas.size() * (i - 1) / n, end = formulas.size() * i / n;
    if (partial)
      throw DataError(shard->name + " ends in the middle of a row: its task was interrupted; run it again (the same "
                      "command with --resume) to finish it");
    if (rows.size() < end - begin)
      throw DataError(shard->name + " is incomplete: " + std::to_string(rows.size()) + " of its " +
                      std::to_string(end - begin) + " candidates; its task has not finished (run it again with "
                      "--resume to finish it)");
    for (std::size_t k = 0; k < rows.size(); ++k)
      if (k >= end - begin || rows[k].at("coating") != formulas[begin + k])
        throw DataError(shard->name + ": row " + std::to_string(k + 1) + " is " + rows[k].at("coating").dump() +
                        ", its settings record says " + (k >= end - begin ? "nothing more" : formulas[begin + k]) +
                        ": the file is not that shard's output");
    for (const auto& row : rows) {
      result.candidates.push_back(row_candidate(row, s));
      for (std::size_t k = 0; k < names.size(); ++k) {
        if (!result.sides[k].window) result.sides[k].window = get_window(row, names[k] + "_");
        if (!result.sides[k].hold) result.sides[k].hold = get_hold(row, names[k] + "_");
      }
    }
  }
  for (auto& c : result.candidates) judge_coating(c, s.criteria, s.range);
  result.funnel = coat_funnel(result.candidates, s.criteria, s.range);
  rank_coatings(result.candidates);
  return result;
}

}  // namespace interphase
