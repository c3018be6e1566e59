"""numerics.linalg: every operation in both backends, and the cases its verdicts must reject."""

import doctest

import mpmath
import pytest
import sympy

from numerics import exact, linalg
from numerics.backends import Exact, HighPrecision
from numerics.claims import bind
from numerics.linalg import (
    canonical,
    diagonal,
    dot,
    exactly_zero,
    frobenius_sq,
    full_svd,
    has_radical,
    identity,
    is_zero,
    norm,
    product,
    rank_at_scale,
    root,
    tidy,
)
from numerics.precision import tolerance

t = sympy.Symbol("t", real=True)
d1, d2 = sympy.symbols("d1 d2", positive=True)
SQRT2 = sympy.sqrt(2)


@pytest.fixture(params=["high_precision", "exact"])
def ops(request):
    backend = HighPrecision(30) if request.param == "high_precision" else Exact()
    with backend:
        yield backend


def _close(ops, X, Y, *, scale=1) -> bool:
    """X = Y: exactly, or within the tolerance at ``scale``."""
    return is_zero(ops, norm(ops, X - Y), scale=scale, size=max(*ops.shape(X), 1))


def test_identity_and_diagonal(ops):
    assert ops.entries(identity(ops, 3)) == [1, 0, 0, 0, 1, 0, 0, 0, 1], identity(ops, 3)
    square = diagonal(ops, [3, 1])
    assert ops.shape(square) == (2, 2) and ops.entries(square) == [3, 0, 0, 1], square
    tall = diagonal(ops, [3, 1], shape=(3, 2))
    assert ops.shape(tall) == (3, 2) and ops.entries(tall) == [3, 0, 0, 1, 0, 0], tall
    wide = diagonal(ops, [3], shape=(1, 2))
    assert ops.entries(wide) == [3, 0], wide


def test_diagonal_needs_room_for_every_value(ops):
    with pytest.raises(IndexError):
        diagonal(ops, [3, 2, 1], shape=(2, 3))


def _tall_with_svd(ops):
    """A 3×2 matrix with the prescribed SVD H₃·diag(3, 1)·H₂ᵀ, in the backend."""
    A = exact.matrix_with_svd(exact.householder([1, 2, 2]), (3, 1), exact.householder([1, 1]))
    return bind(ops, {"A": A})[0]["A"]


def test_full_svd_completes_u_and_v_to_orthogonal_matrices(ops):
    A = _tall_with_svd(ops)
    U, s, V = full_svd(ops, A)
    assert ops.shape(U) == (3, 3) and ops.shape(V) == (2, 2) and isinstance(s, list), (U, s, V)
    assert _close(ops, product(ops, ops.transpose(U), U), identity(ops, 3)), U
    assert _close(ops, product(ops, ops.transpose(V), V), identity(ops, 2)), V
    rebuilt = product(ops, U, diagonal(ops, s, shape=(3, 2)), ops.transpose(V))
    assert _close(ops, rebuilt, A, scale=3), (rebuilt, A)


def test_a_wrong_factorisation_is_not_close(ops):
    A = _tall_with_svd(ops)
    U, s, V = full_svd(ops, A)
    swapped = product(ops, U, diagonal(ops, s[::-1], shape=(3, 2)), ops.transpose(V))
    assert not _close(ops, swapped, A, scale=3), swapped


def test_product_and_frobenius_sq(ops):
    A, B = ops.matrix([[3, 0], [4, 5]]), ops.matrix([[1, 2], [0, -1]])
    assert ops.entries(product(ops, A, B, identity(ops, 2))) == [3, 6, 4, 3], product(ops, A, B)
    assert frobenius_sq(ops, A) == 50, frobenius_sq(ops, A)
    assert frobenius_sq(ops, A - A) == 0


def test_product_and_frobenius_sq_stay_in_lowest_terms():
    ops = Exact()
    P = product(ops, sympy.Matrix([[1 / (t - 1)]]), sympy.Matrix([[t**2 - 1, t]]))
    assert P == sympy.Matrix([[t + 1, t / (t - 1)]]), P
    M = sympy.Matrix([[(t**2 - 1) / (t - 1), 2 * t / (1 + t**2)], [(1 - t**2) / (1 + t**2), 0]])
    assert frobenius_sq(ops, M) == ops.frobenius_sq(M) == sympy.cancel(t**2 + 2 * t + 2), frobenius_sq(ops, M)


def test_dot(ops):
    x, y = ops.matrix([[1], [2], [-2]]), ops.matrix([[3], [4], [5]])
    assert dot(ops, x, y) == 1, dot(ops, x, y)
    assert dot(ops, x, x) == frobenius_sq(ops, x) == 9, (dot(ops, x, x), frobenius_sq(ops, x))


def test_product_of_algebraic_entries_is_tidied():
    ops = Exact()
    X, Y = sympy.Matrix([[1 + SQRT2, t]]), sympy.Matrix([[1 - SQRT2], [SQRT2 / t]])
    assert product(ops, X, Y) == sympy.Matrix([[SQRT2 - 1]]), product(ops, X, Y)
    assert product(ops, X, Y) == tidy(ops, X * Y)
    assert dot(ops, X.T, Y) == SQRT2 - 1


def test_frobenius_sq_of_algebraic_entries_is_the_backends():
    ops = Exact()
    M = sympy.Matrix([[1 / SQRT2, sympy.sqrt(3) / (1 + SQRT2)]])
    assert frobenius_sq(ops, M) == ops.frobenius_sq(M), (frobenius_sq(ops, M), ops.frobenius_sq(M))
    assert sympy.simplify(frobenius_sq(ops, M) - (sympy.Rational(1, 2) + 3 * (3 - 2 * SQRT2))) == 0


def test_tidy_puts_exact_entries_in_canonical_form():
    ops = Exact()
    M = sympy.Matrix([[(t**2 - 1) / (t - 1), SQRT2 / (1 + SQRT2)], [(1 + SQRT2) ** 2, sympy.Rational(1, 3)]])
    assert tidy(ops, M) == sympy.Matrix([[t + 1, 2 - SQRT2], [3 + 2 * SQRT2, sympy.Rational(1, 3)]]), tidy(
        ops, M
    )
    zero = sympy.Matrix([[(t**2 - 1) / (t - 1) - t - 1, (1 + SQRT2) ** 2 - 3 - 2 * SQRT2]])
    assert tidy(ops, zero) == sympy.zeros(1, 2), tidy(ops, zero)


def test_tidy_leaves_rational_and_numerical_matrices_alone(ops):
    M = ops.matrix([[1, 2], [3, 4]])
    assert tidy(ops, M) is M


def test_canonical_and_has_radical():
    assert canonical(sympy.Rational(3, 4)) == sympy.Rational(3, 4)
    assert canonical(t / (t**2 - t)) == 1 / (t - 1)
    assert canonical(1 / (1 + SQRT2)) == SQRT2 - 1
    assert has_radical(1 + SQRT2) and has_radical(sympy.sqrt(t)), "√ is a radical"
    assert not has_radical(t**2 + sympy.Rational(1, 2)), "t² + 1/2 has no radical"


def test_root_and_norm(ops):
    A = ops.matrix([[3, 0], [4, 5]])
    expected = 5 * SQRT2 if ops.exact else 5 * mpmath.sqrt(2)
    assert is_zero(ops, norm(ops, A) - expected, scale=8, size=2), norm(ops, A)
    assert root(ops, ops.number(49)) == 7, root(ops, ops.number(49))
    assert norm(ops, ops.matrix([[0, 0]])) == 0


def test_root_of_a_perfect_square_is_exact():
    ops = Exact()
    assert root(ops, d1**2 + 2 * d1 * d2 + d2**2) == d1 + d2, root(ops, d1**2 + 2 * d1 * d2 + d2**2)
    column = sympy.Matrix([[d1 + d2], [0]])
    assert norm(ops, column) == d1 + d2, norm(ops, column)


def test_is_zero_at_the_tolerance(ops):
    scale = ops.number(1)
    assert is_zero(ops, ops.number(0), scale=scale, size=2)
    assert not is_zero(ops, ops.number(sympy.Rational(1, 10**20)), scale=scale, size=2), "10⁻²⁰ is not zero"
    assert not is_zero(ops, norm(ops, identity(ops, 2)), scale=scale, size=2), "‖I‖ is not zero"


def test_is_zero_absorbs_rounding_only_numerically():
    below = sympy.Rational(1, 10**29)
    with HighPrecision(30) as ops:
        assert below < tolerance(dps=30, size=2, scale=1) < sympy.Rational(1, 10**26)
        assert is_zero(ops, ops.number(below), scale=1, size=2), "10⁻²⁹ is rounding at 30 digits"
        assert not is_zero(ops, ops.number(below), scale=sympy.Rational(1, 10**10), size=2), (
            "10⁻²⁹ is not rounding on data of size 10⁻¹⁰"
        )
    assert not is_zero(Exact(), below, scale=1, size=2), "10⁻²⁹ is not zero exactly"


@pytest.mark.parametrize(
    "x, zero",
    [
        (sympy.Integer(0), True),
        (sympy.Rational(1, 10**50), False),
        ((t**2 - 1) / (t - 1) - t - 1, True),
        (t - 1, False),
        ((1 + SQRT2) ** 2 - 3 - 2 * SQRT2, True),
        (SQRT2 * sympy.sqrt(3) - sympy.sqrt(6) + sympy.Rational(1, 10**40), False),
    ],
    ids=["0", "tiny rational", "cancels", "rational function", "ℚ(√2) zero", "algebraic near zero"],
)
def test_exactly_zero(x, zero):
    assert exactly_zero(x) is zero, x
    assert is_zero(Exact(), x, scale=1, size=1) is zero, x


def test_exactly_zero_decides_pivots_of_algebraic_matrices():
    M = sympy.Matrix([[1, SQRT2], [SQRT2, (1 + SQRT2) ** 2 - 1 - 2 * SQRT2]])
    assert M.rank(iszerofunc=exactly_zero) == 1, M


def test_rank_at_scale_exactly():
    ops = Exact()
    assert rank_at_scale(ops, sympy.Matrix([[1, t], [t, t**2]]), scale=1) == 1
    assert rank_at_scale(ops, sympy.Matrix([[1, t], [t, 1]]), scale=1) == 2, (
        "generic rank of [[1, t], [t, 1]]"
    )
    assert rank_at_scale(ops, sympy.zeros(2, 3), scale=1) == 0
    assert rank_at_scale(ops, sympy.Matrix([[sympy.Rational(1, 10**40), 0], [0, 0]]), scale=10**40) == 1
    algebraic = sympy.Matrix([[1, SQRT2], [SQRT2, (1 + SQRT2) ** 2 - 1 - 2 * SQRT2]])
    assert rank_at_scale(ops, algebraic, scale=1) == 1, algebraic
    assert rank_at_scale(ops, algebraic + sympy.eye(2) / 10**30, scale=1) == 2, (
        "a 10⁻³⁰ shift is not rounding"
    )


def test_rank_at_scale_counts_against_the_datas_rounding():
    """AAᵀM = 0 exactly (A ⟂ range M); rounded, it is noise of size u·‖A‖²‖M‖: full rank at its own
    scale, rank 0 at the scale of the data."""
    H = exact.householder([1, 1, 3])
    A = [[H[i][0] * 10**20] for i in range(3)]
    rest = [[H[i][1], H[i][2]] for i in range(3)]
    M = exact.exact_matmul(rest, exact.exact_transpose(rest))
    assert exact.exact_matmul(exact.exact_matmul(A, exact.exact_transpose(A)), M) == ((0,) * 3,) * 3
    with HighPrecision(30) as ops:
        A_mp, M_mp = ops.matrix(A), ops.matrix(M)
        noise = product(ops, A_mp, ops.transpose(A_mp), M_mp)
        scale = frobenius_sq(ops, A_mp) * norm(ops, M_mp)
        assert ops.rank(noise) > 0, ops.svd(noise)[1]
        assert rank_at_scale(ops, noise, scale=scale) == 0, ops.svd(noise)[1]
        assert rank_at_scale(ops, M_mp, scale=scale) == 0, "M is below the rounding of data 10⁴⁰ larger"
        assert rank_at_scale(ops, M_mp, scale=norm(ops, M_mp)) == 2, ops.svd(M_mp)[1]
        assert rank_at_scale(ops, M_mp, scale=norm(ops, M_mp), size=3) == 2


def test_docstring_examples():
    failures, tried = doctest.testmod(linalg)
    assert tried > 0 and failures == 0, f"{failures} of {tried} doctests of numerics.linalg failed"
