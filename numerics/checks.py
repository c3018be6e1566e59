"""Running claims: symbolic, exact and randomised checks, and the refutation of mutants.

Each runner evaluates a ``Claim`` on its instances, keeps the statistics the
evidence reports (instances, families, dps, worst relative slack, largest
relative residual, seconds), records them (``numerics.records``) and raises
``CheckFailed`` — naming the claim, the check, the instance exactly and the
slack — if the claim fails on any instance.

Profiles fix how hard the checks look: ``ci`` is fast and, like ``thorough``,
deterministic for a given seed (hypothesis runs with an explicit seed derived
from the run's seed and the check's name, and no example database).
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import hypothesis
from hypothesis import HealthCheck, Phase, given, settings

from numerics import claims
from numerics.backends import Exact, HighPrecision, NotDecidable
from numerics.claims import Case, Claim
from numerics.errors import InvalidArgument
from numerics.records import CheckRecord, MutantRecord, record


@dataclass(frozen=True)
class Profile:
    name: str
    dps: int
    max_examples: int
    exact_examples: int
    mutant_examples: int
    max_side: int


PROFILES: dict[str, Profile] = {
    "ci": Profile("ci", dps=30, max_examples=60, exact_examples=24, mutant_examples=300, max_side=4),
    "thorough": Profile(
        "thorough", dps=50, max_examples=600, exact_examples=160, mutant_examples=2000, max_side=6
    ),
}

MIN_PER_FAMILY = 3

_state: dict[str, Any] = {"profile": PROFILES["ci"], "seed": 0}


def configure(*, profile: str, seed: int) -> None:
    """Select the profile and seed of every check run in this process."""
    if profile not in PROFILES:
        raise InvalidArgument("profile", f"one of {sorted(PROFILES)}", profile)
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise InvalidArgument("seed", "an int >= 0", seed)
    _state.update(profile=PROFILES[profile], seed=seed)


def current() -> tuple[Profile, int]:
    return _state["profile"], _state["seed"]


class CheckFailed(AssertionError):
    """A claim failed on an instance (or a mutant survived its refutation)."""


@dataclass
class _Stats:
    instances: int = 0
    families: set[str] = field(default_factory=set)
    dps: int | None = None
    worst_slack: Any = None
    max_residual: Any = None
    failure: str | None = None

    def add(self, evaluation: claims.Evaluation, values: dict[str, Any]) -> None:
        self.instances += 1
        self.families.update(v.family for v in values.values() if hasattr(v, "family"))
        if evaluation.dps is not None:
            self.dps = max(self.dps or 0, evaluation.dps)
        slack, residual = evaluation.slack, evaluation.residual
        if _is_number(slack) and (self.worst_slack is None or _key(slack) < _key(self.worst_slack)):
            self.worst_slack = slack
        elif self.worst_slack is None:
            self.worst_slack = slack
        if _is_number(residual) and (self.max_residual is None or _key(residual) > _key(self.max_residual)):
            self.max_residual = residual


_key = claims.magnitude_key


def _is_number(x) -> bool:
    try:
        float(x)
    except (TypeError, ValueError):
        return False
    return True


def _message(claim: Claim, check: str, evaluation: claims.Evaluation, values: dict[str, Any]) -> str:
    lines = [f"{claim.name} [{check}] fails on: {claims.describe(values)}"]
    parts = zip(evaluation.relations, evaluation.differences, evaluation.tolerances, strict=True)
    for rel, difference, tol in parts:
        lines.append(
            f"  {rel.label or 'relation'}: lhs={claims.format_number(rel.lhs)} {rel.kind} "
            f"rhs={claims.format_number(rel.rhs)}; "
            f"rhs - lhs={claims.format_number(difference)}, tolerance={tol}"
        )
    lines.append(f"  evaluated with dps={evaluation.dps}" if evaluation.dps else "  evaluated exactly")
    return "\n".join(lines)


def _seed_for(name: str, kind: str) -> int:
    return zlib.crc32(f"{current()[1]}:{name}:{kind}".encode())


def _search(
    claim: Claim, kind: str, examples: int, stats: _Stats, family: str | None = None, refuting: bool = False
) -> str | None:
    """Run hypothesis over the claim's instances; return the failure message, if any.

    An instance on which exact arithmetic cannot decide a sign fails a check; when
    ``refuting`` a mutant it merely decides nothing, and the search goes on."""
    profile, _ = current()
    exact = kind == "exact"

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @hypothesis.seed(_seed_for(claim.name, f"{kind}:{family}"))
    @given(claims.instances(claim, family=family, max_side=profile.max_side, exact=exact))
    def run(values):
        ops = Exact() if exact else HighPrecision(profile.dps + claims.dynamic_range_digits(values))
        try:
            evaluation = claim.evaluate(ops, values)
        except NotDecidable:
            if not refuting:
                raise
            hypothesis.reject()
        stats.add(evaluation, values)
        if not evaluation.holds:
            raise CheckFailed(_message(claim, kind, evaluation, values))

    try:
        run()
    except CheckFailed as failure:
        return str(failure)
    return None


def _search_each_family(claim: Claim, kind: str, examples: int, stats: _Stats) -> str | None:
    """``_search`` once per family of the claim's first matrix, sharing ``examples`` among
    them (at least ``MIN_PER_FAMILY`` each), so that every family is covered."""
    families = claims.primary_families(claim, exact=kind == "exact")
    for family in families:
        failure = _search(claim, kind, max(MIN_PER_FAMILY, examples // len(families)), stats, family)
        if failure:
            return failure
    return None


def _run(claim: Claim, name: str, kind: str, body: Callable[[_Stats], str | None]) -> CheckRecord:
    """Run ``body`` (which returns a failure message or None), record the outcome — an
    error inside the check is recorded as a failure too — and raise on failure."""
    _no_mutants(claim)
    start, stats = time.perf_counter(), _Stats()
    try:
        failure = body(stats)
    except Exception as error:
        failure = f"{claim.name} [{name}] raised {type(error).__name__}: {error}"
        record(_record(claim, name, kind, stats, start, failure))
        raise
    result = _record(claim, name, kind, stats, start, failure)
    record(result)
    if failure:
        raise CheckFailed(failure)
    return result


def _record(
    claim: Claim, name: str, kind: str, stats: _Stats, start: float, failure: str | None
) -> CheckRecord:
    return CheckRecord(
        theorem=claim.id,
        name=name,
        kind=kind,
        status="failed" if failure else "passed",
        instances=stats.instances,
        families=tuple(sorted(stats.families)),
        dps=stats.dps,
        worst_slack=_slack_text(stats.worst_slack),
        max_residual=_slack_text(stats.max_residual),
        seconds=round(time.perf_counter() - start, 3),
        failure=failure,
    )


def _no_mutants(claim: Claim) -> None:
    if claim.is_mutant:
        raise InvalidArgument("claim", "a claim, not a mutant (use refute for mutants)", claim.name)


def check_case(claim: Claim, case: Case) -> CheckRecord:
    """Evaluate the claim exactly on one fixed symbolic or rational case."""
    name = f"{case.kind}:{case.name}"

    def body(stats: _Stats) -> str | None:
        values = case.build()
        problems = claim.violations(values)
        if problems:
            raise InvalidArgument("case", f"an instance of {claim.id} ({'; '.join(problems)})", case.name)
        evaluation = claim.evaluate(Exact(), values)
        stats.add(evaluation, values)
        return None if evaluation.holds else _message(claim, name, evaluation, values)

    return _run(claim, name, case.kind, body)


def check_exact(claim: Claim) -> CheckRecord:
    """Hypothesis-drawn rational instances (prescribed SVDs where needed), in exact arithmetic."""
    examples = current()[0].exact_examples
    return _run(claim, "exact", "exact", lambda stats: _search_each_family(claim, "exact", examples, stats))


def check_randomized(claim: Claim) -> CheckRecord:
    """Hypothesis-drawn instances of every family, at the profile's dps (plus the digits
    needed to resolve the instance's dynamic range)."""
    examples = current()[0].max_examples
    return _run(
        claim,
        "randomized",
        "randomized",
        lambda stats: _search_each_family(claim, "randomized", examples, stats),
    )


def refute(mutant: Claim, cases: tuple[Case, ...] = ()) -> MutantRecord:
    """Find an instance on which the mutant fails: the theorem's fixed rational ``cases``
    first (a constant that is too small is refuted by the tight case the module already
    checks), then drawn instances, exactly and then at high precision.

    Records and returns the refutation; raises ``CheckFailed`` if the mutant survives.
    """
    if not mutant.is_mutant:
        raise InvalidArgument("mutant", "a mutant made with Claim.mutant", mutant.name)
    for case in (c for c in cases if c.kind == "exact"):
        values = case.build()
        if mutant.violations(values):
            continue
        evaluation = mutant.evaluate(Exact(), values)
        if not evaluation.holds:
            failure = _message(mutant, f"{case.kind}:{case.name}", evaluation, values)
            return _refuted(mutant, case.kind, failure, evaluation.slack)
    examples = current()[0].mutant_examples
    for kind in ("exact", "randomized"):
        stats = _Stats()
        failure = _search(mutant, kind, examples, stats, refuting=True)
        if failure:
            return _refuted(mutant, kind, failure, stats.worst_slack)
    slack = _slack_text(stats.worst_slack)
    record(MutantRecord(mutant.id, mutant.name, "survived", "randomized", None, slack))
    raise CheckFailed(
        f"mutant {mutant.name} of {mutant.id} survived {len(cases)} cases and {examples} exact and "
        "randomised instances"
    )


def _refuted(mutant: Claim, kind: str, failure: str, slack) -> MutantRecord:
    result = MutantRecord(mutant.id, mutant.name, "refuted", kind, failure, _slack_text(slack))
    record(result)
    return result


def _slack_text(number) -> str | None:
    return None if number is None else claims.format_number(number)


__all__ = [
    "PROFILES",
    "CheckFailed",
    "Profile",
    "check_exact",
    "check_randomized",
    "check_case",
    "configure",
    "current",
    "refute",
]
