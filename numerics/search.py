"""Generic counterexample search over claims, its verification and its result files.

The search knows nothing of particular claims.  Each restart draws, from a
seeded ``random.Random``, a *layout* (shapes, integers — their ends more
often —, reflection signs) and a start point of the parametrisation of
``numerics._parametrise``, where every point decodes to an exact instance
(ranks bounded by factors, orthogonal matrices by Cayley transforms,
prescribed SVDs carried along).  Start points are either small sparse
rationals — decided exactly at once, since some claims fail only on
structure (zeros, repeated values) that floating point cannot see — or
Gaussian at a random magnitude, half of the time with unconstrained
matrices started at an earlier variable of their shape.  Nelder–Mead then
minimises a scale-free score (``1 − lhs/rhs`` for an inequality, the
relative slack otherwise; of the smallest or of a randomly chosen relation)
in cheap arithmetic (``HighPrecision(SEARCH_DPS)``); a restart that ends
near failure is snapped to coarse grids and decided exactly.

An instance on which the claim fails is a *candidate*, reported only once
``verify_instance`` confirms it: exactly (``Exact()``) where the claim's
functions allow it ("exact"), otherwise at the requested ``dps`` and at
``2·dps`` ("high-precision").  A rounding artefact is never a refutation.
For a claim that survives, the result holds the instance of the best score,
its slack and, per inequality, the largest ratio ``lhs/rhs`` seen.

The same seed and budget in evaluations give the same result, also with
several workers (each runs a sub-seed with its share of the evaluations, in
local processes or on a Dask cluster with ``scheduler``).

>>> from proofs.registry import claim
>>> search(claim("frobenius_norm_le_spectral_norm"), seed=0, evaluations=200)["status"]
'refuted'
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import math
import os
import random
import signal
import tempfile
import time
from collections.abc import Callable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import mpmath
import sympy

from numerics import _parametrise as param
from numerics import claims
from numerics.backends import Exact, HighPrecision, NotDecidable
from numerics.claims import Claim
from numerics.errors import InvalidArgument
from numerics.exact import ExactEigen, ExactMatrix, ExactSVD

SEARCH_DPS = 16
SNAP_BELOW = 1e-6
SNAP_GRIDS = (1, 2, 4, 16)
DEFAULT_DPS = 30
MAX_SIDE = 4
RESULT_FORMAT = 1

__all__ = ["load_claim", "search", "verify", "write_result", "read_result"]


# --------------------------------------------------------------------------- targets


def load_claim(target: str) -> Claim:
    """A catalog id, a mutant name, or ``path/to/file.py:NAME`` naming a ``Claim`` in a file."""
    if ":" in target and target.split(":", 1)[0].endswith(".py"):
        path, name = target.rsplit(":", 1)
        if not Path(path).is_file():
            raise InvalidArgument("target", "an existing Python file", path)
        spec = importlib.util.spec_from_file_location(f"_user_claims_{Path(path).stem}", path)
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except Exception as error:  # the file's own error, in one line
            raise InvalidArgument(
                "target", f"an importable file ({type(error).__name__}: {error})", path
            ) from None
        value = getattr(module, name, None)
        if not isinstance(value, Claim):
            raise InvalidArgument("target", f"the name of a Claim in {path}", name)
        return value
    from proofs.registry import claim

    return claim(target)


# --------------------------------------------------------------------------- evaluation


class _Budget:
    def __init__(self, evaluations: int | None, deadline: float | None):
        self.evaluations, self.deadline, self.used = evaluations, deadline, 0

    def spent(self) -> bool:
        if self.evaluations is not None and self.used >= self.evaluations:
            return True
        return self.deadline is not None and time.monotonic() >= self.deadline


def _ratios(evaluation: claims.Evaluation) -> dict[str, float]:
    ratios = {}
    for i, rel in enumerate(evaluation.relations):
        if rel.kind == "<=":
            try:
                lhs, rhs = float(rel.lhs), float(rel.rhs)
            except (TypeError, ValueError):
                continue
            if rhs > 0:
                ratios[rel.label or f"relation {i}"] = lhs / rhs
    return ratios


def _score(evaluation: claims.Evaluation, index: int) -> float:
    """How far relation ``index`` is from failing, scale-free (< 0: it fails).  For
    ``lhs <= rhs`` with ``rhs`` clearly positive it is ``1 − lhs/rhs``, so that pushing on it
    raises the ratio rather than shrinking the data; otherwise the relative slack."""
    rel, difference = evaluation.relations[index], evaluation.differences[index]
    relative = float(claims._relative(claims._slack(rel, difference), rel))
    if rel.kind == "<=":
        try:
            lhs, rhs, scale = float(rel.lhs), float(rel.rhs), float(abs(rel.scale))
        except (TypeError, ValueError):
            return relative
        if rhs > 1e-8 * scale:
            return 1 - lhs / rhs
    return relative


def _objective(evaluation: claims.Evaluation, focus: float | int | None) -> float:
    """The score of the focused relation: an int picks it, a float in [0, 1) picks it in
    proportion among the claim's relations; None takes the smallest score."""
    if focus is None:
        return min(_score(evaluation, i) for i in range(len(evaluation.relations)))
    index = focus if isinstance(focus, int) else int(focus * len(evaluation.relations))
    return _score(evaluation, min(index, len(evaluation.relations) - 1))


def verify_instance(claim: Claim, values: Mapping[str, Any], dps: int) -> tuple[bool, str]:
    """Whether the claim fails on the exact instance ``values``: ``(True, "exact")`` when exact
    arithmetic says so; where it cannot decide, ``(True, "high-precision")`` when the claim
    fails at ``dps`` and at ``2·dps`` (plus the instance's dynamic range); ``(False, why)``
    otherwise — a rounding artefact is never a refutation."""
    try:
        return (False, "holds exactly") if claim.evaluate(Exact(), values).holds else (True, "exact")
    except _UNDECIDED:
        pass
    digits = dps + claims.dynamic_range_digits(values)
    for precision in (digits, 2 * digits):
        try:
            if claim.evaluate(HighPrecision(precision), values).holds:
                return False, f"holds at dps={precision}"
        except Exception as error:  # the claim's own failure is no verdict
            return False, f"cannot be evaluated at dps={precision} ({type(error).__name__})"
    return True, "high-precision"


def _search_one(
    claim: Claim,
    *,
    seed: int,
    evaluations: int | None,
    deadline: float | None,
    dps: int,
    fixed: Mapping[str, int],
    focus: int | None,
    max_side: int,
) -> dict:
    """One worker's search: restarts of Nelder–Mead from seeded start points."""
    rng = random.Random(seed)
    budget = _Budget(evaluations, deadline)
    best: dict[str, Any] = {"objective": math.inf, "values": None, "slack": None}
    ratios: dict[str, float] = {}
    labels: list[str] = []
    state = {"artefacts": 0, "refuted": None, "verification": None, "errors": 0}

    def evaluate(layout, x, aim) -> float:
        if budget.spent():
            raise _Spent
        budget.used += 1
        try:
            values = param.decode(claim, layout, x)
        except (InvalidArgument, ZeroDivisionError):
            return math.inf
        if claim.violations(values):
            return math.inf
        try:
            evaluation = claim.evaluate(HighPrecision(SEARCH_DPS), values)
        except Exception as error:  # the claim's own failure on this instance: not a verdict
            state["errors"] += 1
            state.setdefault("first_error", f"{type(error).__name__}: {error}")
            return math.inf
        objective = _objective(evaluation, aim)
        if not labels:
            labels.extend(rel.label or f"relation {i}" for i, rel in enumerate(evaluation.relations))
        for label, ratio in _ratios(evaluation).items():
            ratios[label] = max(ratios.get(label, -math.inf), ratio)
        if objective < best["objective"]:
            best.update(objective=objective, values=values, slack=evaluation.slack)
        if not evaluation.holds:
            refuted, how = verify_instance(claim, values, dps)
            if refuted:
                state.update(refuted=values, verification=how, slack=evaluation.slack)
                raise _Found
            state["artefacts"] += 1
        return objective

    def evaluate_exactly(layout, x) -> None:
        """Small rational start points are also decided exactly: some claims fail only on
        structure (repeated or zero values) that floating point cannot see."""
        if budget.spent():
            raise _Spent
        budget.used += 1
        values = param.decode(claim, layout, x)
        if claim.violations(values):
            return
        try:
            evaluation = claim.evaluate(Exact(), values)
        except _UNDECIDED:
            return
        if not evaluation.holds:
            state.update(refuted=values, verification="exact", slack=evaluation.slack)
            raise _Found

    start = time.monotonic()
    interrupted = False
    try:
        while not budget.spent():
            layout = param.draw_layout(claim, rng, max_side=max_side, fixed=fixed)
            x0 = param.start_point(claim, layout, rng)
            free = list(range(layout.size))
            if layout.grid < 8:  # decide the structured point exactly, then (half the time) polish it
                evaluate_exactly(layout, x0)
                if rng.random() < 0.5:
                    continue
                layout = dataclasses.replace(layout, grid=param.FINE_GRID)
                if rng.random() < 0.5:  # keep its zeros (rank deficiency, sparsity) while polishing
                    free = [i for i in free if x0[i] != 0]
            aim = focus if focus is not None else rng.choice((None, rng.random()))
            if not free:
                evaluate(layout, x0, aim)
                continue
            f = _restricted(lambda x, layout=layout, aim=aim: evaluate(layout, x, aim), x0, free)
            y, fx = _polish(f, [x0[i] for i in free], budget)
            x = _embed(x0, free, y)
            if fx < SNAP_BELOW:
                for grid in SNAP_GRIDS:  # a near-failure may be the shadow of an exact one
                    evaluate_exactly(dataclasses.replace(layout, grid=grid), x)
    except (_Found, _Spent):
        pass
    except KeyboardInterrupt:
        interrupted = True
    refuted = state["refuted"] is not None
    values = state["refuted"] if refuted else best["values"]
    slack = state.get("slack") if refuted else best["slack"]
    return {
        "status": "refuted" if refuted else "survived",
        "instance": None if values is None else encode_instance(values),
        "slack": None if slack is None else _number_text(slack),
        "verification": state["verification"],
        "evaluations": budget.used,
        "seconds": round(time.monotonic() - start, 3),
        "seed": seed,
        "ratios": ratios,
        "relations": labels,
        "artefacts": state["artefacts"],
        "errors": state["errors"],
        "first_error": state.get("first_error"),
        "interrupted": interrupted,
    }


_UNDECIDED = (NotDecidable, InvalidArgument, TypeError, ValueError, NotImplementedError, ZeroDivisionError)


def _number_text(x) -> str:
    """17 significant digits of an mpf or of an exact (sympy) number."""
    if isinstance(x, mpmath.mpf):
        return mpmath.nstr(x, 17)
    return str(sympy.N(x, 17))


class _Found(Exception):
    """A verified counterexample: stops the optimiser."""


class _Spent(Exception):
    """The budget is used up: stops the optimiser."""


def _embed(x0: list[float], free: list[int], y: list[float]) -> list[float]:
    x = list(x0)
    for i, v in zip(free, y, strict=True):
        x[i] = v
    return x


def _restricted(f: Callable, x0: list[float], free: list[int]) -> Callable:
    """``f`` as a function of the coordinates ``free`` only, the others held at ``x0``."""
    return lambda y: f(_embed(x0, free, y))


def _polish(f: Callable, x0: list[float], budget: _Budget, rounds: int = 4) -> tuple[list[float], float]:
    """Nelder–Mead from ``x0``, restarted from its best point with a fresh, smaller simplex
    while that still improves (a collapsed simplex is the usual way it stalls); the best point."""
    x, fx, scale = list(x0), math.inf, 0.3
    for _ in range(rounds):
        x_new, f_new = _nelder_mead(f, x, budget, scale)
        if not f_new < fx:
            break
        x, fx, scale = x_new, f_new, scale / 3
    return x, fx


def _nelder_mead(f: Callable, x0: list[float], budget: _Budget, scale: float) -> tuple[list[float], float]:
    """Minimise ``f`` from ``x0`` (standard coefficients) until the simplex collapses or a
    per-restart share of evaluations (``40 + 10·d``) is used; return the best point."""
    d = len(x0)
    expand, contract, shrink = 2.0, 0.5, 0.5
    limit = budget.used + 40 + 10 * d
    step = [scale * abs(v) + scale / 3 for v in x0]
    simplex = [list(x0)] + [[v + (step[i] if i == j else 0.0) for i, v in enumerate(x0)] for j in range(d)]
    values = [f(x) for x in simplex]
    while budget.used < limit and not budget.spent():
        order = sorted(range(d + 1), key=lambda i: values[i])
        simplex, values = [simplex[i] for i in order], [values[i] for i in order]
        if all(math.isinf(v) for v in values) or abs(values[-1] - values[0]) < 1e-15:
            break
        centroid = [sum(p[i] for p in simplex[:-1]) / d for i in range(d)]
        worst = simplex[-1]
        reflected = [c + (c - w) for c, w in zip(centroid, worst, strict=True)]
        fr = f(reflected)
        if fr < values[0]:
            expanded = [c + expand * (c - w) for c, w in zip(centroid, worst, strict=True)]
            fe = f(expanded)
            simplex[-1], values[-1] = (expanded, fe) if fe < fr else (reflected, fr)
        elif fr < values[-2]:
            simplex[-1], values[-1] = reflected, fr
        else:
            contracted = [c + contract * (w - c) for c, w in zip(centroid, worst, strict=True)]
            fc = f(contracted)
            if fc < values[-1]:
                simplex[-1], values[-1] = contracted, fc
            else:
                best = simplex[0]
                for i in range(1, d + 1):
                    simplex[i] = [b + shrink * (p - b) for b, p in zip(best, simplex[i], strict=True)]
                    values[i] = f(simplex[i])
                    if budget.spent():
                        break
    best = min(range(d + 1), key=lambda i: values[i])
    return simplex[best], values[best]


# --------------------------------------------------------------------------- workers


def _worker(task: dict) -> dict:
    """A picklable entry point: resolve the claim by its target and search one sub-seed."""
    claim = load_claim(task["target"])
    deadline = None if task["budget"] is None else time.monotonic() + task["budget"]
    return _search_one(
        claim,
        seed=task["seed"],
        evaluations=task["evaluations"],
        deadline=deadline,
        dps=task["dps"],
        fixed=task["fixed"],
        focus=task["focus"],
        max_side=task["max_side"],
    )


def _combine(parts: list[dict]) -> dict:
    """Deterministically: the refutation of the lowest worker, else the best slack."""
    refuted = [p for p in parts if p["status"] == "refuted"]
    chosen = refuted[0] if refuted else min(parts, key=lambda p: _sort_slack(p["slack"]))
    ratios: dict[str, float] = {}
    for part in parts:
        for label, ratio in part["ratios"].items():
            ratios[label] = max(ratios.get(label, -math.inf), ratio)
    combined = dict(chosen)
    combined.update(
        evaluations=sum(p["evaluations"] for p in parts),
        seconds=max(p["seconds"] for p in parts),
        ratios=ratios,
        relations=max((p["relations"] for p in parts), key=len),
        artefacts=sum(p["artefacts"] for p in parts),
        errors=sum(p["errors"] for p in parts),
        first_error=next((p["first_error"] for p in parts if p["first_error"]), None),
        interrupted=any(p["interrupted"] for p in parts),
    )
    return combined


def _sort_slack(slack: str | None) -> float:
    return math.inf if slack is None else float(slack)


def search(
    target: str | Claim,
    *,
    seed: int = 0,
    budget: float | None = None,
    evaluations: int | None = None,
    dps: int = DEFAULT_DPS,
    workers: int = 1,
    scheduler: str | Any | None = None,
    fixed: Mapping[str, int] | None = None,
    focus: int | None = None,
    max_side: int = MAX_SIDE,
) -> dict:
    """Search for a counterexample to ``target`` (a ``Claim``, or a target string as for
    ``load_claim``); return the result record (see ``write_result``).

    ``budget`` is in seconds, ``evaluations`` the deterministic budget (at least one is
    needed); ``fixed`` pins dimensions or integers (``{"k": 1}``); ``focus`` makes the
    optimiser push on one relation (by index) instead of the smallest slack.  With
    ``workers > 1`` or a ``scheduler`` (a Dask address or ``Client``), ``target`` must be
    a string so that every worker can load the claim itself.
    """
    if budget is None and evaluations is None:
        raise InvalidArgument("budget", "a time budget or a number of evaluations", None)
    if not isinstance(workers, int) or workers < 1:
        raise InvalidArgument("workers", "an int >= 1", workers)
    if not isinstance(dps, int) or dps < 15:
        raise InvalidArgument("dps", "an int >= 15", dps)
    claim = target if isinstance(target, Claim) else load_claim(target)
    name = target if isinstance(target, str) else claim.name
    _check_evaluable(claim)
    fixed = dict(fixed or {})
    parallel = workers > 1 or scheduler is not None
    if parallel and not isinstance(target, str):
        raise InvalidArgument("target", "a target string when searching with workers", claim.name)
    if parallel:
        share = None if evaluations is None else -(-evaluations // workers)
        tasks = [
            dict(
                target=target,
                seed=seed * 1000 + i + 1,
                evaluations=share,
                budget=budget,
                dps=dps,
                fixed=fixed,
                focus=focus,
                max_side=max_side,
            )
            for i in range(workers)
        ]
        parts = _run_dask(tasks, scheduler) if scheduler is not None else _run_processes(tasks)
        result = _combine(parts)
    else:
        deadline = None if budget is None else time.monotonic() + budget
        result = _search_one(
            claim,
            seed=seed,
            evaluations=evaluations,
            deadline=deadline,
            dps=dps,
            fixed=fixed,
            focus=focus,
            max_side=max_side,
        )
    result.update(
        format=RESULT_FORMAT,
        claim={"name": claim.name, "id": claim.id, "target": name, "source": claim.source},
        dps=dps,
        seed=seed,
        workers=workers,
        fixed=fixed,
        focus=focus,
        best_ratio=_main_ratio(result, focus),
    )
    return result


def _main_ratio(result: Mapping[str, Any], focus: int | None) -> float | None:
    """The largest ``lhs/rhs`` of the focused relation (the first one by default)."""
    labels = result["relations"]
    index = focus or 0
    return result["ratios"].get(labels[index]) if index < len(labels) else None


def _check_evaluable(claim: Claim, tries: int = 5) -> None:
    """A claim that raises on every one of a few small instances cannot be evaluated: a usage
    error, with the reason.  (One that raises on some instances only is searched; those
    instances are skipped and counted.)"""
    rng = random.Random(0)
    for _ in range(tries):
        layout = param.draw_layout(claim, rng, max_side=2, fixed={})
        values = param.decode(claim, layout, param.start_point(claim, layout, rng))
        try:
            claim.evaluate(HighPrecision(SEARCH_DPS), values)
            return
        except (ZeroDivisionError, NotDecidable):
            return
        except Exception as error:
            reason = f"{type(error).__name__}: {error}"
    raise InvalidArgument("target", f"a claim that can be evaluated ({reason})", claim.name)


def _run_processes(tasks: list[dict]) -> list[dict]:
    """Each task in its own process.  Ctrl-C reaches the whole process group: every worker
    stops its loop and returns its best so far (``interrupted``), while this process —
    which would otherwise abandon them — only notes the signal and collects their results."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=len(tasks)) as pool:
        futures = [pool.submit(_worker, task) for task in tasks]  # the workers start here
        interrupted = []
        previous = signal.signal(signal.SIGINT, lambda *_: interrupted.append(True))
        try:
            parts = [future.result() for future in futures]
        finally:
            signal.signal(signal.SIGINT, previous)
    if interrupted:
        for part in parts:
            part["interrupted"] = True
    return parts


def _run_dask(tasks: list[dict], scheduler) -> list[dict]:
    try:
        from distributed import Client
    except ImportError:
        raise InvalidArgument(
            "scheduler", "dask[distributed] installed (pip install svd-proofs[scale])", scheduler
        ) from None
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        futures = client.map(_worker, tasks, pure=False)
        return client.gather(futures)
    finally:
        if client is not scheduler:
            client.close()


# --------------------------------------------------------------------------- results


def _text(x: Fraction) -> str:
    return str(x)


def _rows(rows) -> list[list[str]]:
    return [[_text(x) for x in row] for row in rows]


def encode_instance(values: Mapping[str, Any]) -> dict:
    """An instance as JSON: exact rationals as strings, with prescribed SVDs/eigendecompositions."""
    encoded: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, ExactMatrix):
            item: dict[str, Any] = {"rows": _rows(value.rows), "family": value.family}
            if value.eigen is not None:
                item["eigen"] = {"Q": _rows(value.eigen.Q), "w": [_text(x) for x in value.eigen.w]}
            elif value.svd is not None:
                item["svd"] = {
                    "U": _rows(value.svd.U),
                    "s": [_text(x) for x in value.svd.s],
                    "V": _rows(value.svd.V),
                }
            encoded[name] = item
        else:
            encoded[name] = value
    return encoded


def decode_instance(encoded: Mapping[str, Any]) -> dict[str, Any]:
    """The exact instance ``encode_instance`` wrote."""
    values: dict[str, Any] = {}
    for name, item in encoded.items():
        if not isinstance(item, dict):
            values[name] = item
            continue
        rows = [[Fraction(x) for x in row] for row in item["rows"]]
        svd = eigen = None
        if "eigen" in item:
            eigen = ExactEigen(
                Q=[[Fraction(x) for x in r] for r in item["eigen"]["Q"]],
                w=[Fraction(x) for x in item["eigen"]["w"]],
            )
            svd = eigen.svd()
        elif "svd" in item:
            svd = ExactSVD(
                U=[[Fraction(x) for x in r] for r in item["svd"]["U"]],
                s=[Fraction(x) for x in item["svd"]["s"]],
                V=[[Fraction(x) for x in r] for r in item["svd"]["V"]],
            )
        values[name] = ExactMatrix(rows, item.get("family", "search"), svd=svd, eigen=eigen)
    return values


def write_result(result: Mapping[str, Any], path: str | os.PathLike) -> None:
    """Write the result as JSON atomically (a temporary file, then ``os.replace``)."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w") as out:
            json.dump(result, out, indent=2, ensure_ascii=False)
            out.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_result(path: str | os.PathLike) -> dict:
    try:
        with open(path) as handle:
            result = json.load(handle)
    except (OSError, json.JSONDecodeError) as error:
        raise InvalidArgument("result", "a readable result file", f"{path}: {error}") from None
    if not isinstance(result, dict) or result.get("format") != RESULT_FORMAT:
        raise InvalidArgument("result", f"a search result file (format {RESULT_FORMAT})", path)
    return result


def verify(result: Mapping[str, Any]) -> tuple[bool, str]:
    """Re-check a saved result from scratch: a refutation must fail again (exactly when it was
    verified exactly); a survival's best instance must hold.  Returns ``(holds, why)``."""
    claim = load_claim(result["claim"]["target"])
    if result.get("instance") is None:
        return result["status"] == "survived", "no instance recorded"
    values = decode_instance(result["instance"])
    problems = claim.violations(values)
    if problems:
        return False, "the instance breaks the claim's hypotheses: " + "; ".join(problems)
    if result["status"] == "refuted":
        refuted, how = verify_instance(claim, values, result["dps"])
        if not refuted:
            return False, f"the counterexample does not fail: it {how}"
        if result["verification"] == "exact" and how != "exact":
            return False, f"recorded as exact, verified only as {how}"
        return True, f"refuted ({how})"
    holds = claim.evaluate(HighPrecision(result["dps"]), values).holds
    return holds, "the best instance holds" if holds else "the best instance fails"


# --------------------------------------------------------------------------- benchmark


BENCH_FIXED = {"k": 1, "m": 3, "n": 3}


def bench(target: str = "why_project_8k", evaluations: int = 300, seed: int = 0) -> dict[str, float]:
    """Evaluations per second on one shape (``BENCH_FIXED``): a plain mpmath loop evaluating
    the claim on random instances, and the search (decoding, hypotheses, optimiser, exact
    checks of structured points included) with one worker and with two."""
    claim = load_claim(target)
    rng = random.Random(seed)
    start = time.perf_counter()
    for _ in range(evaluations):
        layout = param.draw_layout(claim, rng, max_side=MAX_SIDE, fixed=BENCH_FIXED)
        claim.evaluate(
            HighPrecision(SEARCH_DPS), param.decode(claim, layout, param.start_point(claim, layout, rng))
        )
    rates = {"plain loop": evaluations / (time.perf_counter() - start)}
    for workers in (1, 2):
        start = time.perf_counter()
        result = search(
            target, seed=seed, evaluations=evaluations * workers, workers=workers, fixed=BENCH_FIXED
        )
        rates[f"{workers} worker(s)"] = result["evaluations"] / (time.perf_counter() - start)
    return rates


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] != ["--bench"]:
        sys.exit("usage: python -m numerics.search --bench [TARGET]")
    rates = bench(*sys.argv[2:3])
    for name, rate in rates.items():
        print(f"{name:>12}: {rate:8.1f} evaluations/s  ({rate / rates['plain loop']:.2f}× the plain loop)")
