"""Every theorem module's claims, collected for the CLI, the tests, the evidence and the search."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache

from numerics.claims import Case, Claim
from numerics.errors import InvalidArgument

MODULES: tuple[str, ...] = (
    "proofs.spectral_theorem",
    "proofs.svd_existence",
    "proofs.greedy",
    "proofs.matrix_norms",
    "proofs.pseudo_inverse",
    "proofs.low_rank",
    "proofs.truncation",
    "proofs.eckart_young",
    "proofs.why_project",
)


@dataclass(frozen=True)
class Theorem:
    """A catalog id: its claim, its fixed symbolic/exact cases and its mutants."""

    claim: Claim
    cases: tuple[Case, ...] = ()
    mutant_claims: tuple[Claim, ...] = ()
    module: str = field(default="")

    def __post_init__(self):
        if self.claim.is_mutant:
            raise InvalidArgument("claim", "a claim, not a mutant", self.claim.name)
        if not self.mutant_claims:
            raise InvalidArgument("mutant_claims", f"at least one mutant of {self.claim.id}")
        for mutant in self.mutant_claims:
            if mutant.id != self.claim.id or not mutant.is_mutant:
                raise InvalidArgument("mutant_claims", f"mutants made from {self.claim.id}", mutant.name)

    @property
    def id(self) -> str:
        return self.claim.id

    @property
    def title(self) -> str:
        return self.claim.title

    @property
    def source(self) -> str:
        return self.claim.source

    @property
    def statement(self) -> str:
        return self.claim.statement

    @property
    def mutants(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.mutant_claims)

    @property
    def checks(self) -> dict[str, int]:
        """How many checks of each kind: the fixed cases, plus one drawn exact and one randomised check."""
        counts = {"symbolic": 0, "exact": 1, "randomized": 1}
        for case in self.cases:
            counts[case.kind] += 1
        return counts


@dataclass(frozen=True)
class Erratum:
    """A claim of a source document that fails as printed, and its correction.

    ``literal`` is a mutant (of some registered theorem) stating what the document
    prints, refuted by the checks; ``corrected`` the claim that holds instead.
    """

    name: str
    source: str
    printed: str
    correction: str
    literal: Claim
    corrected: Claim

    def __post_init__(self):
        if not self.literal.is_mutant:
            raise InvalidArgument("literal", "a mutant stating the printed claim", self.literal.name)
        if self.corrected.is_mutant:
            raise InvalidArgument("corrected", "a claim that holds, not a mutant", self.corrected.name)


@cache
def errata() -> tuple[Erratum, ...]:
    """Every module's ``ERRATA``, in the modules' order."""
    return tuple(e for name in MODULES for e in getattr(importlib.import_module(name), "ERRATA", ()))


@cache
def theorems() -> tuple[Theorem, ...]:
    """All theorems, module by module, in the modules' order."""
    collected = []
    for name in MODULES:
        module = importlib.import_module(name)
        collected.extend(_with_module(t, name) for t in module.THEOREMS)
    ids = [t.id for t in collected]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InvalidArgument("THEOREMS", "each id registered once", duplicates)
    return tuple(collected)


def _with_module(theorem: Theorem, module: str) -> Theorem:
    return Theorem(theorem.claim, theorem.cases, theorem.mutant_claims, module)


def theorem(id: str) -> Theorem:
    for candidate in theorems():
        if candidate.id == id:
            return candidate
    raise InvalidArgument("id", "a catalog id (see `svd-proofs list`)", id)


def mutants() -> tuple[Claim, ...]:
    return tuple(m for t in theorems() for m in t.mutant_claims)


def claim(name: str) -> Claim:
    """A theorem's claim or a mutant, by id or mutant name."""
    for candidate in theorems():
        if candidate.id == name:
            return candidate.claim
        for mutant in candidate.mutant_claims:
            if mutant.name == name:
                return mutant
    raise InvalidArgument("name", "a catalog id or a mutant name (see `svd-proofs list`)", name)
