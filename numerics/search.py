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
matrices started at an earlier variable of their shape.

A restart then minimises a scale-free score (``1 − lhs/rhs`` for an
inequality, the relative slack otherwise) of one relation — one not yet seen
tight more often than one that was — or of the smallest one, with CMA-ES
(Nelder–Mead in six dimensions or fewer; ``numerics._optimise``) for at most
Luby's sequence of evaluation counts.  Half of the restarts continue from
the best point seen for their relation, for as long as that keeps
improving it.  The inner loop runs in double precision (``backends.Float``
on a float decoding of the point) wherever the claim's code allows it,
otherwise at ``SEARCH_DPS`` digits; a restart that ends near failure is
snapped to coarse grids and decided exactly.

An instance on which the claim fails is a *candidate*: seen in double
precision, it must fail at ``SEARCH_DPS`` digits too, and it is reported only
once ``verify_instance`` confirms it: exactly (``Exact()``) where the claim's
functions allow it ("exact"), otherwise at the requested ``dps`` and at
``2·dps`` ("high-precision").  A rounding artefact is never a refutation.
For a claim that survives, the result holds the instance of the smallest
score with its slack and, per inequality, the largest ratio ``lhs/rhs``
seen, both recomputed at ``dps`` digits on the exact instance.

The same seed and budget in evaluations give the same result, also with
several workers (each runs a sub-seed with its share of the evaluations, in
local processes or on a Dask cluster with ``scheduler``).  Ctrl-C stops the
workers, which return their best so far.

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
import uuid
from collections.abc import Callable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import mpmath
import numpy
import sympy

from numerics import _optimise as optimise
from numerics import _parametrise as param
from numerics import claims
from numerics.backends import Exact, Float, HighPrecision, NotDecidable
from numerics.claims import Claim
from numerics.errors import InvalidArgument
from numerics.exact import ExactEigen, ExactMatrix, ExactSVD

SEARCH_DPS = 16
SNAP_BELOW = 1e-6
SNAP_GRIDS = (1, 2, 4, 16)
DEFAULT_DPS = 30
MAX_SIDE = 4
NELDER_MEAD_UP_TO = 6
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
    """Evaluations used against a count and a deadline, and a ``stop`` request from outside
    (a Dask run's Ctrl-C), asked at most every ``STOP_POLL`` seconds; ``stopped`` tells."""

    STOP_POLL = 0.5

    def __init__(
        self, evaluations: int | None, deadline: float | None, stop: Callable[[], bool] | None = None
    ):
        self.evaluations, self.deadline, self.used = evaluations, deadline, 0
        self.stop, self.stopped, self._polled = stop, False, time.monotonic()

    def spent(self) -> bool:
        if self.evaluations is not None and self.used >= self.evaluations:
            return True
        now = time.monotonic()
        if self.stop is not None and now - self._polled >= self.STOP_POLL:
            self._polled = now
            self.stopped = self.stopped or self.stop()
        return self.stopped or (self.deadline is not None and now >= self.deadline)


def _ratios(evaluation: claims.Evaluation) -> dict[str, float]:
    ratios = {}
    for i, rel in enumerate(evaluation.relations):
        if rel.kind == "<=":
            try:
                lhs, rhs = float(rel.lhs), float(rel.rhs)
            except (TypeError, ValueError):
                continue
            if rhs > 0:
                ratios[_label(rel, i)] = lhs / rhs
    return ratios


def _score(evaluation: claims.Evaluation, index: int) -> float:
    """How far relation ``index`` is from failing, scale-free (< 0: it fails).  For
    ``lhs <= rhs`` with ``rhs`` clearly positive it is ``1 − lhs/rhs``, so that pushing on it
    raises the ratio rather than shrinking the data; otherwise the relative slack."""
    rel, difference = evaluation.relations[index], evaluation.differences[index]
    if not rel.scale and evaluation.verdicts[index]:
        return 1.0  # all the data it depends on is zero: it tells nothing about where the claim is tight
    relative = float(claims._relative(claims._slack(rel, difference), rel))
    if rel.kind == "<=":
        try:
            lhs, rhs, scale = float(rel.lhs), float(rel.rhs), float(abs(rel.scale))
        except (TypeError, ValueError):
            return relative
        if rhs > 1e-8 * scale:
            return 1 - lhs / rhs
    return relative


def _label(relation: claims.Relation, index: int) -> str:
    return relation.label or f"relation {index}"


def _objective(evaluation: claims.Evaluation, scores: list[float], aim: str | int | None) -> float:
    """Of the relations' ``scores``, the one aimed at — by index (the user's ``focus``) or by
    label (a restart's choice; a label this instance lacks counts as None) —, or the smallest."""
    relations = evaluation.relations
    if isinstance(aim, int):
        return scores[min(aim, len(relations) - 1)]
    index = next((i for i, rel in enumerate(relations) if _label(rel, i) == aim), None)
    return min(scores) if index is None else scores[index]


TIGHT = 1e-9
PROGRESS = 1e-6  # what a restart from an elite must gain on its score to earn another one


def _aim(rng: random.Random, tight: Mapping[str, bool]) -> str | None:
    """What a restart pushes on: the smallest score a quarter of the time (and before any
    relation is known), otherwise one relation, four times as likely if it is not an inequality
    already seen tight — pushing on a tight step of a true claim leads nowhere, while the one
    that bounds the claim's constant is usually not tight."""
    if not tight or rng.random() < 0.25:
        return None
    labels = list(tight)
    return rng.choices(labels, [1 if tight[label] else 4 for label in labels])[0]


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
    budget: float | None,
    dps: int,
    fixed: Mapping[str, int],
    focus: int | None,
    max_side: int,
    stop: Callable[[], bool] | None = None,
) -> dict:
    """One worker's search: local minimisations from seeded start points, for ``evaluations``
    and/or ``budget`` seconds."""
    deadline = None if budget is None else time.monotonic() + budget
    search = _Search(claim, seed=seed, budget=_Budget(evaluations, deadline, stop), dps=dps)
    start = time.monotonic()
    interrupted = False
    try:
        while not search.budget.spent():
            search.restart(fixed=fixed, focus=focus, max_side=max_side)
    except (_Found, _Spent):
        pass
    except KeyboardInterrupt:
        interrupted = True
    return search.result(seconds=time.monotonic() - start, interrupted=interrupted or search.budget.stopped)


@dataclasses.dataclass
class _Elite:
    """The best point seen for an aim; ``stale`` once a restart from it failed to improve its
    score by ``PROGRESS``."""

    score: float
    point: tuple
    stale: bool = False


class _Search:
    """The state of one worker's search: what it has seen (the best point for each relation it
    can aim at, which inequalities were seen tight, the largest ratios) and what it found."""

    def __init__(self, claim: Claim, *, seed: int, budget: _Budget, dps: int):
        self.claim, self.seed, self.budget, self.dps = claim, seed, budget, dps
        self.rng = random.Random(seed)
        self.arithmetic = _Arithmetic(claim)
        self.elite: dict[str | None, _Elite] = {}  # aim → its best point
        self.ratios: dict[str, tuple[float, tuple]] = {}
        self.labels: list[str] = []
        self.tight: dict[str, bool] = {}
        self.restarts = self.artefacts = self.errors = 0
        self.first_error: str | None = None
        self.refuted: tuple | None = None  # (values, verification, slack)

    def restart(self, *, fixed: Mapping[str, int], focus: int | None, max_side: int) -> None:
        """One local minimisation aimed at a relation: half of the time from the best point seen
        for it, so that progress accumulates over restarts, until a restart from there fails to
        improve it; otherwise from a fresh start point — a structured one is first decided
        exactly, and (half of the time) polished with its zeros kept."""
        rng = self.rng
        aim = focus if focus is not None else _aim(rng, self.tight)
        key = self.labels[min(aim, len(self.labels) - 1)] if isinstance(aim, int) and self.labels else aim
        elite = self.elite.get(key)
        if elite is not None and not elite.stale and rng.random() < 0.5:
            self._continue_from(elite, aim)
            elite.stale = self.elite[key].score > elite.score - PROGRESS  # continue elsewhere
            return
        layout, x0 = param.draw(self.claim, rng, max_side=max_side, fixed=fixed)
        free = list(range(layout.size))
        if layout.grid < 8:
            self.evaluate_exactly(layout, x0)
            if rng.random() < 0.5:
                return
            layout = dataclasses.replace(layout, grid=param.FINE_GRID)
            if rng.random() < 0.5:
                free = [i for i in free if x0[i] != 0]
        if not free:
            self.evaluate(layout, x0, aim)
            return
        self.restarts += 1
        f = _restricted(lambda x: self.evaluate(layout, x, aim), x0, free)
        y, fx = _local_minimum(f, [x0[i] for i in free], self.budget, rng, self.restarts)
        if fx < SNAP_BELOW:
            x = _embed(x0, free, y)
            for grid in SNAP_GRIDS:  # a near-failure may be the shadow of an exact one
                self.evaluate_exactly(dataclasses.replace(layout, grid=grid), x)

    def _continue_from(self, elite: _Elite, aim: str | int | None) -> None:
        """A local minimisation from ``elite``'s point, with a first step 10⁰ to 10⁻³ of CMA-ES's
        default (the point is already good)."""
        layout, x0 = elite.point
        self.restarts += 1
        step = 10 ** -self.rng.uniform(0, 3)
        _local_minimum(
            lambda x: self.evaluate(layout, x, aim), x0, self.budget, self.rng, self.restarts, step
        )

    def evaluate(self, layout: param.Layout, x: list[float], aim: str | int | None) -> float:
        """The score the restart minimises at ``x``; a failure is verified (and stops the search
        when it is confirmed)."""
        if self.budget.spent():
            raise _Spent
        self.budget.used += 1
        try:
            evaluation = self.arithmetic.evaluate(layout, x)
        except _Excluded:
            return math.inf
        except Exception as error:  # the claim's own failure on this instance: not a verdict
            self.errors += 1
            self.first_error = self.first_error or f"{type(error).__name__}: {error}"
            return math.inf
        scores = self._record(evaluation, (layout, list(x)))
        if not evaluation.holds:
            values = param.decode(self.claim, layout, x)
            if self.claim.violations(values):
                return math.inf
            refuted, how = verify_instance(self.claim, values, self.dps)
            if refuted:
                self.refuted = (values, how, evaluation.slack)
                raise _Found
            self.artefacts += 1
        return _objective(evaluation, scores, aim)

    def _record(self, evaluation: claims.Evaluation, point: tuple) -> list[float]:
        """Note what ``evaluation`` shows (tight relations, best points, ratios); its scores."""
        scores = [_score(evaluation, i) for i in range(len(evaluation.relations))]
        if not self.labels:
            self.labels.extend(_label(rel, i) for i, rel in enumerate(evaluation.relations))
        for i, (rel, score) in enumerate(zip(evaluation.relations, scores, strict=True)):
            label = _label(rel, i)
            self.tight[label] = self.tight.get(label, False) or (rel.kind == "<=" and score <= TIGHT)
            if label not in self.elite or score < self.elite[label].score:
                self.elite[label] = _Elite(score, point)
        if None not in self.elite or min(scores) < self.elite[None].score:
            self.elite[None] = _Elite(min(scores), point)
        for label, ratio in _ratios(evaluation).items():
            if ratio > self.ratios.get(label, (-math.inf,))[0]:
                self.ratios[label] = (ratio, point)
        return scores

    def evaluate_exactly(self, layout: param.Layout, x: list[float]) -> None:
        """Small rational start points are also decided exactly: some claims fail only on
        structure (repeated or zero values) that floating point cannot see."""
        if self.budget.spent():
            raise _Spent
        self.budget.used += 1
        values = param.decode(self.claim, layout, x)
        if self.claim.violations(values):
            return
        try:
            evaluation = self.claim.evaluate(Exact(), values)
        except _UNDECIDED:
            return
        if not evaluation.holds:
            self.refuted = (values, "exact", evaluation.slack)
            raise _Found

    def result(self, *, seconds: float, interrupted: bool) -> dict:
        """The worker's result record: the verified counterexample, or the instance of the
        smallest score with its slack, both at ``dps`` digits."""
        if self.refuted is not None:
            values, verification, slack = self.refuted
        else:
            values = _instance(self.claim, self.elite[None].point if None in self.elite else None)
            verification, slack = None, _confirmed_slack(self.claim, values, self.dps)
        return {
            "status": "survived" if self.refuted is None else "refuted",
            "instance": None if values is None else encode_instance(values),
            "slack": None if slack is None else _number_text(slack),
            "verification": verification,
            "evaluations": self.budget.used,
            "seconds": round(seconds, 3),
            "seed": self.seed,
            "ratios": _confirmed_ratios(self.claim, self.ratios, self.dps),
            "relations": self.labels,
            "artefacts": self.artefacts,
            "errors": self.errors,
            "first_error": self.first_error,
            "interrupted": interrupted,
            "inner_loop": self.arithmetic.counts,
        }


def _instance(claim: Claim, point) -> dict | None:
    """The exact instance at the best point (None if there is none, or if it breaks a
    hypothesis that its double-precision shadow did not show)."""
    if point is None:
        return None
    values = param.decode(claim, *point)
    return None if claim.violations(values) else values


def _confirmed_slack(claim: Claim, values: Mapping[str, Any] | None, dps: int):
    """The slack of the best instance, at ``dps`` digits (the search saw it in double precision)."""
    if values is None:
        return None
    try:
        return claim.evaluate(HighPrecision(dps + claims.dynamic_range_digits(values)), values).slack
    except Exception:  # the claim's own failure on this instance: nothing to report
        return None


def _confirmed_ratios(claim: Claim, seen: Mapping[str, tuple[float, tuple]], dps: int) -> dict[str, float]:
    """The largest ``lhs/rhs`` of each inequality, recomputed at ``dps`` digits on the exact
    instance where the search saw it (a ratio seen in double precision may be off in its last
    digits — enough to show a tight bound as broken)."""
    confirmed: dict[str, float] = {}
    evaluated: dict[int, dict[str, float]] = {}
    for label, (_, point) in seen.items():
        key = id(point)
        if key not in evaluated:
            values = _instance(claim, point)
            try:
                evaluation = claim.evaluate(HighPrecision(dps + claims.dynamic_range_digits(values)), values)
                evaluated[key] = _ratios(evaluation)
            except Exception:  # also: no instance (None)
                evaluated[key] = {}
        if label in evaluated[key]:
            confirmed[label] = evaluated[key][label]
    return confirmed


class _Excluded(Exception):
    """The point decodes to an instance that breaks the claim's hypotheses."""


class _Arithmetic:
    """How the inner loop evaluates a point: in double precision (``Float``) while that works,
    otherwise — claims whose code calls mpmath directly, instances it cannot handle — at
    ``SEARCH_DPS`` digits on the exact instance.  A failure seen in double precision is
    confirmed at ``SEARCH_DPS`` before it is handed to verification, so rounding in double
    precision costs no verification time.  Double precision is dropped for the rest of the
    run once it has failed — raised, or seen a failure that 16 digits do not confirm — 20
    times and more than three times as often as it worked, except on every ``RETRY_FLOAT``-th
    evaluation, which tries it again (the instances of a run differ: it may work later)."""

    def __init__(self, claim: Claim):
        self.claim, self.worked, self.failed = claim, 0, 0
        self.counts = {"float64": 0, f"mpmath dps={SEARCH_DPS}": 0}
        self.calls = 0

    @property
    def use_float(self) -> bool:
        return self.failed < 20 or self.failed <= 3 * self.worked

    def evaluate(self, layout, x) -> claims.Evaluation:
        self.calls += 1
        tried = self.use_float or self.calls % RETRY_FLOAT == 0
        quick = self._in_float(layout, x) if tried else None
        if quick is not None and quick.holds:
            self.worked += 1
            self.counts["float64"] += 1
            return quick
        values = param.decode(self.claim, layout, x)
        if self.claim.violations(values):
            raise _Excluded
        evaluation = self.claim.evaluate(HighPrecision(SEARCH_DPS), values)
        if tried:  # only an instance that 16 digits can evaluate counts against double precision
            false_alarm = quick is None or evaluation.holds
            self.worked, self.failed = self.worked + (not false_alarm), self.failed + false_alarm
        self.counts[f"mpmath dps={SEARCH_DPS}"] += 1
        return evaluation

    def _in_float(self, layout, x) -> claims.Evaluation | None:
        try:
            return self.claim.evaluate(FLOAT, param.decode_float(self.claim, layout, x))
        except Exception:  # the claim's code needs mpmath, or the instance is out of bounds
            return None


FLOAT = Float()
RETRY_FLOAT = 16

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


def _local_minimum(
    f: Callable,
    x0: list[float],
    budget: _Budget,
    rng: random.Random,
    restart: int,
    sigma: float | None = None,
):
    """CMA-ES in many dimensions, with ``luby(restart)·(50 + 10·d)`` evaluations at most —
    how long a run needs is unknown and differs between claims, and Luby's restart lengths
    1, 1, 2, 1, 1, 2, 4, … waste at most a logarithmic factor against the best fixed length —
    and Nelder–Mead in few.  ``sigma``: CMA-ES's first step, relative to the size of ``x0``
    (default 0.3 of it)."""
    if len(x0) <= NELDER_MEAD_UP_TO:
        return optimise.nelder_mead(f, x0, budget)
    limit = _luby(restart) * (50 + 10 * len(x0))
    return optimise.cma_es(
        f, x0, budget, numpy.random.default_rng(rng.getrandbits(64)), max_evaluations=limit
    )


def _luby(i: int) -> int:
    """The i-th term (i ≥ 1) of Luby, Sinclair and Zuckerman's sequence 1, 1, 2, 1, 1, 2, 4, …"""
    k = 1
    while (1 << k) - 1 < i:
        k += 1
    return 1 << (k - 1) if i == (1 << k) - 1 else _luby(i - (1 << (k - 1)) + 1)


def _embed(x0: list[float], free: list[int], y: list[float]) -> list[float]:
    x = list(x0)
    for i, v in zip(free, y, strict=True):
        x[i] = v
    return x


def _restricted(f: Callable, x0: list[float], free: list[int]) -> Callable:
    """``f`` as a function of the coordinates ``free`` only, the others held at ``x0``."""
    return lambda y: f(_embed(x0, free, y))


# --------------------------------------------------------------------------- workers


def _worker(task: dict) -> dict:
    """A picklable entry point: resolve the claim by its target and search one sub-seed."""
    options = dict(task)
    claim, stop = load_claim(options.pop("target")), options.pop("stop", None)
    return _search_one(claim, **options, stop=_dask_event(stop).is_set if stop else None)


def _dask_event(name: str):
    from distributed import Event

    return Event(name)


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
        inner_loop={key: sum(p["inner_loop"][key] for p in parts) for key in parts[0]["inner_loop"]},
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
    options = dict(
        evaluations=evaluations, budget=budget, dps=dps, fixed=fixed, focus=focus, max_side=max_side
    )
    if parallel:
        share = None if evaluations is None else -(-evaluations // workers)
        tasks = [
            dict(options, target=target, seed=seed * 1000 + i + 1, evaluations=share) for i in range(workers)
        ]
        parts = _run_dask(tasks, scheduler) if scheduler is not None else _run_processes(tasks)
        result = _combine(parts)
    else:
        result = _search_one(claim, seed=seed, **options)
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
        values = param.decode(claim, *param.draw(claim, rng, max_side=2, fixed={}))
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
    """Each task on the Dask cluster.  Ctrl-C sets a distributed ``Event`` that every worker
    polls: each stops its loop and returns its best so far (``interrupted``)."""
    try:
        from distributed import Client, Event
    except ImportError:
        raise InvalidArgument(
            "scheduler", "dask[distributed] installed (pip install svd-proofs[scale])", scheduler
        ) from None
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    stop = f"svd-proofs-search-stop-{uuid.uuid4().hex}"
    try:
        futures = client.map(_worker, [dict(task, stop=stop) for task in tasks], pure=False)
        try:
            return client.gather(futures)
        except KeyboardInterrupt:  # ask every worker for its best so far (they poll the event)
            Event(stop, client=client).set()
            parts = client.gather(futures)
            for part in parts:
                part["interrupted"] = True
            return parts
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


def bench(target: str = "why_project_8k", evaluations: int = 20_000, seed: int = 0) -> dict[str, float]:
    """Evaluations per second on one shape (``BENCH_FIXED``): the baseline, a plain loop
    evaluating the claim at ``SEARCH_DPS`` digits in mpmath on instances drawn beforehand (what
    the search's inner loop cost before it ran in double precision), the same loop in
    ``Float``, and the search itself — decoding, optimiser, exact decisions of structured
    points and verification included — with ``evaluations`` per worker, for one worker and two."""
    claim = load_claim(target)
    rng = random.Random(seed)
    instances = [param.draw(claim, rng, max_side=MAX_SIDE, fixed=BENCH_FIXED) for _ in range(200)]
    exact = [param.decode(claim, *instance) for instance in instances]
    floats = [param.decode_float(claim, *instance) for instance in instances]
    rates = {}
    for name, ops, values in (
        ("plain mpmath loop", HighPrecision(SEARCH_DPS), exact),
        ("plain float64 loop", FLOAT, floats),
    ):
        start = time.perf_counter()
        for instance in values:
            claim.evaluate(ops, instance)
        rates[name] = len(values) / (time.perf_counter() - start)
    for workers in (1, 2):
        start = time.perf_counter()
        result = search(
            target, seed=seed, evaluations=evaluations * workers, workers=workers, fixed=BENCH_FIXED
        )
        rates[f"search, {workers} worker{'s' if workers > 1 else ''}"] = result["evaluations"] / (
            time.perf_counter() - start
        )
    return rates


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] != ["--bench"]:
        sys.exit("usage: python -m numerics.search --bench [TARGET]")
    rates = bench(*sys.argv[2:3])
    baseline = rates["plain mpmath loop"]
    for name, rate in rates.items():
        print(f"{name:>20}: {rate:8.1f} evaluations/s  ({rate / baseline:5.1f}× the plain mpmath loop)")
