"""What a check leaves behind: one record per check run, collected in-process.

The check runners (``numerics.checks``) append a ``CheckRecord`` or a
``MutantRecord`` here; the evidence plugin (``numerics.evidence``) gathers
them from every process of the run and writes the dossier.  Numbers that
come from arbitrary-precision arithmetic are kept as decimal strings with
every digit of the working precision, so that JSON never rounds them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Literal

CheckKind = Literal["symbolic", "exact", "randomized"]
KINDS: tuple[CheckKind, ...] = ("symbolic", "exact", "randomized")


@dataclass(frozen=True)
class CheckRecord:
    """One check of one theorem: how it was run and what it saw.

    ``worst_slack`` is the smallest slack over the instances (>= -tolerance
    when the check passed); ``max_residual`` the largest |lhs - rhs| of its
    equalities; ``failure`` the message naming the failing instance.
    """

    theorem: str
    name: str
    kind: CheckKind
    status: Literal["passed", "failed"]
    instances: int
    families: tuple[str, ...]
    dps: int | None
    worst_slack: str | None
    max_residual: str | None
    seconds: float
    failure: str | None = None

    def to_json(self) -> dict:
        data = asdict(self)
        data["families"] = list(self.families)
        return data


@dataclass(frozen=True)
class MutantRecord:
    """A false variant of a theorem and whether the theorem's checks refuted it."""

    theorem: str
    name: str
    status: Literal["refuted", "survived"]
    kind: CheckKind
    instance: str | None
    slack: str | None

    def to_json(self) -> dict:
        return asdict(self)


_sinks: list[list[CheckRecord | MutantRecord]] = [[]]


def record(entry: CheckRecord | MutantRecord) -> None:
    _sinks[-1].append(entry)


def collected() -> list[CheckRecord | MutantRecord]:
    """Everything recorded in this process outside ``captured()`` blocks."""
    return list(_sinks[0])


@contextmanager
def captured() -> Iterator[list[CheckRecord | MutantRecord]]:
    """Records made inside the block go to the yielded list instead of the evidence
    (for tests of the check machinery itself, whose failures are on purpose)."""
    sink: list[CheckRecord | MutantRecord] = []
    _sinks.append(sink)
    try:
        yield sink
    finally:
        _sinks.pop()


def from_json(data: dict) -> CheckRecord | MutantRecord:
    """Inverse of ``to_json`` (records travel as JSON between xdist workers)."""
    if "instances" in data:
        return CheckRecord(**{**data, "families": tuple(data["families"])})
    return MutantRecord(**data)
