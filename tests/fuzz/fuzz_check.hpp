#pragma once
// What every fuzz target checks of an error message: one line of valid UTF-8
// without control characters (messages quote input escaped and cut short).
#include <cstdlib>
#include <string_view>

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

}  // namespace interphase::fuzz
