// interphase web app: the plots, drawn as SVG from the API's JSON.
// drawReaction: energy against x with numbered kinks and the minimum marked;
// drawMap: the exact (x, V) map coloured by energy. Both with hover.
"use strict";

const Plot = (() => {
  const { svg, el, formulaSvg, formulaHtml, fixed, ticks, color, rgb } = IP;

  /** "Li open at 3 V vs Li/Li+", "closed", ... for a react JSON. */
  function conditionText(r) {
    if (r.range) return `${r.range.open} open over ${r.range.from_V}\u2013${r.range.to_V} V vs Li/Li+ (worst case at ${fixed(r.range.voltage, 3)} V)`;
    const open = Object.entries(r.open || {});
    if (!open.length) return "closed";
    return open.map(([el, mu]) => el === "Li" ? `Li open at ${+(-mu).toFixed(4)} V vs Li/Li+` : `${el} open at \u03bc(${el}) = ${+mu.toFixed(4)} eV`).join(", ");
  }

  function energyUnit(r) {
    const open = Object.keys(r.open || {});
    return open.length ? `eV per non-${open.join("/")} atom` : "eV/atom";
  }

  function axes(g, box, xs, ys, xlabel, ylabel, X, Y) {
    for (const v of ys) {
      g.append(svg("line", { x1: box.l, x2: box.r, y1: Y(v), y2: Y(v), stroke: v === 0 ? "#9aa1ad" : "#e3e6ec", "stroke-width": 1 }));
      g.append(svg("text", { x: box.l - 8, y: Y(v) + 4, "text-anchor": "end", "font-size": 12, fill: "#444" }, fixed(v, Math.max(0, -Math.floor(Math.log10(Math.abs(ys[1] - ys[0]) || 1))))));
    }
    for (const v of xs) {
      g.append(svg("line", { x1: X(v), x2: X(v), y1: box.t, y2: box.b, stroke: "#eef0f4", "stroke-width": 1 }));
      g.append(svg("text", { x: X(v), y: box.b + 18, "text-anchor": "middle", "font-size": 12, fill: "#444" }, +v.toFixed(3)));
    }
    g.append(svg("rect", { x: box.l, y: box.t, width: box.r - box.l, height: box.b - box.t, fill: "none", stroke: "#59606d" }));
    g.append(formulaSvg(xlabel, { x: (box.l + box.r) / 2, y: box.b + 42, "text-anchor": "middle", "font-size": 13, fill: "#222" }));
    g.append(svg("text", { x: 0, y: 0, transform: `translate(${box.l - 58},${(box.t + box.b) / 2}) rotate(-90)`, "text-anchor": "middle", "font-size": 13, fill: "#222" }, ylabel));
  }

  function title(root, text1, text2, width) {
    const t = formulaSvg(text1, { x: width / 2, y: 24, "text-anchor": "middle", "font-size": 17, "font-weight": 600, fill: "#111" });
    root.append(t);
    root.append(svg("text", { x: width / 2, y: 43, "text-anchor": "middle", "font-size": 13, fill: "#444" }, text2));
  }

  function showTip(tip, wrap, node, evt, children) {
    tip.replaceChildren(...children);
    tip.style.display = "block";
    const r = wrap.getBoundingClientRect();
    let left = evt.clientX - r.left + 14, top = evt.clientY - r.top + 14;
    if (left + tip.offsetWidth > r.width) left = evt.clientX - r.left - tip.offsetWidth - 14;
    tip.style.left = Math.max(0, left) + "px";
    tip.style.top = top + "px";
    void node;
  }

  /**
   * Where each kink's number goes (the rule of the program's SVG, src/report/svg.cpp):
   * the minimum's first, then from the highest kink down; each above the curve, clear of
   * the numbers placed before it, sideways away from its nearest neighbour first, then
   * higher up. Returns [{i, box: {x0, y0, x1, y1}}] for the kinks in `shown`.
   */
  function placeNumbers(kinks, shown, minIndex, X, Y, box, font) {
    const energyAt = (x) => {
      if (x <= kinks[0].x) return kinks[0].energy;
      for (let i = 1; i < kinks.length; ++i)
        if (x <= kinks[i].x) { const a = kinks[i - 1], b = kinks[i]; return a.energy + (b.energy - a.energy) * (x - a.x) / ((b.x - a.x) || 1); }
      return kinks[kinks.length - 1].energy;
    };
    const toData = (px) => (px - X(0)) / (X(1) - X(0));
    const curveTop = (pa, pb) => {
      const a = Math.min(1, Math.max(0, toData(pa))), b = Math.min(1, Math.max(0, toData(pb)));
      let e = Math.max(energyAt(a), energyAt(b));
      for (const k of kinks) if (k.x > a && k.x < b) e = Math.max(e, k.energy);
      return Y(e);
    };
    const placed = [];
    const hit = (b) => placed.find((o) => b.x0 < o.x1 + 2 && o.x0 < b.x1 + 2 && b.y0 < o.y1 + 2 && o.y0 < b.y1 + 2);
    const order = shown.slice().sort((i, j) => (i === minIndex) !== (j === minIndex) ? (i === minIndex ? -1 : 1) : kinks[j].energy - kinks[i].energy);
    const out = [], minimum = kinks[minIndex];
    for (const i of order) {
      const label = String(i + 1), w = 0.6 * font * label.length + 4, h = font + 3;
      const px = X(kinks[i].x), py = Y(kinks[i].energy);
      let side = 1, nearest = 3 * w;
      for (const o of placed) { const c = (o.x0 + o.x1) / 2; if (Math.abs(c - px) < nearest) { nearest = Math.abs(c - px); side = px < c ? -1 : 1; } }
      let found = null;
      for (const [both, climb] of [[false, false], [false, true], [true, false], [true, true]]) {
        for (const shift of [0, 0.6, -0.6, 1.2, -1.2, 1.8, -1.8, 2.4, -2.4, 3, -3]) {
          if (!both && shift < 0) continue;
          const x0 = Math.min(Math.max(px + (side * shift - 0.5) * w, box.l + 2), box.r - 2 - w);
          const bottom = Math.min(curveTop(x0 - 5, x0 + w + 5), py) - (kinks[i] === minimum ? 11 : 8);  // clear of the (larger) markers
          const b = { x0, y0: bottom - h, x1: x0 + w, y1: bottom };
          for (let o = hit(b); climb && o; o = hit(b)) { b.y1 = o.y0 - 3; b.y0 = b.y1 - h; }
          if (!hit(b) && b.y0 >= box.t + 2) { found = b; break; }
        }
        if (found) break;
      }
      if (!found) { const x0 = Math.min(Math.max(px - w / 2, box.l + 2), box.r - 2 - w); found = { x0, y0: box.t + 2, x1: x0 + w, y1: box.t + 2 + h }; }
      placed.push(found);
      out.push({ i, box: found });
    }
    return out;
  }

  /** The legend under the plot: the markers with the minimum's and the composite's energies and units. */
  function reactionLegend(root, r, minIndex, box, y, width) {
    const unit = energyUnit(r), m = r.minimum, c = r.composite;
    const items = [["kink", "kinks, numbered as in the table below"],
      ["minimum", `minimum (kink ${minIndex + 1}): ${fixed(m.energy, 4)} ${unit} at x = ${fixed(m.x, 3)}`]];
    if (c) items.push(["composite", `30 wt% ${r.reactants[0]}: ${fixed(c.energy, 4)} ${unit} at x = ${fixed(c.x, 3)}`]);
    let x = box.l;
    for (const [kind, words] of items) {
      const w = 16 + 0.6 * 12 * words.length;
      if (x > box.l && x + w > width - 10) { x = box.l; y += 20; }
      if (kind === "kink") root.append(svg("circle", { cx: x + 5, cy: y - 4, r: 4, fill: "#fff", stroke: "#2f5fb3", "stroke-width": 1.8 }));
      else if (kind === "minimum") root.append(svg("circle", { cx: x + 5, cy: y - 4, r: 6, fill: "#d9480f", stroke: "#7a2300", "stroke-width": 1.8 }));
      else root.append(svg("polygon", { points: `${x + 5},${y - 10} ${x + 11},${y - 4} ${x + 5},${y + 2} ${x - 1},${y - 4}`, fill: "#e66100", stroke: "#333", "stroke-width": 1 }));
      root.append(formulaSvg(words, { x: x + 16, y, "font-size": 12, fill: "#222", class: "legend-" + kind }));
      x += w + 22;
    }
    return y;
  }

  /** The reaction plot of a react JSON, in `wrap` (with its .tooltip). zoom: [x0, x1] or null. */
  function drawReaction(r, wrap, opts = {}) {
    const W = 900, H = 520, box = { l: 86, r: W - 24, t: 62, b: H - 110 };
    const kinks = r.kinks, min = r.minimum;
    const x0 = opts.zoom ? opts.zoom[0] : 0, x1 = opts.zoom ? opts.zoom[1] : 1;
    const std = (k) => (opts.band && k.energy_std_linear) || 0;
    const inView = kinks.filter((k) => k.x >= x0 - 1e-12 && k.x <= x1 + 1e-12);
    let lo = Math.min(0, ...inView.map((k) => k.energy - std(k))), hi = Math.max(0, ...inView.map((k) => k.energy + std(k)));
    const pad = (hi - lo || 0.1) * 0.12;
    lo -= 1.6 * pad; hi += pad;
    const X = (x) => box.l + (x - x0) / (x1 - x0) * (box.r - box.l);
    const Y = (e) => box.t + (hi - e) / (hi - lo) * (box.b - box.t);
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, id: "reaction-plot", "font-family": "DejaVu Sans, Arial, sans-serif", role: "img" });
    root.append(svg("rect", { x: 0, y: 0, width: W, height: H, fill: "#fff" }));
    title(root, `${r.reactants[0]} + ${r.reactants[1]}`, `${r.energy} reaction energy, ${conditionText(r)}`, W);
    const g = svg("g");
    root.append(g);
    axes(g, box, ticks(x0, x1, 10), ticks(lo, hi, 7), `x, atomic fraction of ${r.reactants[0]} (mixing ratio)`, `reaction energy (${energyUnit(r)})`, X, Y);
    const clip = svg("clipPath", { id: "plot-clip" }, svg("rect", { x: box.l, y: box.t, width: box.r - box.l, height: box.b - box.t }));
    root.append(svg("defs", {}, clip));
    const inner = svg("g", { "clip-path": "url(#plot-clip)" });
    g.append(inner);
    if (opts.band && kinks.some((k) => k.energy_std_linear)) {
      const up = kinks.map((k) => `${X(k.x)},${Y(k.energy + std(k))}`), down = kinks.slice().reverse().map((k) => `${X(k.x)},${Y(k.energy - std(k))}`);
      inner.append(svg("polygon", { points: up.concat(down).join(" "), fill: "#9ec3ea", "fill-opacity": 0.45, stroke: "none", class: "band" }));
    }
    inner.append(svg("polyline", { points: kinks.map((k) => `${X(k.x)},${Y(k.energy)}`).join(" "), fill: "none", stroke: "#2f5fb3", "stroke-width": 2.2 }));
    const minIndex = kinks.findIndex((k) => k.x === min.x && k.energy === min.energy);
    const c = r.composite;
    if (c && c.x >= x0 && c.x <= x1) {
      inner.append(svg("line", { x1: X(c.x), x2: X(c.x), y1: box.b, y2: Y(c.energy), stroke: "#e66100", "stroke-dasharray": "4 3" }));
      inner.append(svg("polygon", { points: `${X(c.x)},${Y(c.energy) - 6} ${X(c.x) + 6},${Y(c.energy)} ${X(c.x)},${Y(c.energy) + 6} ${X(c.x) - 6},${Y(c.energy)}`, fill: "#e66100", stroke: "#333", "stroke-width": 1, class: "composite" }));
    }
    kinks.forEach((k, i) => {
      if (k.x < x0 - 1e-12 || k.x > x1 + 1e-12) return;
      const isMin = i === minIndex;
      inner.append(svg("circle", { cx: X(k.x), cy: Y(k.energy), r: isMin ? 7 : 4.5, fill: isMin ? "#d9480f" : "#fff", stroke: isMin ? "#7a2300" : "#2f5fb3", "stroke-width": 1.8, class: "kink" + (isMin ? " minimum" : ""), "data-kink": i + 1 }));
    });
    // Every kink in view numbered, as in the table under the plot.
    const labels = svg("g");
    const shown = kinks.map((k, i) => i).filter((i) => kinks[i].x >= x0 - 1e-12 && kinks[i].x <= x1 + 1e-12);
    for (const { i, box: b } of placeNumbers(kinks, shown, minIndex, X, Y, box, 11)) {
      const k = kinks[i], px = X(k.x), py = Y(k.energy), lx = Math.min(Math.max(px, b.x0 + 1), b.x1 - 1);
      if (Math.hypot(lx - px, b.y1 - py) > 12) labels.append(svg("line", { x1: px, y1: py - 5, x2: lx, y2: b.y1, stroke: "#8c8c8c", "stroke-width": 0.7, class: "leader" }));
      labels.append(svg("text", { x: (b.x0 + b.x1) / 2, y: b.y1 - 3, "text-anchor": "middle", "font-size": 11, fill: i === minIndex ? "#7a2300" : "#333", "font-weight": i === minIndex ? 700 : 400, class: "kink-number", "data-kink": i + 1 }, String(i + 1)));
    }
    g.append(labels);
    if (minIndex >= 0) reactionLegend(root, r, minIndex, box, box.b + 72, W);
    if (opts.band) root.append(svg("text", { x: box.r, y: box.t - 6, "text-anchor": "end", "font-size": 11, fill: "#555" }, "shaded: \u00b11\u03c3 (linear, through the kinks)"));
    const guide = svg("line", { y1: box.t, y2: box.b, stroke: "#888", "stroke-dasharray": "3 3", visibility: "hidden" });
    const sel = svg("rect", { y: box.t, height: box.b - box.t, fill: "#2f5fb3", "fill-opacity": 0.12, visibility: "hidden" });
    const overlay = svg("rect", { x: box.l, y: box.t, width: box.r - box.l, height: box.b - box.t, fill: "transparent", cursor: "crosshair" });
    root.append(guide, sel, overlay);
    wrap.querySelectorAll("svg").forEach((s) => s.remove());
    wrap.prepend(root);
    const tip = wrap.querySelector(".tooltip");
    const toX = (evt) => {
      const p = root.createSVGPoint();
      p.x = evt.clientX; p.y = evt.clientY;
      const q = p.matrixTransform(root.getScreenCTM().inverse());
      return { sx: q.x, x: x0 + (q.x - box.l) / (box.r - box.l) * (x1 - x0) };
    };
    let dragFrom = null;
    overlay.addEventListener("mousemove", (evt) => {
      const { sx, x } = toX(evt);
      if (dragFrom !== null) {
        sel.setAttribute("x", Math.min(dragFrom, sx)); sel.setAttribute("width", Math.abs(sx - dragFrom)); sel.setAttribute("visibility", "visible");
      }
      let best = 0;
      kinks.forEach((k, i) => { if (Math.abs(k.x - x) < Math.abs(kinks[best].x - x)) best = i; });
      const k = kinks[best];
      guide.setAttribute("x1", X(k.x)); guide.setAttribute("x2", X(k.x)); guide.setAttribute("visibility", "visible");
      const products = Object.entries(k.products || {}).map(([f, a]) => [formulaHtml(f), ` ${fixed(a, 3)}`, el("br")]);
      showTip(tip, wrap, root, evt, [el("b", {}, `kink ${best + 1}${best === minIndex ? " (minimum)" : ""}`), el("br"),
        `x = ${fixed(k.x, 4)} (molar ${fixed(k.x_molar, 4)}, mass ${fixed(k.x_mass, 4)})`, el("br"),
        `E = ${fixed(k.energy, 6)} ${energyUnit(r)} (${fixed(k.energy_kj_mol, 2)} kJ/mol)`, el("br"),
        el("span", { class: "eq" }, formulaHtml(k.reaction)), el("br"), el("b", {}, "products (atomic fraction)"), el("br"), ...products.flat()]);
    });
    overlay.addEventListener("mouseleave", () => { tip.style.display = "none"; guide.setAttribute("visibility", "hidden"); });
    overlay.addEventListener("mousedown", (evt) => { dragFrom = toX(evt).sx; evt.preventDefault(); });
    overlay.addEventListener("mouseup", (evt) => {
      const { sx } = toX(evt);
      const from = dragFrom; dragFrom = null; sel.setAttribute("visibility", "hidden");
      if (from === null || Math.abs(sx - from) < 6 || !opts.onZoom) return;
      const a = x0 + (Math.min(from, sx) - box.l) / (box.r - box.l) * (x1 - x0), b = x0 + (Math.max(from, sx) - box.l) / (box.r - box.l) * (x1 - x0);
      opts.onZoom([Math.max(0, a), Math.min(1, b)]);
    });
    overlay.addEventListener("dblclick", () => opts.onZoom && opts.onZoom(null));
    return root;
  }

  /** The region of a map JSON at (x, V), or null. */
  function regionAt(m, x, v) {
    for (const g of m.regions) if (x >= g.x[0] && x <= g.x[1] && v >= g.V[0] && v <= g.V[1]) return g;
    return null;
  }
  function bilinear(g, x, v) {
    const u = g.x[1] > g.x[0] ? (x - g.x[0]) / (g.x[1] - g.x[0]) : 0, w = g.V[1] > g.V[0] ? (v - g.V[0]) / (g.V[1] - g.V[0]) : 0;
    const e = g.energy;
    return (1 - u) * (1 - w) * e.x0_V0 + u * (1 - w) * e.x1_V0 + (1 - u) * w * e.x0_V1 + u * w * e.x1_V1;
  }

  /** The (x, V) map of a map JSON in `wrap`; marks: {voltage, range: [lo, hi]}. */
  function drawMap(m, wrap, marks = {}) {
    const W = 900, H = 440, box = { l: 86, r: W - 120, t: 56, b: H - 58 };
    const [v0, v1] = m.V_range;
    let lo = 0, hi = 0;
    for (const g of m.regions) for (const e of Object.values(g.energy)) { lo = Math.min(lo, e); hi = Math.max(hi, e); }
    const X = (x) => box.l + x * (box.r - box.l), Y = (v) => box.b - (v - v0) / (v1 - v0) * (box.b - box.t);
    const pw = Math.round(box.r - box.l), ph = Math.round(box.b - box.t);
    const canvas = el("canvas", { width: pw, height: ph });
    const ctx = canvas.getContext("2d"), img = ctx.createImageData(pw, ph);
    for (let j = 0; j < ph; ++j) {
      const v = v1 - (j + 0.5) / ph * (v1 - v0);
      const row = m.regions.filter((g) => v >= g.V[0] && v <= g.V[1]);
      for (let i = 0; i < pw; ++i) {
        const x = (i + 0.5) / pw;
        const g = row.find((r) => x >= r.x[0] && x <= r.x[1]);
        const c = g ? color((bilinear(g, x, v) - lo) / ((hi - lo) || 1)) : [255, 255, 255];
        const o = 4 * (j * pw + i);
        img.data[o] = c[0]; img.data[o + 1] = c[1]; img.data[o + 2] = c[2]; img.data[o + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
    const unit = `eV per non-${m.open} atom`;
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, id: "map-plot", "font-family": "DejaVu Sans, Arial, sans-serif", role: "img" });
    root.append(svg("rect", { x: 0, y: 0, width: W, height: H, fill: "#fff" }));
    title(root, `${m.reactants[0]} + ${m.reactants[1]}`, `${m.energy} reaction energy over x and V, ${m.open} open (V vs Li/Li+)`, W - 100);
    root.append(svg("image", { x: box.l, y: box.t, width: box.r - box.l, height: box.b - box.t, href: canvas.toDataURL("image/png"), preserveAspectRatio: "none" }));
    const borders = svg("g", { fill: "none", stroke: "#fff", "stroke-width": 0.5, "stroke-opacity": 0.45 });
    for (const g of m.regions) borders.append(svg("rect", { x: X(g.x[0]), y: Y(g.V[1]), width: X(g.x[1]) - X(g.x[0]), height: Y(g.V[0]) - Y(g.V[1]), class: "region" }));
    root.append(borders);
    const g = svg("g");
    root.append(g);
    axes(g, box, ticks(0, 1, 10), [], `x, atomic fraction of ${m.reactants[0]}`, "voltage (V vs Li/Li+)", X, Y);
    for (const v of ticks(v0, v1, 6)) g.append(svg("text", { x: box.l - 8, y: Y(v) + 4, "text-anchor": "end", "font-size": 12, fill: "#444" }, +v.toFixed(2)));
    if (marks.voltage !== undefined && marks.voltage !== null) g.append(svg("line", { x1: box.l, x2: box.r, y1: Y(marks.voltage), y2: Y(marks.voltage), stroke: "#d9480f", "stroke-width": 1.6, "stroke-dasharray": "6 4", class: "voltage-mark" }));
    if (marks.range) for (const v of marks.range) g.append(svg("line", { x1: box.l, x2: box.r, y1: Y(v), y2: Y(v), stroke: "#111", "stroke-width": 1.2, "stroke-dasharray": "2 3" }));
    const bar = { x: box.r + 24, w: 16 };
    for (let k = 0; k < 100; ++k) root.append(svg("rect", { x: bar.x, y: box.t + k * (box.b - box.t) / 100, width: bar.w, height: (box.b - box.t) / 100 + 0.6, fill: rgb(color(1 - k / 100)) }));
    for (const e of ticks(lo, hi, 6)) {
      const y = box.b - (e - lo) / ((hi - lo) || 1) * (box.b - box.t);
      root.append(svg("text", { x: bar.x + bar.w + 5, y: y + 4, "font-size": 11, fill: "#444" }, fixed(e, 2)));
    }
    root.append(svg("text", { x: 0, y: 0, transform: `translate(${W - 14},${(box.t + box.b) / 2}) rotate(-90)`, "text-anchor": "middle", "font-size": 12, fill: "#222" }, `reaction energy (${unit})`));
    const overlay = svg("rect", { x: box.l, y: box.t, width: box.r - box.l, height: box.b - box.t, fill: "transparent", cursor: "crosshair" });
    root.append(overlay);
    wrap.querySelectorAll("svg").forEach((s) => s.remove());
    wrap.prepend(root);
    const tip = wrap.querySelector(".tooltip");
    overlay.addEventListener("mousemove", (evt) => {
      const p = root.createSVGPoint();
      p.x = evt.clientX; p.y = evt.clientY;
      const q = p.matrixTransform(root.getScreenCTM().inverse());
      const x = (q.x - box.l) / (box.r - box.l), v = v0 + (box.b - q.y) / (box.b - box.t) * (v1 - v0);
      const reg = regionAt(m, x, v);
      if (!reg) return;
      showTip(tip, wrap, root, evt, [`x = ${fixed(x, 3)}, V = ${fixed(v, 3)} V`, el("br"), `E = ${fixed(bilinear(reg, x, v), 4)} ${unit}`, el("br"),
        el("b", {}, "products: "), ...reg.products.flatMap((f, i) => [i ? " + " : "", formulaHtml(f)]), el("br"),
        el("span", { class: "eq" }, `region x ${fixed(reg.x[0], 3)}\u2013${fixed(reg.x[1], 3)}, V ${fixed(reg.V[0], 3)}\u2013${fixed(reg.V[1], 3)}`)]);
    });
    overlay.addEventListener("mouseleave", () => { tip.style.display = "none"; });
    return root;
  }

  return { drawReaction, drawMap, conditionText, energyUnit };
})();
