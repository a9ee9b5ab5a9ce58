#pragma once
// Parse printed reactions ("0.4286 A + B -> 2 C") into formula -> amount per side,
// so reactions can be compared whatever order their terms are printed in.
#include <map>
#include <sstream>
#include <string>
#include <utility>

namespace interphase::test {

using Side = std::map<std::string, double>;

inline Side parse_side(const std::string& text) {
  Side side;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(" + ", start);
    if (end == std::string::npos) end = text.size();
    std::string term = text.substr(start, end - start);
    double amount = 1.0;
    const auto space = term.find(' ');
    if (space != std::string::npos) {
      amount = std::stod(term.substr(0, space));
      term = term.substr(space + 1);
    }
    if (!term.empty()) side[term] += amount;
    start = end + 3;
  }
  return side;
}

inline std::pair<Side, Side> parse_reaction(const std::string& text) {
  const auto arrow = text.find(" -> ");
  if (arrow == std::string::npos) throw std::invalid_argument("no arrow in reaction '" + text + "'");
  return {parse_side(text.substr(0, arrow)), parse_side(text.substr(arrow + 4))};
}

}  // namespace interphase::test
