#pragma once
/// \file render.hpp
/// Each result as the program writes it in a format: "text", "markdown"/"md",
/// "json" or "csv" (parse_format), or "svg" where the result has a plot. The
/// program and the web API render with these, so that an API answer equals the
/// command's output in the same format.
#include <string>

#include <nlohmann/json.hpp>

#include "interphase/session/requests.hpp"

namespace interphase {

std::string render(const ReactResult& result, const std::string& format);
std::string render(const SweepResult& result, const std::string& format);
/// A map's svg colours its regions by products, or by the energy if `color` is "energy".
std::string render(const MapResult& result, const std::string& format, const std::string& color = "products");
std::string render(const WindowResult& result, const std::string& format);
std::string render(const DecomposeResult& result, const std::string& format);
std::string render(const HullResult& result, const std::string& format);
std::string render(const CompareResult& result, const std::string& format);
/// A coating search also as "html" (coat_report).
std::string render(const CoatResult& result, const std::string& format);
/// `db info`: text or json.
std::string render(const InfoResult& result, const std::string& format);

/// Each result as the JSON document of its command's --format json (Python's
/// values are these documents).
nlohmann::ordered_json to_json(const SweepResult& result);
nlohmann::ordered_json to_json(const MapResult& result);
nlohmann::ordered_json to_json(const WindowResult& result);
nlohmann::ordered_json to_json(const CoatResult& result);
nlohmann::ordered_json to_json(const DecomposeResult& result);
nlohmann::ordered_json to_json(const HullResult& result);
nlohmann::ordered_json to_json(const StabilityResult& result);
nlohmann::ordered_json to_json(const SelectResult& result);
nlohmann::ordered_json to_json(const ImportResult& result);  ///< the data set imported
nlohmann::ordered_json to_json(const EntryChangeResult& result);
/// An entry or formula `key` asked of a phase diagram: {"stability": as
/// `decompose` has it, "e_above_hull": of the entry, or of its formula's lowest}.
nlohmann::ordered_json to_json(const std::string& key, const DiagramStability& answer);
/// A hull's entries by id: [reduced formula, {element: amount as written}].
nlohmann::ordered_json entries_json(const HullTable& table);

}  // namespace interphase
