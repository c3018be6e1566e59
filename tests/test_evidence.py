"""The evidence dossier (``numerics.evidence``): status logic, ordering, markdown,
the atomic writer, and one real pytest run, serial and under xdist."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

import numerics.evidence
from numerics.evidence import (
    build_evidence,
    evidence_json,
    plugin_args,
    render_markdown,
    theorem_status,
    write_atomically,
)
from numerics.records import CheckRecord, MutantRecord


@dataclass(frozen=True)
class Entry:
    """A catalog entry as ``build_evidence`` reads it (``proofs.registry.Theorem`` in real runs)."""

    id: str
    mutants: tuple[str, ...] = ()
    title: str = "A title"
    source: str = "000 Somewhere"
    module: str = "proofs.somewhere"
    statement: str = "Something | holds."


def check(
    theorem: str, name: str, kind: str = "exact", *, passed: bool = True, slack: str | None = "0"
) -> CheckRecord:
    return CheckRecord(
        theorem=theorem,
        name=name,
        kind=kind,
        status="passed" if passed else "failed",
        instances=3,
        families=("gaussian", "tall"),
        dps=None if kind != "randomized" else 30,
        worst_slack=slack,
        max_residual="1.0e-40",
        seconds=0.25,
        failure=None if passed else f"{theorem} [{name}] fails on: A = [[1]]\n  slack=-1",
    )


def mutant(theorem: str, name: str, *, refuted: bool = True) -> MutantRecord:
    return MutantRecord(
        theorem=theorem,
        name=name,
        status="refuted" if refuted else "survived",
        kind="exact",
        instance=f"{name} [exact] fails on: A = [[2]]" if refuted else None,
        slack="-3/7" if refuted else "0",
    )


CATALOG = (
    Entry("verified_one", mutants=("verified_one_wrong",)),
    Entry("failed_check"),
    Entry("mutant_survives", mutants=("mutant_survives_wrong",)),
    Entry("never_checked", mutants=("never_checked_wrong",)),
    Entry("mutant_not_run", mutants=("mutant_not_run_wrong",)),
)
RECORDS = [
    check("verified_one", "randomized", "randomized", slack="1.5e-31"),
    check("verified_one", "symbolic:b", "symbolic", slack="sqrt(2) - 1"),
    check("verified_one", "symbolic:a", "symbolic", slack="t**2"),
    check("verified_one", "exact", "exact", slack="-2.0e-31"),
    mutant("verified_one", "verified_one_wrong"),
    check("failed_check", "exact"),
    check("failed_check", "randomized", "randomized", passed=False),
    check("mutant_survives", "exact"),
    mutant("mutant_survives", "mutant_survives_wrong", refuted=False),
    check("mutant_not_run", "exact"),
    check("a_stray_id", "exact"),
]


def evidence(records=RECORDS, catalog=CATALOG, failed_tests=()) -> dict:
    return build_evidence(
        records, theorems=catalog, seed=7, profile="ci", environment={"workers": 1}, failed_tests=failed_tests
    )


def statuses(result: dict) -> dict[str, str]:
    return {entry["id"]: entry["status"] for entry in result["theorems"]}


def test_status_of_each_theorem():
    assert statuses(evidence()) == {
        "verified_one": "verified",
        "failed_check": "failed",
        "mutant_survives": "failed",
        "never_checked": "unchecked",
        "mutant_not_run": "unchecked",
        "a_stray_id": "verified",
    }


@pytest.mark.parametrize(
    ("checks", "mutants", "expected"),
    [
        ([], [], "unchecked"),
        ([], [{"status": "survived"}], "failed"),
        ([{"status": "passed"}], [], "verified"),
        ([{"status": "passed"}], [{"status": "refuted"}], "verified"),
        ([{"status": "passed"}], [{"status": "refuted"}, {"status": "not run"}], "unchecked"),
        ([{"status": "passed"}], [{"status": "refuted"}, {"status": "survived"}], "failed"),
        ([{"status": "passed"}, {"status": "failed"}], [{"status": "refuted"}], "failed"),
    ],
)
def test_theorem_status(checks, mutants, expected):
    assert theorem_status(checks, mutants) == expected, (checks, mutants)


def test_catalog_order_then_strays_by_id():
    ids = [entry["id"] for entry in evidence()["theorems"]]
    assert ids == [entry.id for entry in CATALOG] + ["a_stray_id"]
    stray = evidence()["theorems"][-1]
    assert (stray["title"], stray["source"], stray["module"], stray["statement"]) == (None, None, None, None)


def test_checks_sorted_by_kind_then_name_and_mutants_by_name():
    entry = evidence()["theorems"][0]
    assert [(c["kind"], c["name"]) for c in entry["checks"]] == [
        ("symbolic", "symbolic:a"),
        ("symbolic", "symbolic:b"),
        ("exact", "exact"),
        ("randomized", "randomized"),
    ]
    assert [m["name"] for m in entry["mutants"]] == ["verified_one_wrong"]


def test_declared_mutant_that_never_ran_is_listed_as_not_run():
    entry = {e["id"]: e for e in evidence()["theorems"]}["mutant_not_run"]
    assert [(m["name"], m["status"]) for m in entry["mutants"]] == [("mutant_not_run_wrong", "not run")]


def test_the_order_of_the_records_does_not_matter():
    assert evidence_json(evidence(list(reversed(RECORDS)))) == evidence_json(evidence())


def test_summary_counts():
    assert evidence(failed_tests=["tests/x.py::b", "tests/x.py::a", "tests/x.py::b"])["summary"] == {
        "theorems": 6,
        "verified": 2,
        "failed": 2,
        "unchecked": 2,
        "checks": 9,
        "instances": 27,
        "mutants": 4,
        "mutants_refuted": 1,
        "failed_tests": 2,
    }


def test_failed_tests_are_sorted_and_unique():
    assert evidence(failed_tests=["b", "a", "b"])["failed_tests"] == ["a", "b"]


def test_evidence_is_json_as_built():
    result = evidence()
    assert json.loads(evidence_json(result)) == result


def test_build_evidence_rejects_what_is_not_a_record():
    from numerics.errors import InvalidArgument

    with pytest.raises(InvalidArgument, match="records"):
        evidence(records=[{"theorem": "x"}])


def test_markdown_names_every_theorem_failure_and_refutation():
    text = render_markdown(evidence(failed_tests=["tests/test_x.py::test_y"]))
    for entry in (*CATALOG, Entry("a_stray_id")):
        assert f"`{entry.id}`" in text, entry.id
    assert "failed_check [randomized] fails on: A = [[1]]" in text
    assert "verified_one_wrong [exact] fails on: A = [[2]]" in text
    assert "`tests/test_x.py::test_y`" in text
    assert "Something \\| holds." not in text and "> Something | holds." in text  # statements are quotes


def test_markdown_summary_row_shows_counts_and_worst_numeric_slack():
    text = render_markdown(evidence())
    row = next(line for line in text.splitlines() if line.startswith("| [`verified_one`]"))
    assert row.split(" | ")[1:] == ["verified", "2", "1", "1", "12", "-2.0e-31", "1/1 |"], row


def test_write_atomically_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "evidence.json"
    write_atomically(target, "old\n")
    write_atomically(target, "new ‖A‖₂\n")
    assert target.read_text(encoding="utf-8") == "new ‖A‖₂\n"
    assert os.listdir(tmp_path) == ["evidence.json"]


def test_write_atomically_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "evidence.json"
    write_atomically(target, "old\n")
    with pytest.raises(TypeError):
        write_atomically(target, None)
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["evidence.json"]


# --------------------------------------------------------------------------- a real run

TINY_TESTS = textwrap.dedent(
    """
    import pytest
    from numerics.records import CheckRecord, MutantRecord, record

    @pytest.mark.parametrize("i", range(8))
    def test_check(i):
        kind = ("symbolic", "exact", "randomized")[i % 3]
        record(CheckRecord(
            theorem=f"zz_tiny_{i % 3}", name=f"check_{7 - i}", kind=kind, status="passed", instances=i + 1,
            families=("gaussian",), dps=30, worst_slack=f"{i}.5e-30", max_residual="1e-40", seconds=i / 8))

    @pytest.mark.parametrize("i", range(3))
    def test_mutant(i):
        record(MutantRecord(theorem=f"zz_tiny_{i}", name=f"mutant_{i}", status="refuted", kind="exact",
                            instance=f"A = [[{i}]]", slack="-1/3"))
    """
)


def run_pytest(directory: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m pytest ARGS`` in ``directory`` with this plugin and this project importable."""
    project_root = Path(numerics.evidence.__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_XDIST", "PYTEST_CURRENT"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(project_root), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugin_args(), *args]
    return subprocess.run(command, cwd=directory, env=env, capture_output=True, text=True, timeout=300)


def run_tiny_suite(directory: Path, *extra: str) -> dict:
    out = directory / ("out" + "".join(extra))
    result = run_pytest(
        directory, "--svd-profile", "ci", "--svd-seed", "3", "--evidence-dir", str(out), *extra
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "svd-proofs evidence:" in result.stdout, result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["evidence.json", "evidence.md"]
    return json.loads((out / "evidence.json").read_text(encoding="utf-8"))


def without_timings(evidence: dict) -> dict:
    evidence = {k: v for k, v in evidence.items() if k != "environment"}
    for entry in evidence["theorems"]:
        entry["checks"] = [{k: v for k, v in c.items() if k != "seconds"} for c in entry["checks"]]
    return evidence


def test_serial_and_xdist_runs_write_the_same_evidence(tmp_path):
    (tmp_path / "test_tiny.py").write_text(TINY_TESTS)
    serial = run_tiny_suite(tmp_path)
    parallel = run_tiny_suite(tmp_path, "-n", "2")
    assert (serial["seed"], serial["profile"]) == (3, "ci")
    assert (serial["environment"]["workers"], parallel["environment"]["workers"]) == (1, 2)
    tiny = [entry for entry in serial["theorems"] if entry["id"].startswith("zz_tiny_")]
    assert [(e["id"], len(e["checks"]), len(e["mutants"]), e["status"]) for e in tiny] == [
        ("zz_tiny_0", 3, 1, "verified"),
        ("zz_tiny_1", 3, 1, "verified"),
        ("zz_tiny_2", 2, 1, "verified"),
    ]
    assert without_timings(serial) == without_timings(parallel)


@pytest.mark.parametrize(
    ("args", "env_profile"), [(["--svd-profile", "nope"], None), ([], "nope"), (["--svd-seed", "-1"], None)]
)
def test_a_bad_profile_or_seed_is_a_pytest_usage_error(tmp_path, monkeypatch, args, env_profile):
    if env_profile:
        monkeypatch.setenv("SVD_PROOFS_PROFILE", env_profile)
    (tmp_path / "test_tiny.py").write_text(TINY_TESTS)
    result = run_pytest(tmp_path, *args)
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.stdout + result.stderr
    assert "svd-proofs: --svd-profile" in result.stderr and "Traceback" not in result.stderr, result.stderr
