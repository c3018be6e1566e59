"""The audit of float64 implementations (``numerics.audit``, ``svd-proofs oracle audit``): LAPACK's
SVDs and eigensolvers are accepted, every faulty one in ``tests/faulty_svds.py`` is rejected for
its own reason, nothing an implementation does crashes the audit, and the command follows the
CLI's conventions (exit 0 accepted, 1 rejected, 2 usage error on one line)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from numerics import audit, oracle
from proofs import cli
from tests import faulty_svds

FAULTY = Path(faulty_svds.__file__)


def _needs_scipy(name: str) -> None:
    if "scipy" in name:
        pytest.importorskip("scipy")


# --------------------------------------------------------------------------- verdicts


@pytest.mark.parametrize("name", faulty_svds.GOOD_SVDS)
def test_lapack_svds_are_accepted(name):
    _needs_scipy(name)
    report = oracle.audit(getattr(faulty_svds, name))
    assert report.accepted, report.table()
    assert all(value <= 10 for case in report.cases for value in case.ratios.values()), report.table()


def test_numpy_svd_with_its_default_full_matrices_is_accepted():
    assert oracle.audit(np.linalg.svd).accepted


FAULTY_IMPLEMENTATIONS = [
    pytest.param(audit, expected, name, id=name)
    for audit, registry in (
        (oracle.audit, faulty_svds.FAULTY_SVDS),
        (oracle.audit_eigh, faulty_svds.FAULTY_EIGHS),
    )
    for name, expected in sorted(registry.items())
]


@pytest.mark.parametrize("audit, expected, name", FAULTY_IMPLEMENTATIONS)
def test_each_faulty_implementation_is_rejected_for_its_reason(audit, expected, name):
    check, family = expected
    with np.errstate(all="ignore"):
        report = audit(getattr(faulty_svds, name))
    assert not report.accepted, report.table()
    assert check in report.failed_checks(family), (
        name,
        family,
        report.failed_checks(family),
        report.failures,
    )


@pytest.mark.parametrize("name", faulty_svds.GOOD_EIGHS)
def test_lapack_eigensolvers_are_accepted(name):
    _needs_scipy(name)
    report = oracle.audit_eigh(getattr(faulty_svds, name))
    assert report.accepted, report.table()


@pytest.mark.parametrize(
    ("returns", "check"),
    [
        (lambda A: None, "shapes"),
        (lambda A: "U, s, Vt", "shapes"),
        (lambda A: np.linalg.svd(A)[:2], "shapes"),
        (lambda A: tuple(x.astype(complex) for x in np.linalg.svd(A, full_matrices=False)), "shapes"),
        (lambda A: (np.zeros((1, 1)), np.zeros(1), np.zeros((1, 1))), "shapes"),
        (lambda A: tuple(np.full_like(x, np.nan) for x in np.linalg.svd(A, full_matrices=False)), "finite"),
        (lambda A: 1 / 0, "raised"),
        (lambda A: [][0], "raised"),
    ],
)
def test_anything_an_implementation_does_is_a_reason_not_a_crash(returns, check):
    report = oracle.audit(returns)
    assert not report.accepted
    assert check in report.failed_checks(), report.failures


def test_lists_are_as_good_as_arrays():
    report = oracle.audit(lambda A: tuple(x.tolist() for x in np.linalg.svd(A, full_matrices=False)))
    assert report.accepted, report.table()


# --------------------------------------------------------------------------- the report


def test_families_cover_the_adversarial_cases():
    wanted = {
        "gaussian",
        "tall",
        "wide",
        "1×n",
        "n×1",
        "rank_deficient",
        "zero",
        "repeated",
        "clustered",
        "graded",
        "kahan",
        "hilbert",
        "vandermonde",
        "scaled_up",
        "scaled_down",
    }
    assert wanted <= set(audit.SVD_FAMILIES)
    graded = [A for family, A in audit.svd_cases() if family == "graded"]
    assert max(np.linalg.cond(A) for A in graded) > 1e14
    assert {"gaussian", "repeated", "clustered", "graded", "zero", "scaled_up"} <= set(audit.EIGH_FAMILIES)
    assert audit.THRESHOLDS == {"svd": 35.0, "eigh": 60.0}  # LAPACK's TESTING/svd.in and sep.in


def test_report_table_and_json():
    report = oracle.audit(faulty_svds.ascending, target="faulty:ascending")
    table = report.table()
    assert table.splitlines()[0].split()[:3] == ["family", "cases", "order"]
    assert table.splitlines()[-1].startswith("REJECTED: faulty:ascending")
    data = report.to_json()
    assert data["accepted"] is False and data["threshold"] == 35.0
    assert {"family", "shape", "ratios", "failed", "failure"} == set(data["cases"][0])
    json.dumps(data)  # JSON-able: infinities are None


# --------------------------------------------------------------------------- the command


def run(capsys, *argv):
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_audit_command_accepts_numpy_and_writes_json(capsys, tmp_path):
    out_file = tmp_path / "report.json"
    status, out, err = run(capsys, "oracle", "audit", "numpy.linalg:svd", "--json", str(out_file))
    assert (status, err) == (0, ""), err
    assert out.splitlines()[-1].startswith("ACCEPTED: numpy.linalg:svd")
    assert json.loads(out_file.read_text())["accepted"] is True


def test_audit_command_rejects_a_faulty_file_target_with_status_1(capsys):
    status, out, _ = run(capsys, "oracle", "audit", f"{FAULTY}:flipped_sign")
    assert status == 1
    assert "REJECTED" in out and "residual" in out


def test_audit_eigh_command(capsys):
    assert run(capsys, "oracle", "audit-eigh", "numpy.linalg:eigh")[0] == 0
    status, out, _ = run(capsys, "oracle", "audit-eigh", f"{FAULTY}:eigh_descending")
    assert status == 1 and "order" in out


@pytest.mark.parametrize(
    ("argv", "argument"),
    [
        (["oracle", "audit", "numpy.linalg"], "TARGET"),
        (["oracle", "audit", "no_such_module_xyz:svd"], "TARGET"),
        (["oracle", "audit", "numpy.linalg:no_such_function"], "TARGET"),
        (["oracle", "audit", "numpy:pi"], "TARGET"),
        (["oracle", "audit", "missing/file.py:svd"], "TARGET"),
        (["oracle", "audit", "numpy.linalg:svd", "--json", "/no/such/dir/out.json"], "--json"),
        (["oracle", "audit", "numpy.linalg:svd", "--seed", "-1"], "--seed"),
        (["oracle", "audit"], "TARGET"),
        (["oracle"], "bench,audit,audit-eigh"),
        (["oracle", "bench", "--repeat", "0"], "--repeat"),
    ],
)
def test_usage_errors_exit_2_with_one_line(capsys, argv, argument):
    status, out, err = run(capsys, *argv)
    assert status == 2, (argv, out, err)
    assert len(err.strip().splitlines()) == 1, err
    assert argument in err and "error" in err and "Traceback" not in err


def test_a_target_whose_import_fails_is_a_usage_error(capsys, tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("import numpy\nraise RuntimeError('no GPU found')\n")
    status, _, err = run(capsys, "oracle", "audit", f"{broken}:svd")
    assert status == 2 and "no GPU found" in err and len(err.strip().splitlines()) == 1
