"""Backend-generic operations on matrices that the theorem modules share.

Every function takes the backend ``ops`` first (``numerics.backends``: ``HighPrecision(dps)``,
mpmath matrices; ``Exact()``, sympy matrices of rationals, algebraic numbers or rational
functions of symbols) and computes the same mathematical object in each; only how an exact
entry is kept small, and how "is zero" is decided, depend on the backend.

Main operations
---------------
* ``identity``, ``diagonal`` — I_n, and the matrix with given values on its diagonal.
* ``full_svd`` — A = UΣVᵀ with U and V square and orthogonal.
* ``product``, ``dot``, ``frobenius_sq`` — X₁X₂⋯X_k, xᵀy and ‖X‖_F²; exactly, formed in the field
  the entries generate (ℚ, or ℚ(t, u, …)), so that symbolic entries stay in lowest terms.
* ``tidy`` (``canonical`` for one entry) — exact entries in a canonical form, in which an entry
  equal to 0 is literally 0.
* ``root``, ``norm`` — √x, exactly of the factored x (so that √((d₁ + d₂)²) is d₁ + d₂ for
  positive symbols), and ‖X‖_F = √‖X‖_F².
* ``is_zero`` (``exactly_zero`` in exact arithmetic alone) — x = 0, decided exactly, or within
  the tolerance policy.
* ``rank_at_scale`` — rank X; numerically, counted against the tolerance for the data X was
  computed from rather than against X's own σ₁.

Canonical forms
---------------
A rational stays as it is; a rational function of symbols is cancelled to one fraction of
coprime expanded polynomials (the form sympy's ``DomainMatrix`` over ℚ(symbols) gives); an
algebraic number is expanded, with a radical left in a denominator moved to the numerator
(``radsimp``), so that an element of ℚ(√2) reads a + b√2.

Tolerance
---------
``is_zero`` and ``rank_at_scale`` compare with ``numerics.precision.tolerance`` at the working
precision ``ops.dps`` and the ``size`` of the data; ``scale`` is the magnitude of the data the
quantity was computed from, in the quantity's own units.  Exact arithmetic has no tolerance.

>>> from numerics.backends import Exact, HighPrecision
>>> ops = Exact()
>>> t = sympy.Symbol("t", positive=True)
>>> tidy(ops, sympy.Matrix([[(t**2 - 1) / (t - 1), 1 / (1 + sympy.sqrt(2))]]))
Matrix([[t + 1, -1 + sqrt(2)]])
>>> root(ops, t**2 + 2 * t + 1), rank_at_scale(ops, sympy.Matrix([[1, t], [t, t**2]]), scale=1)
(t + 1, 1)
>>> with HighPrecision(30) as ops:
...     A = ops.matrix([[3, 0], [4, 5]])
...     U, s, V = full_svd(ops, A)
...     is_zero(ops, norm(ops, A - product(ops, U, diagonal(ops, s), ops.transpose(V))),
...             scale=norm(ops, A), size=2)
True
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from functools import reduce

import sympy
from sympy.polys.matrices import DomainMatrix

from numerics.precision import tolerance

__all__ = [
    "canonical",
    "diagonal",
    "dot",
    "exactly_zero",
    "frobenius_sq",
    "full_svd",
    "has_radical",
    "identity",
    "is_zero",
    "norm",
    "product",
    "rank_at_scale",
    "root",
    "tidy",
]


# --- building matrices ---------------------------------------------------------------------------


def diagonal(ops, values: Sequence, *, shape: tuple[int, int] | None = None):
    """The matrix with ``values`` on its diagonal and zeros elsewhere: square of order
    ``len(values)``, or ``shape`` = (rows, cols) with room for every value (Σ of an SVD).

    >>> from numerics.backends import Exact
    >>> diagonal(Exact(), [3, 1], shape=(3, 2))
    Matrix([
    [3, 0],
    [0, 1],
    [0, 0]])
    """
    rows, cols = shape or (len(values), len(values))
    D = ops.zeros(rows, cols)
    for i, value in enumerate(values):
        D[i, i] = value
    return D


def identity(ops, size: int):
    """I_size."""
    return diagonal(ops, [1] * size)


def full_svd(ops, A):
    """``(U, s, V)`` with A = UΣVᵀ, U (m×m) and V (n×n) orthogonal, ``s`` the min(m, n) singular
    values descending: the prescribed SVD exactly; numerically the backend's reduced SVD with U
    and V completed to orthogonal matrices (Householder)."""
    U, s, V = ops.svd(A)
    if not ops.exact:
        U, V = ops.orthonormal_completion(U), ops.orthonormal_completion(V)
    return U, list(s), V


# --- exact arithmetic that stays small -------------------------------------------------------------


def product(ops, *factors):
    """The matrix product X₁X₂⋯X_k of ``factors``; exactly, with its entries in canonical form
    (``tidy``).  For entries in ℚ or ℚ(symbols) it is formed in that field (sympy's
    ``DomainMatrix``), so that rational functions stay in lowest terms instead of growing with
    every product; algebraic entries are multiplied as they are, then tidied."""
    if not ops.exact:
        return reduce(operator.mul, factors)
    domain_matrices = [DomainMatrix.from_Matrix(sympy.Matrix(F)) for F in factors]
    if any(M.domain.is_EX for M in domain_matrices):
        return tidy(ops, reduce(operator.mul, factors))
    field = reduce(lambda K, M: K.unify(M.domain), domain_matrices[1:], domain_matrices[0].domain)
    return reduce(operator.mul, (M.convert_to(field) for M in domain_matrices)).to_Matrix()


def dot(ops, x, y):
    """⟨x, y⟩ = xᵀy of two column vectors, as ``product`` forms it."""
    return product(ops, ops.transpose(x), y)[0, 0]


def frobenius_sq(ops, X):
    """‖X‖_F² = Σ x_ij², the backend's ``frobenius_sq`` computed faster: exactly, for entries in
    ℚ or ℚ(symbols), the sum of squares is formed in that field (like ``product``), so that it
    comes out in lowest terms without expanding sympy expressions; for algebraic entries it is
    the backend's cancelled sum."""
    if not ops.exact:
        return ops.frobenius_sq(X)
    D = DomainMatrix.from_Matrix(sympy.Matrix(X))
    if D.domain.is_EX:
        return ops.frobenius_sq(X)
    D = D.to_field()
    return D.domain.to_sympy(sum((x * x for row in D.to_list() for x in row), D.domain.zero))


def tidy(ops, M):
    """M with every entry in its canonical form (see the module docstring) in exact arithmetic,
    so that later identities stay small and zeros are literal; M itself numerically, or when its
    entries are all rational."""
    if not ops.exact or all(x.is_Rational for x in M):
        return M
    return M.applyfunc(canonical)


def canonical(x):
    """The canonical form of one exact entry: a rational as it is, a rational function of
    symbols cancelled, an algebraic number expanded with no radical in a denominator.

    >>> canonical(sympy.sqrt(2) / (1 + sympy.sqrt(2)))
    2 - sqrt(2)
    """
    x = sympy.sympify(x)
    if x.is_Rational:
        return x
    if x.free_symbols:
        return sympy.cancel(x)
    x = sympy.expand(x)
    return sympy.expand(sympy.radsimp(x)) if _radical_denominator(x) else x


def has_radical(e) -> bool:
    """Whether the expression ``e`` holds a power with a non-integer exponent (√2, ∛x, …)."""
    return any(isinstance(a, sympy.Pow) and not a.exp.is_Integer for a in sympy.preorder_traversal(e))


def _radical_denominator(e) -> bool:
    return any(
        isinstance(a, sympy.Pow) and a.exp.is_negative and has_radical(a.base)
        for a in sympy.preorder_traversal(e)
    )


# --- norms, zeros and ranks ----------------------------------------------------------------------------


def root(ops, x):
    """√x; exactly of the factored x, so that a perfect square gives its root: √((d₁ + d₂)²) is
    d₁ + d₂ for positive symbols, √((2t + 1)²/(t + 1)²) is (2t + 1)/(t + 1) for positive t."""
    return ops.sqrt(sympy.factor(x) if ops.exact else x)


def norm(ops, X):
    """‖X‖_F = √‖X‖_F² (the Euclidean norm of a vector), exactly through ``root``."""
    return root(ops, frobenius_sq(ops, X))


def exactly_zero(x) -> bool:
    """x = 0 in exact arithmetic: compared for a rational, cancelled for a rational function of
    symbols, decided by sympy's ``equals`` for an algebraic number (usable as sympy's
    ``iszerofunc``)."""
    x = sympy.sympify(x)
    if x.is_Rational:
        return x == 0
    if x.free_symbols:
        return sympy.cancel(x) == 0
    return bool(x.equals(0))


def is_zero(ops, x, *, scale, size: int) -> bool:
    """x = 0: exactly (``exactly_zero``), or |x| ≤ ``tolerance(ops.dps, size, scale)`` for an x
    computed from data of magnitude ``scale`` (in x's units) and largest dimension ``size``."""
    if ops.exact:
        return exactly_zero(x)
    return abs(x) <= tolerance(dps=ops.dps, size=size, scale=scale)


def rank_at_scale(ops, X, *, scale, size: int | None = None) -> int:
    """rank X.  Exactly, by elimination in the field the entries generate (ℚ, or ℚ(symbols),
    where it is the generic rank: an upper bound for the rank at every value of the symbols), or
    with pivots decided by ``exactly_zero`` for algebraic entries; numerically, the number of
    singular values of X above ``tolerance(ops.dps, size, scale)``, ``size`` X's largest dimension
    unless given.  ``scale`` is the norm of the data X was computed from: a matrix that is zero up
    to rounding has rank 0, whatever its own largest σ."""
    if ops.exact:
        D = DomainMatrix.from_Matrix(sympy.Matrix(X))
        if D.domain.is_EX:
            return tidy(ops, sympy.Matrix(X)).rank(iszerofunc=exactly_zero, simplify=False)
        return D.to_field().rank()
    cutoff = tolerance(dps=ops.dps, size=size or max(ops.shape(X)), scale=scale)
    return sum(1 for s in ops.svd(X)[1] if s > cutoff)
