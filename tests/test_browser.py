"""The report page in a real browser: headless Chromium renders ``index.html``, shows every
theorem id, logs no console error, and leaves a screenshot next to the page.

Skipped only where Chromium is missing outside CI; in CI (``$CI`` set) a missing browser fails.
"""

from __future__ import annotations

import os
import re

import pytest

from numerics import plots
from numerics.evidence import write_atomically
from numerics.report import HTML_NAME, chromium, open_in_browser, render_html
from tests.test_report import evidence

pytestmark = pytest.mark.skipif(
    chromium() is None and not os.environ.get("CI"),
    reason="chromium is not installed (apt-get install chromium); CI installs it and never skips",
)


@pytest.fixture(scope="module")
def browsed(tmp_path_factory):
    directory = tmp_path_factory.mktemp("browser")
    data = evidence()
    # two real figures (the cheap ones): the browser must decode embedded PNGs
    page = directory / HTML_NAME
    write_atomically(
        page, render_html(data, {"oracle": plots.oracle_figure(), "spectra": plots.spectra_figure(seed=0)})
    )
    screenshot = directory / "screenshot.png"
    dom, log = open_in_browser(page, screenshot=screenshot)
    return data, dom, log, screenshot


def test_the_page_renders_every_theorem_id(browsed):
    data, dom, _, _ = browsed
    assert "<h1>SVD proofs: evidence</h1>" in dom, dom[:500]
    for entry in data["theorems"]:
        assert f'id="{entry["id"]}"' in dom, entry["id"]
    assert dom.count("<img") == 2 and 'id="errata"' in dom and 'id="corner"' in dom


def test_no_console_errors(browsed):
    _, _, log, _ = browsed
    errors = [line for line in log.splitlines() if re.search(r"Uncaught|ERROR:CONSOLE|CONSOLE\(\d+\)", line)]
    assert not errors, "\n".join(errors)


def test_a_screenshot_is_written(browsed):
    *_, screenshot = browsed
    assert screenshot.read_bytes().startswith(b"\x89PNG") and screenshot.stat().st_size > 10_000
