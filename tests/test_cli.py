"""The ``svd-proofs`` command (``proofs.cli``): the catalog listing, the evidence
run's pytest command and exit status, and one-line usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from proofs import cli
from proofs.registry import theorems


def run_main(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_list_json_has_every_theorem_with_its_keys(capsys):
    status, out, err = run_main(capsys, "list", "--json")
    assert (status, err) == (0, "")
    rows = json.loads(out)
    assert [row["id"] for row in rows] == [theorem.id for theorem in theorems()]
    for row in rows:
        assert set(row) == {"id", "title", "source", "module", "checks", "mutants"}, row
        assert set(row["checks"]) == {"symbolic", "exact", "randomized"}, row
        assert all(isinstance(n, int) and n >= 0 for n in row["checks"].values()), row
        assert isinstance(row["mutants"], list) and row["mutants"], row


def test_list_table_has_a_line_per_theorem(capsys):
    status, out, _ = run_main(capsys, "list")
    lines = out.splitlines()
    assert status == 0
    assert lines[0].split()[:3] == ["id", "title", "source"]
    assert [line.split()[0] for line in lines[1:]] == [theorem.id for theorem in theorems()]


def test_python_dash_m_proofs_runs_the_command():
    result = subprocess.run(
        [sys.executable, "-m", "proofs", "list", "--json"],
        cwd=cli.tests_directory().parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert [row["id"] for row in json.loads(result.stdout)] == [theorem.id for theorem in theorems()]


@pytest.mark.parametrize(
    ("argv", "argument"),
    [
        (["evidence", "--profile", "nope"], "--profile"),
        (["evidence", "--workers", "-1"], "--workers"),
        (["evidence", "--workers", "two"], "--workers"),
        (["evidence", "--workers", "0"], "--workers"),
        (["evidence", "--seed", "-5"], "--seed"),
        (["frobnicate"], "command"),
        ([], "command"),
        (["list", "--frobnicate"], "--frobnicate"),
    ],
)
def test_usage_errors_exit_2_with_one_line_naming_the_argument(capsys, argv, argument):
    status, out, err = run_main(capsys, *argv)
    assert status == 2, (argv, out, err)
    assert out == "", out
    assert len(err.strip().splitlines()) == 1, err
    assert argument in err and "error" in err, err
    assert "Traceback" not in err


def test_invalid_argument_from_the_library_is_a_usage_error(capsys, monkeypatch):
    from numerics.errors import InvalidArgument

    def bad_catalog(args):
        raise InvalidArgument("id", "a catalog id", "nope")

    monkeypatch.setattr(cli, "list_theorems", bad_catalog)
    status, _, err = run_main(capsys, "list")
    assert status == 2
    assert err == "svd-proofs list: error: argument 'id': expected a catalog id, got 'nope'\n"


def test_evidence_without_tests_directory_is_a_usage_error(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(cli, "tests_directory", lambda: tmp_path / "missing")
    status, _, err = run_main(capsys, "evidence", "--out", str(tmp_path / "out"))
    assert status == 2
    assert "no tests directory" in err and "Traceback" not in err


class FakePytest:
    """Stands in for ``subprocess.run``: records the command, returns a given status."""

    def __init__(self, returncode: int):
        self.returncode = returncode
        self.commands: list[list[str]] = []

    def __call__(self, command, **kwargs):
        self.commands.append(command)
        return subprocess.CompletedProcess(command, self.returncode)


@pytest.mark.parametrize(("pytest_status", "expected"), [(0, 0), (1, 1), (4, 2), (5, 1)])
def test_evidence_exit_status_follows_pytest(capsys, monkeypatch, tmp_path, pytest_status, expected):
    fake = FakePytest(pytest_status)
    monkeypatch.setattr(cli.subprocess, "run", fake)
    status, _, _ = run_main(capsys, "evidence", "--out", str(tmp_path / "out"))
    assert status == expected
    assert (tmp_path / "out").is_dir()
    assert len(fake.commands) == 1
    assert fake.commands[0][-2:] == ["-n", "auto"]


def test_evidence_runs_pytest_on_the_tests_with_the_options(capsys, monkeypatch, tmp_path):
    fake = FakePytest(0)
    monkeypatch.setattr(cli.subprocess, "run", fake)
    argv = ["evidence", "--profile", "ci", "--seed", "11", "--workers", "3", "--out", str(tmp_path / "ev")]
    assert run_main(capsys, *argv)[0] == 0
    command = fake.commands[0]
    assert command[:4] == [sys.executable, "-m", "pytest", str(cli.tests_directory())]
    options = " ".join(command[4:])
    assert "--svd-profile ci --svd-seed 11" in options
    assert f"--evidence-dir {(tmp_path / 'ev').resolve()}" in options
    assert command[-2:] == ["-n", "3"]


@pytest.mark.parametrize(("workers", "xdist"), [(1, []), (2, ["-n", "2"]), ("auto", ["-n", "auto"])])
def test_workers_become_xdist_processes(workers, xdist):
    command = cli.pytest_command(Path("tests"), profile="ci", seed=0, workers=workers, out=Path("ev"))
    assert [arg for arg in command if arg in ("-n", "2", "auto")] == xdist


def test_tests_directory_is_the_projects():
    assert cli.tests_directory() == Path(__file__).resolve().parent
