// interphase web app: the Pair page. Inputs live in the URL (a, b, energy,
// open, voltage, range, uncertainty); each change asks /api/react and
// /api/map and draws the answer.
"use strict";

(() => {
  const { el, params, setParams, api, complete, download, svgPng, status, fixed, formulaHtml } = IP;
  const $ = (id) => document.getElementById(id);
  let current = null, zoom = null, seq = 0, mapKey = "";

  /** The form's state as URL parameters (the API's names). */
  function formState() {
    return {
      a: $("a").value.trim(), b: $("b").value.trim(), energy: $("energy").value === "mutual" ? "" : $("energy").value,
      open: $("opened").checked && $("open").value.trim() !== "Li" ? $("open").value.trim() : "",
      voltage: $("opened").checked && !$("range").value.trim() ? $("voltage").value : "",
      range: $("range").value.trim(), uncertainty: $("uncertainty").checked ? "true" : "",
      gas: $("gassed").checked ? `${$("gas-element").value.trim()}=${$("gas-t").value},${$("gas-p").value}` : "",
      explain: $("explain").checked ? "true" : "", samples: Number($("samples").value) > 0 ? String(Number($("samples").value)) : "",
    };
  }

  /** The form from the URL. */
  function fromUrl() {
    const p = params();
    $("a").value = p.get("a") || "Li6PS5Cl";
    $("b").value = p.get("b") || "Li2RuO3";
    $("energy").value = p.get("energy") === "total" ? "total" : "mutual";
    $("opened").checked = p.has("voltage") || p.has("open");
    $("open").value = p.get("open") || "Li";
    if (p.has("voltage")) $("voltage").value = p.get("voltage");
    $("range").value = p.get("range") || "";
    $("uncertainty").checked = p.get("uncertainty") === "true";
    const gas = /^([A-Za-z]+)=([^,]+),(.+)$/.exec(p.get("gas") || "");
    $("gassed").checked = !!gas;
    if (gas) { $("gas-element").value = gas[1]; $("gas-t").value = gas[2]; $("gas-p").value = gas[3]; }
    $("explain").checked = p.get("explain") === "true";
    $("samples").value = p.get("samples") || "0";
    syncControls();
  }

  function syncControls() {
    const opened = $("opened").checked, gassed = $("gassed").checked;
    for (const id of ["gas-element", "gas-t", "gas-p"]) $(id).disabled = !gassed;
    $("open").disabled = !opened;
    $("voltage").disabled = !opened || $("range").value.trim() !== "";
    $("voltage-text").textContent = `${Number($("voltage").value).toFixed(2)} V vs ${$("open").value || "Li"}/${$("open").value || "Li"}+`;
  }

  function kinkTable(r) {
    const unit = Plot.energyUnit(r);
    const head = el("tr", {}, ["#", "x (atomic)", "x (molar)", "x (mass)", `E (${unit})`, "E (kJ/mol per reaction)"].concat(r.kinks.some((k) => k.energy_std_linear !== undefined) ? [`1\u03c3 (linear, ${unit})`] : [], ["products", "reaction"]).map((h) => el("th", {}, h)));
    const minIndex = r.kinks.findIndex((k) => k.x === r.minimum.x && k.energy === r.minimum.energy);
    const num = (v, d) => el("td", { class: "num", "data-value": String(v) }, fixed(v, d));
    const rows = r.kinks.map((k, i) => el("tr", { class: i === minIndex ? "minimum kink-row" : "kink-row", "data-kink": i + 1 },
      el("td", { class: "num" }, String(i + 1)), num(k.x, 4), num(k.x_molar, 4), num(k.x_mass, 4), num(k.energy, 6), num(k.energy_kj_mol, 2),
      k.energy_std_linear !== undefined ? num(k.energy_std_linear, 4) : null,
      el("td", { class: "products" }, formulaHtml(Object.keys(k.products).join(" + "))), el("td", { class: "reaction" }, formulaHtml(k.reaction))));
    return el("div", { class: "scroll" }, el("table", { class: "data", id: "kink-table" }, el("thead", {}, head), el("tbody", {}, rows)));
  }

  function summary(r) {
    const m = r.minimum, unit = Plot.energyUnit(r);
    const parts = [el("span", { id: "minimum", "data-energy": String(m.energy), "data-x": String(m.x) }, "Minimum ", el("b", {}, `${fixed(m.energy, 6)} ${unit}`),
      ` (${fixed(m.energy_kj_mol, 2)} kJ/mol) at x = ${fixed(m.x, 4)} (molar ${fixed(m.x_molar, 4)}, mass ${fixed(m.x_mass, 4)}): `, formulaHtml(Object.keys(m.products).join(" + ")))];
    if (r.range) {
      const hold = (s, f) => s.holds ? `${f}'s window covers the range` : `${f} ${s.reduced_below_V !== null ? "is reduced below " + fixed(s.reduced_below_V, 3) + " V" : ""}${s.reduced_below_V !== null && s.oxidized_above_V !== null ? " and " : ""}${s.oxidized_above_V !== null ? "is oxidised above " + fixed(s.oxidized_above_V, 3) + " V" : ""}`;
      parts.push(el("br"), `Worst case over ${r.range.from_V}\u2013${r.range.to_V} V: `, el("b", { id: "range-worst", "data-energy": String(r.range.energy) }, `${fixed(r.range.energy, 6)} ${unit}`),
        ` at ${fixed(r.range.voltage, 4)} V. `, hold(r.range.A, r.reactants[0]), "; ", hold(r.range.B, r.reactants[1]), ".");
    }
    parts.push(el("br"), el("span", { class: "muted" }, `Chemical system ${r.chemsys}; composite 30 wt% ${r.reactants[0]}: ${fixed(r.composite.energy, 6)} ${unit}.`));
    return parts;
  }

  const num = (v, d) => el("td", { class: "num", "data-value": v === null || v === undefined ? "" : String(v) }, fixed(v, d));

  /** react --samples: the minimum's spread, p_react and the product sets the samples found. */
  function monteCarlo(r) {
    const m = r.minimum, mc = r.monte_carlo, unit = Plot.energyUnit(r);
    const facts = el("p", {}, `${mc.samples} samples (seed ${mc.seed}, \u03c3 = ${mc.sigma} eV/atom where an entry has none of its own): `,
      "p_react = ", el("b", { id: "p-react", "data-value": String(m.p_react) }, fixed(m.p_react, 3)),
      ` (P(minimum < ${mc.threshold} ${unit})); minimum ${fixed(m.energy, 4)} \u00b1 `,
      el("span", { id: "energy-std", "data-value": String(m.energy_std) }, fixed(m.energy_std, 4)), ` ${unit}, 5\u201395%: `,
      el("span", { id: "energy-p05", "data-value": String(m.energy_p05) }, fixed(m.energy_p05, 4)), " to ",
      el("span", { id: "energy-p95", "data-value": String(m.energy_p95) }, fixed(m.energy_p95, 4)), ` ${unit}.`);
    const rows = (m.product_sets || []).map((s) => el("tr", { class: "product-set" }, el("td", {}, formulaHtml(s.products.join(" + "))), num(s.p, 3)));
    return [facts, el("table", { class: "data", id: "product-sets" }, el("thead", {}, el("tr", {}, el("th", {}, "products at the minimum"), el("th", {}, "share of samples"))), el("tbody", {}, rows))];
  }

  /** react --explain: sensitivities, product and competitor margins, the second-best products. */
  function explanation(r) {
    const unit = Plot.energyUnit(r), out = [];
    for (const e of r.explain || []) {
      out.push(el("h3", {}, e.at === "minimum" ? "At the minimum" : "At x", `, x = ${fixed(e.x, 4)}: E = ${fixed(e.energy, 6)} ${unit}`));
      out.push(el("p", { class: "eq" }, formulaHtml(e.reaction)));
      const rise = Object.fromEntries((e.product_margins || []).map((p) => [p.id, p.raise_margin]));
      out.push(el("table", { class: "data sensitivities" }, el("thead", {}, el("tr", {}, ["phase", "entry", "role", `dE/dE\u1d62 (${unit} per eV/atom)`, "rise margin (eV/atom)"].map((h) => el("th", {}, h)))),
        el("tbody", {}, e.sensitivities.map((s) => el("tr", { class: "sensitivity", "data-id": s.id }, el("td", {}, formulaHtml(s.formula)), el("td", {}, s.id), el("td", {}, s.role),
          num(s.coefficient, 4), s.id in rise ? num(rise[s.id], 4) : el("td"))))));
      const more = e.competitors_total - (e.competitors || []).length;
      out.push(el("table", { class: "data competitors" }, el("thead", {}, el("tr", {}, ["competing phase", "entry", "drop margin (eV/atom)"].map((h) => el("th", {}, h)))),
        el("tbody", {}, (e.competitors || []).map((c) => el("tr", { class: "competitor", "data-id": c.id }, el("td", {}, formulaHtml(c.formula)), el("td", {}, c.id), num(c.margin, 4))))));
      if (more > 0) out.push(el("p", { class: "muted" }, `(${more} more, further away)`));
      if (e.second_best) out.push(el("p", {}, "Second-best products: ", formulaHtml(Object.keys(e.second_best.products).join(" + ")), ", ",
        el("span", { class: "second-best", "data-value": String(e.second_best.above) }, fixed(e.second_best.above, 6)), ` ${unit} above.`));
    }
    return out;
  }

  async function drawMapFor(q, r) {
    const key = JSON.stringify([q.a, q.b, q.energy, q.open]);
    const marks = { voltage: r.range ? r.range.voltage : (q.voltage !== "" ? Number(q.voltage) : null), range: r.range ? [r.range.from_V, r.range.to_V] : null };
    if (key === mapKey && drawMapFor.last) { Plot.drawMap(drawMapFor.last, $("map-wrap"), marks); return; }
    const m = await api("map", { a: q.a, b: q.b, energy: q.energy, open: q.open, start: 0, stop: 5 });
    mapKey = key;
    drawMapFor.last = m.json;
    Plot.drawMap(m.json, $("map-wrap"), marks);
  }

  async function run(push) {
    syncControls();
    const q = formState();
    if (!q.a || !q.b) return;
    setParams(q, push);
    const mine = ++seq;
    status("computing\u2026");
    try {
      const query = { a: q.a, b: q.b, energy: q.energy, open: q.voltage !== "" ? q.open : "", voltage: q.voltage, range: q.range,
        uncertainty: q.uncertainty, gas: q.gas, explain: q.explain, samples: q.samples };
      const r = await api("react", query);
      if (mine !== seq) return;
      current = { q, query, r: r.json, text: r.text };
      document.title = `${q.a} + ${q.b} \u00b7 interphase`;
      $("title").replaceChildren(formulaHtml(`${r.json.reactants[0]} + ${r.json.reactants[1]}`), el("span", { class: "muted" }, ` \u2014 ${Plot.conditionText(r.json)}${q.gas ? ` (${q.gas.split("=")[0]} gas at ${q.gas.split("=")[1].split(",")[0]} K, ${q.gas.split(",")[1]} Pa)` : ""}`));
      $("summary").replaceChildren(...summary(r.json));
      redraw();
      $("kinks").replaceChildren(kinkTable(r.json));
      $("monte-carlo").hidden = !r.json.monte_carlo;
      $("monte-carlo-body").replaceChildren(...(r.json.monte_carlo ? monteCarlo(r.json) : []));
      $("explanation").hidden = !r.json.explain;
      $("explanation-body").replaceChildren(...(r.json.explain ? explanation(r.json) : []));
      $("downloads").hidden = false;
      status("");
      await drawMapFor(q, r.json);
      if (mine === seq) status("");
    } catch (e) {
      if (mine !== seq) return;
      status(e.message, true);
    }
  }

  function redraw() {
    if (!current) return;
    Plot.drawReaction(current.r, $("plot-wrap"), { band: current.q.uncertainty === "true", zoom, onZoom: (z) => { zoom = z; redraw(); } });
  }

  function name(ext) { return `${current.q.a}_${current.q.b}${current.q.voltage ? "_" + current.q.voltage + "V" : ""}${current.q.range ? "_" + current.q.range : ""}.${ext}`; }

  function kinksCsv(r) {
    return IP.csv(["x", "x_molar", "x_mass", "energy", "energy_kj_mol", "reaction", "products"],
      r.kinks.map((k) => ({ ...k, products: Object.entries(k.products).map(([f, a]) => `${f}=${a}`).join(";") })));
  }

  document.addEventListener("DOMContentLoaded", () => {
    complete($("a"));
    complete($("b"));
    fromUrl();
    let timer = null;
    const later = (push) => { clearTimeout(timer); timer = setTimeout(() => run(push), 150); };
    $("form").addEventListener("submit", (e) => { e.preventDefault(); zoom = null; run(true); });
    $("voltage").addEventListener("input", () => { syncControls(); later(false); });
    $("voltage").addEventListener("change", () => run(true));
    // The gas and the open element at a voltage are alternatives: checking one clears the other.
    $("gassed").addEventListener("change", () => { if ($("gassed").checked) $("opened").checked = false; });
    $("opened").addEventListener("change", () => { if ($("opened").checked) $("gassed").checked = false; });
    for (const id of ["energy", "opened", "uncertainty", "gassed", "explain"]) $(id).addEventListener("change", () => run(true));
    for (const id of ["a", "b", "open", "range", "gas-element", "gas-t", "gas-p", "samples"]) $(id).addEventListener("change", () => { zoom = null; run(true); });
    window.addEventListener("popstate", () => { fromUrl(); run(false); });
    // The figures downloaded are the program's (`react --format svg`: the plot with its products table), not the page's.
    const figure = async () => (await api("react_svg", { ...current.query, uncertainty: "", explain: "", samples: "" })).text;
    const saving = (f) => async () => { try { await f(); } catch (e) { status(e.message, true); } };
    $("dl-svg").addEventListener("click", saving(async () => download(name("svg"), await figure(), "image/svg+xml")));
    $("dl-png").addEventListener("click", saving(async () => download(name("png"), await svgPng(await figure()), "image/png")));
    $("dl-csv").addEventListener("click", () => download(name("csv"), kinksCsv(current.r), "text/csv"));
    $("dl-json").addEventListener("click", () => download(name("json"), current.text, "application/json"));
    run(false);
  });
})();
