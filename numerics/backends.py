"""The arithmetic a claim is evaluated in.

A claim's relation is written once, against the operations below, and runs
unchanged in two backends:

* ``HighPrecision(dps)``: mpmath matrices at ``dps`` digits; SVDs by
  ``mpmath.svd_r``, the spectral norm by the symmetric eigensolver on the
  Gram matrix (never by the SVD, so that "‖M‖₂ = σ₁" compares two independent
  computations), ranks by the tolerance policy.
* ``Float()``: numpy float64 behind the same operator semantics (``*`` is the
  matrix product, as in mpmath and sympy), for the counterexample search's
  inner loop only: it never decides a verdict that is reported (a failure it
  sees is re-checked at high precision or exactly).  Code that calls mpmath
  on the matrices directly raises here, and the search falls back to
  ``HighPrecision``.
* ``Exact()``: sympy matrices of rationals or of symbols.  Nothing is rounded.
  Singular value decompositions are not computed but *known*: an instance
  built with a prescribed SVD hands it over (``Exact(known=...)``), and
  ``svd`` of anything else is an error.  The spectral norm is the largest root
  of the characteristic polynomial of the Gram matrix, found by factoring
  (exact rationals, or ``CRootOf`` algebraic numbers), so comparisons with it
  are decided exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction

import mpmath
import numpy
import sympy
from sympy.ntheory.factor_ import factor_cache

from numerics import matrices
from numerics.errors import InvalidArgument
from numerics.precision import tolerance, workdps


def _cache_only_primes(n: int, factors: list[int]) -> None:
    """sympy 1.14's ``factorint(n, limit=...)`` hands its factor cache the unfactored
    composite cofactor, which the cache rejects with ``ValueError: ... is not a prime factor``
    (seen on √(4·10²⁰⁰ + 1)); store the verified primes only."""
    for p in sorted(factors, reverse=True):
        if n % p == 0 and sympy.isprime(p):
            factor_cache[n] = p
            while n % p == 0:
                n //= p


factor_cache.add = _cache_only_primes


class NotDecidable(ArithmeticError):
    """Exact arithmetic could not decide a sign or find a root in closed form."""


class HighPrecision:
    """mpmath arithmetic at ``dps`` digits; enter it as a context to scope the precision."""

    exact = False

    def __init__(self, dps: int):
        self.dps = dps
        self._scope = workdps(dps)

    def __enter__(self) -> HighPrecision:
        self._scope.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._scope.__exit__(*exc)

    def __repr__(self) -> str:
        return f"HighPrecision(dps={self.dps})"

    def number(self, x):
        if isinstance(x, Fraction):
            return mpmath.mpf(x.numerator) / x.denominator
        return mpmath.mpf(x)

    def matrix(self, value) -> mpmath.matrix:
        return matrices.to_mp(value)

    def zeros(self, rows: int, cols: int) -> mpmath.matrix:
        return mpmath.zeros(rows, cols)

    def shape(self, M) -> tuple[int, int]:
        return M.rows, M.cols

    def transpose(self, M):
        return M.T

    def column(self, M, j: int):
        return M[:, j]

    def entries(self, M) -> list:
        return [M[i, j] for i in range(M.rows) for j in range(M.cols)]

    def total(self, values: Iterable):
        return mpmath.fsum(values)

    def sqrt(self, x):
        return mpmath.sqrt(x)

    def frobenius_sq(self, M):
        return mpmath.fsum(x * x for x in M)

    def spectral_sq(self, M):
        return matrices.spectral_norm(M) ** 2

    def svd(self, M):
        return matrices.svd(M)

    def rank(self, M) -> int:
        return matrices.numerical_rank(M)

    def orthonormal_completion(self, Q):
        """An orthogonal matrix whose first columns are the orthonormal columns of ``Q``."""
        return matrices.orthonormal_completion(Q)

    def eigh(self, S):
        """Eigenvalues of the symmetric S, descending, and the orthogonal Q of eigenvectors."""
        w, Q = mpmath.eigsy(S)
        order = sorted(range(len(w)), key=lambda i: -w[i])
        return [w[i] for i in order], mpmath.matrix([[Q[r, i] for i in order] for r in range(Q.rows)])


class FloatMatrix:
    """A float64 matrix with mpmath's operators: ``*`` is the matrix product (a scalar
    scales), ``M[i, j]`` an entry, ``M[:, j]`` a column, iteration runs over the entries."""

    __slots__ = ("array",)

    def __init__(self, array: numpy.ndarray):
        self.array = array

    @property
    def rows(self) -> int:
        return self.array.shape[0]

    @property
    def cols(self) -> int:
        return self.array.shape[1]

    @property
    def shape(self) -> tuple[int, int]:
        return self.array.shape

    @property
    def T(self) -> FloatMatrix:
        return FloatMatrix(self.array.T)

    def __mul__(self, other):
        if isinstance(other, FloatMatrix):
            return FloatMatrix(self.array @ other.array)
        return FloatMatrix(self.array * float(other))

    def __rmul__(self, other):
        return FloatMatrix(float(other) * self.array)

    def __truediv__(self, other):
        return FloatMatrix(self.array / float(other))

    def __add__(self, other):
        return FloatMatrix(self.array + _array(other))

    def __radd__(self, other):
        return FloatMatrix(_array(other) + self.array)

    def __sub__(self, other):
        return FloatMatrix(self.array - _array(other))

    def __rsub__(self, other):
        return FloatMatrix(_array(other) - self.array)

    def __neg__(self):
        return FloatMatrix(-self.array)

    def __pos__(self):
        return self

    def __getitem__(self, key):
        if not isinstance(key, tuple):
            return float(self.array.reshape(-1)[key])
        if not any(isinstance(k, slice) for k in key):
            return float(self.array[key])
        return FloatMatrix(
            self.array[tuple(k if isinstance(k, slice) else slice(k, k + 1 or None) for k in key)]
        )

    def __setitem__(self, key, value) -> None:
        self.array[key] = value.array if isinstance(value, FloatMatrix) else float(value)

    def copy(self) -> FloatMatrix:
        return FloatMatrix(self.array.copy())

    def __iter__(self):
        return iter(self.array.reshape(-1).tolist())

    def __len__(self) -> int:
        return self.array.size

    def __repr__(self) -> str:
        return f"FloatMatrix({self.array.tolist()})"


def _array(x):
    if isinstance(x, FloatMatrix):
        return x.array
    if x == 0:  # sum() starts from 0
        return 0.0
    raise TypeError(f"cannot add a scalar {x!r} to a matrix")


class Float:
    """Double precision (numpy/LAPACK) with the operations of ``HighPrecision``; ``dps`` is
    15, so the tolerance policy allows for double rounding."""

    exact = False
    dps = 15

    def __enter__(self) -> Float:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def __repr__(self) -> str:
        return "Float()"

    def number(self, x) -> float:
        return float(x)

    def matrix(self, value) -> FloatMatrix:
        if isinstance(value, FloatMatrix):
            return value
        if isinstance(value, numpy.ndarray):
            return FloatMatrix(value.astype(float))
        return FloatMatrix(numpy.array([[float(x) for x in row] for row in value], dtype=float))

    def zeros(self, rows: int, cols: int) -> FloatMatrix:
        return FloatMatrix(numpy.zeros((rows, cols)))

    def shape(self, M) -> tuple[int, int]:
        return M.shape

    def transpose(self, M):
        return M.T

    def column(self, M, j: int):
        return FloatMatrix(M.array[:, j : j + 1])

    def entries(self, M) -> list:
        return M.array.reshape(-1).tolist()

    def total(self, values: Iterable) -> float:
        return math.fsum(values)

    def sqrt(self, x) -> float:
        return math.sqrt(x)

    def frobenius_sq(self, M) -> float:
        return float(numpy.sum(M.array * M.array))

    def spectral_sq(self, M) -> float:
        if M.array.size == 0:
            return 0.0
        return float(numpy.linalg.svd(M.array, compute_uv=False)[0]) ** 2

    def svd(self, M):
        U, s, Vt = numpy.linalg.svd(M.array, full_matrices=False)
        return FloatMatrix(U), s.tolist(), FloatMatrix(Vt.T)

    def rank(self, M) -> int:
        s = numpy.linalg.svd(M.array, compute_uv=False)
        if s.size == 0:
            return 0
        cutoff = tolerance(dps=self.dps, size=max(M.shape), scale=float(s[0]))
        return int(numpy.sum(s > cutoff))

    def orthonormal_completion(self, Q: FloatMatrix) -> FloatMatrix:
        """The complete QR factors of ``Q`` (Householder), its first columns replaced by ``Q``'s."""
        rows, cols = Q.shape
        residual = numpy.linalg.norm(Q.array.T @ Q.array - numpy.eye(cols))
        if residual > tolerance(dps=self.dps, size=max(rows, 1), scale=1.0):
            raise InvalidArgument("Q", "orthonormal columns (QᵀQ = I within the tolerance policy)")
        full = numpy.linalg.qr(Q.array, mode="complete")[0]
        full[:, :cols] = Q.array
        return FloatMatrix(full)

    def eigh(self, S):
        w, Q = numpy.linalg.eigh(S.array)
        return w[::-1].tolist(), FloatMatrix(Q[:, ::-1].copy())


class Exact:
    """Exact sympy arithmetic; ``known`` maps ``id(matrix)`` to its prescribed ``(U, s, V)``,
    ``known_eigen`` a symmetric one to its prescribed ``(w, Q)``."""

    exact = True

    def __init__(self, known: dict[int, tuple] | None = None, known_eigen: dict[int, tuple] | None = None):
        self.known = dict(known or {})
        self.known_eigen = dict(known_eigen or {})

    def __enter__(self) -> Exact:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def __repr__(self) -> str:
        return "Exact()"

    def number(self, x):
        return sympy.nsimplify(x) if isinstance(x, float) else sympy.sympify(x)

    def matrix(self, value) -> sympy.Matrix:
        return matrices.to_sympy(value)

    def zeros(self, rows: int, cols: int) -> sympy.Matrix:
        return sympy.zeros(rows, cols)

    def shape(self, M) -> tuple[int, int]:
        return M.shape

    def transpose(self, M):
        return M.T

    def column(self, M, j: int):
        return M[:, j]

    def entries(self, M) -> list:
        return list(M)

    def total(self, values: Iterable):
        return sympy.Add(*values)

    def sqrt(self, x):
        return sympy.sqrt(x)

    def frobenius_sq(self, M):
        return sympy.cancel(sum((x**2 for x in M), sympy.S.Zero))

    def spectral_sq(self, M):
        G = M.T * M if M.cols <= M.rows else M * M.T
        charpoly = G.charpoly()
        lam = charpoly.gens[0]
        poly = sympy.Poly(sympy.factor(sympy.cancel(charpoly.as_expr())), lam)
        if poly.free_symbols - {lam}:
            roots = sympy.roots(poly, lam)
            if sum(roots.values()) != poly.degree():
                raise NotDecidable(f"no closed form for the eigenvalues of the Gram matrix {G}")
            return _symbolic_max(list(roots))
        return poly.real_roots()[-1]

    def svd(self, M):
        try:
            return self.known[id(M)]
        except KeyError:
            raise InvalidArgument("M", "a matrix whose SVD was prescribed by its instance") from None

    def rank(self, M) -> int:
        return M.rank(simplify=True)

    def eigh(self, S):
        """The prescribed ``(w descending, Q)`` of a symmetric instance."""
        try:
            return self.known_eigen[id(S)]
        except KeyError:
            raise InvalidArgument("S", "a symmetric matrix whose eigendecomposition was prescribed") from None


def _symbolic_max(values: Sequence):
    best = values[0]
    for value in values[1:]:
        difference = sympy.factor(sympy.cancel(value - best))
        if difference.is_nonnegative:
            best = value
        elif not difference.is_nonpositive:
            raise NotDecidable(f"cannot order the roots {best} and {value}")
    return sympy.cancel(best)


def truncation(ops, A, k: int):
    """``A_k = Σ_{j≤k} σ_j u_j v_jᵀ`` from the SVD the backend knows or computes."""
    U, s, V = ops.svd(A)
    Ak = ops.zeros(*ops.shape(A))
    for j in range(k):
        Ak = Ak + s[j] * ops.column(U, j) * ops.transpose(ops.column(V, j))
    return Ak


def singular_values(ops, A) -> list:
    """The ``min(m, n)`` singular values of ``A``, descending."""
    return list(ops.svd(A)[1])
