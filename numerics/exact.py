"""Exact rational constructions: orthogonal matrices and matrices with a known SVD.

Everything here is rational arithmetic on ``Rows`` (tuples of rows of
Fractions); there is no rounding anywhere, so every identity below holds with
tolerance 0.

Main constructions
------------------
* ``householder(v)`` — the reflector ``H = I − 2vvᵀ/(vᵀv)``: symmetric,
  orthogonal (``H² = I``) and ``Hv = −v``; rational whenever ``v`` is.
* ``cayley(S)`` — ``Q = (I − S)(I + S)⁻¹`` for a skew-symmetric ``S``.  The
  eigenvalues of ``S`` are imaginary, so ``I + S`` is invertible, and
  ``QᵀQ = (I − S)⁻¹(I + S)(I − S)(I + S)⁻¹ = I`` because ``I ± S`` commute.
* ``rational_orthogonal(vectors)`` — a product of Householder reflectors.
* ``matrix_with_svd(U, s, V)`` — ``A = U·diag(s)·Vᵀ`` for exactly orthogonal
  ``U``, ``V`` and ``s`` descending and non-negative: an ``ExactMatrix``
  whose singular values are known exactly (they are ``s``).

Exact helpers for checks: ``exact_matmul``, ``exact_transpose`` and
``exact_rank`` (Gaussian elimination over the rationals).

>>> A = matrix_with_svd(householder([1, 2]), [3, 1], cayley([[0, 1], [-1, 0]]))
>>> A
ExactMatrix(family='known_svd', shape=(2, 2), rows=[[4/5, 9/5], [3/5, -12/5]], s=[3, 1])
>>> A.svd.rank, exact_rank(A.rows)
(2, 2)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import sympy

from numerics.errors import InvalidArgument
from numerics.matrices import Rows, to_fractions, to_sympy

__all__ = [
    "ExactEigen",
    "ExactMatrix",
    "ExactSVD",
    "cayley",
    "exact_matmul",
    "exact_rank",
    "exact_transpose",
    "householder",
    "matrix_with_svd",
    "rational_orthogonal",
    "symmetric_with_eigen",
]

_MIN_ZEROS_AS_POWER = 6


def exact_transpose(A) -> Rows:
    """``Aᵀ``, exactly."""
    return tuple(zip(*to_fractions(A, "A"), strict=True))


def exact_matmul(A, B) -> Rows:
    """``A·B``, exactly."""
    A, B = to_fractions(A, "A"), to_fractions(B, "B")
    if len(A[0]) != len(B):
        raise InvalidArgument(
            "B", f"a matrix with {len(A[0])} rows to multiply a {len(A)}x{len(A[0])} A", len(B)
        )
    columns = tuple(zip(*B, strict=True))
    return tuple(
        tuple(sum((a * b for a, b in zip(row, col, strict=True)), Fraction(0)) for col in columns)
        for row in A
    )


def exact_rank(A) -> int:
    """The rank of ``A`` over the rationals: the number of pivots of its row echelon form."""
    _, pivots = _reduced_row_echelon(to_fractions(A, "A"))
    return len(pivots)


def householder(v) -> Rows:
    """The Householder reflector ``I − 2vvᵀ/(vᵀv)`` of a nonzero rational vector ``v``.

    It is symmetric and orthogonal, fixes ``v``'s orthogonal complement and maps ``v`` to ``−v``.

    >>> householder([1, 1])
    ((Fraction(0, 1), Fraction(-1, 1)), (Fraction(-1, 1), Fraction(0, 1)))
    """
    v = _vector(v, "v")
    norm2 = sum(x * x for x in v)
    if norm2 == 0:
        raise InvalidArgument("v", "a nonzero vector", v)
    return tuple(tuple(_delta(i, j) - 2 * v[i] * v[j] / norm2 for j in range(len(v))) for i in range(len(v)))


def cayley(S) -> Rows:
    """The Cayley transform ``(I − S)(I + S)⁻¹`` of a rational skew-symmetric ``S``: rational and orthogonal.

    >>> cayley([[0, 1], [-1, 0]])
    ((Fraction(0, 1), Fraction(-1, 1)), (Fraction(1, 1), Fraction(0, 1)))
    """
    S = to_fractions(S, "S")
    n = len(S)
    if len(S[0]) != n:
        raise InvalidArgument("S", "a square matrix", f"shape {n}x{len(S[0])}")
    if any(S[i][j] != -S[j][i] for i in range(n) for j in range(n)):
        raise InvalidArgument("S", "a skew-symmetric matrix (Sᵀ = −S)", S)
    minus = tuple(tuple(_delta(i, j) - S[i][j] for j in range(n)) for i in range(n))
    plus = tuple(tuple(_delta(i, j) + S[i][j] for j in range(n)) for i in range(n))
    return exact_matmul(minus, _inverse(plus))


def rational_orthogonal(vectors: Sequence, *, size: int | None = None) -> Rows:
    """The product ``H(v₁)·H(v₂)⋯H(v_k)`` of the Householder reflectors of ``vectors`` (each nonzero).

    ``size`` is the dimension n; it is needed only when ``vectors`` is empty (the product is then
    ``I_n``) and must otherwise equal every vector's length.

    >>> rational_orthogonal([], size=2)
    ((Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)))
    """
    if not isinstance(vectors, list | tuple):
        raise InvalidArgument("vectors", "a list of vectors", vectors)
    vectors = [_vector(v, "vectors") for v in vectors]
    if size is None and not vectors:
        raise InvalidArgument("size", "the dimension when no vectors are given", size)
    size = len(vectors[0]) if size is None else size
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise InvalidArgument("size", "a positive int", size)
    if any(len(v) != size or not any(v) for v in vectors):
        raise InvalidArgument("vectors", f"nonzero vectors of length {size}", vectors)
    Q = [list(row) for row in _identity(size)]
    for v in vectors:
        # Q·H(v) = Q − (2/vᵀv)·(Qv)vᵀ: a rank-one update instead of a matrix product.
        factor = 2 / sum(x * x for x in v)
        Qv = [sum((q * x for q, x in zip(row, v, strict=True)), Fraction(0)) for row in Q]
        Q = [
            [q - factor * qv * x for q, x in zip(row, v, strict=True)] for row, qv in zip(Q, Qv, strict=True)
        ]
    return tuple(tuple(row) for row in Q)


@dataclass(frozen=True, repr=False)
class ExactSVD:
    """A full SVD ``A = U·diag(s)·Vᵀ`` in exact rationals.

    ``U`` is m×m and ``V`` n×n, both exactly orthogonal (``UᵀU = I``); ``s`` holds the
    ``p = min(m, n)`` singular values, descending and non-negative; ``diag(s)`` is m×n.
    The fields are validated and converted to Fractions on construction.
    """

    U: Rows
    s: tuple[Fraction, ...]
    V: Rows

    def __post_init__(self) -> None:
        U, V = _orthogonal(self.U, "U"), _orthogonal(self.V, "V")
        s = _vector(self.s, "s")
        p = min(len(U), len(V))
        if len(s) != p:
            raise InvalidArgument("s", f"min(m, n) = {p} singular values", len(s))
        if any(x < 0 for x in s) or any(a < b for a, b in zip(s, s[1:], strict=False)):
            raise InvalidArgument("s", "non-negative values in descending order", s)
        object.__setattr__(self, "U", U)
        object.__setattr__(self, "s", s)
        object.__setattr__(self, "V", V)

    @property
    def matrix(self) -> Rows:
        """``U·diag(s)·Vᵀ`` (m×n): entry ``(i, j)`` is ``Σ_k U_ik s_k V_jk``."""
        return tuple(
            tuple(sum((u[k] * self.s[k] * v[k] for k in range(len(self.s))), Fraction(0)) for v in self.V)
            for u in self.U
        )

    @property
    def rank(self) -> int:
        """The number of positive singular values."""
        return sum(1 for x in self.s if x > 0)

    def __repr__(self) -> str:
        return f"ExactSVD(U={_text(self.U)}, s={_text(self.s)}, V={_text(self.V)})"


@dataclass(frozen=True, repr=False)
class ExactEigen:
    """A spectral decomposition ``S = Q·diag(w)·Qᵀ`` in exact rationals: ``Q`` exactly
    orthogonal (its columns are the eigenvectors), ``w`` the eigenvalues in descending order."""

    Q: Rows
    w: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        Q, w = _orthogonal(self.Q, "Q"), _vector(self.w, "w")
        if len(w) != len(Q):
            raise InvalidArgument("w", f"{len(Q)} eigenvalues", len(w))
        if any(a < b for a, b in zip(w, w[1:], strict=False)):
            raise InvalidArgument("w", "eigenvalues in descending order", w)
        object.__setattr__(self, "Q", Q)
        object.__setattr__(self, "w", w)

    @property
    def matrix(self) -> Rows:
        """``Q·diag(w)·Qᵀ``: entry ``(i, j)`` is ``Σ_k Q_ik w_k Q_jk``."""
        n = len(self.w)
        return tuple(
            tuple(sum((qi[k] * self.w[k] * qj[k] for k in range(n)), Fraction(0)) for qj in self.Q)
            for qi in self.Q
        )

    def svd(self) -> ExactSVD:
        """The SVD it determines: σ = |w| sorted descending, u_i = q_i, v_i = sign(w_i)·q_i."""
        order = sorted(range(len(self.w)), key=lambda i: -abs(self.w[i]))
        columns = exact_transpose(self.Q)
        U = exact_transpose([columns[i] for i in order])
        V = exact_transpose([[x if self.w[i] >= 0 else -x for x in columns[i]] for i in order])
        return ExactSVD(U=U, s=tuple(abs(self.w[i]) for i in order), V=V)

    def __repr__(self) -> str:
        return f"ExactEigen(Q={_text(self.Q)}, w={_text(self.w)})"


@dataclass(frozen=True, repr=False)
class ExactMatrix:
    """A rational matrix, the family it was drawn from and, when known, its exact SVD.

    The ``repr`` prints every entry as an exact fraction, so a printed counterexample can be
    rebuilt from it.
    """

    rows: Rows
    family: str
    svd: ExactSVD | None = None
    eigen: ExactEigen | None = None

    def __post_init__(self) -> None:
        rows = to_fractions(self.rows, "rows")
        if not isinstance(self.family, str) or not self.family:
            raise InvalidArgument("family", "a non-empty str", self.family)
        if self.svd is not None and (not isinstance(self.svd, ExactSVD) or self.svd.matrix != rows):
            raise InvalidArgument("svd", "None or an ExactSVD with U·diag(s)·Vᵀ = rows", self.svd)
        if self.eigen is not None and (not isinstance(self.eigen, ExactEigen) or self.eigen.matrix != rows):
            raise InvalidArgument("eigen", "None or an ExactEigen with Q·diag(w)·Qᵀ = rows", self.eigen)
        object.__setattr__(self, "rows", rows)

    @property
    def is_symmetric(self) -> bool:
        return self.rows == exact_transpose(self.rows)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.rows[0])

    def to_sympy(self) -> sympy.Matrix:
        """The matrix as a sympy ``Matrix`` of ``Rational`` entries."""
        return to_sympy(self.rows, "rows")

    def __repr__(self) -> str:
        known = "" if self.svd is None else f", s={_text(self.svd.s)}"
        known += "" if self.eigen is None else f", w={_text(self.eigen.w)}"
        return f"ExactMatrix(family={self.family!r}, shape={self.shape}, rows={_text(self.rows)}{known})"


def matrix_with_svd(U, s, V, *, family: str = "known_svd") -> ExactMatrix:
    """The m×n matrix ``A = U·diag(s)·Vᵀ``, carrying that SVD.

    ``U`` (m×m) and ``V`` (n×n) must be exactly orthogonal and ``s`` must hold ``min(m, n)``
    values, descending and non-negative; the singular values of ``A`` are then exactly ``s``.
    """
    svd = ExactSVD(U=U, s=s, V=V)
    return ExactMatrix(rows=svd.matrix, family=family, svd=svd)


def symmetric_with_eigen(Q, w, *, family: str = "known_svd") -> ExactMatrix:
    """The symmetric matrix ``S = Q·diag(w)·Qᵀ`` (``w`` descending), carrying its spectral
    decomposition and the SVD that follows from it."""
    eigen = ExactEigen(Q=Q, w=w)
    return ExactMatrix(rows=eigen.matrix, family=family, svd=eigen.svd(), eigen=eigen)


def _delta(i: int, j: int) -> Fraction:
    return Fraction(int(i == j))


def _identity(n: int) -> Rows:
    return tuple(tuple(_delta(i, j) for j in range(n)) for i in range(n))


def _vector(v, name: str) -> tuple[Fraction, ...]:
    if not isinstance(v, list | tuple):
        raise InvalidArgument(name, "a list or tuple of rationals", v)
    return to_fractions([list(v)], name)[0]


def _orthogonal(Q, name: str) -> Rows:
    Q = to_fractions(Q, name)
    if len(Q) != len(Q[0]) or exact_matmul(exact_transpose(Q), Q) != _identity(len(Q)):
        raise InvalidArgument(name, "a square matrix with QᵀQ = I exactly", Q)
    return Q


def _reduced_row_echelon(A: Rows) -> tuple[list[list[Fraction]], list[int]]:
    """Gauss–Jordan elimination: the reduced row echelon form of ``A`` and its pivot columns."""
    R = [list(row) for row in A]
    pivots: list[int] = []
    for col in range(len(R[0])):
        row = len(pivots)
        pivot = next((i for i in range(row, len(R)) if R[i][col] != 0), None)
        if pivot is None:
            continue
        R[row], R[pivot] = R[pivot], R[row]
        R[row] = [x / R[row][col] for x in R[row]]
        for i in range(len(R)):
            if i != row and R[i][col] != 0:
                factor = R[i][col]
                R[i] = [a - factor * b for a, b in zip(R[i], R[row], strict=True)]
        pivots.append(col)
        if len(pivots) == len(R):
            break
    return R, pivots


def _inverse(M: Rows) -> Rows:
    """``M⁻¹`` for an invertible square ``M``: Gauss–Jordan turns ``[M | I]`` into ``[I | M⁻¹]``."""
    n = len(M)
    augmented = tuple(row + identity_row for row, identity_row in zip(M, _identity(n), strict=True))
    R, _ = _reduced_row_echelon(augmented)
    return tuple(tuple(row[n:]) for row in R)


def _text(values) -> str:
    if values and isinstance(values[0], tuple):
        return "[" + ", ".join(_text(row) for row in values) + "]"
    return "[" + ", ".join(_fraction_text(x) for x in values) + "]"


def _fraction_text(x: Fraction) -> str:
    """``x`` exactly, with long runs of trailing zeros as powers of ten (``1/10**100``), so that
    ``sympy.sympify`` reads it back as the same rational."""
    numerator, denominator = _integer_text(x.numerator), _integer_text(x.denominator)
    if x.denominator == 1:
        return numerator
    return f"{numerator}/({denominator})" if "*10**" in denominator else f"{numerator}/{denominator}"


def _integer_text(n: int) -> str:
    digits = str(abs(n))
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros < _MIN_ZEROS_AS_POWER:
        return str(n)
    head = digits[:-zeros]
    power = f"10**{zeros}" if head == "1" else f"{head}*10**{zeros}"
    return f"-{power}" if n < 0 else power
