#pragma once
// A tiny XML reader for tests of the SVG and HTML reports: it rejects what is
// not well-formed, and keeps elements, attributes and text for checks.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace interphase::test {

struct Element {
  std::string name;
  std::map<std::string, std::string> attrs;
  std::string text;                  // direct character data, entities decoded
  std::vector<std::size_t> children;
  /// Direct character data and children in document order: a child's index, or
  /// npos for the next piece of `pieces`.
  std::vector<std::size_t> content;
  std::vector<std::string> pieces;
};

struct Document {
  std::vector<Element> elements;  // [0] is the root

  std::vector<const Element*> with_class(const std::string& cls) const {
    std::vector<const Element*> out;
    for (const auto& e : elements) {
      const auto it = e.attrs.find("class");
      if (it != e.attrs.end() && it->second == cls) out.push_back(&e);
    }
    return out;
  }
  std::vector<const Element*> named(const std::string& name) const {
    std::vector<const Element*> out;
    for (const auto& e : elements)
      if (e.name == name) out.push_back(&e);
    return out;
  }
  /// All character data inside `e`, children included, in document order.
  std::string all_text(const Element& e) const {
    std::string out;
    std::size_t piece = 0;
    for (std::size_t c : e.content) out += c == std::string::npos ? e.pieces[piece++] : all_text(elements[c]);
    return out;
  }
};

/// The SVG elements the plots may use.
inline const std::set<std::string>& svg_plot_elements() {
  static const std::set<std::string> known{"svg", "rect", "line", "polyline", "polygon", "circle", "text", "tspan", "title", "g", "path",
                                             "defs", "linearGradient", "stop"};  // SVG 1.1 gradients
  return known;
}

/// Parses `s` as XML, throwing std::runtime_error on anything not well-formed:
/// unbalanced or crossed tags, bad attribute syntax, duplicate attributes, '<' or a
/// bare '&' in text or values, text or a second element outside the root, or an
/// element that is not one of `known`.
inline Document parse_xml(const std::string& s, const std::set<std::string>& known = svg_plot_elements()) {
  std::size_t i = 0;
  const auto fail = [&](const std::string& why) { throw std::runtime_error(why + " at offset " + std::to_string(i)); };
  const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  const auto skip_space = [&] { while (i < s.size() && space(s[i])) ++i; };
  const auto name = [&] {
    const std::size_t start = i;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == ':' || s[i] == '-' || s[i] == '.')) ++i;
    if (i == start || std::isdigit(static_cast<unsigned char>(s[start])) || s[start] == '-') fail("bad name");
    return s.substr(start, i - start);
  };
  const auto decode = [&](const std::string& raw) {
    std::string out;
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '<') fail("'<' in character data");
      if (raw[k] != '&') {
        out += raw[k];
        continue;
      }
      const std::size_t end = raw.find(';', k);
      if (end == std::string::npos) fail("unterminated entity");
      const std::string ent = raw.substr(k + 1, end - k - 1);
      static const std::map<std::string, char> named_entities{{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
      if (named_entities.count(ent)) out += named_entities.at(ent);
      else if (ent.size() > 1 && ent[0] == '#' && std::all_of(ent.begin() + 1, ent.end(), ::isdigit)) out += '?';
      else fail("unknown entity &" + ent + ";");
      k = end;
    }
    return out;
  };

  if (s.compare(0, 5, "<?xml") == 0) {
    i = s.find("?>");
    if (i == std::string::npos) fail("unterminated XML declaration");
    i += 2;
  }
  skip_space();
  if (s.compare(i, 9, "<!DOCTYPE") == 0) {
    i = s.find('>', i);
    if (i == std::string::npos) fail("unterminated DOCTYPE");
    ++i;
  }
  Document d;
  std::vector<std::size_t> open;
  bool root_closed = false;
  while (i < s.size()) {
    if (s[i] != '<') {
      const std::size_t end = std::min(s.find('<', i), s.size());
      const std::string raw = s.substr(i, end - i);
      if (open.empty()) {
        if (!std::all_of(raw.begin(), raw.end(), space)) fail("text outside the root element");
      } else {
        Element& parent = d.elements[open.back()];
        parent.pieces.push_back(decode(raw));
        parent.text += parent.pieces.back();
        parent.content.push_back(std::string::npos);
      }
      i = end;
      continue;
    }
    if (s.compare(i, 4, "<!--") == 0) {
      i = s.find("-->", i);
      if (i == std::string::npos) fail("unterminated comment");
      i += 3;
      continue;
    }
    if (s.compare(i, 2, "</") == 0) {
      i += 2;
      const std::string n = name();
      skip_space();
      if (i >= s.size() || s[i] != '>') fail("bad end tag");
      ++i;
      if (open.empty() || d.elements[open.back()].name != n) fail("end tag </" + n + "> does not match");
      open.pop_back();
      root_closed = open.empty();
      continue;
    }
    ++i;
    if (root_closed || (open.empty() && !d.elements.empty())) fail("a second root element");
    Element e;
    e.name = name();
    if (!known.count(e.name)) fail("unknown element <" + e.name + ">");
    bool self_closing = false;
    for (;;) {
      const std::size_t before = i;
      skip_space();
      if (i >= s.size()) fail("unterminated tag");
      if (s[i] == '>') { ++i; break; }
      if (s.compare(i, 2, "/>") == 0) { i += 2; self_closing = true; break; }
      if (i == before) fail("no space before an attribute");
      const std::string key = name();
      skip_space();
      if (i >= s.size() || s[i] != '=') fail("attribute without '='");
      ++i;
      skip_space();
      if (i >= s.size() || (s[i] != '"' && s[i] != '\'')) fail("unquoted attribute");
      const char quote = s[i++];
      const std::size_t end = s.find(quote, i);
      if (end == std::string::npos) fail("unterminated attribute value");
      if (e.attrs.count(key)) fail("duplicate attribute " + key);
      e.attrs[key] = decode(s.substr(i, end - i));
      i = end + 1;
    }
    const std::size_t index = d.elements.size();
    if (!open.empty()) {
      d.elements[open.back()].children.push_back(index);
      d.elements[open.back()].content.push_back(index);
    }
    d.elements.push_back(e);
    if (self_closing) root_closed = root_closed || open.empty();
    else open.push_back(index);
  }
  if (!open.empty()) fail("unclosed <" + d.elements[open.back()].name + ">");
  if (d.elements.empty()) fail("no root element");
  return d;
}

}  // namespace interphase::test
