"""Claims: a statement about matrices that can be checked, searched and refuted.

A ``Claim`` is an id, its variables and a *relation*: a function of the
backend's operations and the variables' values that returns one or more
``Relation`` s (``lhs == rhs`` or ``lhs <= rhs``).  Its slack — ``rhs − lhs``
for an inequality, ``−|lhs − rhs|`` for an equality — is ≥ 0 exactly when the
claim holds on that instance; numerically it must be ≥ −tolerance, where the
tolerance comes from the one policy in ``numerics.precision``.

The same ``Claim`` object feeds the symbolic, exact and randomised checks, the
evidence report, the counterexample search and its mutants: a mutant is a
``Claim`` made from another by ``claim.mutant(...)`` — same id family, a false
variant of the relation or of the hypotheses — and it is expected to be
refuted by the checks the original passes.

Variables
---------
``Matrix(name, rows, cols)`` — rows/cols are ints or shared dimension names
(``"m"``, ``"n"``); optional ``nonzero``, ``max_rank`` and ``families``;
``prescribed`` asks exact checks to draw it from families whose SVD is
known exactly (the ``Exact`` backend never computes one).
``Symmetric(name, size)`` — a symmetric matrix (``prescribed``: with its spectral
decomposition known exactly, for ``ops.eigh`` in exact checks).
``Orthogonal(name, size)`` — an exactly orthogonal rational matrix.
``Integer(name, low, high)`` — inclusive bounds, ints or functions of the
values drawn before it (e.g. ``lambda v: rank(v["A"]) - 1``).

Values are drawn as exact data (``numerics.exact.ExactMatrix``, ints) and
converted to the backend inside its precision scope, so every instance can be
printed exactly and re-checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, Literal

import mpmath
import numpy
import sympy
from hypothesis import strategies as st

from numerics import exact, strategies
from numerics.backends import Exact, HighPrecision, NotDecidable
from numerics.errors import InvalidArgument
from numerics.precision import tolerance

Bound = int | Callable[[Mapping[str, Any]], int]


@dataclass(frozen=True)
class Relation:
    """``lhs == rhs`` or ``lhs <= rhs``; ``scale`` is the magnitude of the data they come from."""

    lhs: Any
    rhs: Any
    kind: Literal["==", "<="]
    scale: Any = None
    label: str = ""


def equal(lhs, rhs, *, scale=None, label: str = "") -> Relation:
    return Relation(lhs, rhs, "==", scale, label)


def at_most(lhs, rhs, *, scale=None, label: str = "") -> Relation:
    return Relation(lhs, rhs, "<=", scale, label)


@dataclass(frozen=True)
class Matrix:
    name: str
    rows: int | str = "m"
    cols: int | str = "n"
    nonzero: bool = False
    max_rank: Bound | None = None
    families: tuple[str, ...] | None = None
    prescribed: bool = False


@dataclass(frozen=True)
class Symmetric:
    """A real symmetric ``size``×``size`` matrix; with ``prescribed``, exact checks draw it from
    the families whose spectral decomposition (and so SVD) is known exactly."""

    name: str
    size: int | str = "n"
    nonzero: bool = False
    families: tuple[str, ...] | None = None
    prescribed: bool = False


@dataclass(frozen=True)
class Orthogonal:
    name: str
    size: int | str = "m"


@dataclass(frozen=True)
class Integer:
    name: str
    low: Bound
    high: Bound


Variable = Matrix | Symmetric | Orthogonal | Integer


def rank(value) -> int:
    """The exact rank of an instance's matrix (from its prescribed SVD when it has one)."""
    if isinstance(value, SymbolicMatrix):
        return sum(1 for x in value.svd[1] if x != 0) if value.svd else value.matrix.rank(simplify=True)
    return value.svd.rank if value.svd is not None else exact.exact_rank(value.rows)


def min_side(value) -> int:
    return min(value.shape)


@dataclass(frozen=True)
class Evaluation:
    """A claim evaluated on one instance in one backend.

    ``differences`` are the relations' ``rhs − lhs`` (simplified, in exact
    arithmetic), ``verdicts`` whether each relation holds — within its
    tolerance numerically, decided exactly otherwise.
    """

    relations: tuple[Relation, ...]
    differences: tuple[Any, ...]
    tolerances: tuple[Any, ...]
    verdicts: tuple[bool, ...]
    dps: int | None

    @property
    def holds(self) -> bool:
        return all(self.verdicts)

    @property
    def slack(self):
        """The smallest slack relative to its relation's scale (dimensionless); for a
        symbolic instance, the first slack that is not identically zero."""
        slacks = [
            _relative(_slack(rel, d), rel) for rel, d in zip(self.relations, self.differences, strict=True)
        ]
        symbolic = [x for x in slacks if _has_symbols(x)]
        return symbolic[0] if symbolic else min(slacks, key=magnitude_key)

    @property
    def residual(self):
        """The largest |lhs − rhs| of the equalities, relative to their scale."""
        residuals = [
            _relative(abs(d), rel)
            for rel, d in zip(self.relations, self.differences, strict=True)
            if rel.kind == "=="
        ]
        numeric = [x for x in residuals if not _has_symbols(x)]
        return max(numeric, default=0, key=magnitude_key)


def magnitude_key(x):
    """A key ordering exact constants by a 30-digit approximation, so that recording the
    worst slack never asks sympy to decide a comparison of algebraic numbers exactly
    (the verdicts are decided exactly elsewhere; this only chooses what to report)."""
    return sympy.Float(sympy.N(x, 30), 30) if isinstance(x, sympy.Basic) else x


def _has_symbols(x) -> bool:
    return isinstance(x, sympy.Basic) and bool(x.free_symbols)


def _slack(relation: Relation, difference):
    if relation.kind == "<=":
        return difference
    return -abs(difference)


def _relative(value, relation: Relation):
    if _has_symbols(value) or not relation.scale:
        return value
    return value / relation.scale


def exact_difference(relation: Relation):
    """``rhs − lhs`` simplified: by ``cancel`` for rational functions of symbols, by
    ``simplify`` for algebraic numbers."""
    difference = sympy.sympify(relation.rhs - relation.lhs)
    if difference.is_Rational:
        return difference
    if difference.free_symbols:
        return sympy.cancel(sympy.together(difference))
    return sympy.simplify(difference)


def exact_verdict(relation: Relation, difference) -> bool:
    """Whether the relation holds, decided exactly (``NotDecidable`` when sympy cannot)."""
    if difference == 0:
        return True
    if relation.kind == "==":
        return bool(difference.equals(0))
    verdict = difference.is_nonnegative
    if verdict is None:
        verdict = sympy.factor(difference).is_nonnegative
    if verdict is None and not difference.free_symbols:
        verdict = _sign_by_evaluation(difference)
    if verdict is None:
        raise NotDecidable(f"cannot decide the sign of {difference} in {relation.label or relation}")
    return bool(verdict)


def _sign_by_evaluation(number: sympy.Expr) -> bool | None:
    """``number >= 0`` for a nonzero constant, from evaluations that sympy certifies to the
    requested relative accuracy (``strict=True`` raises rather than return fewer digits)."""
    for digits in (60, 300, 1500):
        try:
            value = number.evalf(digits, strict=True)
        except sympy.core.evalf.PrecisionExhausted:
            continue
        if value.is_comparable and value != 0:
            return bool(value > 0)
    return None


@dataclass(frozen=True)
class Claim:
    """A checkable statement; see the module docstring."""

    id: str
    title: str
    source: str
    statement: str
    variables: tuple[Variable, ...]
    relation: Callable[..., Relation | Sequence[Relation]]
    mutant_name: str | None = None

    def __post_init__(self):
        for argument in ("id", "title", "source", "statement"):
            value = getattr(self, argument)
            if not isinstance(value, str) or not value.strip():
                raise InvalidArgument(argument, "a non-empty str", value)
        if not isinstance(self.variables, tuple) or not all(isinstance(v, Variable) for v in self.variables):
            raise InvalidArgument("variables", "a tuple of Matrix, Orthogonal and Integer", self.variables)
        names = [v.name for v in self.variables]
        if len(set(names)) != len(names):
            raise InvalidArgument("variables", "distinct names", names)
        if not callable(self.relation):
            raise InvalidArgument("relation", "a function (ops, **values) -> Relation(s)", self.relation)

    @property
    def is_mutant(self) -> bool:
        return self.mutant_name is not None

    @property
    def name(self) -> str:
        return self.mutant_name or self.id

    def mutant(self, name: str, *, statement: str, relation=None, variables=None) -> Claim:
        """A false variant of this claim: another relation and/or other hypotheses."""
        return replace(
            self,
            mutant_name=name,
            statement=statement,
            relation=relation or self.relation,
            variables=tuple(variables) if variables is not None else self.variables,
        )

    def violations(self, values: Mapping[str, Any]) -> list[str]:
        """The hypotheses on the variables that ``values`` break (empty when it is an instance
        of this claim): names, shared dimensions, nonzero, rank bounds, integer ranges."""
        problems = [f"missing value for {v.name!r}" for v in self.variables if v.name not in values]
        if problems:
            return problems
        dims: dict[str, int] = {}

        def agree(spec, size: int, name: str) -> None:
            if isinstance(spec, int):
                if spec != size:
                    problems.append(f"{name} has a side {size}, expected {spec}")
            elif dims.setdefault(spec, size) != size:
                problems.append(f"{name} has {spec} = {size}, elsewhere {dims[spec]}")

        for var in self.variables:
            value = values[var.name]
            if isinstance(var, Integer):
                low, high = _resolve(var.low, values), _resolve(var.high, values)
                if not low <= value <= high:
                    problems.append(f"{var.name} = {value} is outside [{low}, {high}]")
                continue
            shape = value.shape
            if isinstance(var, Orthogonal | Symmetric):
                agree(var.size, shape[0], var.name)
                agree(var.size, shape[1], var.name)
                matrix = _sympy_of(value)
                if isinstance(var, Symmetric) and matrix != matrix.T:
                    problems.append(f"{var.name} is not symmetric")
                if isinstance(var, Symmetric) and var.nonzero and matrix.is_zero_matrix:
                    problems.append(f"{var.name} is zero")
                continue
            agree(var.rows, shape[0], var.name)
            agree(var.cols, shape[1], var.name)
            if isinstance(value, exact.ExactMatrix):
                if var.nonzero and rank(value) == 0:
                    problems.append(f"{var.name} is zero")
                if var.max_rank is not None and rank(value) > _resolve(var.max_rank, values):
                    problems.append(f"{var.name} has rank {rank(value)} > {_resolve(var.max_rank, values)}")
        return problems

    def evaluate(self, ops, values: Mapping[str, Any]) -> Evaluation:
        """Evaluate the relation on exact ``values`` (``ExactMatrix``/int) in backend ``ops``."""
        with ops:
            bound, size = bind(ops, values)
            result = self.relation(ops, **bound)
            relations = (result,) if isinstance(result, Relation) else tuple(result)
            if not relations:
                raise InvalidArgument("relation", f"at least one Relation from claim {self.name!r}")
            relations = tuple(_with_scale(rel) for rel in relations)
            if ops.exact:
                differences = tuple(exact_difference(rel) for rel in relations)
                verdicts = tuple(exact_verdict(rel, d) for rel, d in zip(relations, differences, strict=True))
                return Evaluation(relations, differences, (0,) * len(relations), verdicts, None)
            differences = tuple(rel.rhs - rel.lhs for rel in relations)
            tols = tuple(tolerance(dps=ops.dps, size=size, scale=abs(rel.scale)) for rel in relations)
            verdicts = tuple(
                _slack(rel, d) >= -tol for rel, d, tol in zip(relations, differences, tols, strict=True)
            )
            return Evaluation(relations, differences, tols, verdicts, ops.dps)


def _with_scale(relation: Relation) -> Relation:
    if relation.scale is not None:
        return relation
    if isinstance(relation.lhs, sympy.Basic) or isinstance(relation.rhs, sympy.Basic):
        lhs, rhs = sympy.sympify(relation.lhs), sympy.sympify(relation.rhs)
        if lhs.free_symbols or rhs.free_symbols:
            return replace(relation, scale=1)
        return replace(relation, scale=sympy.Max(abs(lhs), abs(rhs)))
    return replace(relation, scale=max(abs(relation.lhs), abs(relation.rhs)))


def bind(ops, values: Mapping[str, Any]) -> tuple[dict[str, Any], int]:
    """Convert exact values (or numpy arrays) to the backend (registering prescribed SVDs with ``Exact``);
    also return the largest matrix dimension, the ``size`` of the tolerance policy."""
    bound: dict[str, Any] = {}
    size = 1
    for name, value in values.items():
        if isinstance(value, exact.ExactMatrix):
            matrix = ops.matrix(value.rows)
            size = max(size, *value.shape)
            if isinstance(ops, Exact) and value.svd is not None:
                ops.known[id(matrix)] = _sympy_svd(value.svd)
            if isinstance(ops, Exact) and value.eigen is not None:
                ops.known_eigen[id(matrix)] = _sympy_eigen(value.eigen)
            bound[name] = matrix
        elif isinstance(value, numpy.ndarray):  # a float instance (the search's inner loop)
            bound[name] = ops.matrix(value)
            size = max(size, *value.shape)
        elif isinstance(value, SymbolicMatrix):
            bound[name] = value.matrix
            size = max(size, *value.matrix.shape)
            if (value.svd is not None or value.eigen is not None) and not isinstance(ops, Exact):
                raise InvalidArgument(name, "symbolic values only in the Exact backend")
            if value.svd is not None:
                ops.known[id(value.matrix)] = value.svd
            if value.eigen is not None:
                ops.known_eigen[id(value.matrix)] = value.eigen
        else:
            bound[name] = value
    return bound, size


def _rational(x: Fraction) -> sympy.Rational:
    return sympy.Rational(x.numerator, x.denominator)


def _sympy_svd(svd: exact.ExactSVD) -> tuple:
    U = sympy.Matrix([[_rational(x) for x in row] for row in svd.U])
    V = sympy.Matrix([[_rational(x) for x in row] for row in svd.V])
    return U, [_rational(x) for x in svd.s], V


def _sympy_eigen(eigen: exact.ExactEigen) -> tuple:
    return [_rational(x) for x in eigen.w], sympy.Matrix([[_rational(x) for x in row] for row in eigen.Q])


@dataclass(frozen=True)
class SymbolicMatrix:
    """A sympy matrix (possibly with symbols) and its prescribed ``(U, s, V)`` and, for a
    symmetric one, ``(w, Q)``, where known."""

    matrix: sympy.Matrix
    svd: tuple | None = None
    eigen: tuple | None = None

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape


@dataclass(frozen=True)
class Case:
    """A named fixed instance, evaluated exactly: ``build()`` returns the variables' values.

    ``kind`` is "symbolic" when the values hold symbols (the claim is then
    checked for all values of its parameters), "exact" for a rational instance.
    """

    name: str
    build: Callable[[], dict[str, Any]]
    kind: Literal["symbolic", "exact"] = "symbolic"


def primary_families(claim: Claim, *, exact: bool = False) -> tuple[str, ...]:
    """The families the claim's first matrix variable can be drawn from."""
    first = next((v for v in claim.variables if isinstance(v, Matrix | Symmetric)), None)
    return () if first is None else _choices(first, exact=exact, min_dim=2)


def _choices(var: Matrix | Symmetric, *, exact: bool, min_dim: int) -> tuple[str, ...]:
    choices = tuple(f for f in strategies.FAMILIES if var.families is None or f in var.families)
    if exact and var.prescribed:
        choices = tuple(f for f in choices if f in strategies.KNOWN_SVD_FAMILIES)
    if var.nonzero:
        choices = tuple(f for f in choices if f != "zero" and (f != "rank_deficient" or min_dim > 1))
    return choices


def instances(
    claim: Claim, *, family: str | None = None, max_side: int = 4, exact: bool = False
) -> st.SearchStrategy:
    """Values for all of ``claim``'s variables, drawn in order; dimensions are shared by name.

    ``family`` fixes the family of the first matrix variable (one of
    ``primary_families(claim)``); the others are drawn from every family they
    allow.  With ``exact``, variables with ``prescribed`` come from
    ``KNOWN_SVD_FAMILIES``.  Shrinks dimension by dimension towards 1 (2 where
    the family needs it), families towards the first listed, and each matrix as
    its family's strategy shrinks.
    """
    if family is not None and family not in primary_families(claim, exact=exact):
        raise InvalidArgument("family", f"one of {primary_families(claim, exact=exact)}", family)
    if not isinstance(max_side, int) or max_side < 1:
        raise InvalidArgument("max_side", "an int >= 1", max_side)
    primary = next((v for v in claim.variables if isinstance(v, Matrix | Symmetric)), None)

    @st.composite
    def draw_values(draw):
        dims: dict[str, int] = {}
        values: dict[str, Any] = {}

        def dim(spec: int | str, low: int = 1) -> int:
            if isinstance(spec, int):
                return spec
            if spec not in dims:
                dims[spec] = draw(st.integers(min(low, max_side), max_side), label=spec)
            return dims[spec]

        for var in claim.variables:
            if isinstance(var, Matrix):
                fixed = family if var is primary else None
                low = 2 if fixed == "rank_deficient" and var.nonzero else 1
                rows, cols = dim(var.rows, low), dim(var.cols, low)
                choices = (fixed,) if fixed else _choices(var, exact=exact, min_dim=min(rows, cols))
                if not choices:
                    raise InvalidArgument("variables", f"a family that variable {var.name!r} allows", var)
                chosen = draw(st.sampled_from(choices), label=f"{var.name}.family")
                max_rank = _resolve(var.max_rank, values) if var.max_rank is not None else None
                if max_rank is not None:
                    max_rank = min(max_rank, rows, cols)
                values[var.name] = draw(
                    strategies.matrices(
                        family=chosen, rows=rows, cols=cols, max_rank=max_rank, nonzero=var.nonzero
                    ),
                    label=var.name,
                )
            elif isinstance(var, Symmetric):
                fixed = family if var is primary else None
                size = dim(var.size, 2 if fixed == "rank_deficient" and var.nonzero else 1)
                choices = (fixed,) if fixed else _choices(var, exact=exact, min_dim=size)
                chosen = draw(st.sampled_from(choices), label=f"{var.name}.family")
                values[var.name] = draw(
                    strategies.symmetric_matrices(family=chosen, size=size, nonzero=var.nonzero),
                    label=var.name,
                )
            elif isinstance(var, Orthogonal):
                values[var.name] = draw(strategies.orthogonal_matrices(size=dim(var.size)), label=var.name)
            else:
                low, high = _resolve(var.low, values), _resolve(var.high, values)
                if high < low:
                    raise InvalidArgument(
                        var.name, f"an integer range that is not empty for claim {claim.name!r}", (low, high)
                    )
                values[var.name] = draw(st.integers(low, high), label=var.name)
        return values

    return draw_values()


def _sympy_of(value) -> sympy.Matrix:
    if isinstance(value, SymbolicMatrix):
        return value.matrix
    return value if isinstance(value, sympy.MatrixBase) else value.to_sympy()


def _resolve(bound: Bound, values: Mapping[str, Any]) -> int:
    return bound(values) if callable(bound) else bound


def dynamic_range_digits(values: Mapping[str, Any]) -> int:
    """Decimal digits between the largest and the smallest nonzero singular value of the
    instance's matrices with a prescribed SVD (0 for the others): the extra precision a
    randomised check needs so that every nonzero singular value is resolved."""
    digits = 0
    for value in values.values():
        if isinstance(value, exact.ExactMatrix) and value.svd is not None:
            nonzero = [s for s in value.svd.s if s > 0]
            if nonzero:
                ratio = max(nonzero) / min(nonzero)
                digits = max(digits, len(str(ratio.numerator // ratio.denominator)))
    return digits


def describe(values: Mapping[str, Any]) -> str:
    """An exact, reproducible rendering of an instance."""
    return "; ".join(f"{name} = {value!r}" for name, value in values.items())


def format_number(x) -> str:
    """Every digit of a number, for the records (mpf at its precision, exact values exactly)."""
    if isinstance(x, mpmath.mpf):
        return mpmath.nstr(x, mpmath.mp.dps)
    return str(x)


__all__ = [
    "Claim",
    "Evaluation",
    "Exact",
    "HighPrecision",
    "Integer",
    "Matrix",
    "Orthogonal",
    "Relation",
    "Case",
    "Symmetric",
    "SymbolicMatrix",
    "at_most",
    "bind",
    "describe",
    "dynamic_range_digits",
    "equal",
    "instances",
    "min_side",
    "rank",
]
