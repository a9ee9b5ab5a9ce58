// interphase web app: the Screen page. The screen runs as a job on the server
// (POST /api/screen/jobs): its progress shows while it runs and Cancel stops it.
"use strict";

(() => {
  const { el, svg, params, setParams, api, status, fixed, formulaHtml, sortableTable, color, rgb, download, csv } = IP;
  const $ = (id) => document.getElementById(id);
  const list = (text) => text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
  let rows = [], text = "", running = false, jobId = null;

  function unitOf(condition) { return condition === "closed" ? "eV/atom" : "eV per non-Li atom"; }

  function heatmap(condition, as, bs) {
    const cell = new Map(rows.filter((r) => r.condition === condition).map((r) => [r.A + "\u0000" + r.B, r]));
    const es = [...cell.values()].map((r) => r.energy).filter((e) => e !== null);
    const lo = Math.min(0, ...es), hi = Math.max(0, ...es);
    const W = 1200, left = 150, top = 70, right = 110, cw = (W - left - right) / bs.length, ch = Math.max(16, Math.min(34, 700 / as.length));
    const H = top + ch * as.length + 20;
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "heatmap", "data-condition": condition, "font-family": "DejaVu Sans, Arial, sans-serif" });
    root.append(svg("text", { x: left, y: 18, "font-size": 15, "font-weight": 600 }, condition === "closed" ? "closed (nothing open)" : `${condition} V vs Li/Li+ (Li open)`));
    bs.forEach((b, j) => root.append(IP.formulaSvg(b, { x: left + (j + 0.5) * cw, y: top - 8, "text-anchor": "middle", "font-size": Math.min(13, cw / 5) })));
    as.forEach((a, i) => {
      root.append(IP.formulaSvg(a, { x: left - 8, y: top + (i + 0.5) * ch + 4, "text-anchor": "end", "font-size": Math.min(13, ch * 0.7) }));
      bs.forEach((b, j) => {
        const r = cell.get(a + "\u0000" + b);
        const fill = !r || r.energy === null ? "#ddd" : rgb(color((r.energy - lo) / ((hi - lo) || 1)));
        const rect = svg("rect", { x: left + j * cw, y: top + i * ch, width: cw - 1, height: ch - 1, fill });
        if (r) rect.addEventListener("mousemove", (evt) => tip(evt, r));
        rect.addEventListener("mouseleave", () => { $("tip").style.display = "none"; });
        root.append(rect);
        if (cw > 60 && ch > 14 && r && r.energy !== null)
          root.append(svg("text", { x: left + (j + 0.5) * cw, y: top + (i + 0.5) * ch + 4, "text-anchor": "middle", "font-size": 11, fill: (r.energy - lo) / ((hi - lo) || 1) < 0.45 ? "#fff" : "#222", "pointer-events": "none" }, fixed(r.energy, 3)));
      });
    });
    const bx = W - right + 20, bh = Math.max(60, ch * as.length);
    for (let k = 0; k < 50; ++k) root.append(svg("rect", { x: bx, y: top + k * bh / 50, width: 14, height: bh / 50 + 0.5, fill: rgb(color(1 - k / 50)) }));
    root.append(svg("text", { x: bx + 18, y: top + 10, "font-size": 11 }, fixed(hi, 2)), svg("text", { x: bx + 18, y: top + bh, "font-size": 11 }, fixed(lo, 2)));
    root.append(svg("text", { x: 0, y: 0, transform: `translate(${W - 12},${top + bh / 2}) rotate(-90)`, "text-anchor": "middle", "font-size": 11 }, unitOf(condition)));
    return root;
  }

  function tip(evt, r) {
    const t = $("tip");
    t.replaceChildren(formulaHtml(`${r.A} + ${r.B}`), ` (${r.condition})`, el("br"),
      r.error ? r.error : [`${fixed(r.energy, 6)} ${unitOf(r.condition)} at x = ${fixed(r.x, 4)}`, el("br"), el("span", { class: "eq" }, formulaHtml(r.reaction || ""))]);
    t.style.display = "block";
    t.style.position = "fixed";
    t.style.left = Math.min(evt.clientX + 14, innerWidth - 420) + "px";
    t.style.top = evt.clientY + 14 + "px";
  }

  function render() {
    const as = [...new Set(rows.map((r) => r.A))], bs = [...new Set(rows.map((r) => r.B))], conditions = [...new Set(rows.map((r) => r.condition))];
    $("heatmaps").replaceChildren(...conditions.map((c) => heatmap(c, as, bs)));
    const worst = as.map((a) => {
      const w = { A: a };
      for (const c of conditions) {
        const mine = rows.filter((r) => r.A === a && r.condition === c && r.energy !== null);
        const m = mine.reduce((best, r) => (best === null || r.energy < best.energy ? r : best), null);
        w[c] = m ? m.energy : null;
        w[c + " B"] = m ? m.B : "";
      }
      return w;
    });
    $("worst").replaceChildren(sortableTable([{ key: "A", label: "A", formula: true },
      ...conditions.flatMap((c) => [{ key: c, label: `${c} (${unitOf(c)})`, num: true, digits: 4 }, { key: c + " B", label: `worst B (${c})`, formula: true }])], worst, { sortKey: conditions[0] }));
    renderRows();
    $("results").hidden = false;
  }

  function renderRows() {
    const f = $("filter").value.trim().toLowerCase();
    const shown = rows.filter((r) => !f || r.A.toLowerCase().includes(f) || r.B.toLowerCase().includes(f));
    $("rows").replaceChildren(sortableTable([{ key: "A", label: "A", formula: true }, { key: "B", label: "B", formula: true }, { key: "condition", label: "condition" },
      { key: "energy", label: "energy", num: true, digits: 6 }, { key: "x", label: "x", num: true, digits: 4 }, { key: "reaction", label: "reaction", formula: true }, { key: "error", label: "error" }],
      shown, { sortKey: "energy" }));
  }

  /** A request to the screen jobs of the API: the parsed JSON (or the text of the rows); throws Error(the API's message). */
  async function jobs(method, path, query) {
    const body = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== "")) : undefined;
    const response = await fetch("/api/screen/jobs" + path, { method, body });
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try { message = JSON.parse(text).error; } catch (e) { /* not JSON */ }
      throw new Error(message);
    }
    return path.endsWith("/rows") ? text : JSON.parse(text);
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Run the screen as a job on the server: its progress while it runs, Cancel stops it, then its rows. */
  async function run(push) {
    if (running) return;
    const as = list($("a").value), bs = list($("b").value), conditions = $("conditions").value.trim(), energy = $("energy").value;
    if (!as.length || !bs.length) { status("give at least one material on each side", true); return; }
    setParams({ a: as.join(","), b: bs.join(","), conditions, energy: energy === "mutual" ? "" : energy }, push);
    rows = []; text = ""; running = true; jobId = null;
    $("run").disabled = true; $("cancel").disabled = false;
    const bar = $("progress");
    bar.hidden = false; bar.removeAttribute("value");
    try {
      let job = await jobs("POST", "", { a: as.join(","), b: bs.join(","), conditions, energy: energy === "mutual" ? "" : energy });
      jobId = job.id;
      while (job.state === "running") {
        if (job.total) { bar.max = job.total; bar.value = job.done; }
        status(`row ${job.done} of ${job.total || "?"} (${job.seconds.toFixed(1)} s)`);
        await sleep(250);
        job = await jobs("GET", "/" + jobId);
      }
      bar.max = job.total || 1; bar.value = job.done;
      text = await jobs("GET", "/" + jobId + "/rows");
      rows = text.split("\n").filter(Boolean).map((l) => JSON.parse(l));
      render();
      if (job.state === "done") status(`${rows.length} results in ${job.seconds.toFixed(1)} s`);
      else if (job.state === "cancelled") status(`cancelled after ${job.done} of ${job.total} rows`);
      else status(`${job.state} after ${job.done} of ${job.total} rows: ${job.error}`, true);
    } catch (e) {
      status(e.message, true);
    } finally {
      running = false; $("run").disabled = false; $("cancel").disabled = true;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    IP.complete($("b"));
    const load = () => {
      const p = params();
      $("a").value = (p.get("a") || "Li6PS5Cl,Li3InCl6,Li3PS4,Li3YCl6").split(",").join("\n");
      $("b").value = (p.get("b") || "Li2RuO3,LiCoO2,LiNiO2,LiMn2O4").split(",").join("\n");
      $("conditions").value = p.get("conditions") || "closed,3,2.0-4.5";
      $("energy").value = p.get("energy") === "total" ? "total" : "mutual";
    };
    load();
    $("form").addEventListener("submit", (e) => { e.preventDefault(); run(true); });
    $("cancel").addEventListener("click", () => { if (jobId) jobs("DELETE", "/" + jobId).catch((e) => status(e.message, true)); });
    $("filter").addEventListener("input", renderRows);
    window.addEventListener("popstate", () => { load(); if (params().has("a")) run(false); });
    $("fill").addEventListener("click", async () => {
      try {
        const r = await api("select", { with: $("with").value.trim() || "Li", stable: "true", limit: 200 });
        $("a").value = r.json.map((e) => e.reduced_formula || e.formula).join("\n");
        status(`${r.json.length} stable materials in A`);
      } catch (e) { status(e.message, true); }
    });
    $("upload").addEventListener("change", async () => {
      const f = $("upload").files[0];
      if (f) $("a").value = list(await f.text()).join("\n");
    });
    $("dl-csv").addEventListener("click", () => download("screen.csv", csv(["A", "B", "condition", "chemsys", "energy", "x", "x_mass", "reaction", "error", "V_min"], rows), "text/csv"));
    $("dl-json").addEventListener("click", () => download("screen.jsonl", text, "application/x-ndjson"));
    if (params().has("a")) run(false);
  });
})();
