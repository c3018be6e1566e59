"""Matrices at arbitrary precision: conversions, products, norms, completion, rank.

Every function takes its matrices in any of the accepted forms — a numpy
array of floats or ints, nested lists/tuples of ints, Fractions, floats or
mpf, an ``mpmath.matrix`` or a sympy ``Matrix`` of rationals — and validates
them (rectangular, non-empty, real, finite).  Conversions to mpmath round once
to the working precision in force (scope it with ``workdps``); conversions to
Fractions and sympy are exact (a float or an mpf is a dyadic rational).

>>> from numerics.precision import workdps
>>> with workdps(30):
...     A = to_mp([[3, 0], [4, 5]])
...     print(frobenius_norm(A) ** 2, spectral_norm(A) ** 2)
50.0 45.0
"""

from __future__ import annotations

from fractions import Fraction
from numbers import Integral, Rational

import mpmath
import numpy as np
import sympy

from numerics.errors import InvalidArgument
from numerics.precision import current_dps, tolerance, workdps

Rows = tuple[tuple[Fraction, ...], ...]


def _rows_of(A, name: str) -> list[list]:
    if isinstance(A, mpmath.matrix):
        rows = [[A[i, j] for j in range(A.cols)] for i in range(A.rows)]
    elif isinstance(A, sympy.MatrixBase):
        rows = A.tolist()
    elif isinstance(A, np.ndarray):
        if A.ndim != 2:
            raise InvalidArgument(name, "a 2-d array", f"an array of shape {A.shape}")
        if A.dtype.kind not in "iuf":
            raise InvalidArgument(name, "a real integer or float array", f"dtype {A.dtype}")
        rows = A.tolist()
    elif isinstance(A, list | tuple):
        if not all(isinstance(row, list | tuple) for row in A):
            raise InvalidArgument(name, "a matrix given as a list of rows", A)
        rows = [list(row) for row in A]
    else:
        raise InvalidArgument(name, "a matrix (numpy array, list of rows, mpmath or sympy matrix)", A)
    if not rows or not rows[0]:
        raise InvalidArgument(name, "a non-empty matrix", A)
    if any(len(row) != len(rows[0]) for row in rows):
        raise InvalidArgument(name, "rows of equal length", [len(row) for row in rows])
    return rows


def shape(A, name: str = "A") -> tuple[int, int]:
    """``(rows, cols)`` of a matrix in any accepted form."""
    if isinstance(A, mpmath.matrix):
        return A.rows, A.cols
    rows = _rows_of(A, name)
    return len(rows), len(rows[0])


def _exact_entry(x, name: str) -> Fraction:
    if isinstance(x, bool):
        raise InvalidArgument(name, "real numeric entries", x)
    if isinstance(x, Integral | Rational):
        return Fraction(int(x.numerator), int(x.denominator))
    if isinstance(x, float | np.floating):
        if not np.isfinite(x):
            raise InvalidArgument(name, "finite entries", x)
        return Fraction(float(x))
    if isinstance(x, mpmath.mpf):
        if not mpmath.isfinite(x):
            raise InvalidArgument(name, "finite entries", x)
        man, exp = x.man_exp
        magnitude = Fraction(int(man)) * Fraction(2) ** int(exp)
        return -magnitude if x < 0 else magnitude
    if isinstance(x, sympy.Basic) and x.is_Rational:
        return Fraction(int(x.p), int(x.q))
    raise InvalidArgument(name, "entries that are ints, Fractions, floats, mpf or sympy rationals", x)


def to_fractions(A, name: str = "A") -> Rows:
    """The exact rational value of ``A`` as a tuple of rows of Fractions."""
    return tuple(tuple(_exact_entry(x, name) for x in row) for row in _rows_of(A, name))


def to_sympy(A, name: str = "A") -> sympy.Matrix:
    """``A`` as an exact sympy matrix (symbolic entries of a sympy matrix are kept)."""
    if isinstance(A, sympy.MatrixBase):
        _rows_of(A, name)
        return sympy.Matrix(A)
    return sympy.Matrix(
        [[sympy.Rational(x.numerator, x.denominator) for x in row] for row in to_fractions(A, name)]
    )


def to_mp(A, name: str = "A") -> mpmath.matrix:
    """``A`` rounded once to the working precision, as an ``mpmath.matrix``."""
    if isinstance(A, mpmath.matrix):
        _check_finite_mp(A, name)
        return +A
    rows = to_fractions(A, name)
    return mpmath.matrix([[mpmath.mpf(x.numerator) / x.denominator for x in row] for row in rows])


def to_numpy(A, name: str = "A") -> np.ndarray:
    """``A`` rounded to float64 (entries outside float range become an error)."""
    try:
        return np.array([[float(x) for x in row] for row in to_fractions(A, name)], dtype=np.float64)
    except OverflowError:
        raise InvalidArgument(name, "entries within float64 range", "an entry that overflows") from None


def _check_finite_mp(A: mpmath.matrix, name: str) -> None:
    if A.rows == 0 or A.cols == 0:
        raise InvalidArgument(name, "a non-empty matrix", f"shape {A.rows}x{A.cols}")
    for i in range(A.rows):
        for j in range(A.cols):
            if not isinstance(A[i, j], mpmath.mpf) or not mpmath.isfinite(A[i, j]):
                raise InvalidArgument(name, "real finite entries", A[i, j])


def transpose(A) -> mpmath.matrix:
    return to_mp(A).T


def matmul(A, B) -> mpmath.matrix:
    """``A·B`` at the working precision."""
    A, B = to_mp(A, "A"), to_mp(B, "B")
    if A.cols != B.rows:
        raise InvalidArgument("B", f"a matrix with {A.cols} rows to multiply a {A.rows}x{A.cols} A", B.rows)
    return A * B


def frobenius_norm(A) -> mpmath.mpf:
    """``‖A‖_F = sqrt(Σ a_ij²)``, summed with ``fsum``."""
    A = to_mp(A)
    return mpmath.sqrt(mpmath.fsum(x * x for x in A))


def gram(A) -> mpmath.matrix:
    """The smaller of ``AᵀA`` and ``AAᵀ`` (they share their nonzero eigenvalues)."""
    A = to_mp(A)
    return A.T * A if A.cols <= A.rows else A * A.T


def spectral_norm(A) -> mpmath.mpf:
    """``‖A‖₂ = max_{‖x‖=1} ‖Ax‖``, computed as the square root of the largest eigenvalue
    of the Gram matrix by the symmetric eigensolver — independently of any SVD."""
    eigenvalues, _ = mpmath.eigsy(gram(A))
    return mpmath.sqrt(max(max(eigenvalues), mpmath.mpf(0)))


SVD_RETRIES = 3


def _svd_r(A: mpmath.matrix, **options):
    """``mpmath.svd_r``, retried with more guard digits when its QR iteration stalls.

    mpmath's implicit-shift QR can exhaust its iteration budget on exactly repeated
    singular values (e.g. [[33/5, −44/5], [−44/5, −33/5]] at 31 digits); other rounding
    at a higher precision breaks the tie.  The result is rounded back to the caller's
    precision, so it is no less accurate than a converged run at that precision.
    """
    dps = current_dps()
    for attempt in range(SVD_RETRIES + 1):
        try:
            with workdps(dps + 10 * attempt):
                result = mpmath.svd_r(A, **options)
            return tuple(+x for x in result) if isinstance(result, tuple) else +result
        except RuntimeError as error:
            if "no convergence" not in str(error) or attempt == SVD_RETRIES:
                raise


def singular_values(A) -> list[mpmath.mpf]:
    """The ``min(m, n)`` singular values of ``A``, descending."""
    values = _svd_r(to_mp(A), compute_uv=False)
    return sorted((abs(values[i]) for i in range(len(values))), reverse=True)


def svd(A) -> tuple[mpmath.matrix, list[mpmath.mpf], mpmath.matrix]:
    """Reduced SVD ``A = U diag(s) Vᵀ`` with ``s`` descending: U is m×p, V is n×p, p = min(m, n)."""
    A = to_mp(A)
    U, S, Vt = _svd_r(A)
    order = sorted(range(len(S)), key=lambda i: -S[i])
    U = mpmath.matrix([[U[r, i] for i in order] for r in range(U.rows)])
    V = mpmath.matrix([[Vt[i, c] for i in order] for c in range(Vt.cols)])
    return U, [S[i] for i in order], V


def numerical_rank(A) -> int:
    """The number of singular values above ``tolerance(dps, max(m, n), σ₁)``."""
    m, n = shape(A)
    values = singular_values(A)
    cutoff = tolerance(dps=current_dps(), size=max(m, n), scale=values[0])
    return sum(1 for s in values if s > cutoff)


def orthonormal_completion(Q) -> mpmath.matrix:
    """An orthogonal m×m matrix whose first r columns are the orthonormal columns of Q (m×r).

    Householder: reflectors H_1..H_r reduce Q to ``[R; 0]`` with R = diag(±1);
    ``H_1⋯H_r`` then has Q's columns (up to those signs, which are restored) first.
    """
    Q = to_mp(Q, "Q")
    m, r = Q.rows, Q.cols
    if r > m:
        raise InvalidArgument("Q", "at most as many columns as rows", f"{m}x{r}")
    cutoff = tolerance(dps=current_dps(), size=m, scale=1)
    if mpmath.mnorm(Q.T * Q - mpmath.eye(r), "f") > cutoff:
        raise InvalidArgument("Q", "orthonormal columns (QᵀQ = I within the tolerance policy)")
    R = Q.copy()
    H = mpmath.eye(m)
    for j in range(r):
        x = mpmath.matrix([R[i, j] for i in range(j, m)])
        alpha = -mpmath.sign(x[0]) * mpmath.norm(x) if x[0] != 0 else -mpmath.norm(x)
        v = x.copy()
        v[0] -= alpha
        vv = mpmath.fsum(t * t for t in v)
        if vv == 0:
            continue
        P = mpmath.eye(m)
        for a in range(j, m):
            for b in range(j, m):
                P[a, b] -= 2 * v[a - j] * v[b - j] / vv
        R = P * R
        H = H * P
    for j in range(r):
        if R[j, j] < 0:
            for i in range(m):
                H[i, j] = -H[i, j]
    for j in range(r):
        for i in range(m):
            H[i, j] = Q[i, j]
    return H
