"""The HTML report (``numerics.report``) and its figures (``numerics.plots``): rendered from
the evidence dict alone, self-contained, every theorem shown with its verdict, failures
with their instance; errata and the corner in the evidence, markdown and page alike."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

import pytest

from numerics import plots
from numerics.evidence import build_evidence, errata_evidence, render_markdown
from numerics.records import CheckRecord, MutantRecord, captured
from numerics.report import HTML_NAME, render_html, write_report


@dataclass(frozen=True)
class Entry:
    id: str
    mutants: tuple[str, ...] = ()
    title: str = "A title"
    source: str = "000 Somewhere"
    module: str = "proofs.somewhere"
    statement: str = "‖A − A_k‖₂² = σ_{k+1}² < 1"


def check(theorem: str, *, passed: bool = True, slack: str = "1.5e-3") -> CheckRecord:
    return CheckRecord(
        theorem=theorem,
        name="randomized",
        kind="randomized",
        status="passed" if passed else "failed",
        instances=5,
        families=("gaussian",),
        dps=30,
        worst_slack=slack,
        max_residual="1.0e-40",
        seconds=0.5,
        failure=None if passed else f"{theorem} [randomized] fails on: A = [[1, 2], [3, 4]]\n  slack=-1",
    )


ERRATUM = {
    "name": "002_missing_square",
    "source": "002 somewhere",
    "printed": "σ_{k+1}² = ‖A − A_k‖₂",
    "correction": "σ_{k+1}² = ‖A − A_k‖₂²",
    "literal": "good_unsquared",
    "corrected": "good",
    "status": "confirmed",
    "counterexample": {"status": "refuted", "kind": "exact", "instance": "A = [[2]] <&>", "slack": "-2"},
    "verification": {
        "name": "exact",
        "kind": "exact",
        "status": "passed",
        "instances": 24,
        "families": ["known_svd"],
        "dps": None,
        "worst_slack": "0",
        "max_residual": "0",
        "failure": None,
    },
}
CORNER = {
    "parameters": {"seed": 535, "d": 1000, "n": 100, "w": 3.0, "dtype": "float64"},
    "printed": {"frob": 207905.47916782406, "top_sval_sq": 8258.19604762502, "frob_proj": 8099.057045408984},
    "recomputed": {
        "frob": 207905.47916782403,
        "top_sval_sq": 8258.196047625015,
        "frob_proj": 8099.05704540899,
    },
    "digits": {"frob": 15.9, "top_sval_sq": 15.2, "frob_proj": 15.1},
    "corrected": {"frob": 200925.669, "top_sval_sq": 2095.357, "frob_proj": 1614.217},
    "catalog_corrected": {"frob": 200925.7, "top_sval_sq": 2095.4, "frob_proj": 1614.2},
    "bound": {"k": 1, "ratio": 0.7704, "constant_8k": 8, "constant_5k": 5, "holds": True},
}


def evidence(**extra) -> dict:
    return build_evidence(
        [
            check("good"),
            check("bad", passed=False),
            MutantRecord("good", "good_wrong", "refuted", "exact", "good_wrong fails on: A = [[2]]", "-1"),
        ],
        theorems=[Entry("good", mutants=("good_wrong",)), Entry("bad"), Entry("never")],
        seed=7,
        profile="ci",
        environment={},
        errata=[ERRATUM],
        corner=CORNER,
        **extra,
    )


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(evidence(), {"tiny": base64.b64encode(b"\x89PNG fake").decode()})


def test_the_overview_comes_first_and_lists_every_theorem_with_its_verdict(page):
    overview = page.index("id='overview'")
    assert overview < page.index("<section class='theorem'")
    table = page[overview : page.index("</table>", overview)]
    for id_, verdict in (("good", "verified"), ("bad", "failed"), ("never", "unchecked")):
        assert re.search(rf"#{id_}'.*?class='{verdict}'", table), (id_, verdict)


def test_every_theorem_has_its_section_statement_and_source(page):
    for id_ in ("good", "bad", "never"):
        assert f"<section class='theorem' id='{id_}'>" in page
    assert page.count("‖A − A_k‖₂² = σ_{k+1}² &lt; 1") == 3 and "000 Somewhere" in page


def test_a_failure_is_shown_with_its_instance(page):
    assert "<pre class='failure'>bad [randomized] fails on: A = [[1, 2], [3, 4]]" in page


def test_the_page_is_self_contained(page):
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "<link" not in page and "src='data:image/png;base64," in page


def test_errata_and_corner_sections(page):
    assert "id='errata'" in page and "σ_{k+1}² = ‖A − A_k‖₂" in page
    assert "A = [[2]] &lt;&amp;&gt;" in page, "instances are escaped"
    corner = page[page.index("id='corner'") :]
    assert "207905.47916782406" in corner and "207905.47916782403" in corner and "1614.2" in corner


def test_the_markdown_has_the_errata_and_the_corner_too():
    markdown = render_markdown(evidence())
    assert "## Errata" in markdown and "`002_missing_square` — confirmed" in markdown
    assert "## 002's numerical corner, reproduced" in markdown and "| 15.9 |" in markdown


def test_the_errata_are_counted_on_the_page(page):
    assert "1/1 errata confirmed" in page


def test_an_erratum_of_unchecked_theorems_is_not_run():
    with captured():
        rows = errata_evidence([])
    assert rows and all(row["status"] == "not run" and row["counterexample"] is None for row in rows)
    assert "— not run" in render_markdown(evidence() | {"errata": rows})


def test_an_erratum_is_refuted_and_corrected_and_deterministic():
    from proofs.registry import errata

    first = errata()[0]
    records = [check(first.corrected.id)]  # the run checked the theorem: compute the erratum
    with captured() as sink:
        rows, again = errata_evidence(records), errata_evidence(records)
    assert sink == [], "errata checks leave no records"
    row = rows[0]
    assert row == again[0]
    assert row["status"] == "confirmed", row
    assert row["counterexample"]["status"] == "refuted" and row["counterexample"]["instance"]
    assert row["verification"]["status"] == "passed"


def test_proof_steps_are_the_labels_of_a_case():
    from proofs.registry import theorem

    steps = build_evidence(
        [], theorems=[theorem("truncation_error_frobenius")], seed=0, profile="ci", environment={}
    )["theorems"][0]["steps"]
    assert steps["case"] and steps["error"] is None
    assert steps["labels"] == [
        "002: sum over the columns",
        "003 (10): the trace",
        "‖A − A_k‖_F² = Σ_{j>k}σ_j²",
    ]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """One real ``write_report`` (its figures are the expensive part), shared by the tests."""
    directory = tmp_path_factory.mktemp("report")
    return write_report(evidence(), directory, seed=0)


def test_write_report_writes_index_html_with_every_figure(written):
    assert written.name == HTML_NAME
    figures = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", written.read_text(encoding="utf-8"))
    assert len(figures) == 4
    assert all(base64.b64decode(data).startswith(b"\x89PNG") for data in figures)


def test_the_sampling_is_seeded():
    assert plots.why_project_ratios(seed=1, count=10) == plots.why_project_ratios(seed=1, count=10)


def test_sampled_why_project_ratios_stay_below_5():
    points = plots.why_project_ratios(seed=2, count=30)
    assert points and all(0 <= ratio <= 5 + 1e-12 for _, _, ratio in points), max(points, key=lambda p: p[2])
