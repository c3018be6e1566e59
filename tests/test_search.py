"""The counterexample search (``numerics.search``) and its subcommands (``proofs.search_cli``)."""

import _thread
import dataclasses
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import mpmath
import pytest

from numerics import _parametrise as param
from numerics import search as engine
from numerics.claims import Claim, Matrix, at_most
from numerics.errors import InvalidArgument
from numerics.exact import exact_matmul, exact_transpose
from proofs import search_cli
from proofs.registry import claim, theorems

USER_FILE = Path(__file__).with_name("user_claims_example.py")
SMALL = 150


def test_every_decoded_point_is_an_exact_instance():
    rng = random.Random(7)
    for target in ("why_project_8k", "greedy_finds_best_subspace", "spectral_theorem", "lora_rank_le_2r"):
        c = claim(target)
        for _ in range(5):
            values = param.decode(c, *param.draw(c, rng, max_side=3, fixed={}))
            for value in values.values():
                if hasattr(value, "svd") and value.svd is not None:
                    assert value.svd.matrix == value.rows, (target, values)
                if getattr(value, "family", None) == "orthogonal":
                    n = value.shape[0]
                    identity = tuple(tuple(int(i == j) for j in range(n)) for i in range(n))
                    assert exact_matmul(exact_transpose(value.rows), value.rows) == identity, (target, value)


def test_rank_bound_holds_by_construction():
    c = claim("eckart_young_frobenius")
    rng = random.Random(3)
    for _ in range(10):
        values = param.decode(c, *param.draw(c, rng, max_side=4, fixed={}))
        assert not c.violations(values), values


def test_refutes_a_mutant_exactly_and_reproducibly():
    first = engine.search("frobenius_norm_le_spectral_norm", seed=1, evaluations=SMALL)
    second = engine.search("frobenius_norm_le_spectral_norm", seed=1, evaluations=SMALL)
    assert first["status"] == "refuted" and first["verification"] == "exact", first
    assert {k: v for k, v in first.items() if k != "seconds"} == {
        k: v for k, v in second.items() if k != "seconds"
    }


def test_same_seed_same_survival():
    results = [engine.search("spectral_norm_le_frobenius_norm", seed=4, evaluations=80) for _ in range(2)]
    assert results[0]["status"] == "survived"
    assert results[0]["instance"] == results[1]["instance"] and results[0]["slack"] == results[1]["slack"]


@pytest.mark.parametrize(
    "target",
    [
        "spectral_norm_le_frobenius_norm",
        "truncation_error_spectral",
        "eckart_young_frobenius",
        "why_project_8k",
    ],
)
def test_catalog_inequalities_survive_a_short_search(target):
    result = engine.search(target, seed=0, evaluations=SMALL)
    assert result["status"] == "survived", result
    assert float(result["slack"]) >= -1e-10, result


@pytest.mark.parametrize("theorem", theorems(), ids=lambda t: t.id)
def test_no_catalog_theorem_is_refuted(theorem):
    result = engine.search(theorem.id, seed=0, evaluations=20)
    assert result["status"] == "survived", result


def test_rounding_artefacts_are_not_refutations():
    """A claim that holds exactly but whose float evaluation is noisy: ‖A‖_F² = Σσᵢ²."""
    result = engine.search("frobenius_norm_eq_singular_values", seed=2, evaluations=SMALL)
    assert result["status"] == "survived", result


def test_a_failure_seen_only_in_double_precision_is_not_reported(monkeypatch):
    """A double-precision loop that sees every instance fail (the mutant of a sound one): each
    alarm is checked at 16 digits, the true claim survives, and double precision is dropped."""
    honest = engine._Arithmetic._in_float

    def alarmist(self, layout, x):
        evaluation = honest(self, layout, x)
        return dataclasses.replace(evaluation, verdicts=(False,) * len(evaluation.verdicts))

    monkeypatch.setattr(engine._Arithmetic, "_in_float", alarmist)
    result = engine.search("spectral_norm_le_frobenius_norm", seed=0, evaluations=300)
    assert result["status"] == "survived" and result["artefacts"] == 0, result
    assert result["inner_loop"]["float64"] == 0 and result["inner_loop"]["mpmath dps=16"] > 250, result


@pytest.mark.parametrize("k, side, evaluations", [(1, 2, 5000), (2, 4, 30_000)])
def test_why_project_tightness_passes_four_and_a_half_k(k, side, evaluations):
    """The search estimates the sharp constant of ‖A_k − C‖_F² ≤ 8k‖A − C‖₂² (5k, attained on
    2k×2k matrices) from below, pushing on the bound's relation (index 5)."""
    result = engine.search(
        "why_project_8k", seed=0, evaluations=evaluations, fixed={"k": k, "m": side, "n": side}, focus=5
    )
    assert result["status"] == "survived"
    assert 4.5 < 8 * result["best_ratio"] <= 5, result["best_ratio"]


def test_user_claim_search_save_verify(tmp_path, capsys):
    out = tmp_path / "result.json"
    target = f"{USER_FILE}:frobenius_reversed"
    assert search_cli.main(["search", target, "--evaluations", "100", "--out", str(out)]) == 1
    saved = json.loads(out.read_text())
    assert saved["status"] == "refuted" and saved["verification"] == "exact"
    assert saved["claim"]["target"] == target and saved["seed"] == 0
    assert search_cli.main(["verify", str(out)]) == 0
    assert "confirmed" in capsys.readouterr().out


def test_verify_rejects_a_tampered_counterexample(tmp_path):
    out = tmp_path / "result.json"
    assert (
        search_cli.main(
            ["search", "frobenius_norm_le_spectral_norm", "--evaluations", "50", "--out", str(out)]
        )
        == 1
    )
    saved = json.loads(out.read_text())
    saved["claim"]["target"] = "spectral_norm_le_frobenius_norm"  # the true claim holds on it
    out.write_text(json.dumps(saved))
    assert search_cli.main(["verify", str(out)]) == 1


def test_survivor_saves_and_verifies(tmp_path):
    out = tmp_path / "result.json"
    target = f"{USER_FILE}:submultiplicative"
    assert search_cli.main(["search", target, "--evaluations", "60", "--out", str(out)]) == 0
    saved = json.loads(out.read_text())
    assert saved["status"] == "survived" and saved["best_ratio"] <= 1 + 1e-12
    assert search_cli.main(["verify", str(out)]) == 0


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["search", "no_such_claim", "--evaluations", "5"], "catalog id"),
        (["search", "missing.py:X", "--evaluations", "5"], "existing Python file"),
        (["search", f"{USER_FILE}:nothing", "--evaluations", "5"], "Claim"),
        (["search", "why_project_8k", "--evaluations", "0"], "--evaluations"),
        (["search", "why_project_8k", "--fix", "k=one", "--evaluations", "5"], "--fix"),
        (["verify", "no_such_result.json"], "result"),
    ],
)
def test_usage_errors_exit_2_with_one_line(argv, fragment, capsys):
    assert search_cli.main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and fragment in err, err


def test_a_claim_that_cannot_be_evaluated_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from numerics.claims import Claim, Matrix, at_most\n"
        "broken = Claim(id='broken', title='t', source='s', statement='s', variables=(Matrix('A'),),\n"
        "               relation=lambda ops, A: at_most(ops.no_such_operation(A), 1))\n"
    )
    assert search_cli.main(["search", f"{bad}:broken", "--evaluations", "5"]) == 2
    assert "can be evaluated" in capsys.readouterr().err


def test_interrupt_saves_the_best_so_far(monkeypatch):
    calls = {"n": 0}
    original = engine._Arithmetic.evaluate

    def interrupting(self, layout, x):
        calls["n"] += 1
        if calls["n"] > 40:
            raise KeyboardInterrupt
        return original(self, layout, x)

    monkeypatch.setattr(engine._Arithmetic, "evaluate", interrupting)
    result = engine.search("spectral_norm_le_frobenius_norm", seed=0, evaluations=10_000)
    assert result["interrupted"] and result["status"] == "survived" and result["instance"] is not None


def test_write_result_is_atomic(tmp_path):
    out = tmp_path / "r.json"
    engine.write_result({"format": 1, "x": 1}, out)
    assert json.loads(out.read_text()) == {"format": 1, "x": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_two_workers_are_deterministic():
    runs = [
        engine.search("spectral_norm_le_frobenius_norm", seed=5, evaluations=60, workers=2) for _ in range(2)
    ]
    assert runs[0]["evaluations"] == 60 and runs[0]["instance"] == runs[1]["instance"]


@pytest.fixture
def dask_cluster():
    """A two-worker Dask cluster on loopback (threads) and a client of it."""
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, processes=False, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield cluster, client


def test_dask_local_cluster(dask_cluster):
    cluster, client = dask_cluster
    result = engine.search(
        "frobenius_norm_le_spectral_norm", seed=0, evaluations=40, workers=2, scheduler=client
    )
    by_address = engine.search(
        "frobenius_norm_le_spectral_norm",
        seed=0,
        evaluations=40,
        workers=2,
        scheduler=cluster.scheduler_address,
    )
    assert result["status"] == "refuted" and result["instance"] == by_address["instance"]


def test_ctrl_c_with_dask_saves_the_best_so_far(dask_cluster):
    """Ctrl-C while the client waits: the workers are told through a distributed Event and
    return their best so far."""
    _, client = dask_cluster
    timer = threading.Timer(3, _thread.interrupt_main)
    timer.start()
    started = time.monotonic()
    result = engine.search("spectral_norm_le_frobenius_norm", seed=0, budget=120, workers=2, scheduler=client)
    timer.cancel()
    assert time.monotonic() - started < 60
    assert result["interrupted"] and result["status"] == "survived" and result["evaluations"] > 0
    assert result["instance"] is not None


def test_a_claim_the_double_precision_loop_cannot_run_is_searched_at_high_precision():
    """A relation that hands its matrices to mpmath raises on the search's float matrices; the
    inner loop then evaluates at 16 digits, and the false claim is still refuted exactly."""

    def relation(ops, A):
        frobenius_sq = ops.frobenius_sq(A) if ops.exact else mpmath.mnorm(A, "f") ** 2
        return at_most(2 * ops.spectral_sq(A), frobenius_sq)

    false = Claim(
        id="frobenius_ge_twice_spectral",
        title="t",
        source="test",
        statement="2‖A‖₂² ≤ ‖A‖_F² (false: A of rank 1)",
        variables=(Matrix("A", nonzero=True),),
        relation=relation,
    )
    result = engine.search(false, seed=0, evaluations=400, fixed={"m": 3, "n": 3})
    assert result["status"] == "refuted" and result["verification"] == "exact", result
    assert result["inner_loop"]["float64"] == 0 and result["inner_loop"]["mpmath dps=16"] > 0, result


def test_the_inner_loop_runs_in_double_precision_where_it_can():
    result = engine.search("why_project_8k", seed=0, evaluations=300, fixed={"k": 1})
    assert result["inner_loop"]["float64"] >= 0.9 * result["evaluations"], result["inner_loop"]


def test_a_claim_object_needs_a_target_string_for_workers():
    with pytest.raises(InvalidArgument):
        engine.search(claim("why_project_8k"), evaluations=10, workers=2)


def test_catalog_has_no_unevaluable_claims():
    for theorem in theorems()[:3]:
        engine._check_evaluable(theorem.claim)


def test_ctrl_c_with_workers_saves_the_best_so_far(tmp_path):
    """SIGINT to the process group (what Ctrl-C sends): every worker returns its best so far,
    the result file is written and the command exits 130."""
    out = tmp_path / "result.json"
    command = [sys.executable, "-m", "proofs", "search", "spectral_norm_le_frobenius_norm"]
    command += ["--workers", "2", "--budget", "120", "--out", str(out)]
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_children(process.pid)) < 2:
        time.sleep(0.2)
    time.sleep(2)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    saved = json.loads(out.read_text())
    assert saved["interrupted"] and saved["status"] == "survived" and saved["evaluations"] > 0


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid``, from /proc (field 4 of /proc/N/stat)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def test_luby_sequence():
    assert [engine._luby(i) for i in range(1, 16)] == [1, 1, 2, 1, 1, 2, 4, 1, 1, 2, 1, 1, 2, 4, 8]


def test_a_survivor_reports_its_ratios_at_the_requested_precision():
    """Ratios seen in double precision are recomputed on the exact instance at dps digits: a
    tight bound is reported at most 1, never 1 + rounding."""
    result = engine.search("spectral_norm_le_frobenius_norm", seed=0, evaluations=400)
    assert result["status"] == "survived"
    assert all(ratio <= 1 for ratio in result["ratios"].values()), result["ratios"]
    assert max(result["ratios"].values()) > 1 - 1e-6


def test_the_benchmark_measures_every_loop():
    rates = engine.bench("spectral_norm_le_frobenius_norm", evaluations=100)
    assert set(rates) == {"plain mpmath loop", "plain float64 loop", "search, 1 worker", "search, 2 workers"}
    assert all(rate > 0 for rate in rates.values())
