// interphase web app: the Material page (decompose, window, hull of its chemical system).
"use strict";

(() => {
  const { el, params, setParams, api, complete, status, fixed, formulaHtml, sortableTable } = IP;
  const $ = (id) => document.getElementById(id);

  function facts(rows) {
    return el("table", { class: "data" }, el("tbody", {}, rows.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v)))));
  }

  function stability(d) {
    const dec = Object.entries(d.decomposition || {});
    return facts([
      ["formula", formulaHtml(d.formula)], ["chemical system", d.chemsys], ["lowest entry", d.entry_id ?? "none"],
      ["e_form (eV/atom)", d.e_form === null ? "" : el("span", { id: "e-form", "data-value": String(d.e_form) }, fixed(d.e_form, 6))],
      ["e_above_hull (eV/atom)", el("span", { id: "e-above-hull", "data-value": String(d.e_above_hull) }, fixed(d.e_above_hull, 6))],
      ["stable", d.stable ? "yes" : "no"],
      ["decomposition", dec.length ? dec.flatMap(([f, a], i) => [i ? " + " : "", `${fixed(a, 4)} `, formulaHtml(f)]) : "itself"],
    ]);
  }

  function windowView(w) {
    const v = (x) => x === null ? "none" : `${fixed(x, 4)} V`;
    const table = facts([
      ["reduction limit", el("span", { id: "reduction", "data-value": String(w.reduction_V) }, v(w.reduction_V))],
      ["oxidation limit", el("span", { id: "oxidation", "data-value": String(w.oxidation_V) }, v(w.oxidation_V))],
      ["phases in the window", w.phases.flatMap((f, i) => [i ? " + " : "", formulaHtml(f)])],
      ["reduced to", w.reduced_phases.flatMap((f, i) => [i ? " + " : "", formulaHtml(f)])],
      ["oxidised to", w.oxidized_phases.flatMap((f, i) => [i ? " + " : "", formulaHtml(f)])],
    ]);
    const profile = sortableTable([
      { key: "V", label: "V (vs Li/Li+)", num: true, digits: 4 }, { key: "mu", label: "\u03bc (eV)", num: true, digits: 4 },
      { key: "evolution", label: `${w.open} per formula unit`, num: true, digits: 3 }, { key: "phases", label: "phases", formula: true }],
      w.profile.map((p) => ({ ...p, phases: p.phases.join(" + ") })));
    return [table, el("h2", {}, `${w.open} profile`), profile];
  }

  async function run(push) {
    const formula = $("formula").value.trim(), open = $("open").value.trim() || "Li";
    if (!formula) return;
    setParams({ formula, open: open === "Li" ? "" : open }, push);
    status("computing\u2026");
    try {
      const d = (await api("decompose", { formula })).json;
      $("title").replaceChildren("Material ", formulaHtml(d.formula));
      $("stability").replaceChildren(stability(d));
      const [w, h] = await Promise.all([api("window", { formula, open }).catch((e) => e), api("hull", { chemsys: d.chemsys })]);
      $("window").replaceChildren(...(w instanceof Error ? [el("p", { class: "status error" }, w.message)] : windowView(w.json)));
      $("phases-title").textContent = `Stable phases of ${d.chemsys}`;
      $("phases").replaceChildren(el("div", { class: "scroll" }, sortableTable([
        { key: "formula", label: "formula", formula: true }, { key: "id", label: "entry" },
        { key: "e_form", label: "e_form (eV/atom)", num: true, digits: 4 },
        { key: "decomposition_enthalpy", label: "decomposition enthalpy (eV/atom)", num: true, digits: 4 }], h.json.entries)));
      status("");
    } catch (e) {
      status(e.message, true);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    complete($("formula"));
    const load = () => { const p = params(); $("formula").value = p.get("formula") || "Li6PS5Cl"; $("open").value = p.get("open") || "Li"; };
    load();
    $("form").addEventListener("submit", (e) => { e.preventDefault(); run(true); });
    window.addEventListener("popstate", () => { load(); run(false); });
    run(false);
  });
})();
