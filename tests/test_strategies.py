"""Tests of ``numerics.strategies``: every family has its property on every shape, rank and
nonzero-ness are honoured by construction, and shrinking ends at small readable matrices."""

from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from numerics.errors import InvalidArgument
from numerics.exact import ExactMatrix, exact_matmul, exact_rank, exact_transpose
from numerics.strategies import (
    FAMILIES,
    FAMILY_DESCRIPTIONS,
    KNOWN_SVD_FAMILIES,
    any_matrices,
    matrices,
    shapes,
)

FAST = settings(max_examples=20, deadline=None, database=None)
FIND = settings(database=None, max_examples=1000, phases=(Phase.generate, Phase.shrink))
SHAPES = [(1, 1), (1, 4), (4, 1), (2, 5), (4, 3)]


def is_orthogonal(Q) -> bool:
    n = len(Q)
    return exact_matmul(exact_transpose(Q), Q) == tuple(
        tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n)
    )


def is_nonzero(A: ExactMatrix) -> bool:
    return any(x != 0 for row in A.rows for x in row)


def has_family_property(family: str, s: tuple[Fraction, ...]) -> bool:
    """The defining property of each known-SVD family's singular values (drawn without max_rank)."""
    p = len(s)
    positive = all(x > 0 for x in s)
    if family == "zero":
        return all(x == 0 for x in s)
    if family == "rank_deficient":
        return sum(1 for x in s if x > 0) < p
    if family == "repeated":
        multiplicities = Counter(s).values()
        return positive and (p == 1 or min(multiplicities) >= 2) and len(multiplicities) <= 2
    if family == "clustered":
        return positive and len(set(s)) == p and (s[0] - s[-1]) / s[-1] < Fraction(1, 10**6)
    if family == "graded":
        exponents = [_exponent_of_ten(x) for x in s]
        return None not in exponents and all(-30 <= e <= 30 for e in exponents) and len(set(exponents)) == p
    if family == "tiny":
        return positive and all(Fraction(1, 10**101) < x <= Fraction(20, 10**100) for x in s)
    if family == "huge":
        return positive and all(Fraction(10**99) < x <= 20 * Fraction(10**100) for x in s)
    return positive and all(Fraction(1, 6) <= x <= 20 for x in s)


def _exponent_of_ten(x: Fraction) -> int | None:
    for e in range(-30, 31):
        if x == Fraction(10) ** e:
            return e
    return None


def test_every_family_is_described():
    assert set(FAMILY_DESCRIPTIONS) == set(FAMILIES)
    assert set(KNOWN_SVD_FAMILIES) == set(FAMILIES) - {"gaussian", "rational"}


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("m, n", SHAPES)
def test_instances_have_the_requested_shape_and_family(family, m, n):
    @FAST
    @given(matrices(family=family, rows=m, cols=n))
    def check(A):
        assert isinstance(A, ExactMatrix)
        assert A.shape == (m, n) and A.family == family, A
        assert all(isinstance(x, Fraction) for row in A.rows for x in row), A
        if family in KNOWN_SVD_FAMILIES:
            assert A.svd.matrix == A.rows, A
            assert is_orthogonal(A.svd.U) and is_orthogonal(A.svd.V), A.svd
            assert A.svd.rank == exact_rank(A.rows), A
            assert has_family_property(family, A.svd.s), A
        else:
            assert A.svd is None

    check()


@FAST
@given(st.data(), shapes())
def test_gaussian_entries_are_dyadic_and_bounded(data, shape):
    A = data.draw(matrices(family="gaussian", rows=shape[0], cols=shape[1]))
    assert all(x.denominator <= 2**10 and abs(x) < 4 for row in A.rows for x in row), A


@FAST
@given(st.data(), shapes())
def test_rational_entries_are_small_fractions(data, shape):
    A = data.draw(matrices(family="rational", rows=shape[0], cols=shape[1]))
    assert all(abs(x.numerator) <= 20 and x.denominator <= 6 for row in A.rows for x in row), A


@pytest.mark.parametrize("family", FAMILIES)
def test_max_rank_is_honoured(family):
    @FAST
    @given(st.data(), shapes())
    def check(data, shape):
        max_rank = data.draw(st.integers(0, min(shape)), label="max_rank")
        A = data.draw(matrices(family=family, rows=shape[0], cols=shape[1], max_rank=max_rank))
        assert exact_rank(A.rows) <= max_rank, A

    check()


@pytest.mark.parametrize("family", [f for f in FAMILIES if f != "zero"])
def test_nonzero_is_honoured(family):
    @FAST
    @given(st.data(), shapes(min_side=2 if family == "rank_deficient" else 1))
    def check(data, shape):
        max_rank = data.draw(st.none() | st.integers(1, min(shape)), label="max_rank")
        A = data.draw(matrices(family=family, rows=shape[0], cols=shape[1], max_rank=max_rank, nonzero=True))
        assert is_nonzero(A), A
        assert max_rank is None or exact_rank(A.rows) <= max_rank, A

    check()


@FAST
@given(any_matrices(nonzero=True, max_rank=2))
def test_any_matrices_honours_nonzero_and_max_rank(A):
    assert A.family != "zero"
    assert is_nonzero(A), A
    assert exact_rank(A.rows) <= 2, A


@pytest.mark.parametrize("family", FAMILIES)
def test_any_matrices_draws_every_family(family):
    assert find(any_matrices(), lambda A: A.family == family, settings=FIND).shape == (1, 1)


def test_shrinking_finds_a_one_by_one_nonzero_matrix():
    A = find(any_matrices(), is_nonzero, settings=FIND)
    assert A.shape == (1, 1), A
    assert A.rows[0][0] in (Fraction(1, 2**10), 1), A


def test_any_matrices_shrinks_to_the_first_family():
    assert find(any_matrices(families=("zero", "gaussian")), lambda A: True, settings=FIND).family == "zero"


@pytest.mark.parametrize(
    "family, minimal",
    [
        ("gaussian", [0, 0, 0]),
        ("rational", [0, 0, 0]),
        ("known_svd", [1, 1, 0]),
        ("repeated", [1, 1, 0]),
        ("graded", [1, Fraction(1, 10), 0]),
        ("clustered", [1 + Fraction(1, 10**8), 1, 0]),
        ("huge", [10**100, 10**100, 0]),
    ],
)
def test_families_shrink_to_their_simplest_member(family, minimal):
    A = find(matrices(family=family, rows=2, cols=3), lambda A: True, settings=FIND)
    assert [A.rows[0][0], A.rows[1][1], A.rows[0][1]] == minimal, A


@pytest.mark.parametrize(
    "predicate, smallest",
    [
        (lambda s: True, (1, 1)),
        (lambda s: s[0] > s[1], (2, 1)),
        (lambda s: s[0] < s[1], (1, 2)),
        (lambda s: s[0] == s[1] > 1, (2, 2)),
        (lambda s: s[0] == 1 and s[1] == 5, (1, 5)),
        (lambda s: s[0] == 5 and s[1] == 1, (5, 1)),
    ],
)
def test_shapes_cover_tall_wide_square_rows_and_columns(predicate, smallest):
    assert find(shapes(), predicate, settings=FIND) == smallest


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: matrices(family="normal", rows=2, cols=2), "family"),
        (lambda: matrices(family="zero", rows=2, cols=2, nonzero=True), "family"),
        (lambda: matrices(family="rank_deficient", rows=1, cols=3, nonzero=True), "family"),
        (lambda: matrices(family="gaussian", rows=0, cols=2), "rows"),
        (lambda: matrices(family="gaussian", rows=True, cols=2), "rows"),
        (lambda: matrices(family="gaussian", rows=2, cols="3"), "cols"),
        (lambda: matrices(family="gaussian", rows=2, cols=3, max_rank=3), "max_rank"),
        (lambda: matrices(family="gaussian", rows=2, cols=3, max_rank=-1), "max_rank"),
        (lambda: matrices(family="gaussian", rows=2, cols=3, max_rank=0, nonzero=True), "max_rank"),
        (lambda: matrices(family="gaussian", rows=2, cols=3, nonzero=1), "nonzero"),
        (lambda: shapes(max_side=0), "max_side"),
        (lambda: shapes(min_side=3, max_side=2), "max_side"),
        (lambda: any_matrices(families=()), "families"),
        (lambda: any_matrices(families=("gaussian", "nope")), "families"),
        (lambda: any_matrices(families=("zero",), nonzero=True), "families"),
        (lambda: any_matrices(families=("rank_deficient",), max_side=1, nonzero=True), "families"),
        (lambda: any_matrices(max_side=0), "max_side"),
        (lambda: any_matrices(max_rank=-1), "max_rank"),
    ],
)
def test_invalid_arguments_are_named(call, argument):
    with pytest.raises(InvalidArgument) as err:
        call()
    assert err.value.argument == argument, str(err.value)
