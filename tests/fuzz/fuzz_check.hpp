#pragma once
// What every fuzz target checks of an error message: one line of valid UTF-8
// without control characters (messages quote input escaped and cut short);
// and of an entry a parser gives: within the limits every way into a data set
// applies (docs/errors.md "Limits"), stated here afresh.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "interphase/composition/composition.hpp"
#include "interphase/data/database.hpp"
#include "interphase/data/entry.hpp"
#include "interphase/quote.hpp"

namespace interphase::fuzz {

inline void check_message(std::string_view message) {
  if (message.empty() || message.size() > 4096) std::abort();
  for (std::size_t i = 0; i < message.size();) {
    const std::size_t n = utf8_sequence_length(message, i);
    if (n == 0) std::abort();  // not UTF-8
    if (n == 1 && (static_cast<unsigned char>(message[i]) < 0x20 || message[i] == 0x7F)) std::abort();
    i += n;
  }
}

/// An id without control characters, atoms, each amount within [the amount
/// tolerance, the formula limit], the largest at most the ratio limit times the
/// smallest, a finite formation energy within the default limit, and no element
/// below 0.
inline void check_entry(const Entry& e) {
  if (find_control_character(e.id) != std::string_view::npos) std::abort();
  const auto& amounts = e.composition.amounts();
  if (amounts.empty()) std::abort();
  double smallest = Composition::kMaxAmount, largest = 0;
  for (const auto& [z, amount] : amounts) {
    if (!(amount >= Composition::kAmountTolerance && amount <= Composition::kMaxAmount)) std::abort();
    smallest = std::min(smallest, amount);
    largest = std::max(largest, amount);
  }
  if (largest > Composition::kMaxAmountRatio * smallest) std::abort();
  if (!std::isfinite(e.e_form) || std::abs(e.e_form) > kDefaultMaxAbsEnergy) std::abort();
  if (amounts.size() == 1 && e.e_form < 0) std::abort();
}

}  // namespace interphase::fuzz
