#include "interphase/serve/api.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "interphase/error.hpp"
#include "interphase/reaction/open.hpp"
#include "interphase/report/dataset_format.hpp"
#include "interphase/report/format.hpp"
#include "interphase/report/open_format.hpp"
#include "interphase/report/render.hpp"
#include "interphase/report/screen_output.hpp"
#include "interphase/serve/jobs.hpp"
#include "interphase/session/settings.hpp"

namespace interphase {

namespace {

/// A request's setting as the API names it: the Python module's keywords.
std::string api_name(const std::string& setting) {
  if (setting == "from") return "start";
  if (setting == "to") return "stop";
  if (setting == "as") return "a";
  if (setting == "bs") return "b";
  return setting;
}

std::string quoted(const std::string& text) { return "'" + SettingError::literal(text) + "'"; }

/// The values of a query by name, each name checked against those allowed.
class Values {
 public:
  Values(const Query& query, const std::string& endpoint, const std::set<std::string>& allowed) {
    for (const auto& [name, value] : query) {
      if (!allowed.count(name)) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        throw Error("/api/" + endpoint + " has no setting '" + SettingError::literal(name) + "' (it takes " + list + ")");
      }
      values_[name].push_back(value);
    }
  }
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  /// The one value of `name` ("" if absent); SettingError if it is given twice.
  std::string one(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end()) return "";
    if (it->second.size() > 1) throw SettingError("{" + name + "} is given " + std::to_string(it->second.size()) + " times");
    return it->second.front();
  }
  /// Every value of `name`, each split at commas unless `split` is false.
  std::vector<std::string> list(const std::string& name, bool split = true) const {
    std::vector<std::string> out;
    const auto it = values_.find(name);
    if (it == values_.end()) return out;
    for (const std::string& v : it->second) {
      if (!split) {
        out.push_back(v);
        continue;
      }
      std::stringstream in(v);
      for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    }
    return out;
  }
  std::optional<double> number(const std::string& name) const;

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

std::optional<double> Values::number(const std::string& name) const {
  if (!has(name)) return std::nullopt;
  return parse_setting_number(one(name), name);
}

/// A request's field from the query's value(s) of its name: a list's values
/// each split at commas, any other the one value given.
struct Assign {
  const Values& values;
  const std::set<std::string>& skip;  ///< names the endpoint converts itself

  template <class T>
  void operator()(const char* name, T& field) const {
    if (skip.count(name) || !values.has(name)) return;
    if constexpr (std::is_same_v<T, std::vector<std::string>> || std::is_same_v<T, std::vector<double>>)
      set_field(field, values.list(name), name);
    else
      set_field(field, values.one(name), name);
  }
};

/// The names a request's settings take (for_each_setting), with `extra` and without `blocked`.
template <class Q>
std::set<std::string> setting_names(std::set<std::string> extra, const std::set<std::string>& blocked) {
  Q q;
  for_each_setting(q, [&](const char* name, auto&) { extra.insert(name); });
  for (const auto& b : blocked) extra.erase(b);
  return extra;
}

/// The query with the API's names turned into the request's (start -> from).
Query renamed(const Query& query, const std::map<std::string, std::string>& names) {
  Query out = query;
  for (auto& [name, value] : out)
    if (const auto it = names.find(name); it != names.end()) name = it->second;
  return out;
}

const std::set<std::string> kServerSettings = {"threads", "shard", "shards"};

}  // namespace

// ------------------------------------------------------------------- Api

Api::Api(Session& session, ApiLimits limits)
    : session_(session), limits_(limits), screen_jobs_(std::make_unique<ScreenJobs>(session, jobs_, limits.max_jobs, limits.job_seconds)) {}
Api::~Api() = default;

const std::vector<std::string>& Api::endpoints() {
  static const std::vector<std::string> names = {"react", "react_svg", "sweep",  "map",  "window",  "decompose",
                                                 "hull",  "select",    "screen", "coat", "complete"};
  return names;
}

std::string Api::error_body(const std::string& message) {
  return nlohmann::ordered_json{{"error", message}}.dump() + "\n";
}

namespace {

struct Checks {
  const ApiLimits& limits;
  void formula(const std::string& f, const std::string& what) const {
    if (f.size() > limits.max_formula_length)
      throw Error(what + " '" + f.substr(0, 40) + "...' is longer than " + std::to_string(limits.max_formula_length) +
                  " characters, the limit of one formula");
  }
  void formulas(const std::vector<std::string>& fs, const std::string& what) const {
    if (fs.size() > limits.max_list)
      throw Error(what + ": " + std::to_string(fs.size()) + " formulas, more than the limit of " +
                  std::to_string(limits.max_list));
    for (const auto& f : fs) formula(f, what);
  }
  void samples(std::size_t n) const {
    if (n > limits.max_samples)
      throw SettingError("{samples} " + std::to_string(n) + " is more than the web app's limit of " +
                         std::to_string(limits.max_samples) + " (the command line takes more)");
  }
};

/// Open elements as react takes them: open, voltage, mu and gas.
OpenChempots open_of(const Values& v) {
  return open_chempots(v.list("open"), v.number("voltage"), v.list("mu"), v.list("gas", false));
}

}  // namespace

ApiResponse Api::handle(const std::string& endpoint, const Query& query) {
  const auto& names = endpoints();
  if (std::find(names.begin(), names.end(), endpoint) == names.end())
    return {404, error_body("no API endpoint /api/" + endpoint)};
  return answer([&]() -> ApiResponse {
    const std::string key = limits_.cache_bytes > 0 ? cache_key(endpoint, query) : "";
    std::string body;
    const std::string type = endpoint == "react_svg" ? "image/svg+xml" : "application/json";
    if (!key.empty() && cached(key, body)) return {200, std::move(body), type};
    body = run(endpoint, query);
    if (!key.empty()) remember(key, body);
    return {200, std::move(body), type};
  });
}

ApiResponse Api::answer(const std::function<ApiResponse()>& compute) {
  try {
    return compute();
  } catch (const SettingError& e) {
    return {400, error_body(e.spelled(api_name))};
  } catch (const StabilityNotStored& e) {
    return {503, error_body(e.what())};
  } catch (const DatabaseNotFound& e) {
    return {503, error_body(e.what())};
  } catch (const Error& e) {
    return {400, error_body(e.what())};
  } catch (const std::system_error& e) {
    if (e.code() == std::errc::resource_unavailable_try_again) return {503, error_body(e.what())};
    return {500, error_body(std::string("internal error: ") + e.what())};
  } catch (const std::exception& e) {
    return {500, error_body(std::string("internal error: ") + e.what())};
  }
}

namespace {

struct Endpoint {
  Session& session;
  const ApiLimits& limits;
  std::atomic<unsigned>& jobs;
  const Query& query;
  Checks check{limits};

  ReactResult react_result(const std::string& endpoint, const std::string& format) const {
    const Values v(query, endpoint, setting_names<ReactRequest>({"voltage", "mu", "gas"}, kServerSettings));
    ReactRequest q;
    for_each_setting(q, Assign{v, {"open"}});
    check.formula(q.a, "a"), check.formula(q.b, "b"), check.samples(q.uncertainty.samples);
    check_format(format, q);
    q.open = open_of(v);
    q.uncertainty.threads = limits.job_threads;
    std::optional<JobSlot> slot;
    if (q.uncertainty.samples > 0) slot.emplace(jobs, limits.max_jobs);
    return session.react(q);
  }

  std::string react() const {
    return render(react_result("react", "json"), "json");
  }

  /// The program's plot of the reaction (`react --format svg`): what the pair page downloads.
  std::string react_svg() const {
    return render(react_result("react_svg", "svg"), "svg");
  }

  std::string map() const {
    const Values v(renamed(query, {{"start", "from"}, {"stop", "to"}}), "map", setting_names<MapRequest>({}, kServerSettings));
    MapRequest q;
    for_each_setting(q, Assign{v, {}});
    check.formula(q.a, "a"), check.formula(q.b, "b");
    return render(session.map(q), "json");
  }

  std::string sweep() const {
    const Values v(renamed(query, {{"start", "from"}, {"stop", "to"}}), "sweep", setting_names<SweepRequest>({}, kServerSettings));
    SweepRequest q;
    for_each_setting(q, Assign{v, {}});
    check.formula(q.a, "a"), check.formula(q.b, "b"), check.samples(q.uncertainty.samples);
    q.uncertainty.threads = limits.job_threads;
    std::optional<JobSlot> slot;
    if (q.uncertainty.samples > 0) slot.emplace(jobs, limits.max_jobs);
    return render(session.sweep(q), "json");
  }

  std::string window() const {
    const Values v(query, "window", setting_names<WindowRequest>({}, {}));
    WindowRequest q;
    for_each_setting(q, Assign{v, {}});
    check.formula(q.formula, "formula");
    return render(session.window(q), "json");
  }

  std::string decompose() const {
    const Values v(query, "decompose", setting_names<DecomposeRequest>({}, {}));
    DecomposeRequest q;
    for_each_setting(q, Assign{v, {}});
    check.formula(q.formula, "formula");
    return render(session.decompose(q), "json");
  }

  std::string hull() const {
    const Values v(query, "hull", {"chemsys", "all"});
    HullRequest q{element_symbols(v.one("chemsys"), "chemsys")};
    for_each_setting(q, Assign{v, {"chemsys"}});
    return render(session.hull(q), "json");
  }

  std::string select() const {
    const Values v(query, "select", setting_names<SelectRequest>({"sort"}, kServerSettings));
    SelectRequest q;
    for_each_setting(q, Assign{v, {"with", "any", "without", "only"}});
    for (const auto& [name, field] : {std::pair{"with", &q.with}, {"any", &q.any}, {"without", &q.without}, {"only", &q.only}})
      if (v.has(name)) *field = element_symbols(v.one(name), name);
    if (v.has("sort")) {
      const std::string sort = v.one("sort");
      if (sort != "formula" && sort != "e_above_hull")
        throw SettingError("{sort} " + quoted(sort) + ": expected e_above_hull or formula");
      q.sort_by_formula = sort == "formula";
    }
    if (!q.limit || *q.limit > limits.max_select_rows) q.limit = limits.max_select_rows;
    std::ostringstream out;
    write_selection(out, session.select(q).entries, Format::Json);
    return out.str();
  }

  /// The screen the query asks for, checked against the limits.
  ScreenRequest screen_request() const {
    const std::set<std::string> extra = {"conditions", "voltage", "mu", "gas"};
    const Values v(renamed(query, {{"a", "as"}, {"b", "bs"}}), "screen", setting_names<ScreenRequest>(extra, kServerSettings));
    ScreenRequest q;
    for_each_setting(q, Assign{v, {"open"}});
    check.formulas(q.as, "a"), check.formulas(q.bs, "b"), check.samples(q.uncertainty.samples);
    set_screen_conditions(q, v.has("conditions") ? std::optional<std::string>(v.one("conditions")) : std::nullopt,
                          v.list("open"), v.number("voltage"), v.list("mu"), v.list("gas", false));
    const std::size_t rows = q.as.size() * q.bs.size() * std::max<std::size_t>(1, q.conditions.size());
    if (rows > limits.max_screen_rows)
      throw Error("a screen of " + std::to_string(rows) + " rows (pairs x conditions) is more than the web app's limit of " +
                  std::to_string(limits.max_screen_rows) + "; run it with `interphase screen`");
    q.threads = q.uncertainty.threads = limits.job_threads;
    return q;
  }

  std::string screen() const {
    const ScreenRequest q = screen_request();
    const JobSlot slot(jobs, limits.max_jobs);
    PreparedScreen prepared = session.screen(q);
    std::ostringstream out;
    write_screen(prepared, q, ScreenOutput{"json", {}, false}, out);
    return out.str();
  }

  std::string coat() const {
    const Values v(query, "coat", setting_names<CoatRequest>({}, kServerSettings));
    CoatRequest q;
    for_each_setting(q, Assign{v, {"with", "without"}});
    for (const auto& [name, field] : {std::pair{"with", &q.with}, {"without", &q.without}})
      if (v.has(name)) *field = element_symbols(v.one(name), name);
    check.formula(q.electrolyte, "electrolyte"), check.formulas(q.cathodes, "cathodes");
    check.formulas(q.candidates, "candidates"), check.samples(q.uncertainty.samples);
    q.threads = q.uncertainty.threads = limits.job_threads;
    const JobSlot slot(jobs, limits.max_jobs);
    return render(session.coat(q), "json");
  }
};

}  // namespace

std::string Api::run(const std::string& endpoint, const Query& query) {
  const Endpoint e{session_, limits_, jobs_, query};
  if (endpoint == "react") return e.react();
  if (endpoint == "react_svg") return e.react_svg();
  if (endpoint == "sweep") return e.sweep();
  if (endpoint == "map") return e.map();
  if (endpoint == "window") return e.window();
  if (endpoint == "decompose") return e.decompose();
  if (endpoint == "hull") return e.hull();
  if (endpoint == "select") return e.select();
  if (endpoint == "screen") return e.screen();
  if (endpoint == "coat") return e.coat();
  return complete(query);
}

ApiResponse Api::start_screen_job(const Query& query) {
  return answer([&]() -> ApiResponse {
    ScreenRequest q = Endpoint{session_, limits_, jobs_, query}.screen_request();
    session_.ready();  // 503 now, not in the job, when the stability is not stored
    const std::string id = screen_jobs_->start(std::move(q));
    return {202, *screen_jobs_->status(id)};
  });
}

ApiResponse Api::screen_job(const std::string& method, const std::string& id, bool rows) {
  std::optional<std::string> body = method == "DELETE" ? screen_jobs_->cancel(id)
                                    : rows             ? screen_jobs_->rows(id)
                                                       : screen_jobs_->status(id);
  if (!body) return {404, error_body("no screen job " + id + " (finished jobs are kept until 16 newer ones finish)")};
  return {200, std::move(*body), rows ? "application/x-ndjson" : "application/json"};
}

std::string Api::cache_key(const std::string& endpoint, const Query& query) {
  const std::string hash = session_.with_database([&](Database& db) {
    return db.resolve_dataset(session_.options().dataset).content_hash;
  });
  Query sorted = query;  // the same settings in another order are the same request
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::string key = hash + '\n' + endpoint;
  for (const auto& [name, value] : sorted) key += '\n' + name + '=' + value;
  return key;
}

bool Api::cached(const std::string& key, std::string& body) {
  const std::lock_guard lock(cache_.mutex);
  const auto it = cache_.index.find(key);
  if (it == cache_.index.end()) return false;
  cache_.entries.splice(cache_.entries.begin(), cache_.entries, it->second);
  body = it->second->second;
  return true;
}

void Api::remember(const std::string& key, const std::string& body) {
  const std::size_t size = key.size() + body.size();
  if (size > limits_.cache_bytes / 8) return;  // a large screen or select is not kept
  const std::lock_guard lock(cache_.mutex);
  if (cache_.index.count(key)) return;
  cache_.entries.emplace_front(key, body);
  cache_.index[key] = cache_.entries.begin();
  cache_.bytes += size;
  while (cache_.bytes > limits_.cache_bytes && !cache_.entries.empty()) {
    const auto& last = cache_.entries.back();
    cache_.bytes -= last.first.size() + last.second.size();
    cache_.index.erase(last.first);
    cache_.entries.pop_back();
  }
}

std::string Api::complete(const Query& query) {
  const Values v(query, "complete", {"prefix", "limit"});
  const std::string prefix = v.one("prefix");
  std::size_t limit = 20;
  if (v.has("limit")) set_field(limit, v.one("limit"), "limit");
  limit = std::min<std::size_t>(limit, 100);
  std::shared_ptr<const std::vector<std::string>> formulas;
  {
    const std::lock_guard lock(formulas_mutex_);
    if (!formulas_) {
      SelectRequest q;
      q.sort_by_formula = true;
      auto all = std::make_shared<std::vector<std::string>>();
      for (const SelectedEntry& e : session_.select(q).entries) all->push_back(e.reduced_formula);
      std::sort(all->begin(), all->end());
      formulas_ = std::move(all);
    }
    formulas = formulas_;
  }
  nlohmann::ordered_json names = nlohmann::ordered_json::array();
  if (!prefix.empty() && prefix.size() <= limits_.max_formula_length)
    for (auto it = std::lower_bound(formulas->begin(), formulas->end(), prefix);
         it != formulas->end() && it->compare(0, prefix.size(), prefix) == 0 && names.size() < limit; ++it)
      names.push_back(*it);
  return nlohmann::ordered_json{{"prefix", prefix}, {"formulas", names}}.dump() + "\n";
}

}  // namespace interphase
