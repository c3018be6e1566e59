"""The HTML evidence report: ``index.html``, one self-contained page.

Rendered from the evidence dict alone (``numerics.evidence.build_evidence``)
plus the figures of ``numerics.plots``, embedded as base64 PNG: no script, no
external stylesheet, no network.  The page shows, in order: an overview table
of every theorem with its verdict, the figures, then per theorem its statement
(Unicode mathematics, as written in the claims), source, the labelled steps of
its proof that the checks execute, its checks (a failure with its instance) and
its mutants; then the errata and the reproduction of 002's numerical corner.

``write_report(evidence, directory, seed=…)`` is what the evidence plugin calls
at the end of a run with ``--evidence-dir``; ``render_html`` is pure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path

from numerics.evidence import (
    CHECK_COLUMNS,
    CORNER_ROWS,
    MUTANT_COLUMNS,
    _short,
    _worst,
    errata_counts,
    write_atomically,
)
from numerics.records import KINDS

HTML_NAME = "index.html"

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; color: #222; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.85rem; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.verified, .passed, .refuted, .confirmed { color: #11702b; font-weight: 600; }
.failed, .survived { color: #b00020; font-weight: 700; }
.unchecked, .not-run { color: #8a6d00; font-weight: 600; }
blockquote { border-left: 4px solid #8aa; margin: 0.5rem 0; padding: 0.3rem 0.8rem; background: #f7fafa;
  font-family: "DejaVu Serif", Georgia, serif; font-size: 1.05rem; }
pre { background: #fff4f4; border: 1px solid #e6b8b8; padding: 0.5rem; font-size: 0.8rem;
  white-space: pre-wrap; overflow-wrap: anywhere; }
pre.instance { background: #f6f6f6; border-color: #ddd; }
section.theorem { border-top: 1px solid #ddd; margin-top: 1.5rem; }
ol.steps { font-family: "DejaVu Serif", Georgia, serif; font-size: 0.9rem; columns: 2; }
figure { margin: 1rem 0; } figure img { max-width: 100%; border: 1px solid #eee; }
figcaption { font-size: 0.85rem; color: #555; }
"""


def render_html(evidence: dict, figures: dict[str, str | None] | None = None) -> str:
    """The report page from the evidence dict and the base64 PNG figures (by name)."""
    figures = figures or {}
    s = evidence["summary"]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>SVD proofs: evidence</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>SVD proofs: evidence</h1>",
        f"<p>Seed <code>{escape(str(evidence['seed']))}</code>, profile "
        f"<code>{escape(evidence['profile'])}</code>. {s['theorems']} theorems: "
        f"<span class='verified'>{s['verified']} verified</span>, "
        f"<span class='failed'>{s['failed']} failed</span>, "
        f"<span class='unchecked'>{s['unchecked']} unchecked</span>; {s['checks']} checks over "
        f"{s['instances']} instances; {s['mutants_refuted']} of {s['mutants']} mutants refuted"
        + (f"; {escape(errata_counts(evidence))}" if evidence.get("errata") else "")
        + ".</p>",
        *_failed_tests_banner(evidence),
        "<h2 id='overview'>Overview</h2>",
        _overview(evidence["theorems"]),
        *_figures(figures),
        *(_theorem(entry) for entry in evidence["theorems"]),
        *_errata(evidence.get("errata") or []),
        *_corner(evidence.get("corner")),
        *_failed_tests(evidence),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _status(status: str) -> str:
    return f"<span class='{escape(status.replace(' ', '-'))}'>{escape(status)}</span>"


def _table(header, rows: list[list[str]], numeric: tuple[int, ...] = ()) -> str:
    """An HTML table; cells are already HTML."""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(f"<td class='num'>{c}</td>" if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _overview(entries: list[dict]) -> str:
    header = ("theorem", "title", "verdict", *KINDS, "instances", "worst slack", "mutants refuted")
    rows = []
    for entry in entries:
        checks = entry["checks"]
        refuted = sum(m["status"] == "refuted" for m in entry["mutants"])
        rows.append(
            [
                f"<a href='#{escape(entry['id'])}'><code>{escape(entry['id'])}</code></a>",
                escape(entry["title"] or "—"),
                _status(entry["status"]),
                *(str(sum(c["kind"] == kind for c in checks)) for kind in KINDS),
                str(sum(c["instances"] for c in checks)),
                escape(_worst([c["worst_slack"] for c in checks])),
                f"{refuted}/{len(entry['mutants'])}",
            ]
        )
    return _table(header, rows, numeric=(3, 4, 5, 6, 7, 8))


CAPTIONS = {
    "slack": "How far each inequality of each claim (the statement and the proof's steps) stays from "
    "breaking on a few freshly drawn instances: the relative slack (rhs − lhs)/scale, log scale; "
    "points at the dotted line are attained (slack 0 within the tolerance).",
    "why_project": "Why Project: ‖A_k − C‖_F²/(k‖A − C‖₂²) on instances drawn from the claim's own "
    "families, against 002's constant 8 and the sharp 5; crosses: the tight family approaching 5.",
    "spectra": "The singular values of the matrix families the checks draw from, as their "
    "exact SVDs give them.",
    "oracle": "The reference SVD's accuracy: largest relative error of the singular values at each "
    "precision against a reference computed 30 digits higher.",
}


def _figures(figures: dict[str, str | None]) -> list[str]:
    drawn = [(name, data) for name, data in figures.items() if data]
    if not drawn:
        return []
    return ["<h2 id='figures'>Figures</h2>"] + [
        f"<figure id='figure-{escape(name)}'><img alt='{escape(name)}' "
        f"src='data:image/png;base64,{data}'><figcaption>{escape(CAPTIONS.get(name, name))}"
        "</figcaption></figure>"
        for name, data in drawn
    ]


def _theorem(entry: dict) -> str:
    id_ = escape(entry["id"])
    parts = [
        f"<section class='theorem' id='{id_}'>",
        f"<h2><code>{id_}</code> — {escape(entry['title'] or 'not in the catalog')}</h2>",
        f"<p>Verdict: {_status(entry['status'])}"
        + (f" · Source: {escape(entry['source'])}" if entry["source"] else "")
        + (f" · Module: <code>{escape(entry['module'])}</code>" if entry["module"] else "")
        + "</p>",
    ]
    if entry["statement"]:
        parts.append(f"<blockquote>{escape(entry['statement'])}</blockquote>")
    steps = entry.get("steps")
    if steps and steps["labels"]:
        parts += [
            "<h3>Proof steps executed</h3><p>The labelled relations every check evaluates "
            f"(read from the case <code>{escape(steps['case'])}</code>):</p>",
            "<ol class='steps'>" + "".join(f"<li>{escape(step)}</li>" for step in steps["labels"]) + "</ol>",
        ]
    elif steps and steps["error"]:
        parts.append(f"<p>Proof steps unavailable: <code>{escape(steps['error'])}</code></p>")
    parts.append("<h3>Checks</h3>")
    if entry["checks"]:
        parts.append(_table(CHECK_COLUMNS, [_check_row(c) for c in entry["checks"]], numeric=(3, 5, 6, 7, 8)))
    else:
        parts.append("<p class='unchecked'>No check ran.</p>")
    for check in entry["checks"]:
        if check.get("failure"):
            parts.append(f"<p>Failure of <code>{escape(check['name'])}</code>:</p>")
            parts.append(f"<pre class='failure'>{escape(check['failure'])}</pre>")
    if entry["mutants"]:
        parts += ["<h3>Mutants</h3>", _table(MUTANT_COLUMNS, [_mutant_row(m) for m in entry["mutants"]])]
        for mutant in entry["mutants"]:
            if mutant["instance"]:
                parts.append(
                    f"<details><summary>Refuting instance of <code>{escape(mutant['name'])}</code></summary>"
                    f"<pre class='instance'>{escape(mutant['instance'])}</pre></details>"
                )
    parts.append("</section>")
    return "\n".join(parts)


def _check_row(check: dict) -> list[str]:
    return [
        f"<code>{escape(check['name'])}</code>",
        escape(check["kind"]),
        _status(check["status"]),
        str(check["instances"]),
        escape(", ".join(check["families"]) or "—"),
        "exact" if check["dps"] is None else str(check["dps"]),
        escape(_short(check["worst_slack"])),
        escape(_short(check["max_residual"])),
        f"{check['seconds']:.3f}",
    ]


def _mutant_row(mutant: dict) -> list[str]:
    return [
        f"<code>{escape(mutant['name'])}</code>",
        _status(mutant["status"]),
        escape(mutant["kind"] or "—"),
        escape(_short(mutant["slack"])),
    ]


def _errata(errata: list[dict]) -> list[str]:
    if not errata:
        return []
    parts = [
        "<section id='errata'><h2>Errata</h2>",
        "<p>Claims printed in the documents that fail as written: each printed form refuted by a "
        "counterexample and its correction checked exactly, in this run.</p>",
    ]
    for erratum in errata:
        counterexample, verification = erratum["counterexample"], erratum["verification"]
        parts += [
            f"<h3 id='erratum-{escape(erratum['name'])}'><code>{escape(erratum['name'])}</code> — "
            f"{_status(erratum['status'])}</h3>",
            f"<p>Source: {escape(erratum['source'])}</p>",
            f"<p>Printed:</p><blockquote>{escape(erratum['printed'])}</blockquote>",
        ]
        if counterexample is None:
            parts.append("<p class='not-run'>Not run: this run checked none of its theorems.</p>")
            continue
        parts += [
            f"<p>Printed form (<code>{escape(erratum['literal'])}</code>): "
            f"{_status(counterexample['status'])} (found by the {escape(counterexample['kind'] or '—')} "
            f"search), slack {escape(_short(counterexample['slack']))}:</p>",
        ]
        if counterexample["instance"]:
            parts.append(f"<pre class='instance'>{escape(counterexample['instance'])}</pre>")
        parts += [
            f"<p>Correction:</p><blockquote>{escape(erratum['correction'])}</blockquote>",
            f"<p>Corrected form (<code>{escape(erratum['corrected'])}</code>): "
            f"{_status(verification['status'])} on {verification['instances']} exact instances "
            f"({escape(', '.join(verification['families']))}), worst slack "
            f"{escape(_short(verification['worst_slack']))}.</p>",
        ]
        if verification["failure"]:
            parts.append(f"<pre class='failure'>{escape(verification['failure'])}</pre>")
    parts.append("</section>")
    return parts


def _corner(corner: dict | None) -> list[str]:
    if not corner:
        return []
    p, bound = corner["parameters"], corner["bound"]
    rows = [
        [
            f"<code>{escape(key)}</code> = {escape(gloss)}",
            repr(corner["printed"][key]),
            repr(corner["recomputed"][key]),
            f"{corner['digits'][key]:g}",
            f"{corner['corrected'][key]:.1f}",
            f"{corner['catalog_corrected'][key]:.1f}",
        ]
        for key, gloss in CORNER_ROWS
    ]
    header = ("quantity", "printed", "recomputed as printed", "digits agreeing", "corrected", "CATALOG.md")
    verdict = _status("confirmed" if bound["holds"] else "failed")
    return [
        "<section id='corner'><h2>002's numerical corner, reproduced</h2>",
        f"<p>numpy <code>default_rng({p['seed']})</code>, d = {p['d']}, n = {p['n']}, w = {p['w']:g}, "
        f"{escape(p['dtype'])}; mmids's generator, first cluster at +w·e₁, each cluster "
        "<code>mu + rng.normal(0, 1, (n, d))</code>. <em>As printed</em>: 002's C (the centres swapped) "
        "and <code>vh[:,0]</code>; <em>corrected</em>: the generator's centres and the right singular "
        "vector <code>vh[0,:]</code>.</p>",
        _table(header, rows, numeric=(1, 2, 3, 4, 5)),
        f"<p>Why Project on the data (k = {bound['k']} = rank C): ‖X_k − C‖_F²/(k‖X − C‖₂²) = "
        f"{bound['ratio']:.4f} ≤ {bound['constant_5k']} ≤ {bound['constant_8k']}: {verdict}.</p>",
        "</section>",
    ]


def _failed_tests_banner(evidence: dict) -> list[str]:
    if not evidence["failed_tests"]:
        return []
    return [f"<p class='failed'>{len(evidence['failed_tests'])} tests failed (listed at the end).</p>"]


def _failed_tests(evidence: dict) -> list[str]:
    if not evidence["failed_tests"]:
        return []
    items = "".join(f"<li><code>{escape(nodeid)}</code></li>" for nodeid in evidence["failed_tests"])
    return [f"<section id='failed-tests'><h2>Failed tests</h2><ul>{items}</ul></section>"]


def write_report(evidence: dict, directory: str | os.PathLike, *, seed: int) -> Path:
    """Draw the figures (seeded by ``seed``) and write ``directory/index.html``."""
    from numerics.plots import figures

    path = Path(directory) / HTML_NAME
    write_atomically(path, render_html(evidence, figures(seed=seed)))
    return path


# --------------------------------------------------------------------------- the browser

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
)


def chromium() -> str | None:
    """The headless browser the page is tested in (Debian's ``chromium``), if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def open_in_browser(
    page: str | os.PathLike, *, screenshot: str | os.PathLike | None = None
) -> tuple[str, str]:
    """Load ``page`` in headless Chromium: return (the DOM it rendered, its log on stderr);
    with ``screenshot``, also save a 1280×2000 PNG of the page there."""
    browser = chromium()
    if browser is None:
        raise FileNotFoundError("chromium is not installed (apt-get install chromium)")
    url = Path(page).resolve().as_uri()
    with tempfile.TemporaryDirectory() as profile:
        flags = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
        dom = subprocess.run([*flags, "--dump-dom", url], capture_output=True, text=True, timeout=120)
        log = dom.stderr
        if screenshot is not None:
            shot = subprocess.run(
                [*flags, f"--screenshot={Path(screenshot).resolve()}", "--window-size=1280,2000", url],
                capture_output=True,
                text=True,
                timeout=120,
            )
            log += shot.stderr
    return dom.stdout, log


__all__ = ["HTML_NAME", "chromium", "open_in_browser", "render_html", "write_report"]
