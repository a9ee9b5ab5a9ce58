#!/usr/bin/env python3
"""First paint of the web app's pair page in headless chromium (Debian's
chromium and chromium-driver through python3-selenium), on loopback.

Starts `interphase serve --port 0`, then loads /pair?a=...&b=... N times in
one browser, each a fresh navigation (the server sends Cache-Control:
no-store, so the page and its scripts and styles are fetched every time), and
reads from the page's own performance timeline: first paint and first
contentful paint (PerformanceObserver "paint" entries), DOMContentLoaded, and
the moment the reaction plot is in the page (a MutationObserver added by the
DevTools protocol before any of the page's scripts run: the API's answer
fetched and drawn). Reports the median, p90 and max of each, in ms from the
start of the navigation, for the first load (the server's answer cache cold)
and the rest.

  bench/bench_first_paint.py build/interphase [--db FILE] [--loads 30] [--pair Li6PS5Cl,Li2RuO3] [--voltage 3]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import time

# Run before the page's own scripts: note when the plot's <svg id="reaction-plot"> appears.
WATCH_PLOT = """
new MutationObserver((changes, observer) => {
  if (document.getElementById("reaction-plot")) { window.__plot_ms = performance.now(); observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});
"""

READ = """
const paint = Object.fromEntries(performance.getEntriesByType("paint").map((e) => [e.name, e.startTime]));
const nav = performance.getEntriesByType("navigation")[0];
return {fp: paint["first-paint"], fcp: paint["first-contentful-paint"], dcl: nav.domContentLoadedEventEnd,
        plot: window.__plot_ms === undefined ? null : window.__plot_ms};
"""


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("program")
    p.add_argument("--db", default=None)
    p.add_argument("--loads", type=int, default=30)
    p.add_argument("--pair", default="Li6PS5Cl,Li2RuO3")
    p.add_argument("--voltage", default="3")
    a = p.parse_args()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    server = subprocess.Popen([a.program, "serve", "--port", "0"] + (["--db", a.db] if a.db else []),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    port = re.search(r"127\.0\.0\.1:(\d+)/", server.stdout.readline()).group(1)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--disable-dev-shm-usage",
                "--disable-extensions", "--no-first-run"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_PLOT})
        a_, b_ = a.pair.split(",")
        url = f"http://127.0.0.1:{port}/pair?a={a_}&b={b_}" + (f"&voltage={a.voltage}" if a.voltage else "")
        driver.get(f"http://127.0.0.1:{port}/")  # start the browser's processes before measuring
        samples = []
        for _ in range(a.loads):
            driver.get("about:blank")
            driver.get(url)
            end = time.time() + 30
            while time.time() < end:
                t = driver.execute_script(READ)
                if t["plot"] is not None and t["fp"] is not None:
                    break
                time.sleep(0.02)
            samples.append(t)
        print(f"pair page {url.split('/pair')[1]}: {a.loads} loads")
        for key, words in [("fp", "first paint"), ("fcp", "first contentful paint"), ("dcl", "DOMContentLoaded"),
                           ("plot", "plot drawn (API answer in)")]:
            first = samples[0][key]
            rest = [s[key] for s in samples[1:] if s[key] is not None]
            print(f"  {words:28s} first load {first:6.1f} ms; then median {statistics.median(rest):6.1f} ms, "
                  f"p90 {percentile(rest, 0.9):6.1f} ms, max {max(rest):6.1f} ms")
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
