// The coating search as a figure (a scatter of the reaction energies with the
// two sides, coloured by the window) and as a page around it.
#include "interphase/report/coat_plot.hpp"

#include "interphase/tolerances.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <sstream>
#include <tuple>

#include "interphase/report/coat_format.hpp"
#include "interphase/report/plot_style.hpp"
#include "interphase/report/svg.hpp"
#include "interphase/report/table.hpp"

namespace interphase {
namespace {

std::string n(double v) { return svg_number(v, 2); }
double text_width(const std::string& s, double font) { return plot::text_width(s, font, plot::Glyphs::DejaVu); }
double formula_width(const std::string& s, double font) { return plot::formula_width(s, font, plot::Glyphs::DejaVu); }
std::string num(double v) { return svg_number(v, 4); }

// ---------------------------------------------------------------- text with formulas

/// A piece of a line: plain text, or a formula whose numbers are subscripts.
struct Piece {
  std::string text;
  bool formula = false;
};

/// A line of plain text and formulas.
struct Rich {
  std::vector<Piece> pieces;
  Rich& t(const std::string& s) {
    pieces.push_back({s, false});
    return *this;
  }
  Rich& f(const std::string& s) {
    pieces.push_back({s, true});
    return *this;
  }
  Rich& add(const Rich& r) {
    pieces.insert(pieces.end(), r.pieces.begin(), r.pieces.end());
    return *this;
  }
};

double rich_width(const Rich& r, double font) {
  double w = 0;
  for (const auto& p : r.pieces) w += p.formula ? formula_width(p.text, font) : text_width(p.text, font);
  return w;
}

/// Text content: formulas with subscripts, and what follows a formula that
/// ends in a subscript raised back to the baseline. Spaces stay outside every
/// tspan (a renderer may drop a tspan's leading or trailing space).
std::string rich_markup(const Rich& r, double font) {
  const std::string raise = "<tspan dy=\"" + n(-0.28 * font) + "\">";
  std::string out;
  bool lowered = false;
  for (const auto& p : r.pieces) {
    const std::size_t a = p.text.find_first_not_of(' ');
    if (a == std::string::npos) {
      out += p.text;
      continue;
    }
    const std::size_t b = p.text.find_last_not_of(' ') + 1;
    const std::string core = p.text.substr(a, b - a);
    std::string markup = p.formula ? plot::formula_markup(core, font) : xml_escape(core);
    if (lowered) {  // the first run (plain text: a formula never starts with a subscript) raised
      const std::size_t tag = std::min(markup.find('<'), markup.size());
      markup = raise + markup.substr(0, tag) + "</tspan>" + markup.substr(tag);
    }
    out += p.text.substr(0, a) + markup + p.text.substr(b);
    const auto runs = p.formula ? plot::formula_runs(core) : std::vector<plot::FormulaRun>{};
    lowered = !runs.empty() && runs.back().subscript;
  }
  return out;
}

/// The pieces as one string (for tooltips and the page's plain text).
std::string rich_plain(const Rich& r) {
  std::string out;
  for (const auto& p : r.pieces) out += p.text;
  return out;
}

/// Lines of at most `width` px, broken at spaces (a formula is never broken).
std::vector<Rich> wrap(const Rich& r, double width, double font) {
  // Words: runs of pieces between spaces.
  std::vector<Rich> words(1);
  for (const auto& p : r.pieces) {
    if (p.formula) {
      words.back().f(p.text);
      continue;
    }
    std::size_t i = 0;
    while (i <= p.text.size()) {
      const std::size_t sp = std::min(p.text.find(' ', i), p.text.size());
      if (sp > i) words.back().t(p.text.substr(i, sp - i));
      if (sp < p.text.size() && !words.back().pieces.empty()) words.emplace_back();
      i = sp + 1;
    }
  }
  std::vector<Rich> lines;
  Rich line;
  for (const auto& w : words) {
    if (w.pieces.empty()) continue;
    if (!line.pieces.empty() && rich_width(line, font) + text_width(" ", font) + rich_width(w, font) > width) {
      lines.push_back(line);
      line = Rich{};
    }
    if (!line.pieces.empty()) line.t(" ");
    line.add(w);
  }
  if (!line.pieces.empty()) lines.push_back(line);
  return lines;
}

void text(std::string& out, double x, double y, const std::string& markup, const std::string& attrs) {
  out += "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" " + attrs + ">" + markup + "</text>\n";
}
void line(std::string& out, double x1, double y1, double x2, double y2, const std::string& style) {
  out += "<line x1=\"" + n(x1) + "\" y1=\"" + n(y1) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(y2) + "\" " + style + "/>\n";
}
void rect(std::string& out, double x0, double y0, double x1, double y1, const std::string& attrs) {
  out += "<rect x=\"" + n(x0) + "\" y=\"" + n(y0) + "\" width=\"" + n(x1 - x0) + "\" height=\"" + n(y1 - y0) + "\" " +
         attrs + "/>\n";
}

// ---------------------------------------------------------------- the data

/// How a candidate's window meets the criteria's (from the criteria it failed).
enum class Coverage { Covers, FailsReduction, FailsOxidation, FailsBoth, NoWindow };
/// Drawn in this order, the candidates of most interest last (on top).
constexpr std::array<Coverage, 5> kDrawOrder = {Coverage::NoWindow, Coverage::FailsBoth, Coverage::FailsOxidation,
                                                Coverage::FailsReduction, Coverage::Covers};
/// Okabe and Ito's colours, told apart with the common colour deficiencies.
std::string coverage_fill(Coverage c) {
  switch (c) {
    case Coverage::Covers: return "#009e73";
    case Coverage::FailsReduction: return "#0072b2";
    case Coverage::FailsOxidation: return "#e69f00";
    case Coverage::FailsBoth: return "#cc79a7";
    case Coverage::NoWindow: return "#9a9a9a";
  }
  return "#9a9a9a";
}

std::string coverage_label(Coverage c, const CoatSettings& s) {
  const std::string red = num(s.criteria.max_reduction), ox = num(s.min_oxidation);
  switch (c) {
    case Coverage::Covers: return "covers \u2264 " + red + " to \u2265 " + ox + " V";
    case Coverage::FailsReduction: return "reduction limit > " + red + " V";
    case Coverage::FailsOxidation: return "oxidation limit < " + ox + " V";
    case Coverage::FailsBoth: return "both limits out";
    case Coverage::NoWindow: return "no window";
  }
  return "";
}

Coverage coverage_of(const CoatCandidate& c) {
  if (!c.window || !c.window->error.empty()) return Coverage::NoWindow;
  const auto missed = [&](const char* criterion) { return std::find(c.failed.begin(), c.failed.end(), criterion) != c.failed.end(); };
  const bool red = missed(kCoatReduction), ox = missed(kCoatOxidation);
  return red && ox ? Coverage::FailsBoth : red ? Coverage::FailsReduction : ox ? Coverage::FailsOxidation : Coverage::Covers;
}

struct Point {
  const CoatCandidate* c = nullptr;
  std::size_t rank = 0;  // as shown: the candidate's rank, else its position
  double x = 0, y = 0;   // eV/atom or eV per non-Li atom
  Coverage coverage = Coverage::Covers;
  bool top = false;      // among the first ten of the ranking
};

constexpr std::size_t kLabelled = 10;

struct Scatter {
  bool range = false;
  std::vector<Point> points;  // in rank order
  std::size_t errors = 0;     // could not be computed
  std::size_t missing = 0;    // computed, but without a value on an axis
  std::size_t passing = 0;
  std::array<std::size_t, 5> counts{};  // by Coverage
};

Scatter gather(const CoatResult& r) {
  Scatter s;
  s.range = r.settings.range.has_value();
  for (std::size_t i = 0; i < r.candidates.size(); ++i) {
    const CoatCandidate& c = r.candidates[i];
    if (!c.error.empty()) {
      ++s.errors;
      continue;
    }
    const auto x = s.range ? c.energy_electrolyte_range() : c.energy_electrolyte();
    const auto y = s.range ? c.energy_cathode_range() : c.energy_cathode();
    if (!x || !y || !std::isfinite(*x) || !std::isfinite(*y)) {
      ++s.missing;
      continue;
    }
    Point p{&c, c.rank > 0 ? c.rank : i + 1, *x, *y, coverage_of(c), i < kLabelled};
    ++s.counts[static_cast<std::size_t>(p.coverage)];
    s.passing += c.passes;
    s.points.push_back(p);
  }
  return s;
}

// ---------------------------------------------------------------- layout

struct Area {
  double left = 0, top = 0, width = 0, height = 0;
  double right() const { return left + width; }
  double bottom() const { return top + height; }
};

struct Panel {
  Area area;
  SvgFrame frame;
  bool zoom = false;     // the second panel: the region around the passing corner
  bool labels = false;   // the top ten are labelled here
  double radius = 3;
  std::string heading;   // "(a) ...", empty with one panel
};

SvgAxis axis(double lo, double hi, double px_lo, double px_hi) {
  SvgAxis a;
  a.lo = lo, a.hi = hi, a.px_lo = px_lo, a.px_hi = px_hi;
  const double eps = tol::kPlotSlack * (hi - lo);
  for (double t : nice_ticks(lo, hi, 5))
    if (t >= lo - eps && t <= hi + eps) a.ticks.push_back(t);
  return a;
}

/// From the lowest of `values` and -limit to the highest and 0, with a margin.
std::pair<double, double> extent(const std::vector<double>& values, double limit) {
  double lo = -limit, hi = 0;
  for (double v : values) lo = std::min(lo, v), hi = std::max(hi, v);
  if (hi - lo < tol::kPlotSlack) lo = hi - 0.1;
  const double pad = 0.04 * (hi - lo);
  return {lo - pad, hi + pad};
}

constexpr double kLeft = 92, kTop = 92, kPlotHeight = 440, kGap = 112, kRightMargin = 28;

/// The panels; the last one widened so that the figure is at least `width` px wide.
std::vector<Panel> layout(const Scatter& s, double limit, double width) {
  std::vector<double> xs, ys;
  double top_lo = -limit;
  for (const auto& p : s.points) {
    xs.push_back(p.x), ys.push_back(p.y);
    if (p.top) top_lo = std::min({top_lo, p.x, p.y});
  }
  const auto [xlo, xhi] = extent(xs, limit);
  const auto [ylo, yhi] = extent(ys, limit);
  // The region around the corner and the top ten: their lowest energy and a
  // third more, down to a round number; the same on both axes.
  const double zlo = nice_ticks(1.3 * top_lo, 0, 4).front();
  double zx = 0, zy = 0;
  for (const auto& p : s.points) zx = std::max(zx, p.x), zy = std::max(zy, p.y);
  const double zpad = 0.04 * (std::max(zx, zy) - zlo);
  const bool zoom = !s.points.empty() && ((zx + zpad) - (zlo - zpad) < 0.4 * (xhi - xlo) ||
                                          (zy + zpad) - (zlo - zpad) < 0.4 * (yhi - ylo));
  std::vector<Panel> out;
  if (!zoom) {
    Panel p;
    p.area = {kLeft, kTop - 14, std::max(620.0, width - kLeft - kRightMargin), kPlotHeight};
    p.frame = {axis(xlo, xhi, p.area.left, p.area.right()), axis(ylo, yhi, p.area.bottom(), p.area.top)};
    p.labels = true;
    p.radius = s.points.size() > 400 ? 2.6 : s.points.size() > 60 ? 3.2 : 4.2;
    out.push_back(p);
    return out;
  }
  Panel a;
  a.area = {kLeft, kTop, 400, kPlotHeight};
  a.frame = {axis(xlo, xhi, a.area.left, a.area.right()), axis(ylo, yhi, a.area.bottom(), a.area.top)};
  a.radius = s.points.size() > 400 ? 2.3 : 3;
  a.heading = "(a) all " + std::to_string(s.points.size()) + " computed candidates";
  Panel b;
  b.area = {a.area.right() + kGap, kTop, 500, kPlotHeight};
  b.area.width = std::max(b.area.width, width - b.area.left - kRightMargin);
  b.frame = {axis(zlo - zpad, zx + zpad, b.area.left, b.area.right()), axis(zlo - zpad, zy + zpad, b.area.bottom(), b.area.top)};
  b.zoom = b.labels = true;
  b.radius = 3.6;
  b.heading = "(b) around the passing corner, the top ten labelled";
  out.push_back(a);
  out.push_back(b);
  return out;
}

bool inside(const SvgFrame& f, double x, double y) {
  const auto within = [](const SvgAxis& a, double v) { return v >= std::min(a.lo, a.hi) && v <= std::max(a.lo, a.hi); };
  return within(f.x, x) && within(f.y, y);
}

// ---------------------------------------------------------------- labels

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool overlaps(const Box& o, double margin) const {
    return x0 < o.x1 + margin && o.x0 < x1 + margin && y0 < o.y1 + margin && o.y0 < y1 + margin;
  }
  bool touches_circle(double cx, double cy, double r) const {
    const double dx = cx - std::clamp(cx, x0, x1), dy = cy - std::clamp(cy, y0, y1);
    return dx * dx + dy * dy < r * r;
  }
  /// Whether the segment from (ax, ay) to (bx, by) passes through the box (sampled every 2 px).
  bool crossed_by(double ax, double ay, double bx, double by) const {
    const int steps = std::max(2, static_cast<int>(std::hypot(bx - ax, by - ay) / 2));
    for (int i = 0; i <= steps; ++i) {
      const double t = static_cast<double>(i) / steps, x = ax + t * (bx - ax), y = ay + t * (by - ay);
      if (x > x0 && x < x1 && y > y0 && y < y1) return true;
    }
    return false;
  }
};

bool segments_cross(double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy) {
  const auto orient = [](double px, double py, double qx, double qy, double rx, double ry) {
    const double v = (qx - px) * (ry - py) - (qy - py) * (rx - px);
    return (v > 0) - (v < 0);
  };
  return orient(ax, ay, bx, by, cx, cy) * orient(ax, ay, bx, by, dx, dy) < 0 &&
         orient(cx, cy, dx, dy, ax, ay) * orient(cx, cy, dx, dy, bx, by) < 0;
}

/// Top points whose markers overlap (candidates that react with neither side
/// all sit at 0, 0), labelled together, one line each, at the first one.
using Group = std::vector<const Point*>;

struct Label {
  const Group* g = nullptr;
  double px = 0, py = 0;  // the point, in px
  Box box;
  bool leader = false;
  double lx0 = 0, ly0 = 0, lx1 = 0, ly1 = 0;  // the leader line
};

constexpr double kLabelFont = 11;

constexpr double kLabelLine = 1.4 * kLabelFont;

double label_width(const Group& g) {
  double w = 0;
  for (const Point* p : g)
    w = std::max(w, 1.1 * text_width(std::to_string(p->rank), kLabelFont) + text_width(" ", kLabelFont) +
                        formula_width(p->c->formula, kLabelFont));
  return w + 6;
}
double label_height(const Group& g) { return static_cast<double>(g.size()) * kLabelLine + 0.3 * kLabelFont; }

/// Where the labels of the top points go: each at one of many positions
/// around its point (on rings of growing radius; a leader line beyond the
/// first) that stays in the plot, clear of the other labels and of every
/// labelled point, with its leader crossing no label nor labelled point;
/// among those the one of least cost: its distance, plus for every other
/// point it covers, for every leader it crosses, and for lying nearer another
/// labelled point than its own (which would be read as that one's label).
class LabelPlacer {
 public:
  LabelPlacer(const std::vector<Group>& top, std::vector<std::pair<double, double>> others, const Panel& panel)
      : top_(top), others_(std::move(others)), panel_(panel), r_(panel.radius + 1) {
    for (const Group& g : top) marks_.emplace_back(panel.frame.x.to_px(g.front()->x), panel.frame.y.to_px(g.front()->y));
  }

  /// Greedy placements in several orders (rank, then by position across and
  /// up, each both ways), each refined (every label placed again against all
  /// the others, twice; two labels whose leaders cross placed again in the
  /// other order), and the one of least total cost.
  std::vector<Label> place() const {
    const std::size_t count = top_.size();
    std::vector<std::vector<std::size_t>> orders(1);
    for (std::size_t k = 0; k < count; ++k) orders[0].push_back(k);
    orders.push_back({orders[0].rbegin(), orders[0].rend()});
    for (int axis = 0; axis < 2; ++axis)
      for (int sign : {1, -1}) {
        std::vector<std::size_t> o = orders[0];
        std::stable_sort(o.begin(), o.end(), [&](std::size_t a, std::size_t b) {
          const double u = axis == 0 ? marks_[a].first : marks_[a].second, v = axis == 0 ? marks_[b].first : marks_[b].second;
          return sign * u < sign * v;
        });
        orders.push_back(o);
      }
    std::vector<Label> chosen;
    double least = std::numeric_limits<double>::infinity();
    for (const auto& order : orders) {
      std::vector<Label> labels = placed_in(order);
      const double total = total_cost(labels);
      if (total < least - tol::kPlotSlack) least = total, chosen = std::move(labels);
    }
    return chosen;
  }

 private:
  static constexpr double kOverPoint = 5, kCrossing = 80, kAmbiguousLeader = 60;

  std::vector<Label> placed_in(const std::vector<std::size_t>& order) const {
    std::vector<Label> labels(top_.size());
    std::vector<bool> placed(top_.size(), false);
    for (std::size_t k : order) {
      labels[k] = best(k, labels, placed).first;
      placed[k] = true;
    }
    for (int pass = 0; pass < 2; ++pass) {
      for (std::size_t k : order) {
        placed[k] = false;
        const double now = cost(k, labels[k], labels, placed);
        const auto [label, c] = best(k, labels, placed);
        if (c < now - tol::kPlotSlack) labels[k] = label;
        placed[k] = true;
      }
      for (std::size_t i = 0; i < top_.size(); ++i)
        for (std::size_t j = i + 1; j < top_.size(); ++j)
          if (crossing(labels[i], labels[j])) swap_order(i, j, labels, placed);
    }
    return labels;
  }

  /// Every label's cost against all the others (a label placed nowhere clear counts as very costly).
  double total_cost(const std::vector<Label>& labels) const {
    std::vector<bool> placed(labels.size(), true);
    double total = 0;
    for (std::size_t k = 0; k < labels.size(); ++k) {
      placed[k] = false;
      total += std::min(cost(k, labels[k], labels, placed), 1e6);
      placed[k] = true;
    }
    return total;
  }

  static bool crossing(const Label& a, const Label& b) {
    return a.leader && b.leader && segments_cross(a.px, a.py, a.lx1, a.ly1, b.lx0, b.ly0, b.lx1, b.ly1);
  }

  /// Labels i and j placed again, j first, if that costs less than where they are.
  void swap_order(std::size_t i, std::size_t j, std::vector<Label>& labels, std::vector<bool>& placed) const {
    placed[i] = placed[j] = false;
    const double now = cost(i, labels[i], labels, placed) + cost(j, labels[j], labels, placed) +
                       (crossing(labels[i], labels[j]) ? kCrossing : 0);
    std::vector<Label> trial = labels;
    trial[j] = best(j, trial, placed).first;
    placed[j] = true;
    const auto [li, ci] = best(i, trial, placed);
    trial[i] = li;
    placed[j] = false;
    const double then = cost(j, trial[j], trial, placed) + ci;
    if (then < now - tol::kPlotSlack) labels = std::move(trial);
    placed[i] = placed[j] = true;
  }

  Label candidate(std::size_t k, double gap, int step) const {
    const auto [px, py] = marks_[k];
    const double w = label_width(top_[k]), h = label_height(top_[k]), d = r_ + gap;
    const double angle = 0.3926990816987241 * step + 0.7853981633974483;  // from up-right, counterclockwise
    const double c = std::cos(angle), s = std::sin(angle), ax = px + d * c, ay = py - d * s;
    Label l;
    l.g = &top_[k], l.px = px, l.py = py;
    l.box.x0 = c > 0.38 ? ax : c < -0.38 ? ax - w : ax - w / 2;
    l.box.y0 = s > 0.38 ? ay - h : s < -0.38 ? ay : ay - h / 2;
    l.box.x1 = l.box.x0 + w, l.box.y1 = l.box.y0 + h;
    l.leader = gap > 5;
    l.lx1 = std::clamp(px, l.box.x0, l.box.x1), l.ly1 = std::clamp(py, l.box.y0, l.box.y1);
    const double len = std::hypot(l.lx1 - px, l.ly1 - py);  // the leader starts at the marker's edge
    l.lx0 = len > 0 ? px + (l.lx1 - px) * r_ / len : px, l.ly0 = len > 0 ? py + (l.ly1 - py) * r_ / len : py;
    return l;
  }

  /// The cost of `l` for point k among the placed labels; infinite where it may not go.
  double cost(std::size_t k, const Label& l, const std::vector<Label>& labels, const std::vector<bool>& placed) const {
    const Area& a = panel_.area;
    const Box& b = l.box;
    constexpr double kNever = std::numeric_limits<double>::infinity();
    if (b.x0 < a.left + 2 || b.x1 > a.right() - 2 || b.y0 < a.top + 2 || b.y1 > a.bottom() - 2) return kNever;
    const double px = l.px, py = l.py;
    const double reach = std::hypot(l.lx1 - px, l.ly1 - py);
    double c = reach + std::max(0.0, reach - 40);  // long leaders cost twice
    for (std::size_t j = 0; j < labels.size(); ++j) {
      if (!placed[j] || j == k) continue;
      if (b.overlaps(labels[j].box, 2) || (l.leader && labels[j].box.crossed_by(px, py, l.lx1, l.ly1))) return kNever;
      if (labels[j].leader && b.crossed_by(labels[j].lx0, labels[j].ly0, labels[j].lx1, labels[j].ly1)) return kNever;
      if (l.leader && labels[j].leader && segments_cross(px, py, l.lx1, l.ly1, labels[j].lx0, labels[j].ly0, labels[j].lx1, labels[j].ly1))
        c += kCrossing;
    }
    const double own = std::hypot(px - l.lx1, py - l.ly1);
    for (std::size_t j = 0; j < marks_.size(); ++j) {
      const auto [mx, my] = marks_[j];
      if (b.touches_circle(mx, my, r_ + 1)) return kNever;
      if (j == k) continue;
      if (l.leader && Box{mx - r_, my - r_, mx + r_, my + r_}.crossed_by(px, py, l.lx1, l.ly1)) return kNever;
      const double near = std::hypot(mx - std::clamp(mx, b.x0, b.x1), my - std::clamp(my, b.y0, b.y1));
      if (!l.leader && near < own + 8) return kNever;  // beside a point, a label must be nearer its own
      if (near < own + 6) c += kAmbiguousLeader;
    }
    for (const auto& [ox, oy] : others_) c += b.touches_circle(ox, oy, panel_.radius) ? kOverPoint : 0;
    return c;
  }

  std::pair<Label, double> best(std::size_t k, const std::vector<Label>& labels, const std::vector<bool>& placed) const {
    Label out;
    double least = std::numeric_limits<double>::infinity();
    for (double gap : {2.0, 7.0, 14.0, 23.0, 34.0, 47.0, 62.0, 80.0, 100.0, 124.0, 150.0, 180.0})
      for (int step = 0; step < 16; ++step) {
        const Label l = candidate(k, gap, step);
        const double c = cost(k, l, labels, placed);
        if (c < least) least = c, out = l;
      }
    if (!out.g) {  // nowhere clear: beside the point, overlapping what it must
      out = candidate(k, 2, 14);  // to the right
      if (out.box.x1 > panel_.area.right() - 2) out = candidate(k, 2, 6);
    }
    return {out, least};
  }

  const std::vector<Group>& top_;
  std::vector<std::pair<double, double>> others_;
  std::vector<std::pair<double, double>> marks_;
  const Panel& panel_;
  double r_;
};

// ---------------------------------------------------------------- drawing

struct Titles {
  Rich x, y;               // long forms
  Rich x_short, y_short;   // when the long ones do not fit
};

std::string range_text(const VoltageRange& r) { return num(r.from) + "\u2013" + num(r.to) + " V"; }

Titles axis_titles(const CoatSettings& s) {
  const std::string where = s.range ? " over " + range_text(*s.range) : ", closed";
  const std::string unit = s.range ? " (eV per non-Li atom)" : " (eV/atom)";
  Rich states;
  for (std::size_t i = 0; i < s.cathodes.size(); ++i) {
    if (i > 0) states.t(" / ");
    states.f(s.cathodes[i]);
  }
  const bool several = s.cathodes.size() > 1;
  Titles t;
  t.x.t("Minimum reaction energy with ").f(s.electrolyte).t(where + unit);
  t.x_short.t("E with ").f(s.electrolyte).t(where + unit);
  t.y.t(several ? "Worst minimum reaction energy with " : "Minimum reaction energy with ").add(states).t(where + unit);
  if (several && s.cathodes.size() <= 3)
    t.y_short.t("Worst E with ").add(states).t(where + unit);
  else
    t.y_short.t(several ? "Worst E over the " + std::to_string(s.cathodes.size()) + " cathode states" : "E with ")
        .add(several ? Rich{} : states)
        .t(where + unit);
  return t;
}

/// The font and text of an axis title `length` px long at most.
std::pair<double, const Rich*> fit_title(const Rich& full, const Rich& brief, double length) {
  for (const Rich* r : {&full, &brief})
    if (rich_width(*r, 12.5) <= length) return {12.5, r};
  return {std::max(9.0, 12.5 * length / rich_width(brief, 12.5)), &brief};
}

std::string point_title(const Point& p, bool range) {
  const CoatCandidate& c = *p.c;
  const std::string unit = range ? " eV per non-Li atom" : " eV/atom";
  std::string t = c.formula + " (rank " + std::to_string(p.rank) + (c.passes ? ", passes" : "") + ")";
  t += "\nwith the electrolyte: " + svg_number(p.x, 4) + unit;
  t += "\nworst with the cathode: " + svg_number(p.y, 4) + unit;
  if (const auto worst = c.worst_cathode(range); worst && *worst < c.cathodes.size())
    t += " (" + c.cathodes[*worst].formula + ")";
  if (c.window && c.window->error.empty())
    t += "\nwindow: " + (c.window->reduction ? fixed(*c.window->reduction, 2) : std::string("0")) + " to " +
         (c.window->oxidation ? fixed(*c.window->oxidation, 2) : std::string("no limit")) + " V";
  else
    t += "\nno window";
  if (c.e_above_hull) t += "\ne_above_hull: " + svg_number(*c.e_above_hull, 4) + " eV/atom";
  if (!c.failed.empty()) t += "\nfails: " + joined(c.failed, ", ");
  if (c.p_pass) t += "\np_pass: " + svg_number(*c.p_pass, 3);
  return t;
}

void draw_points(std::string& out, const Panel& panel, const Scatter& s) {
  const std::string cls = panel.zoom ? "point-zoom" : "point";
  const auto draw = [&](const Point& p, bool top) {
    const double x = panel.frame.x.to_px(p.x), y = panel.frame.y.to_px(p.y);
    out += "<circle class=\"" + cls + "\" cx=\"" + n(x) + "\" cy=\"" + n(y) + "\" r=\"" + n(panel.radius + (top ? 0.6 : 0)) +
           "\" fill=\"" + coverage_fill(p.coverage) + "\" fill-opacity=\"" + (top ? "1" : "0.8") + "\" stroke=\"" +
           (top ? "#1a1a1a" : "#ffffff") + "\" stroke-width=\"" + (top ? "1" : "0.4") + "\"><title>" +
           xml_escape(point_title(p, s.range)) + "</title></circle>\n";
  };
  const bool all_tops = panel.labels;  // where the labels are, the top ten are drawn over the rest
  for (Coverage c : kDrawOrder)
    for (auto it = s.points.rbegin(); it != s.points.rend(); ++it)
      if (it->coverage == c && !(all_tops && it->top) && inside(panel.frame, it->x, it->y)) draw(*it, false);
  if (all_tops)
    for (auto it = s.points.rbegin(); it != s.points.rend(); ++it)
      if (it->top && inside(panel.frame, it->x, it->y)) draw(*it, true);
}

void draw_labels(std::string& out, const Panel& panel, const Scatter& s) {
  std::vector<Group> top;
  std::vector<std::pair<double, double>> others;
  for (const auto& p : s.points) {
    if (!inside(panel.frame, p.x, p.y)) continue;
    const double x = panel.frame.x.to_px(p.x), y = panel.frame.y.to_px(p.y);
    if (!p.top) {
      others.emplace_back(x, y);
      continue;
    }
    const auto same = std::find_if(top.begin(), top.end(), [&](const Group& g) {
      return std::hypot(panel.frame.x.to_px(g.front()->x) - x, panel.frame.y.to_px(g.front()->y) - y) < 1.5 * panel.radius;
    });
    if (same != top.end()) same->push_back(&p);
    else top.push_back({&p});
  }
  const std::vector<Label> labels = LabelPlacer(top, std::move(others), panel).place();
  for (const auto& l : labels)
    if (l.leader) line(out, l.lx0, l.ly0, l.lx1, l.ly1, "class=\"leader\" stroke=\"#333333\" stroke-width=\"0.8\"");
  for (const auto& l : labels) {
    const Box& b = l.box;
    out += "<rect class=\"label-box\" x=\"" + n(b.x0) + "\" y=\"" + n(b.y0) + "\" width=\"" + n(b.x1 - b.x0) + "\" height=\"" +
           n(b.y1 - b.y0) + "\" rx=\"2\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>\n";
    for (std::size_t i = 0; i < l.g->size(); ++i) {
      const Point& p = *(*l.g)[i];
      text(out, b.x0 + 3, b.y0 + 1.05 * kLabelFont + static_cast<double>(i) * kLabelLine,
           "<tspan font-weight=\"bold\">" + std::to_string(p.rank) + "</tspan> " + plot::formula_markup(p.c->formula, kLabelFont),
           "class=\"top-label\" font-size=\"" + n(kLabelFont) + "\"");
    }
  }
}

/// The axis titles every panel shows: the forms and fonts that fit the smallest panel.
struct AxisTitles {
  double x_font = 12.5, y_font = 12.5;
  const Rich *x = nullptr, *y = nullptr;
};

AxisTitles fit_titles(const Titles& t, const std::vector<Panel>& panels) {
  double width = std::numeric_limits<double>::infinity(), height = width;
  for (const auto& p : panels) width = std::min(width, p.area.width), height = std::min(height, p.area.height);
  AxisTitles out;
  std::tie(out.x_font, out.x) = fit_title(t.x, t.x_short, width);
  std::tie(out.y_font, out.y) = fit_title(t.y, t.y_short, height);
  return out;
}

void draw_axes(std::string& out, const Panel& panel, const AxisTitles& titles) {
  const Area& a = panel.area;
  const SvgFrame& f = panel.frame;
  rect(out, a.left, a.top, a.right(), a.bottom(), "class=\"plot-frame\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"");
  const int dx = plot::tick_decimals(f.x.ticks), dy = plot::tick_decimals(f.y.ticks);
  for (double v : f.x.ticks) {
    line(out, f.x.to_px(v), a.bottom(), f.x.to_px(v), a.bottom() + 5, "stroke=\"#333333\"");
    text(out, f.x.to_px(v), a.bottom() + 18, svg_number(v, dx), "class=\"tick-x\" font-size=\"11\" text-anchor=\"middle\"");
  }
  for (double v : f.y.ticks) {
    line(out, a.left - 5, f.y.to_px(v), a.left, f.y.to_px(v), "stroke=\"#333333\"");
    text(out, a.left - 8, f.y.to_px(v) + 4, svg_number(v, dy), "class=\"tick-y\" font-size=\"11\" text-anchor=\"end\"");
  }
  text(out, a.left + a.width / 2, a.bottom() + 40, rich_markup(*titles.x, titles.x_font),
       "class=\"axis-title\" font-size=\"" + n(titles.x_font) + "\" text-anchor=\"middle\"");
  const double ty = a.top + a.height / 2, tx = a.left - 54;
  out += "<text x=\"" + n(tx) + "\" y=\"" + n(ty) + "\" transform=\"rotate(-90 " + n(tx) + " " + n(ty) +
         ")\" class=\"axis-title\" font-size=\"" + n(titles.y_font) + "\" text-anchor=\"middle\">" +
         rich_markup(*titles.y, titles.y_font) + "</text>\n";
  if (!panel.heading.empty())
    text(out, a.left, a.top - 10, xml_escape(panel.heading), "class=\"panel-title\" font-size=\"13\" font-weight=\"bold\"");
}

void draw_panel(std::string& out, const Panel& panel, const Panel* zoom, const Scatter& s, const CoatSettings& settings,
                const AxisTitles& titles) {
  const Area& a = panel.area;
  const SvgFrame& f = panel.frame;
  out += "<g class=\"panel\">\n";
  for (double v : f.x.ticks) line(out, f.x.to_px(v), a.top, f.x.to_px(v), a.bottom(), "stroke=\"#ececec\" stroke-width=\"1\"");
  for (double v : f.y.ticks) line(out, a.left, f.y.to_px(v), a.right(), f.y.to_px(v), "stroke=\"#ececec\" stroke-width=\"1\"");
  // The passing corner: both energies at least -max_reaction.
  const double limit = -settings.criteria.max_reaction;
  const double cx = std::clamp(f.x.to_px(limit), a.left, a.right()), cy = std::clamp(f.y.to_px(limit), a.top, a.bottom());
  rect(out, cx, a.top, a.right(), cy, "class=\"passing-corner\" fill=\"#d9efd3\" fill-opacity=\"0.75\"");
  const std::string edge = "class=\"corner-edge\" stroke=\"#3c8c3c\" stroke-width=\"1\" stroke-dasharray=\"5,3\"";
  line(out, cx, a.top, cx, cy, edge);
  line(out, cx, cy, a.right(), cy, edge);
  // No reaction at all: E = 0.
  if (f.x.lo < 0 && f.x.hi > 0) line(out, f.x.to_px(0), a.top, f.x.to_px(0), a.bottom(), "stroke=\"#b4b4b4\" stroke-width=\"0.8\"");
  if (f.y.lo < 0 && f.y.hi > 0) line(out, a.left, f.y.to_px(0), a.right(), f.y.to_px(0), "stroke=\"#b4b4b4\" stroke-width=\"0.8\"");
  draw_points(out, panel, s);
  if (zoom) {  // where the second panel looks
    const double x0 = f.x.to_px(zoom->frame.x.lo), x1 = f.x.to_px(zoom->frame.x.hi);
    const double y0 = f.y.to_px(zoom->frame.y.hi), y1 = f.y.to_px(zoom->frame.y.lo);
    rect(out, x0, y0, x1, y1, "class=\"zoom-box\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\" stroke-dasharray=\"3,2\"");
    text(out, x0 - 3, y1 + 12, "(b)", "font-size=\"11\" text-anchor=\"end\" fill=\"#333333\"");
  }
  if (panel.labels) draw_labels(out, panel, s);
  if (s.points.empty())
    text(out, a.left + a.width / 2, a.top + a.height / 2, "no candidate could be computed",
         "font-size=\"13\" font-style=\"italic\" text-anchor=\"middle\" fill=\"#555555\"");
  draw_axes(out, panel, titles);
  out += "</g>\n";
}

struct LegendItem {
  std::string swatch;  // markup at (0, 0), the swatch's centre
  std::string label;
};

std::vector<LegendItem> legend_items(const Scatter& s, const CoatSettings& settings) {
  std::vector<LegendItem> items;
  for (Coverage c : {Coverage::Covers, Coverage::FailsReduction, Coverage::FailsOxidation, Coverage::FailsBoth, Coverage::NoWindow}) {
    const std::size_t count = s.counts[static_cast<std::size_t>(c)];
    if (count == 0) continue;
    items.push_back({"<circle cx=\"0\" cy=\"0\" r=\"4.5\" fill=\"" + coverage_fill(c) + "\"/>",
                     coverage_label(c, settings) + " (" + std::to_string(count) + ")"});
  }
  items.push_back({"<rect x=\"-7\" y=\"-6\" width=\"14\" height=\"12\" fill=\"#d9efd3\" stroke=\"#3c8c3c\" stroke-dasharray=\"3,2\"/>",
                   "passing corner: both \u2265 \u2212" + num(settings.criteria.max_reaction)});
  return items;
}

/// The legend in rows from (x, y) no wider than `width`; returns the height used.
double draw_legend(std::string& out, const std::vector<LegendItem>& items, double x, double y, double width) {
  const double font = 11.5, row = 20;
  const std::string heading = "Li window:";
  text(out, x, y + 4, heading, "font-size=\"11.5\" font-weight=\"bold\"");
  double cx = x + text_width(heading, font) + 14, cy = y;
  for (const auto& item : items) {
    const double w = 18 + text_width(item.label, font) + 18;
    if (cx + w > x + width && cx > x + 100) cx = x + text_width(heading, font) + 14, cy += row;
    out += "<g class=\"legend-item\" transform=\"translate(" + n(cx + 6) + "," + n(cy) + ")\">" + item.swatch + "<text x=\"12\" y=\"4\" font-size=\"" +
           n(font) + "\">" + xml_escape(item.label) + "</text></g>\n";
    cx += w;
  }
  return cy - y + row;
}

Rich title_of(const CoatSettings& s) {
  Rich t;
  t.t("Coatings between the electrolyte ").f(s.electrolyte).t(s.cathodes.size() > 1 ? " and the cathode states " : " and the cathode ");
  for (std::size_t i = 0; i < s.cathodes.size(); ++i) {
    if (i > 0) t.t(", ");
    t.f(s.cathodes[i]);
  }
  return t;
}

std::vector<Rich> caption_notes(const CoatResult& r, const Scatter& s, bool zoomed) {
  const CoatSettings& st = r.settings;
  const std::string form = to_string(st.form);
  const CoatCriteria& c = st.criteria;
  std::vector<Rich> notes;
  Rich what;
  what.t("Each point is a candidate coating: across, its minimum " + form + " reaction energy with the electrolyte ").f(st.electrolyte);
  what.t(st.cathodes.size() > 1 ? "; up, the most negative of its minima with the cathode states " : "; up, its minimum with the cathode ");
  for (std::size_t i = 0; i < st.cathodes.size(); ++i) {
    if (i > 0) what.t(i + 1 == st.cathodes.size() ? " and " : ", ");
    what.f(st.cathodes[i]);
  }
  what.t(st.range ? "; each the worst over every mixing ratio and every voltage of " + range_text(*st.range) +
                        " with Li open, in eV per non-Li atom."
                  : "; each the lowest over every mixing ratio, closed (no element open), in eV/atom.");
  notes.push_back(what);
  notes.push_back(Rich{}.t("Shaded: the passing corner, both energies \u2265 \u2212" + num(c.max_reaction) +
                           (st.range ? " (the reaction criteria over the range; a candidate must also meet the closed ones, "
                                     : " (the reaction criteria; a candidate must also meet ") +
                           "e_above_hull \u2264 " + num(c.max_e_above_hull) + " eV/atom and the window). Colour: its Li window "
                           "against the criteria's, reduction limit \u2264 " + num(c.max_reduction) + " V and oxidation limit \u2265 " +
                           num(st.min_oxidation) + " V."));
  notes.push_back(Rich{}.t(std::string("Labelled") + (zoomed ? " in (b)" : "") +
                           ": the top ten of the ranking, by rank (passing candidates first, then the least reactive by "
                           "the most negative of all its minima" + (st.range ? ", closed and over the range" : "") + ")."));
  std::string source = "Candidates: " + st.candidates + ".";
  if (!st.dataset.empty())
    source += " Data set " + st.dataset + (st.dataset_entries > 0 ? " (" + std::to_string(st.dataset_entries) + " entries)" : "") + ".";
  if (s.errors > 0) {
    std::vector<std::string> names;
    for (const auto& cand : r.candidates)
      if (!cand.error.empty()) names.push_back(cand.formula);
    source += " Not shown: " + std::to_string(s.errors) + (s.errors == 1 ? " candidate" : " candidates") +
              " that could not be computed" + (names.size() <= 5 ? " (" + joined(names, ", ") + ")." : ".");
  }
  if (s.missing > 0)
    source += " Not shown: " + std::to_string(s.missing) + (s.missing == 1 ? " candidate" : " candidates") + " without an energy on an axis.";
  notes.push_back(Rich{}.t(source));
  return notes;
}

constexpr double kCaptionFont = 11, kCaptionLine = 15;

}  // namespace

// ---------------------------------------------------------------- the figure

std::string svg_coat(const CoatResult& result) {
  const CoatSettings& st = result.settings;
  const Scatter s = gather(result);
  const Rich title = title_of(st);
  Rich subtitle;
  subtitle.t(to_string(st.form) + " reaction energies, " +
             (st.range ? "with Li open over " + range_text(*st.range) + " (the worst voltage)" : std::string("closed")));
  if (!st.dataset.empty()) subtitle.t("; data set " + st.dataset);
  subtitle.t("; " + std::to_string(result.candidates.size()) + " candidates, " + std::to_string(s.passing) + " pass every criterion");
  const std::vector<Panel> panels =
      layout(s, st.criteria.max_reaction, std::ceil(std::max({760.0, 1.1 * rich_width(title, 16) + 36, rich_width(subtitle, 12) + 36})));
  const Titles forms = axis_titles(st);
  const AxisTitles titles = fit_titles(forms, panels);  // points into `forms`
  const double width = std::ceil(panels.back().area.right() + kRightMargin);
  const double bottom = panels.front().area.bottom();
  std::string legend;
  const double legend_h = draw_legend(legend, legend_items(s, st), 16, bottom + 66, width - 32);
  std::vector<Rich> caption;
  for (const auto& note : caption_notes(result, s, panels.size() > 1))
    for (auto& l : wrap(note, width - 32, kCaptionFont)) caption.push_back(std::move(l));
  const double caption_top = bottom + 66 + legend_h;
  const double height = std::ceil(caption_top + static_cast<double>(caption.size()) * kCaptionLine + 10);

  std::string out = svg_open(width, height);
  text(out, 16, 28, rich_markup(title, 16), "class=\"title\" font-size=\"16\" font-weight=\"bold\"");
  text(out, 16, 47, rich_markup(subtitle, 12), "class=\"subtitle\" font-size=\"12\" fill=\"#444444\"");
  for (std::size_t i = 0; i < panels.size(); ++i)
    draw_panel(out, panels[i], i == 0 && panels.size() > 1 ? &panels[1] : nullptr, s, st, titles);
  out += legend;
  for (std::size_t i = 0; i < caption.size(); ++i)
    text(out, 16, caption_top + 11 + static_cast<double>(i) * kCaptionLine, rich_markup(caption[i], kCaptionFont),
         "class=\"note\" font-size=\"" + n(kCaptionFont) + "\" fill=\"#333333\"");
  return out + "</svg>\n";
}

// ---------------------------------------------------------------- the page

namespace {

std::string html_formula(const std::string& formula) {
  std::string out;
  for (const auto& r : plot::formula_runs(formula))
    out += r.subscript ? "<sub>" + xml_escape(r.text) + "</sub>" : xml_escape(r.text);
  return out;
}

std::string html_rich(const Rich& r) {
  std::string out;
  for (const auto& p : r.pieces) out += p.formula ? html_formula(p.text) : xml_escape(p.text);
  return out;
}

std::string window_words(const std::optional<MaterialWindow>& w) {
  if (!w) return "-";
  if (!w->error.empty()) return "none (" + w->error + ")";
  return (w->reduction ? fixed(*w->reduction, 3) : std::string("0")) + " to " +
         (w->oxidation ? fixed(*w->oxidation, 3) : std::string("no limit")) + " V";
}

/// A column of the page's ranked table: the typed table's column shown, and the one it sorts by.
struct HtmlColumn {
  std::string column, label;
  int digits = 4;
  std::string sort_by;  // empty: the column itself
};

std::vector<HtmlColumn> html_columns(bool range, bool monte_carlo) {
  std::vector<HtmlColumn> v = {{"rank", "rank", 0, ""},
                               {"coating", "coating", 0, ""},
                               {"passes", "passes", 0, ""},
                               {"failed_shown", "failed", 0, ""},
                               {"e_above_hull", "e_above_hull (eV/atom)", 4, ""},
                               {"window", "window (V)", 2, "window_red"},
                               {"li_fraction", "Li fraction", 3, ""},
                               {"energy_electrolyte", "E electrolyte (eV/atom)", 4, ""}};
  if (range) v.push_back({"energy_electrolyte_range", "E electrolyte, range (eV/non-Li atom)", 4, ""});
  v.push_back({"energy_cathode", "E cathode (eV/atom)", 4, ""});
  if (range) v.push_back({"energy_cathode_range", "E cathode, range (eV/non-Li atom)", 4, ""});
  if (monte_carlo) v.push_back({"p_pass", "p_pass", 3, ""});
  return v;
}

/// The sort key of a cell: a number in full, "1"/"0", the text, or empty for none.
std::string sort_key(const Cell& cell) {
  if (const auto* d = std::get_if<double>(&cell)) return full_precision(*d);
  if (const auto* b = std::get_if<bool>(&cell)) return *b ? "1" : "0";
  if (std::holds_alternative<std::monostate>(cell)) return "";
  return text_cell(cell, 6);
}

std::string ranked_table(const CoatResult& r) {
  const Table t = coat_table(r);
  const auto columns = html_columns(r.settings.range.has_value(), r.settings.monte_carlo.has_value());
  std::string out = "<table class=\"ranked sortable\">\n<thead><tr>";
  for (const auto& c : columns) {
    const Column& col = t.columns.at(t.index(c.sort_by.empty() ? c.column : c.sort_by));
    const bool numeric = col.type == CellType::Number || col.type == CellType::Boolean;
    out += std::string("<th") + (numeric ? " class=\"num\"" : "") + " title=\"" + xml_escape(col.description) + "\">" +
           xml_escape(c.label) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const CoatCandidate& cand = r.candidates[i];
    const char* cls = !cand.error.empty() ? " class=\"error\"" : cand.passes ? " class=\"pass\"" : "";
    out += std::string("<tr") + cls + " data-rank=\"" + std::to_string(i) + "\">";
    for (const auto& c : columns) {
      const Cell& cell = t.at(i, c.column);
      const Cell& key = t.at(i, c.sort_by.empty() ? c.column : c.sort_by);
      const bool number = std::holds_alternative<double>(cell);
      const char* td_class = number ? " class=\"num\"" : c.column == "window" ? " class=\"window\"" : "";
      std::string shown = c.column == "coating" ? html_formula(cand.formula) : xml_escape(text_cell(cell, c.digits, "-"));
      out += std::string("<td") + td_class + " data-sort=\"" + xml_escape(sort_key(key)) + "\">" + shown + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

// The table sorter. No '<' or '&' in it, so that the page is also well-formed XML.
constexpr const char* kSortScript = R"JS(
(function () {
  var tables = document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      th.addEventListener('click', function () {
        var up = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
        var numeric = th.classList.contains('num');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute('data-sort'), y = b.cells[col].getAttribute('data-sort');
          var byRank = Number(a.getAttribute('data-rank')) - Number(b.getAttribute('data-rank'));
          if (x === y) return byRank;
          if (x === '') return 1;  // no value: last, either way
          if (y === '') return -1;
          var d = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          if (d === 0) return byRank;
          return up ? d : -d;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
)JS";

}  // namespace

std::string html_coat(const CoatResult& result) {
  const CoatSettings& st = result.settings;
  const Rich title = title_of(st);
  std::string out =
      html_page_start(rich_plain(title)) +
      "table.sortable th { cursor: pointer; user-select: none; }\n"
      "table.sortable th[aria-sort=\"ascending\"]::after { content: \" \\25B2\"; }\n"
      "table.sortable th[aria-sort=\"descending\"]::after { content: \" \\25BC\"; }\n"
      "td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
      "td.num, td.window { white-space: nowrap; }\n"
      "tr.pass td { background: #eaf6e6; } tr.error td { color: #a01010; }\n"
      "pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; }\n"
      "</style>\n</head>\n<body>\n<h1>" +
      html_rich(title) + "</h1>\n<dl class=\"settings\">\n";
  const auto item = [&](const std::string& key, const std::string& value_html) {
    out += "<dt>" + xml_escape(key) + "</dt><dd>" + value_html + "</dd>\n";
  };
  for (const auto& side : result.sides) {
    std::string v = html_formula(side.formula) + "; window " + xml_escape(window_words(side.window));
    if (side.hold && !side.hold->holds) {
      v += "; decomposes by itself in the range";
      if (side.hold->reduced_below) v += " below " + fixed(*side.hold->reduced_below, 2) + " V";
      if (side.hold->reduced_below && side.hold->oxidized_above) v += " and";
      if (side.hold->oxidized_above) v += " above " + fixed(*side.hold->oxidized_above, 2) + " V";
    }
    item(side.role, v);
  }
  if (result.sides.empty()) {
    item("electrolyte", html_formula(st.electrolyte));
    item("cathode states", xml_escape(joined(st.cathodes, ", ")));
  }
  item("range", st.range ? xml_escape(range_text(*st.range) + " vs Li/Li+, Li open (the worst voltage)") : "none (closed only)");
  item("energy", xml_escape(to_string(st.form) + " reaction energies: eV/atom closed, eV per non-Li atom over the range"));
  item("candidates", xml_escape(st.candidates));
  item("criteria", xml_escape("e_above_hull \u2264 " + num(st.criteria.max_e_above_hull) + " eV/atom; window reduction limit \u2264 " +
                              num(st.criteria.max_reduction) + " V, oxidation limit \u2265 " + num(st.min_oxidation) +
                              " V; every minimum reaction energy \u2265 \u2212" + num(st.criteria.max_reaction)));
  if (st.monte_carlo)
    item("p_pass", xml_escape(std::to_string(st.monte_carlo->samples) + " paired samples, seed " + std::to_string(st.monte_carlo->seed) +
                              ", sigma " + num(st.monte_carlo->sigma) + " eV/atom"));
  item("data set", xml_escape(st.dataset.empty() ? "-" : st.dataset));
  if (st.dataset_entries > 0) item("entries", std::to_string(st.dataset_entries));
  if (!st.dataset_source.empty()) item("source file", xml_escape(st.dataset_source));
  if (!st.dataset_content_hash.empty()) item("content hash", xml_escape(st.dataset_content_hash));
  out += "</dl>\n<h2>Funnel</h2>\n<table class=\"funnel\">\n<thead><tr><th>stage</th><th>rule</th><th class=\"num\">left</th></tr></thead>\n<tbody>\n";
  for (const auto& stage : result.funnel)
    out += "<tr><td>" + xml_escape(stage.stage) + "</td><td>" + xml_escape(stage.rule) + "</td><td class=\"num\">" +
           std::to_string(stage.left) + "</td></tr>\n";
  out += "</tbody>\n</table>\n<h2>Reaction energies</h2>\n<figure>\n";
  std::string svg = svg_coat(result);
  svg.erase(0, svg.find("<svg"));  // inline: without the XML declaration and DOCTYPE
  out += svg + "</figure>\n<h2>Ranking</h2>\n<p>Passing candidates first, then failing, then those that could not be computed; "
               "within each the least reactive first. Click a column header to sort by it, again to reverse.</p>\n";
  out += ranked_table(result);
  if (result.explanation)
    out += "<h2>Explanation</h2>\n<pre>" + xml_escape(coat_explanation_text(*result.explanation, Format::Text)) + "</pre>\n";
  out += "<script>" + std::string(kSortScript) + "</script>\n</body>\n</html>\n";
  return out;
}

std::string coat_report(const CoatResult& result, const std::string& format) {
  if (format == "svg") return svg_coat(result);
  if (format == "html") return html_coat(result);
  return format_coat(result, parse_format(format));
}

}  // namespace interphase
