"""The web app in a real browser: Debian's chromium, headless, driven by
chromium-driver through python3-selenium. Skipped, with a message saying
why, only when these are not installed and the tests do not run in CI.

Screenshots of every page go to INTERPHASE_ARTIFACTS (the build tree)."""

from __future__ import annotations

import json
import os
import shutil
import urllib.parse

import pytest

from conftest import SEED_PAIRS, Server, run_cli, wait_until

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"
IN_CI = bool(os.environ.get("CI") or os.environ.get("INTERPHASE_CI"))


def _browser_or_skip():
    missing = [p for p in (CHROMIUM, DRIVER) if not os.path.exists(p)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium module (python3-selenium)")
    if missing:
        message = ("browser tests need chromium, chromium-driver and python3-selenium "
                   f"(apt install chromium chromium-driver python3-selenium); missing: {', '.join(missing)}")
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    _browser_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                "--disable-dev-shm-usage", "--lang=en-US", "--no-first-run", "--disable-extensions"]:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.add_experimental_option("prefs", {"download.default_directory": downloads(),
                                              "download.prompt_for_download": False,
                                              # a download that follows an API call is not a click's own: allow several
                                              "profile.default_content_setting_values.automatic_downloads": 1})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def downloads() -> str:
    """Where the browser saves what a page downloads (emptied for each test run)."""
    path = os.path.join(artifacts(), "downloads")
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def artifacts() -> str:
    path = os.environ.get("INTERPHASE_ARTIFACTS") or os.path.join(os.path.dirname(__file__), "screenshots")
    os.makedirs(path, exist_ok=True)
    return path


def screenshot(driver, name: str) -> None:
    """The whole page, as tall as its content."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1400, max(1000, min(height + 40, 6000)))
    driver.save_screenshot(os.path.join(artifacts(), name + ".png"))
    driver.set_window_size(1400, 1000)


def console_errors(driver, allowed=()) -> list:
    return [e for e in driver.get_log("browser")
            if e["level"] == "SEVERE" and not any(a in e["message"] for a in allowed)]


def load(driver, url: str, ready) -> None:
    driver.get(url)
    assert wait_until(lambda: ready(driver), 60), f"{url} did not finish: {driver.find_element('id', 'status').text}"


def kinks_shown(driver):
    """Each kink row of the table: its numbers as the DOM holds them (full precision in data-value)."""
    rows = driver.find_elements("css selector", "#kink-table tbody tr")
    out = []
    for row in rows:
        cells = row.find_elements("css selector", "td[data-value]")
        values = [float(c.get_attribute("data-value")) for c in cells]
        out.append({"x": values[0], "x_molar": values[1], "x_mass": values[2], "energy": values[3],
                    "energy_kj_mol": values[4], "reaction": row.find_element("css selector", "td.reaction").text,
                    "minimum": "minimum" in row.get_attribute("class")})
    return out


def assert_page_equals_program(driver, program: dict) -> None:
    shown = kinks_shown(driver)
    assert len(shown) == len(program["kinks"])
    for s, k in zip(shown, program["kinks"]):
        for key in ["x", "x_molar", "x_mass", "energy", "energy_kj_mol"]:
            assert abs(s[key] - k[key]) <= 1e-9, (key, s[key], k[key])
        assert s["reaction"].replace("\u2192", "->") == k["reaction"]
    minimum = driver.find_element("id", "minimum")
    assert abs(float(minimum.get_attribute("data-energy")) - program["minimum"]["energy"]) <= 1e-9
    assert abs(float(minimum.get_attribute("data-x")) - program["minimum"]["x"]) <= 1e-9
    assert [s["minimum"] for s in shown].count(True) == 1
    # One marker per kink in the plot, the minimum's marked as such.
    markers = driver.find_elements("css selector", "#reaction-plot circle.kink")
    assert len(markers) == len(program["kinks"])
    assert len(driver.find_elements("css selector", "#reaction-plot circle.kink.minimum")) == 1
    # Every kink numbered beside the curve as in the table (the products are in the table, not the plot).
    numbers = driver.find_elements("css selector", "#reaction-plot text.kink-number")
    assert sorted(int(n.text) for n in numbers) == list(range(1, len(program["kinks"]) + 1))
    unit = "eV/atom" if not program.get("open") else "eV per non-" + "/".join(program["open"]) + " atom"
    assert unit in driver.find_element("css selector", "#reaction-plot .legend-minimum").text


def table_matches(program: dict):
    def ready(driver):
        try:
            m = driver.find_element("id", "minimum")
            return (driver.find_element("id", "status").text == ""
                    and abs(float(m.get_attribute("data-energy")) - program["minimum"]["energy"]) <= 1e-9
                    and len(driver.find_elements("css selector", "#map-plot")) == 1)
        except Exception:
            return False
    return ready


@pytest.fixture(scope="module")
def server(db):
    s = Server(db)
    yield s
    assert s.stop() == 0


def program(*args: str) -> dict:
    return json.loads(run_cli("react", *args, "--format", "json"))


def test_pair_page_types_both_seed_pairs_and_moves_the_slider(server, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    a, b = SEED_PAIRS[0]
    load(browser, f"{server.url}/pair?a={a}&b={b}", table_matches(program(a, b)))
    assert_page_equals_program(browser, program(a, b))
    screenshot(browser, "pair_closed")
    for a, b in SEED_PAIRS[::-1]:
        for field, value in (("a", a), ("b", b)):
            box = browser.find_element("id", field)
            box.clear()
            box.send_keys(value)
        browser.find_element("id", "b").send_keys(Keys.ENTER)
        assert wait_until(lambda d=browser: table_matches(program(a, b))(d), 60)
        assert_page_equals_program(browser, program(a, b))
    # Open Li and drag the voltage slider; the page follows it, and shows the program's numbers at its value.
    browser.find_element("id", "opened").click()
    slider = browser.find_element("id", "voltage")
    ActionChains(browser).click_and_hold(slider).move_by_offset(35, 0).release().perform()
    volts = slider.get_attribute("value")
    assert volts != "3"
    expected = program(a, b, "--voltage", volts)
    assert wait_until(lambda: table_matches(expected)(browser), 60)
    assert_page_equals_program(browser, expected)
    assert f"voltage={volts}" in browser.current_url
    assert "V vs Li/Li+" in browser.find_element("id", "reaction-plot").text
    screenshot(browser, "pair_voltage")
    # The SVG and PNG downloads are the program's figure (with its products table), not the page's plot.
    folder = os.path.join(artifacts(), "downloads")
    stem = f"{a}_{b}_{volts}V"
    saved = lambda ext: os.path.join(folder, f"{stem}.{ext}")  # noqa: E731
    for ext in ("svg", "png"):  # one after the other: each waits for the server's figure
        browser.find_element("id", f"dl-{ext}").click()
        assert wait_until(lambda: os.path.exists(saved(ext)), 120), (ext, os.listdir(folder))
    assert wait_until(lambda: open(saved("svg")).read() == run_cli("react", a, b, "--voltage", volts, "--format", "svg"), 10)
    with open(saved("png"), "rb") as f:
        png = f.read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == 1600  # the program's 800 px wide figure, drawn at twice its size
    assert console_errors(browser) == []


def test_bookmarked_url_gives_the_same_state_and_back_works(server, browser):
    a, b = SEED_PAIRS[1]
    query = {"a": a, "b": b, "voltage": "4.2", "energy": "total", "uncertainty": "true"}
    expected = program(a, b, "--voltage", "4.2", "--energy", "total", "--uncertainty")
    load(browser, f"{server.url}/pair?{urllib.parse.urlencode(query)}", table_matches(expected))
    assert_page_equals_program(browser, expected)
    assert browser.find_element("id", "a").get_attribute("value") == a
    assert browser.find_element("id", "energy").get_attribute("value") == "total"
    assert browser.find_element("id", "opened").is_selected()
    assert browser.find_element("id", "voltage").get_attribute("value") == "4.2"
    assert len(browser.find_elements("css selector", "#reaction-plot polygon.band")) == 1
    # A new request from the form, then back: the bookmarked state again.
    box = browser.find_element("id", "range")
    box.send_keys("2.0-4.5\n")
    ranged = program(a, b, "--range", "2.0-4.5", "--energy", "total", "--uncertainty")
    assert wait_until(lambda: table_matches(ranged)(browser), 60)
    worst = float(browser.find_element("id", "range-worst").get_attribute("data-energy"))
    assert abs(worst - ranged["range"]["energy"]) <= 1e-9
    screenshot(browser, "pair_range")
    browser.back()
    assert wait_until(lambda: table_matches(expected)(browser), 60)
    assert browser.find_element("id", "range").get_attribute("value") == ""
    assert console_errors(browser) == []


def test_gas_explanation_and_monte_carlo_equal_the_program(server, browser):
    """A gas at (T, p) instead of a voltage, --explain's sensitivities and margins, and the
    Monte Carlo p_react of --samples: the page shows the program's JSON for the same request."""
    a, b = SEED_PAIRS[0]
    query = {"a": a, "b": b, "gas": "O=1000,21000", "explain": "true", "samples": "200"}
    expected = program(a, b, "--gas", "O=1000,21000", "--explain", "--samples", "200")
    load(browser, f"{server.url}/pair?{urllib.parse.urlencode(query)}", table_matches(expected))
    assert_page_equals_program(browser, expected)
    assert browser.find_element("id", "gassed").is_selected() and not browser.find_element("id", "opened").is_selected()
    assert browser.find_element("id", "gas-t").get_attribute("value") == "1000"
    assert "O gas at 1000 K, 21000 Pa" in browser.find_element("id", "title").text

    def value(element) -> float:
        return float(element.get_attribute("data-value"))
    m = expected["minimum"]
    for key in ["p_react", "energy_std", "energy_p05", "energy_p95"]:
        assert abs(value(browser.find_element("id", key.replace("_", "-"))) - m[key]) <= 1e-9, key
    sets = browser.find_elements("css selector", "#product-sets tbody tr")
    assert len(sets) == len(m["product_sets"])
    for row, s in zip(sets, m["product_sets"]):
        assert abs(value(row.find_element("css selector", "td.num")) - s["p"]) <= 1e-9
    (explained,) = expected["explain"]
    rows = browser.find_elements("css selector", "tr.sensitivity")
    assert [r.get_attribute("data-id") for r in rows] == [s["id"] for s in explained["sensitivities"]]
    rise = {p["id"]: p["raise_margin"] for p in explained["product_margins"]}
    for row, s in zip(rows, explained["sensitivities"]):
        cells = row.find_elements("css selector", "td.num")
        assert abs(value(cells[0]) - s["coefficient"]) <= 1e-9
        if s["id"] in rise:
            assert abs(value(cells[1]) - rise[s["id"]]) <= 1e-9
    competitors = browser.find_elements("css selector", "tr.competitor")
    assert [c.get_attribute("data-id") for c in competitors] == [c["id"] for c in explained["competitors"]]
    for row, c in zip(competitors, explained["competitors"]):
        assert abs(value(row.find_element("css selector", "td.num")) - c["margin"]) <= 1e-9
    assert abs(value(browser.find_element("css selector", ".second-best")) - explained["second_best"]["above"]) <= 1e-9
    screenshot(browser, "pair_gas_explain_samples")
    # Back to a voltage from the form: the gas is dropped, the URL follows.
    browser.find_element("id", "opened").click()
    assert wait_until(lambda: "voltage=" in browser.current_url and "gas=" not in browser.current_url, 60)
    assert not browser.find_element("id", "gassed").is_selected()
    assert console_errors(browser) == []


def test_script_in_a_formula_is_shown_not_run(server, browser):
    query = urllib.parse.urlencode({"a": "<img src=x onerror=window.__bad=1><script>window.__bad=1</script>",
                                    "b": "Li2RuO3"})
    browser.get(f"{server.url}/pair?{query}")
    assert wait_until(lambda: "error" in browser.find_element("id", "status").get_attribute("class"), 30)
    assert "<script>" in browser.find_element("id", "status").text
    assert browser.execute_script("return window.__bad === undefined")
    assert browser.find_element("id", "a").get_attribute("value").startswith("<img")
    # The only console entry is the API's 400 answer to the bad formula.
    assert console_errors(browser, allowed=["status of 400"]) == []


def test_material_page(server, browser):
    decomposition = json.loads(run_cli("decompose", "Li3InCl6", "--format", "json"))
    window = json.loads(run_cli("window", "Li3InCl6", "--format", "json"))

    def ready(d):
        return (len(d.find_elements("id", "reduction")) == 1 and d.find_element("id", "status").text == ""
                and len(d.find_elements("css selector", "#phases tbody tr")) > 0)
    load(browser, f"{server.url}/material?formula=Li3InCl6", ready)
    shown = float(browser.find_element("id", "e-above-hull").get_attribute("data-value"))
    assert abs(shown - decomposition["e_above_hull"]) <= 1e-9
    assert abs(float(browser.find_element("id", "reduction").get_attribute("data-value")) - window["reduction_V"]) <= 1e-9
    assert abs(float(browser.find_element("id", "oxidation").get_attribute("data-value")) - window["oxidation_V"]) <= 1e-9
    screenshot(browser, "material")
    assert console_errors(browser) == []


def test_screen_page_runs_and_sorts(server, browser):
    query = urllib.parse.urlencode({"a": "Li6PS5Cl,Li3InCl6,Li3PS4", "b": "Li2RuO3,LiCoO2", "conditions": "closed,3"})

    def ready(d):
        return len(d.find_elements("css selector", "#rows tbody tr")) == 12 and "results" in d.find_element("id", "status").text
    load(browser, f"{server.url}/screen?{query}", ready)
    assert len(browser.find_elements("css selector", "svg.heatmap")) == 2
    lines = run_cli("screen", "Li6PS5Cl", "Li3InCl6", "Li3PS4", "--against", "Li2RuO3", "LiCoO2", "--conditions",
                    "closed,3", "--format", "json", "--quiet").splitlines()
    energies = sorted(json.loads(l)["energy"] for l in lines)

    def column(key):
        header = [th.get_attribute("data-key") for th in browser.find_elements("css selector", "#rows thead th")]
        i = header.index(key)
        return [r.find_elements("css selector", "td")[i] for r in browser.find_elements("css selector", "#rows tbody tr")]
    shown = [float(c.get_attribute("data-value")) for c in column("energy")]
    assert all(abs(s - e) <= 1e-9 for s, e in zip(shown, energies)), (shown, energies)
    browser.find_element("css selector", "#rows thead th[data-key=energy]").click()  # sorted ascending: now descending
    shown = [float(c.get_attribute("data-value")) for c in column("energy")]
    assert shown == sorted(shown, reverse=True)
    screenshot(browser, "screen")
    assert console_errors(browser) == []


def test_screen_page_cancel_stops_the_job(server, browser):
    """A screen near the web app's row limit, cancelled as soon as its progress shows:
    the page says how far it got, the job stops short of its rows, and the page can run again."""
    stable = run_cli("select", "--with", "Li", "--stable", "--elements", "3", "--limit", "300", "--format", "csv")
    materials = [line.split(",")[0] for line in stable.splitlines()[1:]]
    assert len(materials) == 300
    cathodes = ["LiCoO2", "LiNiO2", "LiMnO2", "LiMn2O4", "LiFePO4", "LiMnPO4", "LiCoPO4", "LiNiPO4", "Li2RuO3",
                "Li2MnO3", "LiVO2", "LiFeO2", "Li2FeSiO4", "LiCrO2", "LiTiS2", "LiV3O8", "LiFeBO3", "Li2FeP2O7",
                "Li0.5CoO2", "LiRuO2"]
    total = len(materials) * len(cathodes) * 3
    load(browser, f"{server.url}/screen", lambda d: d.find_element("id", "a").get_attribute("value") != "")
    browser.execute_script("document.getElementById('a').value = arguments[0];"
                           "document.getElementById('b').value = arguments[1];"
                           "document.getElementById('conditions').value = 'closed,3,2.0-4.5';",
                           "\n".join(materials), "\n".join(cathodes))
    browser.find_element("id", "run").click()
    status = lambda: browser.find_element("id", "status").text  # noqa: E731
    assert wait_until(lambda: status().startswith("row ") and not status().startswith("row 0 "), 120), status()
    assert f"of {total} " in status()
    browser.find_element("id", "cancel").click()
    assert wait_until(lambda: status().startswith("cancelled after"), 120), status()
    done = int(status().split()[2])
    assert 0 < done < total, status()
    assert status() == f"cancelled after {done} of {total} rows"
    assert browser.find_element("id", "run").is_enabled()
    assert not browser.find_element("id", "cancel").is_enabled()
    screenshot(browser, "screen_cancelled")
    assert console_errors(browser) == []


def test_coat_and_index_pages(server, browser):
    query = urllib.parse.urlencode({"electrolyte": "Li6PS5Cl", "cathodes": "Li2RuO3", "range": "2.0-4.5",
                                    "with": "O", "elements": "3"})
    load(browser, f"{server.url}/coat?{query}",
         lambda d: len(d.find_elements("css selector", "#ranking tbody tr")) > 0)
    assert len(browser.find_elements("css selector", "#coat-scatter circle.candidate")) > 0
    # One unit on both axes: the energies over the window (per non-Li atom) by default, closed ones (per atom) on request.
    coat = json.loads(run_cli("coat", "Li6PS5Cl", "Li2RuO3", "--range", "2.0-4.5", "--with", "O", "--elements", "3",
                              "--format", "json", "--quiet"))
    by_coating = {c["coating"]: c for c in coat["candidates"]}

    def scatter_matches(suffix: str, unit: str):
        titles = [browser.find_element("css selector", f"#coat-scatter .{t}").text for t in ("x-title", "y-title")]
        assert all(t.endswith(f"({unit})") for t in titles), titles
        assert all(other not in t for t in titles for other in {"eV/atom", "eV per non-Li atom"} - {unit}), titles
        points = browser.find_elements("css selector", "#coat-scatter circle.candidate")
        expected = [c for c in coat["candidates"] if c[f"energy_electrolyte{suffix}"] is not None and c[f"energy_cathode{suffix}"] is not None]
        assert len(points) == len(expected)
        for p in points:
            c = by_coating[p.get_attribute("data-coating")]
            assert abs(float(p.get_attribute("data-x")) - c[f"energy_electrolyte{suffix}"]) <= 1e-9
            assert abs(float(p.get_attribute("data-y")) - c[f"energy_cathode{suffix}"]) <= 1e-9
    scatter_matches("_range", "eV per non-Li atom")
    from selenium.webdriver.support.ui import Select
    Select(browser.find_element("id", "scatter-energy")).select_by_value("closed")
    assert wait_until(lambda: "scatter=closed" in browser.current_url, 10)
    scatter_matches("", "eV/atom")
    screenshot(browser, "coat")
    browser.get(server.url + "/")
    links = {a.get_attribute("pathname") for a in browser.find_elements("css selector", "a")}
    assert {"/pair", "/material", "/screen", "/coat"} <= links
    screenshot(browser, "index")
    assert console_errors(browser) == []
