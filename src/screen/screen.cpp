#include "interphase/screen/screen.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <condition_variable>
#include <exception>
#include <fstream>
#include <future>
#include <map>
#include <tuple>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "interphase/composition/element_set.hpp"
#include "interphase/error.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/grand/profile.hpp"
#include "interphase/hull/load.hpp"
#include "interphase/hull/stable_set.hpp"
#include "interphase/quote.hpp"

namespace interphase {
namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

/// Whether a material's window covers a range (none if it has no window).
std::optional<RangeHold> material_hold(const MaterialWindow& w, const VoltageRange& range) {
  if (!w.error.empty()) return std::nullopt;
  Window window;
  window.found = true;
  window.reduction = w.reduction;
  window.oxidation = w.oxidation;
  return range_hold(window, range);
}

/// A line of an @FILE list is one formula: text without control characters or
/// bytes that are not UTF-8 (they would reach the output as they are), and
/// without spaces or tabs inside (the formula parser would read "Li2O CoO" as
/// one formula, Li2CoO2); else DataError naming the list and the line.
void check_formula_line(const std::string& line, const std::string& argument, std::size_t number) {
  const std::string where = argument + " line " + std::to_string(number) + ": " + in_quotes(line, 40);
  if (const auto blank = line.find_first_of(" \t"); blank != std::string::npos)
    throw DataError(where + " holds " + (line[blank] == ' ' ? "a space" : "a tab") +
                    ": one formula per line (put each formula on a line of its own)");
  if (const std::size_t at = find_control_character(line); at != std::string::npos)
    throw DataError(where + " holds " + describe_control_character(line[at]) + ": a formula is printable text");
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t n = utf8_sequence_length(line, i);
    if (n == 0) throw DataError(where + " holds a byte that is not UTF-8: a formula is printable text");
    i += n;
  }
}

/// Bounds how far the workers may run ahead of the rows delivered (pairs).
constexpr std::size_t kWindowPairs = 2048;
/// Pairs computed before the thread that delivers them is woken (fewer at the
/// end, or once kDeliverAfter has passed since the last delivery, so that
/// progress and interruption stay prompt when pairs are slow): one wake-up
/// per pair would take a core from the workers thousands of times.
constexpr std::size_t kDeliverPairs = 32;
constexpr std::chrono::milliseconds kDeliverAfter{100};
static_assert(kDeliverPairs < kWindowPairs);

/// The elements some entry of the data set holds.
ElementSet elements_with_entries(const Database& db, std::int64_t dataset_id) {
  ElementSet present;
  for (const auto& chemsys : db.chemical_systems(dataset_id))
    for (int z : parse_chemsys(chemsys)) present.insert(z);
  return present;
}

}  // namespace

std::vector<Condition> parse_conditions(const std::string& text, int element) {
  std::vector<Condition> out;
  std::stringstream s(text);
  for (std::string token; std::getline(s, token, ',');) {
    token = trim(token);
    Condition c;
    if (token == "closed") {
      c.label = "closed";
    } else if (looks_like_voltage_range(token)) {
      c.range = parse_voltage_range(token, "condition '" + token + "' in {conditions}");
      c.range_element = element;
      c.label = c.range->label();
    } else {
      // A decimal number only (from_chars: no hexadecimal "0x3" as std::stod reads it), "+" allowed.
      const char* first = token.data() + (token.size() > 1 && token[0] == '+' && token[1] != '-');
      double v = 0;
      const auto [end, error] = std::from_chars(first, token.data() + token.size(), v);
      if (token.empty() || error == std::errc::invalid_argument || end != token.data() + token.size())
        throw SettingError("condition '" + SettingError::literal(token) +
                           "' in {conditions}: expected 'closed', a voltage in V or a range of voltages, e.g. closed,3,2.0-4.5");
      if (error == std::errc::result_out_of_range) v = std::copysign(HUGE_VAL, v);  // refused by check_voltage
      check_voltage(v, "condition '" + token + "' in {conditions}");
      v += 0.0;  // -0 is 0: the same condition ("0,-0" given twice)
      c.voltage = v;
      c.open = {{element, -v}};
      c.label = shortest_number(v);
    }
    for (const auto& other : out)
      if (other.label == c.label) throw SettingError("condition '" + SettingError::literal(token) + "' given twice in {conditions}");
    out.push_back(std::move(c));
  }
  if (out.empty()) throw SettingError("{conditions} is empty: expected e.g. closed,3,4.5");
  return out;
}

bool has_range(const std::vector<Condition>& conditions) {
  return std::any_of(conditions.begin(), conditions.end(), [](const Condition& c) { return c.range.has_value(); });
}

std::pair<std::size_t, std::size_t> parse_shard(const std::string& text) {
  unsigned long i = 0, n = 0;
  char slash = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%lu%c%lu%c", &i, &slash, &n, &extra) != 3 || slash != '/' || n == 0 || i == 0 || i > n ||
      n > 1000000)
    throw SettingError("{shard} '" + SettingError::literal(text) + "': expected I/N with 1 <= I <= N, e.g. 2/8 (the second of eight slices)");
  return {i - 1, n};
}

std::vector<std::string> expand_formula_arguments(const std::vector<std::string>& arguments, std::istream& in) {
  std::vector<std::string> out;
  for (const auto& argument : arguments) {
    if (argument.size() < 2 || argument.front() != '@') {
      out.push_back(argument);
      continue;
    }
    const std::string path = argument.substr(1);
    std::ifstream file;
    std::istream* source = &in;
    if (path != "-") {
      file.open(path);
      if (!file) throw DataError("cannot read the formulas of '" + path + "' (" + argument + "): no such readable file");
      source = &file;
    }
    std::size_t count = 0, number = 0;
    for (std::string line; std::getline(*source, line);) {
      if (++number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // a UTF-8 byte order mark
      if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
      line = trim(line);
      if (line.empty()) continue;
      check_formula_line(line, argument, number);
      out.push_back(line);
      ++count;
    }
    if (source->bad()) throw DataError("cannot read the formulas of '" + path + "'");
    if (count == 0) throw DataError(argument + ": no formulas (one per line expected)");
  }
  return out;
}

/// What the screen reads once and shares between its threads (read-only while running).
struct Screen::Data {
  std::filesystem::path db_path;
  std::int64_t dataset = 0;
  /// A stable entry, named on first use (once, from any thread).
  struct StablePhase {
    Entry entry;
    const StableSet::PhaseName& named() const {
      std::call_once(once, [this] { name = StableSet::PhaseName::of(entry); });
      return name;
    }

   private:
    mutable std::once_flag once;
    mutable StableSet::PhaseName name;
  };
  /// The data set's stable entries, grouped by chemical system (row order
  /// within one), in one array: shared by the sets made from them.
  struct StableIndex {
    std::unique_ptr<StablePhase[]> phases;
    std::vector<std::uint32_t> order;  // indices into phases, by chemical system
    std::unordered_map<ElementSet, std::pair<std::uint32_t, std::uint32_t>> systems;  // [begin, end) of order
  };
  std::shared_ptr<const StableIndex> stable;

  static std::shared_ptr<const StableIndex> index_of(std::vector<Entry> entries) {
    auto index = std::make_shared<StableIndex>();
    const std::size_t n = entries.size();
    std::vector<ElementSet> sets(n);
    index->phases = std::make_unique<StablePhase[]>(n);
    for (std::size_t i = 0; i < n; ++i) {
      sets[i] = ElementSet(entries[i].composition.elements());
      index->phases[i].entry = std::move(entries[i]);
    }
    index->order.resize(n);
    for (std::size_t i = 0; i < n; ++i) index->order[i] = static_cast<std::uint32_t>(i);
    std::sort(index->order.begin(), index->order.end(), [&](std::uint32_t p, std::uint32_t q) {
      return std::tuple(sets[p].lo(), sets[p].hi(), p) < std::tuple(sets[q].lo(), sets[q].hi(), q);
    });
    index->systems.reserve(n);
    for (std::uint32_t begin = 0, end = 0; begin < n; begin = end) {
      end = begin + 1;
      while (end < n && sets[index->order[end]] == sets[index->order[begin]]) ++end;
      index->systems.emplace(sets[index->order[begin]], std::make_pair(begin, end));
    }
    return index;
  }
  ElementSet present;                                          // elements some entry holds
  struct Material {
    std::optional<Composition> composition;
    std::string error;
    std::optional<Entry> lowest;
  };
  std::unordered_map<std::string, Material> materials;
  /// A material's window and the voltages of its element profile (in its own
  /// chemical system and the window element: the same voltages as in any
  /// larger system, since phases of other elements cannot decompose it).
  struct Profile {
    MaterialWindow window;
    std::optional<std::vector<double>> voltages;  ///< absent if the profile failed
  };
  mutable std::mutex profile_mutex;
  mutable std::unordered_map<std::string, Profile> profiles;  // by formula, computed once

  Profile profile_of(const std::string& formula, const Material& m, int z) const {
    {
      const std::lock_guard lock(profile_mutex);
      if (const auto it = profiles.find(formula); it != profiles.end()) return it->second;
    }
    Profile p;
    try {
      if (!m.composition) throw Error(m.error);
      std::vector<int> elements = m.composition->elements();
      elements.push_back(z);
      std::sort(elements.begin(), elements.end());
      elements.erase(std::unique(elements.begin(), elements.end()), elements.end());
      const std::vector<ProfileStep> steps = element_profile(*stable_set(elements), z, *m.composition);
      p.voltages.emplace();
      for (const ProfileStep& step : steps) p.voltages->push_back(step.voltage);
      const Window win = stability_window(steps);
      if (!win.found) throw Error("no window: it gives off " + std::string(element(z).symbol) + " at every voltage");
      p.window.reduction = win.reduction;
      p.window.oxidation = win.oxidation;
    } catch (const Error& e) {
      p.window.error = e.what();
    }
    const std::lock_guard lock(profile_mutex);
    return profiles.emplace(formula, p).first->second;
  }

  /// The stable set of some elements: their subsystems' stable entries in row order.
  std::shared_ptr<const StableSet> stable_set(const std::vector<int>& elements) const {
    const ElementSet outer(elements);
    std::vector<const StablePhase*> found;
    const auto add = [&](const std::pair<std::uint32_t, std::uint32_t>& range) {
      for (std::uint32_t k = range.first; k < range.second; ++k) found.push_back(&stable->phases[stable->order[k]]);
    };
    if (elements.size() <= 12) {
      const std::uint32_t n = static_cast<std::uint32_t>(elements.size());
      for (std::uint32_t subset = 1; subset < (std::uint32_t{1} << n); ++subset) {
        ElementSet s;
        for (std::uint32_t k = 0; k < n; ++k)
          if (subset & (std::uint32_t{1} << k)) s.insert(elements[k]);
        if (const auto it = stable->systems.find(s); it != stable->systems.end()) add(it->second);
      }
    } else {
      for (const auto& [s, range] : stable->systems)
        if (s.subset_of(outer)) add(range);
    }
    std::sort(found.begin(), found.end(),
              [](const StablePhase* p, const StablePhase* q) { return p->entry.key < q->entry.key; });
    std::vector<StableSet::PhaseRef> phases;
    phases.reserve(found.size());
    for (const StablePhase* p : found) phases.push_back({&p->entry, &p->named()});
    const auto path = db_path;
    const auto id = dataset;
    return std::make_shared<const StableSet>(std::move(phases), stable, elements, [path, id, elements] {
      return Database(path).entries_in_system(elements, id);
    });
  }
};

Screen::Screen(const Database& db, std::int64_t dataset_id, std::vector<std::string> as, std::vector<std::string> bs,
               ScreenOptions options)
    : data_(std::make_unique<Data>()), as_(std::move(as)), bs_(std::move(bs)), options_(std::move(options)) {
  if (as_.empty() || bs_.empty()) throw Error("a screen needs materials on both sides (A ... --against B ...)");
  if (options_.conditions.empty()) options_.conditions = parse_conditions("closed");
  if (options_.shards == 0 || options_.shard >= options_.shards)
    throw Error("shard " + std::to_string(options_.shard + 1) + " of " + std::to_string(options_.shards) + " does not exist");
  if (options_.uncertainty) entry_sigmas(options_.sigma);  // refuses a negative or non-finite sigma
  if (options_.monte_carlo) check_samples(options_.monte_carlo->samples);
  if (options_.monte_carlo && has_range(options_.conditions))
    throw SettingError("{samples} (Monte Carlo) takes closed and single voltages, not a range (its worst voltage moves "
                       "from sample to sample): " +
                       std::find_if(options_.conditions.begin(), options_.conditions.end(),
                                    [](const Condition& c) { return c.range.has_value(); })->label);
  if (!db.stability_current(dataset_id))
    throw DataError("the stored stability of the data set is not current; run `interphase stability` first");
  data_->db_path = db.path();
  data_->dataset = dataset_id;
  // The materials, parsed.
  std::vector<std::string> parsed;
  std::vector<Composition> compositions;
  for (const auto* side : {&as_, &bs_}) {
    for (const auto& formula : *side) {
      if (data_->materials.count(formula)) continue;
      Data::Material m;
      try {
        m.composition = Composition::parse(formula);
        parsed.push_back(formula);
        compositions.push_back(*m.composition);
      } catch (const Error& e) {
        m.error = e.what();
      }
      data_->materials.emplace(formula, std::move(m));
    }
  }
  // The elements some entry holds and the materials' lowest entries on a
  // second connection, while this one reads the stable entries.
  struct Found {
    ElementSet present;
    std::vector<std::optional<Entry>> lowest;
  };
  const auto second = [path = db.path(), dataset_id, &compositions] {
    const Database other(path, OpenMode::Existing);
    return Found{elements_with_entries(other, dataset_id), other.lowest_entries(dataset_id, compositions)};
  };
  auto reading = std::async(std::launch::async, second);
  std::vector<int> everything;
  for (int z = 1; z <= kNumElements; ++z) everything.push_back(z);
  data_->stable = Data::index_of(db.stable_entries_in_system(everything, dataset_id));
  std::vector<std::optional<Entry>> found;
  try {
    Found f = reading.get();
    data_->present = f.present;
    found = std::move(f.lowest);
  } catch (const Error&) {  // the file not readable a second time: this connection, each material's error its own
    data_->present = elements_with_entries(db, dataset_id);
    for (std::size_t i = 0; i < parsed.size(); ++i) {
      Data::Material& m = data_->materials.at(parsed[i]);
      try {
        m.lowest = db.lowest_entry(dataset_id, compositions[i]);
      } catch (const Error& e) {
        m.error = e.what();
        m.composition.reset();
      }
    }
    return;
  }
  for (std::size_t i = 0; i < parsed.size(); ++i) data_->materials.at(parsed[i]).lowest = std::move(found[i]);
}

Screen::~Screen() = default;

std::size_t Screen::total_rows() const { return as_.size() * bs_.size() * options_.conditions.size(); }

namespace {
std::size_t shard_begin(std::size_t pairs, std::size_t shard, std::size_t shards) { return pairs * shard / shards; }
}  // namespace

std::size_t Screen::first_row() const {
  return shard_begin(as_.size() * bs_.size(), options_.shard, options_.shards) * options_.conditions.size();
}

std::size_t Screen::end_row() const {
  return shard_begin(as_.size() * bs_.size(), options_.shard + 1, options_.shards) * options_.conditions.size();
}

std::vector<std::string> Screen::row_key(std::size_t index) const {
  const std::size_t conditions = options_.conditions.size();
  const std::size_t pair = index / conditions;
  return {as_[pair / bs_.size()], bs_[pair % bs_.size()], options_.conditions[index % conditions].label};
}

/// What the pairs of one job share (ScreenOptions::pairs_per_job).
struct Screen::Job {
  std::map<std::vector<int>, std::shared_ptr<const StableSet>> sets;  // by elements
  /// A range's worst voltage by (A, B without the range's element, condition).
  std::map<std::tuple<std::string, std::string, std::size_t>, double> worst_voltages;
};

std::vector<ScreenRow> Screen::pair_rows(std::size_t pair) const {
  Job job;
  return pair_rows(pair, job);
}

std::vector<ScreenRow> Screen::pair_rows(std::size_t pair, Job& job) const {
  const Data& d = *data_;
  const std::string& a = as_[pair / bs_.size()];
  const std::string& b = bs_[pair % bs_.size()];
  std::vector<ScreenRow> rows;
  for (std::size_t c = 0; c < options_.conditions.size(); ++c) {
    ScreenRow row;
    row.index = pair * options_.conditions.size() + c;
    row.a = a;
    row.b = b;
    row.condition = options_.conditions[c];
    row.condition_index = c;
    rows.push_back(std::move(row));
  }
  const auto fail_all = [&](const std::string& message) {
    for (auto& row : rows) row.error = message;
  };
  const Data::Material& ma = d.materials.at(a);
  const Data::Material& mb = d.materials.at(b);
  if (!ma.composition || !mb.composition) {
    fail_all(!ma.composition ? ma.error : mb.error);
  } else {
    std::string missing;
    for (const auto* c : {&*ma.composition, &*mb.composition})
      for (int z : c->elements()) {
        if (!d.present.contains(z) && missing.find(std::string(element(z).symbol) + " ") == std::string::npos)
          missing += std::string(element(z).symbol) + " ";
      }
    if (!missing.empty()) {
      missing.pop_back();
      fail_all("no entry of the data set holds " + missing + ": no reaction to compute");
    }
  }
  // Windows, and the element profiles a range condition's worst case needs.
  const bool ranges = has_range(options_.conditions);
  std::optional<Data::Profile> pa, pb;
  if (options_.windows || ranges) {
    pa = d.profile_of(a, ma, options_.window_element);
    pb = d.profile_of(b, mb, options_.window_element);
  }
  if (rows.front().error.empty()) {
    const std::vector<int> own = elements_of({*ma.composition, *mb.composition});
    auto& sets = job.sets;  // shared by the pair's conditions and the job's pairs
    std::map<std::vector<int>, std::shared_ptr<const UncertainSystem>> systems;  // the same, for Monte Carlo
    for (auto& row : rows) {
      try {
        std::vector<int> elements = own;
        for (const auto& [z, mu] : row.condition.open) elements.push_back(z);
        if (row.condition.range) elements.push_back(row.condition.range_element);
        std::sort(elements.begin(), elements.end());
        elements.erase(std::unique(elements.begin(), elements.end()), elements.end());
        auto& set = sets[elements];
        if (!set) set = d.stable_set(elements);
        ChemPots opened = row.condition.open;
        if (row.condition.range) opened[row.condition.range_element] = 0.0;
        for (const auto& [z, mu] : opened) {
          bool held = false;
          for (std::size_t i = 0; i < set->size() && !held; ++i) {
            const Composition& c = set->entry(i).composition;
            held = c.amounts().size() > 1 && c.amount(z) > 0;
          }
          if (!held)
            throw Error("open " + std::string(element(z).symbol) + ": no compound of " + set->chemsys() +
                        " holds it, so nothing would be open");
        }
        Reactant ra{a, *ma.composition, own_energy(*set, *ma.composition, ma.lowest), std::nullopt};
        Reactant rb{b, *mb.composition, own_energy(*set, *mb.composition, mb.lowest), std::nullopt};
        if (ra.own_energy) ra.own_entry = ma.lowest;
        if (rb.own_energy) rb.own_entry = mb.lowest;
        ReactionOptions reaction{options_.form, options_.source, row.condition.open};
        row.chemsys = set->chemsys();
        if (row.condition.range) {
          const int z = row.condition.range_element;
          // The reactants' profile voltages, computed once per material, when they are of the range's element.
          const bool known = z == options_.window_element && pa->voltages && pb->voltages;
          std::vector<double> profiles;
          if (known) {
            profiles = *pa->voltages;
            profiles.insert(profiles.end(), pb->voltages->begin(), pb->voltages->end());
          }
          // B's of the job that differ only in z: in the mutual form the energy per atom without z is
          // the same function of V, its lowest at the same voltage.
          const bool shared = options_.form == EnergyForm::Mutual && known && row.condition.range->from >= 0 &&
                              mb.composition->amounts().size() > 1;
          const auto key = std::make_tuple(
              a, shared ? without_elements(*mb.composition, {z}).reduced_formula() : std::string(), row.condition_index);
          const auto seen = shared ? job.worst_voltages.find(key) : job.worst_voltages.end();
          if (seen != job.worst_voltages.end()) {
            row.voltage = seen->second;
            reaction.open = {{z, -seen->second}};
            row.minimum = reaction_minimum(set, ra, rb, reaction);
          } else {
            const RangeMinimum worst = known ? range_minimum(set, ra, rb, z, *row.condition.range, reaction, profiles)
                                             : range_minimum(set, ra, rb, z, *row.condition.range, reaction);
            row.minimum = worst.minimum;
            row.voltage = worst.voltage;
            if (shared) job.worst_voltages.emplace(key, worst.voltage);
          }
          reaction.open = {{z, -*row.voltage}};  // the uncertainty below: the reaction at the worst voltage
          if (options_.uncertainty) {
            const InterfaceReaction r = react(set, ra, rb, reaction);
            row.energy_std_linear =
                energy_std_linear(sensitivities(*set, r, row.minimum->x, reaction), entry_sigmas(options_.sigma));
          }
          continue;
        }
        if (options_.uncertainty) {
          const InterfaceReaction r = react(set, ra, rb, reaction);
          row.minimum = r.minimum();
          row.energy_std_linear =
              energy_std_linear(sensitivities(*set, r, row.minimum->x, reaction), entry_sigmas(options_.sigma));
        } else {
          row.minimum = reaction_minimum(set, ra, rb, reaction);
        }
        if (options_.monte_carlo) {
          MonteCarloOptions mc = *options_.monte_carlo;
          mc.threads = 1;
          mc.sigma = options_.sigma;
          auto& system = systems[elements];
          if (!system) system = load_uncertain_system(Database(d.db_path), d.dataset, set, mc);
          row.monte_carlo = monte_carlo_minimum(*system, ra, rb, reaction, mc);
        }
      } catch (const Error& e) {
        row.error = e.what();
      }
    }
  }
  for (auto& row : rows) {
    if (!pa) break;
    if (options_.windows) {
      row.a_window = pa->window;
      row.b_window = pb->window;
    }
    if (row.condition.range && row.error.empty()) {
      row.a_hold = material_hold(pa->window, *row.condition.range);
      row.b_hold = material_hold(pb->window, *row.condition.range);
    }
  }
  return rows;
}

void Screen::run(const std::function<void(const ScreenRow&)>& sink, std::size_t from, const ScreenProgress& progress) {
  const std::size_t conditions = options_.conditions.size();
  const std::size_t begin_pair = first_row() / conditions, end_pair = end_row() / conditions;
  from = std::max(from, first_row());
  const std::size_t first_pair = std::min(end_pair, from / conditions);
  const std::size_t total = end_row() - first_row();
  std::size_t done = from - first_row();
  (void)begin_pair;

  std::mutex mutex;
  std::condition_variable ready, room;
  std::map<std::size_t, std::vector<ScreenRow>> results;
  std::size_t next_emit = first_pair;
  std::atomic<std::size_t> next_pair{first_pair};
  std::exception_ptr failure;
  bool stop = false;

  const std::size_t per_job = std::max<std::size_t>(1, options_.pairs_per_job);
  // Under the mutex: rows to deliver, the next pair's and enough more or the last.
  auto delivered = std::chrono::steady_clock::now();
  const auto deliverable = [&] {
    return results.count(next_emit) && (results.size() >= kDeliverPairs || next_pair.load() >= end_pair ||
                                        std::chrono::steady_clock::now() - delivered >= kDeliverAfter);
  };
  const auto work = [&] {
    for (;;) {
      const std::size_t first = next_pair.fetch_add(per_job);
      if (first >= end_pair) return;
      Job job;
      for (std::size_t pair = first; pair < std::min(end_pair, first + per_job); ++pair) {
        {
          std::unique_lock lock(mutex);
          room.wait(lock, [&] { return stop || pair < next_emit + kWindowPairs; });
          if (stop) return;
        }
        std::vector<ScreenRow> rows;
        try {
          rows = pair_rows(pair, job);
        } catch (...) {
          const std::lock_guard lock(mutex);
          if (!failure) failure = std::current_exception();
          stop = true;
          ready.notify_all();
          room.notify_all();
          return;
        }
        const std::lock_guard lock(mutex);
        results.emplace(pair, std::move(rows));
        if (deliverable()) ready.notify_all();
      }
    }
  };
  unsigned threads = options_.threads ? options_.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, end_pair - first_pair)));
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  try {
    while (next_emit < end_pair) {
      std::vector<std::vector<ScreenRow>> batch;  // the pairs from next_emit on that are done, in order
      {
        std::unique_lock lock(mutex);
        ready.wait(lock, [&] { return stop || deliverable(); });
        if (stop) break;
        for (auto it = results.find(next_emit); it != results.end() && it->first == next_emit + batch.size();
             it = results.erase(it))
          batch.push_back(std::move(it->second));
        delivered = std::chrono::steady_clock::now();
      }
      for (const auto& rows : batch)
        for (const auto& row : rows) {
          if (row.index < from) continue;
          sink(row);
          ++done;
          if (progress) progress(done, total);
        }
      {
        const std::lock_guard lock(mutex);
        next_emit += batch.size();
      }
      room.notify_all();
    }
  } catch (...) {
    {
      const std::lock_guard lock(mutex);
      stop = true;
    }
    room.notify_all();
    for (auto& t : pool) t.join();
    throw;
  }
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace interphase
