"""Hypothesis strategies for exact rational matrices, in named families.

Every value is an ``ExactMatrix`` with Fraction entries, built by construction
from exact data (nothing is filtered or rejected), so that a failing check
shrinks to a small counterexample whose ``repr`` reproduces it exactly.

Families
--------
``gaussian`` and ``rational`` draw entries independently; every other family
(``KNOWN_SVD_FAMILIES``) builds ``A = U·diag(σ)·Vᵀ`` from exactly orthogonal
``U``, ``V`` (products of up to three Householder reflectors of small integer
vectors) and exact singular values ``σ`` with the family's property, and
carries that SVD.  ``FAMILY_DESCRIPTIONS`` says what each family is for.

Rank and nonzero-ness
---------------------
``max_rank=k`` keeps ``rank A <= k``: known-SVD families set ``σ_i = 0`` for
``i > k``; ``gaussian`` and ``rational`` with ``k < min(m, n)`` are the exact
product ``L·R`` of an m×k and a k×n factor drawn from the same entries.
``nonzero=True`` guarantees ``A != 0`` by construction (a positive ``σ₁``, or
a nonzero first entry that no other entry can cancel).

Shrinking
---------
Every family shrinks towards its simplest member: entries towards 0 (then the
smallest nonzero entry when ``nonzero``), ``U`` and ``V`` towards the
identity, singular values towards 1 (``graded`` towards ``1, 1/10, 1/100,
…``), shapes towards 1×1 and, in ``any_matrices``, families towards the first
one listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from functools import cache
from itertools import count

import mpmath
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from numerics.errors import InvalidArgument
from numerics.exact import (
    ExactMatrix,
    exact_matmul,
    matrix_with_svd,
    rational_orthogonal,
    symmetric_with_eigen,
)
from numerics.precision import workdps

__all__ = [
    "FAMILIES",
    "FAMILY_DESCRIPTIONS",
    "KNOWN_SVD_FAMILIES",
    "any_matrices",
    "matrices",
    "orthogonal_matrices",
    "shapes",
    "symmetric_matrices",
]

FAMILIES: tuple[str, ...] = (
    "gaussian",
    "rational",
    "rank_deficient",
    "zero",
    "repeated",
    "clustered",
    "graded",
    "tiny",
    "huge",
    "known_svd",
)
KNOWN_SVD_FAMILIES: tuple[str, ...] = tuple(f for f in FAMILIES if f not in ("gaussian", "rational"))
FAMILY_DESCRIPTIONS: dict[str, str] = {
    "gaussian": "entries ≈ N(0, 1), rounded to multiples of 2^-10 (the generic case)",
    "rational": "entries p/q with |p| <= 20 and 1 <= q <= 6 (small exact data)",
    "rank_deficient": "rank < min(m, n): U·diag(σ)·Vᵀ with trailing zero singular values",
    "zero": "the zero matrix (every singular value 0)",
    "repeated": "one or two distinct singular values, each of multiplicity >= 2",
    "clustered": "distinct singular values c·(1 + j·10^-e) within 10^-8 .. 10^-25 of each other",
    "graded": "singular values 10^e with distinct integer exponents e in [-30, 30]",
    "tiny": "known-SVD singular values scaled by 10^-100",
    "huge": "known-SVD singular values scaled by 10^100",
    "known_svd": "U·diag(σ)·Vᵀ with small positive rational σ (the generic exact case)",
}

_ENTRYWISE = ("gaussian", "rational")
_GAUSSIAN_STEPS = 2**12
_GAUSSIAN_DENOMINATOR = 2**10
_MAX_REFLECTORS = 3
_SCALES = {"tiny": Fraction(1, 10**100), "huge": Fraction(10**100)}


def shapes(*, min_side: int = 1, max_side: int = 5) -> SearchStrategy[tuple[int, int]]:
    """Shapes ``(m, n)`` with ``min_side <= m, n <= max_side``: tall, wide, square, 1×n and n×1.

    Shrinks towards ``(min_side, min_side)``.
    """
    _check_int("min_side", min_side, low=1)
    _check_int("max_side", max_side, low=min_side)
    side = st.integers(min_side, max_side)
    return st.tuples(side, side)


def matrices(
    *, family: str, rows: int, cols: int, max_rank: int | None = None, nonzero: bool = False
) -> SearchStrategy[ExactMatrix]:
    """Exact ``rows × cols`` matrices of ``family`` (one of ``FAMILIES``).

    ``max_rank`` (in ``[0, min(rows, cols)]``) bounds the rank; ``nonzero`` excludes the zero
    matrix.  Known-SVD families carry their exact SVD in ``.svd``.

    Shrinks as follows: entries of ``gaussian`` and ``rational`` towards 0 (the zero matrix, or a
    single smallest nonzero entry at ``(0, 0)`` when ``nonzero``); known-SVD families towards
    ``U = V = I`` with singular values ``1, 1, …`` (``graded``: ``1, 1/10, 1/100, …``;
    ``clustered``: ``1 + (p−1−i)·10^-8``; ``rank_deficient``: rank 0, or 1 when ``nonzero``;
    ``tiny``/``huge``: ``10^∓100``).
    """
    if family not in FAMILIES:
        raise InvalidArgument("family", f"one of {FAMILIES}", family)
    _check_int("rows", rows, low=1)
    _check_int("cols", cols, low=1)
    p = min(rows, cols)
    if max_rank is not None:
        _check_int("max_rank", max_rank, low=0, high=p)
    if not isinstance(nonzero, bool):
        raise InvalidArgument("nonzero", "a bool", nonzero)
    if nonzero and family == "zero":
        raise InvalidArgument("family", "a family other than 'zero' when nonzero=True", family)
    if nonzero and family == "rank_deficient" and p == 1:
        raise InvalidArgument("family", "a family other than 'rank_deficient' for nonzero 1×n, n×1", family)
    if nonzero and max_rank == 0:
        raise InvalidArgument("max_rank", "at least 1 when nonzero=True", max_rank)
    rank = p if max_rank is None else max_rank
    if family in _ENTRYWISE:
        return _entrywise_matrices(family, rows, cols, rank, nonzero)
    return _known_svd_matrices(family, rows, cols, rank, nonzero)


def any_matrices(
    *,
    families: Sequence[str] = FAMILIES,
    max_side: int = 5,
    max_rank: int | None = None,
    nonzero: bool = False,
) -> SearchStrategy[ExactMatrix]:
    """Matrices of any of ``families`` and any shape up to ``max_side``: a family, then a shape,
    then ``matrices(family=…, …)``.

    ``max_rank`` here caps the rank of whatever shape is drawn.  With ``nonzero=True`` the
    ``zero`` family is left out, and ``rank_deficient`` is drawn with both sides >= 2.

    Shrinks towards the first family listed, shape 1×1, then as ``matrices`` shrinks.
    """
    if not isinstance(families, list | tuple) or not families or any(f not in FAMILIES for f in families):
        raise InvalidArgument("families", f"a non-empty sequence of names from {FAMILIES}", families)
    _check_int("max_side", max_side, low=1)
    if max_rank is not None:
        _check_int("max_rank", max_rank, low=0)
    if not isinstance(nonzero, bool):
        raise InvalidArgument("nonzero", "a bool", nonzero)
    if nonzero and max_rank == 0:
        raise InvalidArgument("max_rank", "at least 1 when nonzero=True", max_rank)
    drawn = tuple(
        f for f in families if not nonzero or (f != "zero" and (f != "rank_deficient" or max_side >= 2))
    )
    if not drawn:
        raise InvalidArgument("families", "a family with nonzero matrices up to max_side", families)
    return _any_matrices(drawn, max_side, max_rank, nonzero)


@st.composite
def _any_matrices(draw, families: tuple[str, ...], max_side: int, max_rank: int | None, nonzero: bool):
    family = draw(st.sampled_from(families))
    min_side = 2 if nonzero and family == "rank_deficient" else 1
    rows, cols = draw(shapes(min_side=min_side, max_side=max_side))
    rank = None if max_rank is None else min(max_rank, rows, cols)
    return draw(matrices(family=family, rows=rows, cols=cols, max_rank=rank, nonzero=nonzero))


@st.composite
def _entrywise_matrices(draw, family: str, rows: int, cols: int, rank: int, nonzero: bool):
    if rank == min(rows, cols):
        return ExactMatrix(rows=draw(_grids(family, rows, cols, nonzero)), family=family)
    if rank == 0:
        return ExactMatrix(rows=((Fraction(0),) * cols,) * rows, family=family)
    left = draw(_grids(family, rows, rank, nonzero))
    right = [list(row) for row in draw(_grids(family, rank, cols, nonzero))]
    if nonzero and exact_matmul(left, right)[0][0] == 0:
        # (LR)₀₀ = L₀₀R₀₀ + t is affine in R₀₀ with L₀₀ != 0, so it vanishes at one value only;
        # the negated (equally likely) R₀₀ != 0 then gives (LR)₀₀ = −2·L₀₀R₀₀ != 0.
        right[0][0] = -right[0][0]
    return ExactMatrix(rows=exact_matmul(left, right), family=family)


def _grids(
    family: str, rows: int, cols: int, nonzero: bool
) -> SearchStrategy[tuple[tuple[Fraction, ...], ...]]:
    """``rows × cols`` independent entries of ``family``, the first one nonzero when ``nonzero``."""
    first = _entries(family, nonzero=nonzero)
    rest = st.lists(_entries(family, nonzero=False), min_size=rows * cols - 1, max_size=rows * cols - 1)
    return st.builds(lambda x, xs: _reshape([x, *xs], cols), first, rest)


def _reshape(values: list[Fraction], cols: int) -> tuple[tuple[Fraction, ...], ...]:
    return tuple(tuple(values[i : i + cols]) for i in range(0, len(values), cols))


def _entries(family: str, *, nonzero: bool) -> SearchStrategy[Fraction]:
    """A symmetric distribution ``±magnitude``; the sign shrinks to +, the magnitude to 0 (or its
    smallest nonzero value)."""
    if family == "gaussian":
        low = _FIRST_NONZERO_STEP if nonzero else 0
        magnitudes = st.integers(low, _GAUSSIAN_STEPS).map(_gaussian_magnitude)
    else:
        magnitudes = st.builds(Fraction, st.integers(1 if nonzero else 0, 20), st.integers(1, 6))
    return st.builds(lambda x, negative: -x if negative else x, magnitudes, st.booleans())


@cache
def _gaussian_magnitude(j: int) -> Fraction:
    """``round(2^10·Φ⁻¹(1/2 + j/2^13·(1 − 2^-12)))/2^10`` with ``Φ⁻¹(q) = √2·erfinv(2q − 1)``.

    ``j`` uniform on ``[0, 2^12]`` with a random sign gives (the half-normal's quantiles, signed)
    an approximate N(0, 1) sample; the largest magnitude is ``Φ⁻¹(1 − 2^-13) ≈ 3.78``.
    """
    with workdps(30):
        q = mpmath.mpf(j) * (1 - mpmath.mpf(2) ** -12) / _GAUSSIAN_STEPS
        quantile = mpmath.sqrt(2) * mpmath.erfinv(q)
        return Fraction(int(mpmath.nint(_GAUSSIAN_DENOMINATOR * quantile)), _GAUSSIAN_DENOMINATOR)


_FIRST_NONZERO_STEP = next(j for j in count(1) if _gaussian_magnitude(j) != 0)


@st.composite
def _known_svd_matrices(draw, family: str, rows: int, cols: int, rank: int, nonzero: bool):
    p = min(rows, cols)
    if family == "zero":
        identity_m, identity_n = rational_orthogonal([], size=rows), rational_orthogonal([], size=cols)
        return matrix_with_svd(identity_m, [Fraction(0)] * p, identity_n, family=family)
    if family == "rank_deficient":
        rank = draw(st.integers(1 if nonzero else 0, min(rank, p - 1)))
    values = draw(_SINGULAR_VALUES.get(family, _small_positive_values)(rank))
    values = [x * _SCALES.get(family, 1) for x in values] + [Fraction(0)] * (p - rank)
    U = draw(_rational_orthogonals(rows))
    V = draw(_rational_orthogonals(cols))
    return matrix_with_svd(U, values, V, family=family)


def symmetric_matrices(*, family: str, size: int, nonzero: bool = False) -> SearchStrategy[ExactMatrix]:
    """Exact symmetric ``size``×``size`` matrices of ``family`` (one of ``FAMILIES``).

    ``gaussian`` and ``rational`` draw the upper triangle entrywise and mirror it.  The other
    families build ``S = Q·diag(w)·Qᵀ`` with ``|w|`` the family's singular values and each sign
    drawn (so indefinite and negative definite matrices occur), carrying the spectral
    decomposition (``.eigen``) and the SVD it determines.  Shrinks like ``matrices``, signs
    towards +.
    """
    if family not in FAMILIES:
        raise InvalidArgument("family", f"one of {FAMILIES}", family)
    _check_int("size", size, low=1)
    if not isinstance(nonzero, bool):
        raise InvalidArgument("nonzero", "a bool", nonzero)
    if nonzero and (family == "zero" or (family == "rank_deficient" and size == 1)):
        raise InvalidArgument(
            "family", "a family with nonzero matrices of this size when nonzero=True", family
        )
    return _symmetric_matrices(family, size, nonzero)


@st.composite
def _symmetric_matrices(draw, family: str, size: int, nonzero: bool):
    if family in _ENTRYWISE:
        upper = draw(_grids(family, 1, size * (size + 1) // 2, nonzero))[0]
        index = {(i, j): t for t, (i, j) in enumerate((i, j) for i in range(size) for j in range(i, size))}
        rows = tuple(tuple(upper[index[min(i, j), max(i, j)]] for j in range(size)) for i in range(size))
        return ExactMatrix(rows=rows, family=family)
    magnitudes = draw(_known_svd_matrices(family, size, size, size, nonzero)).svd.s
    signs = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    w = sorted((-x if negative else x for x, negative in zip(magnitudes, signs, strict=True)), reverse=True)
    return symmetric_with_eigen(draw(_rational_orthogonals(size)), w, family=family)


def orthogonal_matrices(*, size: int) -> SearchStrategy[ExactMatrix]:
    """Exactly orthogonal rational ``size``×``size`` matrices (family "orthogonal"): products of
    up to three Householder reflectors of small integer vectors; shrinks to the identity."""
    _check_int("size", size, low=1)
    return _rational_orthogonals(size).map(lambda Q: ExactMatrix(Q, "orthogonal"))


def _rational_orthogonals(size: int) -> SearchStrategy:
    """Products of 0..3 Householder reflectors of integer vectors with entries in [-3, 3]; a zero
    vector is skipped, so this shrinks to the identity."""
    vectors = st.lists(
        st.lists(st.integers(-3, 3), min_size=size, max_size=size), max_size=min(size, _MAX_REFLECTORS)
    )
    return vectors.map(lambda vs: rational_orthogonal([v for v in vs if any(v)], size=size))


def _small_positive() -> SearchStrategy[Fraction]:
    """``a/b`` with ``1 <= a <= 20``, ``1 <= b <= 6``; shrinks to 1."""
    return st.builds(Fraction, st.integers(1, 20), st.integers(1, 6))


def _small_positive_values(k: int) -> SearchStrategy[list[Fraction]]:
    return st.lists(_small_positive(), min_size=k, max_size=k).map(lambda xs: sorted(xs, reverse=True))


@st.composite
def _repeated_values(draw, k: int) -> list[Fraction]:
    """One value ``k`` times or, when ``k >= 4``, two values ``a > b`` with multiplicities
    ``i, k − i >= 2``; shrinks to ``1`` repeated."""
    low = draw(_small_positive())
    if k < 4 or not draw(st.booleans()):
        return [low] * k
    high = low + draw(_small_positive())
    split = draw(st.integers(2, k - 2))
    return [high] * split + [low] * (k - split)


@st.composite
def _clustered_values(draw, k: int) -> list[Fraction]:
    """``c·(1 + j_i·10^-e)`` with ``j_{k−1} = 0`` and gaps ``j_i − j_{i+1}`` in [1, 9]; shrinks to
    ``c = 1``, ``e = 8`` and unit gaps."""
    c = draw(_small_positive())
    exponent = draw(st.integers(8, 25))
    gaps = draw(st.lists(st.integers(1, 9), min_size=max(k - 1, 0), max_size=max(k - 1, 0)))
    offsets = [sum(gaps[i:]) for i in range(k)]
    return [c * (1 + Fraction(j, 10**exponent)) for j in offsets]


@st.composite
def _graded_values(draw, k: int) -> list[Fraction]:
    """``10^e_0 > 10^e_1 > …`` with integer exponents in [-30, 30]; shrinks to ``e_i = −i``."""
    exponent = draw(st.integers(-30 + max(k - 1, 0), 30))
    exponents = []
    for i in range(k):
        if i:
            exponent -= draw(st.integers(1, exponent + 30 - (k - 1 - i)))
        exponents.append(exponent)
    return [Fraction(10) ** e for e in exponents]


_SINGULAR_VALUES = {
    "repeated": _repeated_values,
    "clustered": _clustered_values,
    "graded": _graded_values,
}


def _check_int(name: str, value, *, low: int, high: int | None = None) -> None:
    in_range = isinstance(value, int) and low <= value and (high is None or value <= high)
    if isinstance(value, bool) or not in_range:
        expected = f"an int >= {low}" if high is None else f"an int in [{low}, {high}]"
        raise InvalidArgument(name, expected, value)
