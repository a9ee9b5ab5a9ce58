/// \file composition.cpp
/// Formula parsing and pymatgen-compatible formula printing.
///
/// The printing is a port of pymatgen 2022.11.7: Composition.formula,
/// get_reduced_formula_and_factor, reduce_formula (with its polyanion rule),
/// special_formulas and pymatgen.util.string.formula_double_format.
/// Element order is electronegativity_less: X, then symbol, elements without X
/// last. pymatgen's formula() breaks ties in X (C/Se, H/Ru/Pd, ...) and places
/// NaN-X elements by the order the elements were written in, which a
/// Composition does not keep; for input written in our order the output is identical.
#include "interphase/composition/composition.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <numeric>

#include "interphase/error.hpp"
#include "interphase/quote.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {
namespace {

constexpr double kTol = Composition::kAmountTolerance;

/// Python's repr() of a finite float: the shortest digits that round-trip, written
/// positionally for 1e-4 <= |v| < 1e16 (integers with ".0"), otherwise as "1e-05".
std::string python_repr(double v) {
  std::array<char, 64> buf{};
  const auto end = std::to_chars(buf.data(), buf.data() + buf.size(), v,
                                 std::chars_format::scientific).ptr;
  std::string s(buf.data(), end);  // "-d.ddde-XX"
  std::string sign;
  if (s.front() == '-') {
    sign = "-";
    s.erase(0, 1);
  }
  const auto e = s.find('e');
  const int exponent = std::atoi(s.c_str() + e + 1);
  std::string digits = s.substr(0, e);
  std::erase(digits, '.');
  const int decpt = exponent + 1;  // digits before the decimal point
  const int ndigits = static_cast<int>(digits.size());
  if (decpt <= -4 || decpt > 16) {
    std::string mantissa = digits.substr(0, 1);
    if (ndigits > 1) mantissa += "." + digits.substr(1);
    const std::string exp_digits = std::to_string(std::abs(exponent));
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") +
           (exp_digits.size() < 2 ? "0" : "") + exp_digits;
  }
  if (decpt <= 0) return sign + "0." + std::string(-decpt, '0') + digits;
  if (decpt >= ndigits) return sign + digits + std::string(decpt - ndigits, '0') + ".0";
  return sign + digits.substr(0, decpt) + "." + digits.substr(decpt);
}

/// Python's round(v, 8): v correctly rounded to 8 decimals (ties to even).
double round8(double v) {
  std::array<char, 512> buf{};
  const auto end = std::to_chars(buf.data(), buf.data() + buf.size(), v,
                                 std::chars_format::fixed, 8).ptr;
  double rounded = v;
  std::from_chars(buf.data(), end, rounded);
  return rounded;
}

/// pymatgen's formula_double_format: "" for 1 (if ignore_ones), the integer if
/// within tol::kFormulaDoubleFormatTol above int(v) (truncation: 1.999999999 is not an integer here, it
/// prints "2.0"), else Python's str(round(v, 8)).
std::string format_amount(double v, bool ignore_ones) {
  if (ignore_ones && v == 1.0) return "";
  const double truncated = std::trunc(v);
  if (std::abs(v - truncated) < tol::kFormulaDoubleFormatTol) {
    std::array<char, 512> buf{};
    const auto end = std::to_chars(buf.data(), buf.data() + buf.size(), truncated + 0.0,
                                   std::chars_format::fixed, 0).ptr;
    return std::string(buf.data(), end);
  }
  return python_repr(round8(v));
}

/// Element -> integer amount, the input of reduce_formula.
using IntAmounts = std::vector<std::pair<int, long long>>;

/// pymatgen's reduce_formula: divide by the gcd, order by electronegativity and,
/// when the two most electronegative elements differ in X by less than 1.65,
/// write them as a polyanion group "(PO4)2" unless that group's own factor is 1.
std::pair<std::string, long long> reduce_formula(IntAmounts amounts) {
  std::sort(amounts.begin(), amounts.end(),
            [](const auto& a, const auto& b) { return electronegativity_less(a.first, b.first); });
  long long factor = 0;
  for (const auto& [z, n] : amounts) factor = std::gcd(factor, n);
  for (auto& [z, n] : amounts) n /= factor;

  std::string polyanion;
  const std::size_t size = amounts.size();
  if (size >= 3 && element(amounts[size - 1].first).x - element(amounts[size - 2].first).x < 1.65) {
    const auto [poly_formula, poly_factor] = reduce_formula({amounts[size - 2], amounts[size - 1]});
    if (poly_factor != 1) {
      polyanion = "(" + poly_formula + ")" + std::to_string(poly_factor);
      amounts.resize(size - 2);
    }
  }
  std::string formula;
  for (const auto& [z, n] : amounts) {
    formula += element(z).symbol;
    if (n != 1) formula += std::to_string(n);
  }
  return {formula + polyanion, factor};
}

/// pymatgen's Composition.special_formulas: reduced formulas written per molecule.
std::string_view special_formula(std::string_view reduced) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kSpecial{{
      {"LiO", "Li2O2"}, {"NaO", "Na2O2"}, {"KO", "K2O2"}, {"HO", "H2O2"},
      {"CsO", "Cs2O2"}, {"RbO", "Rb2O2"}, {"O", "O2"}, {"N", "N2"},
      {"F", "F2"}, {"Cl", "Cl2"}, {"H", "H2"},
  }};
  for (const auto& [from, to] : kSpecial) {
    if (from == reduced) return to;
  }
  return {};
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

/// A number for a message, in shortest round-trip form.
std::string number_text(double v) {
  std::array<char, 32> buf{};
  const auto end = std::to_chars(buf.data(), buf.data() + buf.size(), v).ptr;
  return std::string(buf.data(), end);
}

/// Recursive-descent parser of
///   formula := group
///   group   := { (symbol | '(' group ')' | '[' group ']') [amount] }
///   symbol  := [A-Z][a-z]*          amount := digits ['.' digits] | '.' digits
/// with whitespace allowed between tokens. Brackets nest at most
/// Composition::kMaxNesting deep, so the recursion stays far from the stack's end.
class FormulaParser {
 public:
  explicit FormulaParser(std::string_view formula) : text_(formula) {}

  std::map<int, double> parse() {
    auto amounts = parse_group(0, '\0', 0);
    if (amounts.empty()) fail("empty formula");
    Composition::check_amount_limits(amounts, "formula " + in_quotes(text_));
    return amounts;
  }

 private:
  /// Parses up to the `closing` bracket (consumed) or, for '\0', the end of text.
  std::map<int, double> parse_group(std::size_t open_pos, char closing, int depth) {
    if (depth > Composition::kMaxNesting) {
      fail_at("brackets nested deeper than " + std::to_string(Composition::kMaxNesting) + " levels", open_pos);
    }
    std::map<int, double> amounts;
    for (;;) {
      skip_space();
      if (pos_ == text_.size()) {
        if (closing != '\0') fail_at("unclosed '" + std::string(1, text_[open_pos]) + "'", open_pos);
        return amounts;
      }
      const char c = text_[pos_];
      if (c == closing && closing != '\0') {  // a NUL inside the text is no end: it is refused below
        if (amounts.empty()) fail_at("empty brackets", open_pos);
        ++pos_;
        return amounts;
      }
      if (c == '(' || c == '[') {
        const std::size_t start = pos_++;
        const auto inner = parse_group(start, c == '(' ? ')' : ']', depth + 1);
        const double factor = parse_amount();
        for (const auto& [z, n] : inner) amounts[z] += n * factor;
      } else if (is_upper(c)) {
        const std::size_t start = pos_++;
        while (pos_ < text_.size() && is_lower(text_[pos_])) ++pos_;
        const std::string_view symbol = text_.substr(start, pos_ - start);
        const auto z = find_element(symbol);
        if (!z) {
          throw FormulaError("unknown element " + in_quotes(symbol) + " in formula " + in_quotes(text_));
        }
        amounts[*z] += parse_amount();
      } else {
        // A multi-byte character ("Li₂O") is named whole.
        const std::size_t n = std::max<std::size_t>(utf8_sequence_length(text_, pos_), 1);
        fail_at("unexpected " + in_quotes(text_.substr(pos_, n)), pos_);
      }
    }
  }

  /// An optional amount after a symbol or group; 1 if absent.
  double parse_amount() {
    skip_space();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
      if (pos_ - start == 1) fail_at("unexpected '.'", start);  // a lone '.'
    }
    if (pos_ == start) return 1.0;
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, value);
    if (ec != std::errc() || end != text_.data() + pos_ || !std::isfinite(value)) {
      fail_at("invalid amount", start);
    }
    if (value < kTol) fail_at("zero amount (leave the element or group out)", start);
    if (value > Composition::kMaxAmount) {
      fail_at("amount " + std::string(text_.substr(start, pos_ - start)) + " is above the limit of " +
                  number_text(Composition::kMaxAmount),
              start);
    }
    return value;
  }

  void skip_space() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw FormulaError("invalid formula " + in_quotes(text_) + ": " + what);
  }
  [[noreturn]] void fail_at(const std::string& what, std::size_t pos) const {
    fail(what + " at position " + std::to_string(pos));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

Composition::Composition(const std::map<int, double>& amounts) {
  for (const auto& [z, n] : amounts) {
    const ElementData& el = element(z);  // validates z
    if (!std::isfinite(n) || n <= -kTol) {
      std::array<char, 32> buf{};
      const auto end = std::to_chars(buf.data(), buf.data() + buf.size(), n).ptr;
      throw FormulaError("invalid amount " + std::string(buf.data(), end) + " of " +
                         std::string(el.symbol) + " in a composition");
    }
    if (n >= kTol) amounts_.emplace(z, n);
  }
}

Composition Composition::parse(std::string_view formula) {
  Composition result(FormulaParser(formula).parse());
  if (result.empty()) {
    throw FormulaError("invalid formula " + in_quotes(formula) + ": no atoms");
  }
  return result;
}

void Composition::check_amount_limits(const std::map<int, double>& amounts, const std::string& what) {
  const std::pair<const int, double>* smallest = nullptr;
  const std::pair<const int, double>* largest = nullptr;
  for (const auto& pair : amounts) {
    const auto refuse = [&](const std::string& problem) {
      throw FormulaError("invalid " + what + ": amount " + number_text(pair.second) + " of " +
                         std::string(element(pair.first).symbol) + " " + problem);
    };
    if (!std::isfinite(pair.second)) refuse("is not a finite number");
    if (pair.second > kMaxAmount) refuse("is above the limit of " + number_text(kMaxAmount));
    // Composition() would drop it, and the rest would pass for another composition.
    if (!(pair.second >= kTol))
      refuse(pair.second > 0 ? "is below the amount tolerance of " + number_text(kTol) + " (leave the element out)"
                             : "is not positive (leave the element out)");
    if (!smallest || pair.second < smallest->second) smallest = &pair;
    if (!largest || pair.second > largest->second) largest = &pair;
  }
  if (smallest && largest->second > kMaxAmountRatio * smallest->second) {
    throw FormulaError("invalid " + what + ": " + std::string(element(largest->first).symbol) + " " +
                       number_text(largest->second) + " is more than " + number_text(kMaxAmountRatio) +
                       " times " + std::string(element(smallest->first).symbol) + " " +
                       number_text(smallest->second) + "; atomic fractions that small lose their precision");
  }
}

double Composition::amount(int z) const {
  const auto it = amounts_.find(z);
  return it == amounts_.end() ? 0.0 : it->second;
}

std::vector<int> Composition::elements() const {
  std::vector<int> zs;
  zs.reserve(amounts_.size());
  for (const auto& [z, n] : amounts_) zs.push_back(z);
  return zs;
}

double Composition::num_atoms() const {
  double total = 0.0;
  for (const auto& [z, n] : amounts_) total += n;
  return total;
}

double Composition::atomic_fraction(int z) const {
  const double total = num_atoms();
  return total > 0.0 ? amount(z) / total : 0.0;
}

Composition Composition::fractional() const {
  const double total = num_atoms();
  return total > 0.0 ? *this * (1.0 / total) : *this;
}

double Composition::mass() const {
  double total = 0.0;
  for (const auto& [z, n] : amounts_) total += n * element(z).mass;
  return total;
}

std::string Composition::formula() const {
  std::vector<int> zs = elements();
  std::sort(zs.begin(), zs.end(), electronegativity_less);
  std::string result;
  for (const int z : zs) result += std::string(element(z).symbol) + format_amount(amount(z), false);
  return result;
}

std::string Composition::reduced_formula() const { return reduced_formula_and_factor().first; }

std::pair<std::string, double> Composition::reduced_formula_and_factor() const {
  IntAmounts integers;
  for (const auto& [z, n] : amounts_) {
    const double rounded = std::nearbyint(n);
    // Amounts beyond 1e18 (never chemical) are not reduced rather than overflow.
    if (std::abs(n - rounded) >= kTol || rounded > 1e18) return {formula(), 1.0};
    integers.emplace_back(z, static_cast<long long>(rounded));
  }
  if (integers.empty()) return {"", 0.0};
  auto [reduced, factor] = reduce_formula(std::move(integers));
  if (const auto special = special_formula(reduced); !special.empty()) {
    return {std::string(special), static_cast<double>(factor) / 2.0};
  }
  return {reduced, static_cast<double>(factor)};
}

std::string Composition::chemsys() const { return chemsys_string(elements()); }

Composition Composition::operator*(double factor) const {
  std::map<int, double> scaled;
  for (const auto& [z, n] : amounts_) scaled.emplace(z, n * factor);
  return Composition(scaled);
}

Composition Composition::operator+(const Composition& other) const {
  std::map<int, double> sum = amounts_;
  for (const auto& [z, n] : other.amounts_) sum[z] += n;
  return Composition(sum);
}

bool Composition::almost_equal(const Composition& other, double tol) const {
  return std::equal(amounts_.begin(), amounts_.end(), other.amounts_.begin(), other.amounts_.end(),
                    [tol](const auto& a, const auto& b) {
                      return a.first == b.first && std::abs(a.second - b.second) <= tol;
                    });
}

std::vector<int> parse_chemsys(std::string_view chemsys) {
  const auto fail = [&](const std::string& what) {
    throw FormulaError("invalid chemical system " + in_quotes(chemsys) + ": " + what);
  };
  std::vector<int> zs;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = std::min(chemsys.find_first_of("-,", start), chemsys.size());
    std::string_view part = chemsys.substr(start, end - start);
    while (!part.empty() && is_space(part.front())) part.remove_prefix(1);
    while (!part.empty() && is_space(part.back())) part.remove_suffix(1);
    if (part.empty()) fail("empty element at position " + std::to_string(start));
    const auto z = find_element(part);
    if (!z) {
      throw FormulaError("unknown element " + in_quotes(part) + " in chemical system " + in_quotes(chemsys));
    }
    zs.push_back(*z);
    if (end == chemsys.size()) break;
    start = end + 1;
  }
  std::sort(zs.begin(), zs.end());
  zs.erase(std::unique(zs.begin(), zs.end()), zs.end());
  return zs;
}

std::string chemsys_string(const std::vector<int>& elements) {
  std::vector<std::string_view> symbols;
  for (const int z : elements) symbols.push_back(element(z).symbol);
  std::sort(symbols.begin(), symbols.end());
  symbols.erase(std::unique(symbols.begin(), symbols.end()), symbols.end());
  std::string result;
  for (const auto symbol : symbols) {
    if (!result.empty()) result += '-';
    result += symbol;
  }
  return result;
}

}  // namespace interphase
