#include "interphase/report/screen_record.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>

#include "interphase/error.hpp"
#include "interphase/quote.hpp"

namespace interphase {

namespace {

using nlohmann::ordered_json;

/// A value for a message: as JSON, a long list as its length.
std::string shown(const ordered_json& value) {
  const std::string text = value.dump();
  if (value.is_array() && text.size() > 60) return std::to_string(value.size()) + " formulas";
  return printable(text, 60);
}

}  // namespace

ordered_json screen_record(const ScreenRequest& q, const ScreenSettings& s, const std::string& format) {
  ordered_json r;
  r["interphase_screen_record"] = kScreenRecordVersion;
  r["format"] = format;
  r["a"] = q.as;
  r["b"] = q.bs;
  ordered_json conditions = ordered_json::array();
  for (const Condition& c : s.conditions) conditions.push_back(c.label);
  r["conditions"] = conditions;
  r["open"] = s.open;
  r["energy"] = to_string(s.form);
  r["reactant_energy"] = to_string(s.source);
  r["windows"] = s.windows;
  r["uncertainty"] = s.uncertainty;
  const bool samples = q.uncertainty.samples > 0;
  r["sigma"] = s.uncertainty || samples ? ordered_json(q.uncertainty.sigma) : ordered_json();
  r["samples"] = q.uncertainty.samples;
  r["seed"] = samples ? ordered_json(q.uncertainty.seed) : ordered_json();
  r["threshold"] = samples ? ordered_json(q.uncertainty.threshold) : ordered_json();
  r["shard"] = q.shard + 1;
  r["shards"] = q.shards;
  r["dataset"] = s.dataset;
  r["dataset_entries"] = s.dataset_entries;
  r["dataset_content_hash"] = s.dataset_content_hash;
  return r;
}

std::filesystem::path screen_record_path(const std::filesystem::path& output) {
  return std::filesystem::path(output.string() + ".settings.json");
}

ordered_json read_output_record(const std::filesystem::path& output, const std::string& kind, int version) {
  const std::filesystem::path path = screen_record_path(output);
  const std::string name = "the settings record " + in_quotes(path.string(), 1000);
  const std::string key = "interphase_" + kind + "_record";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(name + " is missing or cannot be read: " + std::strerror(errno));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ordered_json r;
  try {
    r = ordered_json::parse(text);
  } catch (const std::exception&) {
    throw DataError(name + " is not JSON");
  }
  if (!r.is_object() || !r.contains(key) || !r[key].is_number_integer())
    throw DataError(name + " is not a " + kind + "'s settings record");
  if (r[key].get<long long>() != version)
    throw DataError(name + " has layout " + r[key].dump() + ", this build reads " + std::to_string(version));
  return r;
}

ordered_json read_screen_record(const std::filesystem::path& output) {
  return read_output_record(output, "screen", kScreenRecordVersion);
}

void write_screen_record(const std::filesystem::path& output, const ordered_json& record) {
  const std::filesystem::path path = screen_record_path(output);
  const std::filesystem::path temp = path.string() + ".tmp-" + std::to_string(::getpid());
  const auto fail = [&](const std::string& why) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    return OutputError("cannot write the output's settings record " + in_quotes(path.string(), 1000) + ": " + why);
  };
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw fail(std::strerror(errno));
    out << record.dump(2) << "\n";
    out.flush();
    if (!out) throw fail(std::strerror(errno));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) throw fail(std::strerror(errno));
}

std::vector<std::string> screen_record_differences(const ordered_json& was, const ordered_json& now, bool same_shard) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  const auto compare = [&](const std::string& key) {
    if (!seen.insert(key).second || (!same_shard && key == "shard")) return;
    const ordered_json a = was.contains(key) ? was.at(key) : ordered_json(), b = now.contains(key) ? now.at(key) : ordered_json();
    if (a != b) out.push_back(key + ": " + shown(a) + " then, " + shown(b) + " now");
  };
  for (const auto& item : now.items()) compare(item.key());
  for (const auto& item : was.items()) compare(item.key());
  return out;
}

}  // namespace interphase
