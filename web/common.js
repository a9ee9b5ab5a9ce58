// interphase web app: what every page shares. Values from the API reach the
// page only as text nodes (textContent) or attributes, never as markup.
"use strict";

const IP = (() => {
  const SVG_NS = "http://www.w3.org/2000/svg";

  /** An HTML element with attributes and children (strings become text nodes). */
  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, v);
    for (const c of children.flat()) if (c !== undefined && c !== null) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  /** An SVG element with attributes and children. */
  function svg(tag, attrs = {}, ...children) {
    const e = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, v);
    for (const c of children.flat()) if (c !== undefined && c !== null) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  /** Split a formula or equation into [text, isSubscript] runs: digits after a letter or ')' are subscripts. */
  function formulaRuns(text) {
    const runs = [];
    for (const token of String(text).split(/(\s+)/)) {
      if (!/^[A-Z(]/.test(token)) { runs.push([token === "->" ? "\u2192" : token, false]); continue; }
      const re = /(\d+(?:\.\d+)?)|([^\d]+)/g;
      let m, prev = "";
      while ((m = re.exec(token)) !== null) {
        const sub = m[1] !== undefined && /[A-Za-z)]$/.test(prev);
        runs.push([m[0], sub]);
        prev = m[0];
      }
    }
    return runs;
  }

  /** A formula or equation as HTML nodes with <sub>. */
  function formulaHtml(text) {
    const span = el("span", { class: "formula" });
    for (const [t, sub] of formulaRuns(text)) span.append(sub ? el("sub", {}, t) : document.createTextNode(t));
    return span;
  }

  /** A formula or equation as SVG tspans with subscripts. */
  function formulaSvg(text, attrs = {}) {
    const t = svg("text", attrs);
    let wasSub = false;
    for (const [s, sub] of formulaRuns(text)) {
      const span = svg("tspan", sub ? { "baseline-shift": "sub", "font-size": "75%" } : {}, s);
      t.append(span);
      wasSub = sub;
    }
    void wasSub;
    return t;
  }

  function fixed(v, digits) {
    if (v === null || v === undefined) return "";
    const s = Number(v).toFixed(digits);
    return /^-0\.0*$/.test(s) ? s.slice(1) : s;
  }

  /** The page's inputs from its URL. */
  function params() { return new URLSearchParams(location.search); }

  /** Put `values` (name -> value; empty drops it) in the URL: a new history entry if `push`. */
  function setParams(values, push) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v !== "" && v !== null && v !== undefined && v !== false) p.set(k, v);
    const url = location.pathname + (p.toString() ? "?" + p.toString() : "");
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  }

  /** GET /api/<endpoint> with `query`: the parsed JSON and its text; throws Error(message of the API). */
  async function api(endpoint, query) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== "" && v !== null && v !== undefined) p.set(k, v);
    const response = await fetch("/api/" + endpoint + "?" + p.toString());
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try { message = JSON.parse(text).error; } catch (e) { /* not JSON */ }
      throw new Error(message);
    }
    const json = endpoint !== "screen" && (response.headers.get("content-type") || "").startsWith("application/json");
    return { json: json ? JSON.parse(text) : null, text };
  }

  /** Completion of formula inputs from the data set (a shared <datalist>). */
  function complete(input) {
    let list = document.getElementById("formula-list");
    if (!list) { list = el("datalist", { id: "formula-list" }); document.body.append(list); }
    input.setAttribute("list", "formula-list");
    input.setAttribute("autocomplete", "off");
    let last = "";
    input.addEventListener("input", async () => {
      const prefix = input.value.split(",").pop().trim();
      if (prefix === last || prefix.length < 1) return;
      last = prefix;
      try {
        const r = await api("complete", { prefix, limit: 30 });
        if (prefix !== last) return;
        list.replaceChildren(...r.json.formulas.map((f) => el("option", { value: f })));
      } catch (e) { /* completion is a convenience: errors stay out of the way */ }
    });
  }

  /** Save `content` (string or Blob) as a file. */
  function download(name, content, type) {
    const blob = content instanceof Blob ? content : new Blob([content], { type });
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  /** The SVG element as a standalone file's text. */
  function svgText(node) {
    const copy = node.cloneNode(true);
    copy.setAttribute("xmlns", SVG_NS);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
  }

  /** The SVG (an element, or a file's text) drawn on a canvas at `scale`, as a PNG Blob. */
  function svgPng(node, scale = 2) {
    const text = typeof node === "string" ? node : svgText(node);
    const root = typeof node === "string" ? new DOMParser().parseFromString(text, "image/svg+xml").documentElement : node;
    return new Promise((resolve, reject) => {
      const w = root.viewBox.baseVal.width, h = root.viewBox.baseVal.height;
      const img = new Image();
      const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
      img.onload = () => {
        const c = el("canvas", { width: w * scale, height: h * scale });
        const g = c.getContext("2d");
        g.fillStyle = "#fff";
        g.fillRect(0, 0, c.width, c.height);
        g.drawImage(img, 0, 0, c.width, c.height);
        URL.revokeObjectURL(url);
        c.toBlob(resolve, "image/png");
      };
      img.onerror = () => reject(new Error("cannot draw the plot as PNG"));
      img.src = url;
    });
  }

  /** A colour for t in [0, 1]: dark blue (most negative) over teal and yellow to pale (0). */
  const STOPS = [[49, 54, 149], [69, 117, 180], [116, 173, 209], [171, 217, 233], [254, 224, 144], [255, 255, 229]];
  function color(t) {
    t = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
    const i = Math.min(STOPS.length - 2, Math.floor(t)), f = t - i;
    return STOPS[i].map((c, k) => Math.round(c + f * (STOPS[i + 1][k] - c)));
  }
  function rgb(c) { return "rgb(" + c.join(",") + ")"; }

  /** "Nice" tick values covering [lo, hi]. */
  function ticks(lo, hi, n = 6) {
    const span = hi - lo || 1;
    const step0 = span / n, mag = Math.pow(10, Math.floor(Math.log10(step0)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= step0);
    const out = [];
    for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }

  /** Show an error message in the page's status line (or clear it). */
  function status(text, isError) {
    const s = document.getElementById("status");
    if (!s) return;
    s.textContent = text || "";
    s.className = isError ? "status error" : "status";
  }

  /** A sortable table: columns [{key, label, num, digits, formula}], rows of objects. */
  function sortableTable(columns, rows, opts = {}) {
    const table = el("table", { class: "data sortable" });
    const head = el("tr");
    let sortKey = opts.sortKey || null, asc = true;
    const body = el("tbody");
    const render = () => {
      const sorted = rows.slice();
      if (sortKey) {
        const col = columns.find((c) => c.key === sortKey);
        sorted.sort((a, b) => {
          const x = a[sortKey], y = b[sortKey];
          if (x === null || x === undefined) return 1;
          if (y === null || y === undefined) return -1;
          const d = col.num ? x - y : String(x).localeCompare(String(y));
          return asc ? d : -d;
        });
      }
      body.replaceChildren(...sorted.map((r) => el("tr", r._class ? { class: r._class } : {}, columns.map((c) => {
        const v = r[c.key];
        const cell = el("td", c.num ? { class: "num", "data-value": v === null || v === undefined ? "" : String(v) } : {});
        if (c.num) cell.textContent = v === null || v === undefined ? "" : fixed(v, c.digits ?? 4);
        else if (c.formula) cell.append(formulaHtml(v ?? ""));
        else cell.textContent = v ?? "";
        return cell;
      }))));
    };
    for (const c of columns) {
      const th = el("th", { "data-key": c.key, title: "sort" }, c.label);
      th.addEventListener("click", () => {
        asc = sortKey === c.key ? !asc : true;
        sortKey = c.key;
        for (const h of head.children) h.removeAttribute("aria-sort");
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        render();
      });
      head.append(th);
    }
    table.append(el("thead", {}, head), body);
    render();
    return table;
  }

  function csvCell(v) {
    const s = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function csv(columns, rows) {
    return [columns.join(","), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n";
  }

  return { el, svg, formulaHtml, formulaSvg, fixed, params, setParams, api, complete, download, svgText, svgPng,
           color, rgb, ticks, status, sortableTable, csv };
})();
