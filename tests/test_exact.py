"""Tests of ``numerics.exact``: exact orthogonal constructions, matrices with a known SVD, helpers."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.errors import InvalidArgument
from numerics.exact import (
    ExactMatrix,
    ExactSVD,
    cayley,
    exact_matmul,
    exact_rank,
    exact_transpose,
    householder,
    matrix_with_svd,
    rational_orthogonal,
)

FAST = settings(max_examples=20, deadline=None, database=None)


def identity(n: int) -> tuple[tuple[Fraction, ...], ...]:
    return tuple(tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n))


def is_orthogonal(Q) -> bool:
    return exact_matmul(exact_transpose(Q), Q) == identity(len(Q))


def small_vectors(size: int):
    return st.lists(st.integers(-5, 5), min_size=size, max_size=size).filter(any)


@st.composite
def skew_symmetric(draw, n: int):
    upper = {
        (i, j): Fraction(draw(st.integers(-9, 9)), draw(st.integers(1, 4)))
        for i in range(n)
        for j in range(i + 1, n)
    }
    return [[upper.get((i, j), -upper.get((j, i), Fraction(0))) for j in range(n)] for i in range(n)]


@FAST
@given(st.integers(1, 5).flatmap(small_vectors))
def test_householder_is_symmetric_orthogonal_and_reflects_v(v):
    H = householder(v)
    assert H == exact_transpose(H), H
    assert is_orthogonal(H), H
    assert exact_matmul(H, [[x] for x in v]) == tuple((Fraction(-x),) for x in v)


def test_householder_of_1_2_2_has_ninths():
    assert householder([1, 2, 2]) == tuple(
        tuple(Fraction(x, 9) for x in row) for row in [[7, -4, -4], [-4, 1, -8], [-4, -8, 1]]
    )


@FAST
@given(st.integers(1, 5).flatmap(skew_symmetric))
def test_cayley_is_orthogonal(S):
    Q = cayley(S)
    assert is_orthogonal(Q), (S, Q)
    expected = (sympy.eye(len(S)) - sympy.Matrix(S)) * (sympy.eye(len(S)) + sympy.Matrix(S)).inv()
    assert sympy.Matrix(Q) == expected


def test_cayley_of_the_quarter_turn_generator():
    assert cayley([[0, 1], [-1, 0]]) == ((0, -1), (1, 0))


@FAST
@given(st.integers(1, 5).flatmap(lambda n: st.lists(small_vectors(n), min_size=1, max_size=3)))
def test_rational_orthogonal_is_the_product_of_reflectors(vectors):
    Q = rational_orthogonal(vectors)
    assert is_orthogonal(Q), Q
    expected = sympy.eye(len(vectors[0]))
    for v in vectors:
        expected = expected * sympy.Matrix(householder(v))
    assert sympy.Matrix(Q) == expected


def test_rational_orthogonal_of_no_vectors_is_the_identity():
    assert rational_orthogonal([], size=3) == identity(3)


@pytest.mark.parametrize("m, n", [(1, 1), (1, 3), (3, 1), (2, 3), (3, 2), (3, 3)])
def test_matrix_with_svd_reproduces_the_matrix(m, n):
    U = rational_orthogonal([[1, 2, 2][:m]], size=m) if m > 1 else [[-1]]
    V = cayley([[0, 1, 0], [-1, 0, 2], [0, -2, 0]]) if n == 3 else identity(n)
    s = [Fraction(5, 2), Fraction(1, 3), Fraction(0)][: min(m, n)]
    A = matrix_with_svd(U, s, V)
    Sigma = sympy.zeros(m, n)
    for i, x in enumerate(s):
        Sigma[i, i] = sympy.Rational(x.numerator, x.denominator)
    assert A.to_sympy() == sympy.Matrix(U) * Sigma * sympy.Matrix(V).T
    assert A.shape == (m, n)
    assert A.family == "known_svd"
    assert A.svd.rank == exact_rank(A.rows) == sum(1 for x in s if x)


def test_repr_is_exact_and_readable():
    A = matrix_with_svd(householder([1, 1]), [Fraction(1, 10**100), 0], identity(2), family="tiny")
    text = repr(A)
    assert (
        text == "ExactMatrix(family='tiny', shape=(2, 2), rows=[[0, 0], [-1/10**100, 0]], s=[1/10**100, 0])"
    )
    rows = text.split("rows=")[1].split(", s=")[0]
    assert sympy.Matrix(sympy.sympify(rows)) == A.to_sympy()


@pytest.mark.parametrize(
    "A, rank",
    [
        ([[0, 0], [0, 0]], 0),
        ([[1, 2], [2, 4]], 1),
        ([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 2),
        ([[Fraction(1, 3), 1], [1, 3]], 1),
        ([[0, 1], [1, 0], [1, 1]], 2),
    ],
)
def test_exact_rank(A, rank):
    assert exact_rank(A) == rank


def test_exact_matmul_and_transpose():
    A = [[1, Fraction(1, 2)], [0, 3], [2, 2]]
    assert exact_transpose(A) == ((1, 0, 2), (Fraction(1, 2), 3, 2))
    assert exact_matmul(A, [[2], [4]]) == ((4,), (12,), (12,))


ROTATION = cayley([[0, 1], [-1, 0]])


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: householder([0, 0]), "v"),
        (lambda: householder(3), "v"),
        (lambda: householder(["a"]), "v"),
        (lambda: cayley([[0, 1], [1, 0]]), "S"),
        (lambda: cayley([[0, 1, 2], [-1, 0, 3]]), "S"),
        (lambda: rational_orthogonal([]), "size"),
        (lambda: rational_orthogonal([], size=0), "size"),
        (lambda: rational_orthogonal([[1, 2], [1]]), "vectors"),
        (lambda: rational_orthogonal([[0, 0]]), "vectors"),
        (lambda: rational_orthogonal([[1, 2]], size=3), "vectors"),
        (lambda: matrix_with_svd([[1, 1], [0, 1]], [1, 1], ROTATION), "U"),
        (lambda: matrix_with_svd([[1, 0, 0], [0, 1, 0]], [1, 1], ROTATION), "U"),
        (lambda: matrix_with_svd(ROTATION, [1, 1], [[2, 0], [0, 1]]), "V"),
        (lambda: matrix_with_svd(ROTATION, [1, 2], ROTATION), "s"),
        (lambda: matrix_with_svd(ROTATION, [1, -1], ROTATION), "s"),
        (lambda: matrix_with_svd(ROTATION, [1], ROTATION), "s"),
        (lambda: matrix_with_svd(ROTATION, [1, 1], ROTATION, family=""), "family"),
        (
            lambda: ExactMatrix(rows=[[1, 0], [0, 2]], family="x", svd=ExactSVD(ROTATION, (1, 1), ROTATION)),
            "svd",
        ),
        (lambda: ExactMatrix(rows=[[1, 0], [0]], family="x"), "rows"),
        (lambda: exact_matmul([[1, 2]], [[1, 2]]), "B"),
        (lambda: exact_transpose([]), "A"),
        (lambda: exact_rank("A"), "A"),
    ],
)
def test_invalid_arguments_are_named(call, argument):
    with pytest.raises(InvalidArgument) as err:
        call()
    assert err.value.argument == argument, str(err.value)
