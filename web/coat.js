// interphase web app: the Coat page (funnel, scatter and ranking of /api/coat).
"use strict";

(() => {
  const { el, svg, params, setParams, api, status, fixed, formulaHtml, sortableTable, download, ticks } = IP;
  const $ = (id) => document.getElementById(id);
  const FIELDS = ["electrolyte", "cathodes", "range", "with", "without", "elements", "max_reaction"];
  let lastText = "", last = null;

  function funnel(d) {
    const first = d.funnel[0] ? d.funnel[0].left : 1;
    return el("table", { class: "data", id: "funnel-table" }, el("tbody", {}, d.funnel.map((s) => el("tr", {},
      el("td", {}, s.rule), el("td", { class: "num" }, String(s.left)),
      el("td", {}, svg("svg", { viewBox: "0 0 200 12", width: 200, height: 12 }, svg("rect", { x: 0, y: 1, height: 10, width: Math.max(1, 200 * s.left / (first || 1)), fill: "#2f5fb3" })))))));
  }

  /** The energies the scatter shows, one unit on both axes: "closed" (eV/atom) or "range" (eV per non-Li atom, over the window). */
  const KINDS = {
    closed: { suffix: "", words: "closed", unit: "eV/atom" },
    range: { suffix: "_range", words: "over the cycling window", unit: "eV per non-Li atom" },
  };
  function energy(c, side, kind) {
    const v = c[`energy_${side}${KINDS[kind].suffix}`];
    return v === null || v === undefined ? null : v;
  }

  function scatter(d, kind) {
    const k = KINDS[kind];
    const pts = d.candidates.map((c) => ({ c, x: energy(c, "electrolyte", kind), y: energy(c, "cathode", kind) })).filter((p) => p.x !== null && p.y !== null);
    const W = 640, H = 440, box = { l: 70, r: W - 20, t: 20, b: H - 50 };
    const xlo = Math.min(0, ...pts.map((p) => p.x)), ylo = Math.min(0, ...pts.map((p) => p.y));
    const X = (x) => box.l + (x - xlo) / ((0 - xlo) || 1) * (box.r - box.l), Y = (y) => box.b - (y - ylo) / ((0 - ylo) || 1) * (box.b - box.t);
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, id: "coat-scatter", "font-family": "DejaVu Sans, Arial, sans-serif" });
    root.append(svg("rect", { x: box.l, y: box.t, width: box.r - box.l, height: box.b - box.t, fill: "#fff", stroke: "#59606d" }));
    for (const v of ticks(xlo, 0, 6)) root.append(svg("text", { x: X(v), y: box.b + 16, "text-anchor": "middle", "font-size": 11 }, fixed(v, 2)));
    for (const v of ticks(ylo, 0, 6)) root.append(svg("text", { x: box.l - 6, y: Y(v) + 4, "text-anchor": "end", "font-size": 11 }, fixed(v, 2)));
    const lim = -d.settings.criteria.max_reaction;
    root.append(svg("rect", { x: X(lim), y: box.t, width: box.r - X(lim), height: Y(lim) - box.t, fill: "#eaf6ea" }));
    root.append(IP.formulaSvg(`worst reaction with ${d.settings.electrolyte}, ${k.words} (${k.unit})`, { x: (box.l + box.r) / 2, y: H - 12, "text-anchor": "middle", "font-size": 12, class: "x-title" }));
    root.append(svg("text", { x: 0, y: 0, transform: `translate(16,${(box.t + box.b) / 2}) rotate(-90)`, "text-anchor": "middle", "font-size": 12, class: "y-title" }, `worst with the cathode (${k.unit})`));  // the x title says closed or over the window; the full phrase overran the plot's height
    for (const p of pts) {
      const dot = svg("circle", { cx: X(p.x), cy: Y(p.y), r: p.c.passes ? 4.5 : 2.6, fill: p.c.passes ? "#2b8a3e" : "#8c96a8", "fill-opacity": p.c.passes ? 0.95 : 0.55, class: "candidate",
        "data-coating": p.c.coating, "data-x": String(p.x), "data-y": String(p.y) });
      dot.addEventListener("mousemove", (evt) => {
        const t = $("tip");
        t.replaceChildren(formulaHtml(p.c.coating), ` (rank ${p.c.rank})`, el("br"), `electrolyte ${fixed(p.x, 4)}, cathode ${fixed(p.y, 4)} ${k.unit}`, el("br"),
          p.c.passes ? "passes every criterion" : `fails ${p.c.failed.join(", ")}`);
        t.style.display = "block";
        const r = $("scatter").getBoundingClientRect();
        t.style.left = evt.clientX - r.left + 12 + "px"; t.style.top = evt.clientY - r.top + 12 + "px";
      });
      dot.addEventListener("mouseleave", () => { $("tip").style.display = "none"; });
      root.append(dot);
    }
    return root;
  }

  function ranking(d) {
    const rows = d.candidates.map((c) => ({ ...c, failed: (c.failed || []).join(", "), passes: c.passes ? "yes" : "no", _class: c.passes ? "pass" : "" }));
    return sortableTable([{ key: "rank", label: "rank", num: true, digits: 0 }, { key: "coating", label: "coating", formula: true }, { key: "passes", label: "passes" },
      { key: "failed", label: "fails" }, { key: "e_above_hull", label: "e_above_hull (eV/atom)", num: true, digits: 4 },
      { key: "window_red", label: "reduction (V)", num: true, digits: 3 }, { key: "window_ox", label: "oxidation (V)", num: true, digits: 3 },
      { key: "energy_electrolyte", label: "electrolyte closed (eV/atom)", num: true, digits: 4 }, { key: "energy_electrolyte_range", label: "electrolyte range (eV/non-Li atom)", num: true, digits: 4 },
      { key: "energy_cathode", label: "cathode closed (eV/atom)", num: true, digits: 4 }, { key: "energy_cathode_range", label: "cathode range (eV/non-Li atom)", num: true, digits: 4 }], rows);
  }

  /** The scatter's energies: the selector's choice where the result has them (range energies need a window). */
  function drawScatter(push) {
    if (!last) return;
    const hasRange = !!last.settings.range;
    $("scatter-energy").querySelector("option[value=range]").disabled = !hasRange;
    const kind = hasRange ? $("scatter-energy").value : "closed";
    $("scatter-energy").value = kind;
    if (push !== undefined) setParams({ ...Object.fromEntries(FIELDS.map((f) => [f, $(f).value.trim()])), scatter: kind === "range" ? "" : kind }, push);
    $("scatter").querySelectorAll("svg").forEach((s) => s.remove());
    $("scatter").prepend(scatter(last, kind));
  }

  async function run(push) {
    const q = Object.fromEntries(FIELDS.map((f) => [f, $(f).value.trim()]));
    if (!q.electrolyte || !q.cathodes) return;
    setParams({ ...q, scatter: $("scatter-energy").value === "range" ? "" : $("scatter-energy").value }, push);
    status("searching every candidate (a few seconds)\u2026");
    try {
      const r = await api("coat", q);
      lastText = r.text;
      $("funnel").replaceChildren(funnel(r.json));
      last = r.json;
      drawScatter();
      $("ranking").replaceChildren(ranking(r.json));
      $("results").hidden = false;
      status(`${r.json.candidates.length} candidates, ${r.json.candidates.filter((c) => c.passes).length} pass`);
    } catch (e) {
      status(e.message, true);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    IP.complete($("electrolyte"));
    const defaults = { electrolyte: "Li6PS5Cl", cathodes: "Li2RuO3", range: "2.0-4.5", with: "O", without: "", elements: "", max_reaction: "0.1" };
    const load = () => { const p = params(); for (const f of FIELDS) $(f).value = p.get(f) ?? defaults[f]; $("scatter-energy").value = p.get("scatter") === "closed" ? "closed" : "range"; };
    load();
    $("scatter-energy").addEventListener("change", () => drawScatter(true));
    $("form").addEventListener("submit", (e) => { e.preventDefault(); run(true); });
    window.addEventListener("popstate", () => { load(); run(false); });
    $("dl-json").addEventListener("click", () => download("coat.json", lastText, "application/json"));
    if (params().has("electrolyte")) run(false);
  });
})();
