#pragma once
/// \file quote.hpp
/// Quoting user input inside error messages: always valid UTF-8, never raw
/// control characters, never more than a short excerpt.
#include <charconv>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace interphase {

/// Length in bytes of the valid UTF-8 sequence starting at `text[pos]`, or 0 if
/// the bytes there are not one (a stray continuation byte, an overlong form, a
/// surrogate, a truncated sequence or a code point above U+10FFFF).
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned min = 0;
  unsigned code = 0;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2, min = 0x80, code = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3, min = 0x800, code = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4, min = 0x10000, code = b0 & 0x07;
  } else {
    return 0;
  }
  if (pos + n > text.size()) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(pos + i) & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return n;
}

/// `text` made safe to print inside a message: valid UTF-8 characters (such as
/// the '₂' of "Li₂O") are kept whole; control characters and bytes that are not
/// UTF-8 are written as escapes (\n, \t, \r, \0, \xNN); a backslash is doubled.
/// Past `max_chars` printed characters the rest is cut and "..." added.
inline std::string printable(std::string_view text, std::size_t max_chars = 80) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    if (chars == max_chars) {
      out += "...";
      break;
    }
    ++chars;
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    const std::size_t n = utf8_sequence_length(text, pos);
    if (n > 1) {
      out.append(text.substr(pos, n));
      pos += n;
      continue;
    }
    ++pos;
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\0') {
      out += "\\0";
    } else if (c < 0x20 || c == 0x7F || n == 0) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02X", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

/// `text` in single quotes, made printable (see printable()).
inline std::string in_quotes(std::string_view text, std::size_t max_chars = 80) {
  std::string out = "'";  // appended, not summed: GCC 12 warns falsely (-Wrestrict) on "'" + std::string
  out += printable(text, max_chars);
  out += '\'';
  return out;
}

/// `value` in the fewest digits that read back as the same double ("0.1", "1e+300").
inline std::string shortest_number(double value) {
  char buffer[32];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

/// The first control character (below U+0020, or DEL) in `text`, or npos.
inline std::size_t find_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) return i;
  }
  return std::string_view::npos;
}

/// A control character for a message: "NUL (\0)", "byte 0x01".
inline std::string describe_control_character(char c) {
  if (c == '\0') return "a NUL byte";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "the control character 0x%02X", static_cast<unsigned char>(c));
  return buffer;
}

}  // namespace interphase
