from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy
from hypothesis import given

from numerics import matrices, strategies
from numerics.errors import InvalidArgument
from numerics.precision import tolerance, workdps

FORMS = [
    np.array([[1.5, -2.0], [0.25, 3.0]]),
    [[Fraction(3, 2), -2], [Fraction(1, 4), 3]],
    mpmath.matrix([[1.5, -2], [0.25, 3]]),
    sympy.Matrix([[sympy.Rational(3, 2), -2], [sympy.Rational(1, 4), 3]]),
]


@pytest.mark.parametrize("form", FORMS, ids=["numpy", "fractions", "mpmath", "sympy"])
def test_conversions_are_exact_round_trips(form):
    expected = ((Fraction(3, 2), Fraction(-2)), (Fraction(1, 4), Fraction(3)))
    assert matrices.to_fractions(form) == expected
    assert matrices.to_sympy(form) == sympy.Matrix(expected)
    assert matrices.to_numpy(form).tolist() == [[1.5, -2.0], [0.25, 3.0]]
    with workdps(30):
        assert matrices.to_fractions(matrices.to_mp(form)) == expected


def test_norms_of_a_known_matrix():
    with workdps(40):
        A = matrices.to_mp([[3, 0], [4, 5]])
        assert matrices.frobenius_norm(A) ** 2 == 50
        assert mpmath.almosteq(matrices.spectral_norm(A) ** 2, 45, rel_eps=mpmath.mpf(10) ** -35)
        assert mpmath.almosteq(matrices.matmul(A, matrices.transpose(A))[0, 0], 9)


@given(strategies.any_matrices(families=strategies.KNOWN_SVD_FAMILIES, max_side=4))
def test_svd_matches_the_prescribed_singular_values(A):
    digits = 30 + 61
    with workdps(digits):
        values = matrices.singular_values(A.rows)
        U, s, V = matrices.svd(A.rows)
        scale = max(abs(x) for x in A.svd.s) or 1
        tol = tolerance(dps=digits, size=max(A.shape), scale=scale)
        for computed, known in zip(values, A.svd.s, strict=True):
            assert abs(computed - mpmath.mpf(known.numerator) / known.denominator) <= tol
        rebuilt = U * mpmath.diag(s) * V.T
        assert mpmath.mnorm(rebuilt - matrices.to_mp(A.rows), "f") <= tol
        assert matrices.numerical_rank(A.rows) == A.svd.rank


@given(strategies.any_matrices(max_side=4))
def test_spectral_norm_bounds_every_column(A):
    with workdps(40):
        M = matrices.to_mp(A.rows)
        top = matrices.spectral_norm(M) ** 2
        slack = tolerance(dps=40, size=max(A.shape), scale=matrices.frobenius_norm(M) ** 2)
        for j in range(M.cols):
            assert mpmath.fsum(M[i, j] ** 2 for i in range(M.rows)) <= top + slack


@pytest.mark.parametrize("m, r", [(1, 1), (3, 1), (4, 2), (5, 5)])
def test_orthonormal_completion(m, r):
    with workdps(40):
        Q, _ = mpmath.qr(mpmath.randmatrix(m, r))
        Q = Q[:, :r] if r < m else Q
        H = matrices.orthonormal_completion(Q)
        assert (H.rows, H.cols) == (m, m)
        assert mpmath.mnorm(H.T * H - mpmath.eye(m), "f") < 1e-35
        assert mpmath.mnorm(H[:, :r] - Q, "f") == 0


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: matrices.to_mp([[1, 2], [3]]), "A"),
        (lambda: matrices.to_mp([]), "A"),
        (lambda: matrices.to_mp(np.array([1.0, 2.0])), "A"),
        (lambda: matrices.to_mp([[float("nan")]]), "A"),
        (lambda: matrices.to_mp([["1"]]), "A"),
        (lambda: matrices.to_mp("not a matrix"), "A"),
        (lambda: matrices.to_numpy([[Fraction(10) ** 400]]), "A"),
        (lambda: matrices.matmul([[1, 2]], [[1, 2]]), "B"),
        (lambda: matrices.orthonormal_completion([[1, 1], [0, 1]]), "Q"),
        (lambda: matrices.orthonormal_completion([[1, 0, 0]]), "Q"),
    ],
)
def test_bad_input_names_the_argument(call, argument):
    with pytest.raises(InvalidArgument) as error:
        call()
    assert error.value.argument == argument


def test_svd_converges_on_exactly_repeated_singular_values():
    stalls = [[Fraction(33, 5), Fraction(-44, 5)], [Fraction(-44, 5), Fraction(-33, 5)]]
    with workdps(31):
        U, s, V = matrices.svd(stalls)
        assert mpmath.almosteq(s[0], 11) and mpmath.almosteq(s[1], 11)
        assert mpmath.mnorm(U * mpmath.diag(s) * V.T - matrices.to_mp(stalls), "f") < 1e-28
        assert matrices.singular_values(stalls) == s
