"""The README's Python session runs as shown (a doctest of its first python block)."""

from __future__ import annotations

import doctest
import os
import re

from conftest import HERE


def test_readme_session(db, tmp_path, monkeypatch):
    with open(os.path.join(HERE, "..", "..", "README.md"), encoding="utf-8") as f:
        text = f.read()
    section = text[text.index("\n## Python\n"):text.index("\n## Errors\n")]
    session, plot = re.findall(r"```python\n(.*?)```", section, re.S)[:2]
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(session, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test, clear_globs=False)
    assert runner.summarize(verbose=False).failed == 0
    import matplotlib
    matplotlib.use("Agg")
    exec(plot, dict(test.globs))
    assert (tmp_path / "li6ps5cl_li2ruo3.png").stat().st_size > 1000


def test_docstring_examples(db):
    """The examples in the package's docstrings (on the default data)."""
    import interphase

    finder = doctest.DocTestFinder(recurse=False)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(interphase.react) + finder.find(interphase):
        test.globs["interphase"] = interphase
        runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.attempted >= 4 and results.failed == 0
