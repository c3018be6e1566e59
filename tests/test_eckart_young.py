"""Eckart–Young: the standard checks of every theorem, and the proof steps' own properties."""

from fractions import Fraction

import mpmath
import pytest
import sympy

from numerics import exact
from numerics.backends import Exact, HighPrecision, truncation
from numerics.claims import bind
from proofs import eckart_young
from proofs.eckart_young import (
    column_space_projector,
    complement_weights,
    entrywise_l1,
    exchange_argument,
    exercise_3_20_witness,
    orthonormal_row_weights,
    padded_squares,
    project_rows,
    smallest_sum,
    uncapped_weights,
    weight_balance,
    weighted_sum,
)
from proofs.matrix_norms import max_entry
from tests.theorem_tests import theorem_tests

test_case, test_exact, test_randomized = theorem_tests(eckart_young)

Q4 = exact.rational_orthogonal([[1, 1, 0, 2], [3, 0, -1, 1]])
V4 = exact.rational_orthogonal([[1, 2, 2, 0], [0, 1, -1, 3]])


def _sym(rows):
    return exact.ExactMatrix(rows, "rational").to_sympy()


@pytest.mark.parametrize("k", range(5))
def test_orthonormal_row_weights_lie_in_the_polytope(k):
    ops = Exact()
    weights = orthonormal_row_weights(ops, _sym(Q4), k)
    assert all(0 <= w <= 1 for w in weights), f"k={k}: weights {weights} leave [0, 1]"
    assert sum(weights) == k, f"k={k}: weights {weights} sum to {sum(weights)}"
    head, tail = weight_balance(ops, weights, k)
    assert head == tail, f"k={k}: head weight {head} != tail deficit {tail}"


@pytest.mark.parametrize("k", range(5))
def test_exchange_argument_holds_exactly_on_every_step(k):
    ops = Exact()
    squares = [sympy.Integer(x) for x in (49, 9, 1, 0)]
    weights = orthonormal_row_weights(ops, _sym(Q4), k)
    for relation in exchange_argument(ops, squares, weights, k, scale=59):
        difference = relation.rhs - relation.lhs
        holds = difference == 0 if relation.kind == "==" else difference >= 0
        assert holds, f"k={k}: {relation.label}: lhs={relation.lhs}, rhs={relation.rhs}"


def test_uncapped_weights_break_the_bound_at_the_tight_vertex():
    # Q swaps e1 and e3, so k·q_j² puts all the weight k = 2 on σ_3² = 1: 2 < σ_2² + σ_3² = 5.
    ops = Exact()
    Q = _sym(exact.householder([1, 0, -1]))
    squares = [sympy.Integer(x) for x in (9, 4, 1)]
    weights = uncapped_weights(ops, Q, 2)
    assert weights == [0, 0, 2], f"weights {weights}"
    assert weighted_sum(ops, squares, weights) == 2 < smallest_sum(ops, squares, 2) == 5


def test_padded_squares_fill_the_missing_singular_values_with_zero():
    A = exact.matrix_with_svd(exact.householder([1, 2, 2]), (5, 2), exact.householder([1, 1]))
    ops = Exact()
    with ops:
        M = ops.matrix(A.rows)
        ops.known[id(M)] = (_sym(A.svd.U), [sympy.Integer(5), sympy.Integer(2)], _sym(A.svd.V))
        assert padded_squares(ops, M) == [25, 4, 0]


def test_column_space_projector_is_the_exact_orthogonal_projector():
    ops = Exact()
    M = _sym([[1, 2, 3], [2, 4, 6], [0, 1, 1]])
    P, rank = column_space_projector(ops, M)
    assert rank == 2, f"rank {rank}"
    assert P * P == P and P.T == P, f"P = {P} is not an orthogonal projector"
    assert P * M == M, f"P = {P} does not fix col(M)"
    assert sum(complement_weights(ops, P)) == 1, f"weights {complement_weights(ops, P)}"


def test_projected_rows_lie_in_the_row_space_of_b_and_are_no_farther():
    ops = Exact()
    A = _sym([[3, -1, 2], [0, 5, 1], [Fraction(1, 2), 2, -4]])
    B = _sym([[1, 2, 1], [2, 4, 2], [0, 1, -1]])
    B_perp, P, dim = project_rows(ops, A, B)
    assert dim == B.rank() == 2, f"dim row(B) = {dim}"
    assert B_perp * P == B_perp, f"B_⊥ = {B_perp} has rows outside row(B)"
    assert B_perp.rank() <= B.rank()
    for i in range(3):
        closer = (A[i, :] - B_perp[i, :]).norm() ** 2
        farther = (A[i, :] - B[i, :]).norm() ** 2
        assert closer <= farther, f"row {i}: {closer} > {farther}"


def test_column_space_is_the_wrong_projection():
    # A = B = e1e2ᵀ: B_⊥ = A, but A projected onto col(B) = span(e1) is 0, at distance 1 > 0.
    ops = Exact()
    A = _sym([[0, 1], [0, 0]])
    P_col, _ = column_space_projector(ops, A)
    B_perp, _, _ = project_rows(ops, A, A)
    assert B_perp == A, f"B_⊥ = {B_perp}"
    assert ops.frobenius_sq(A - A * P_col) == 1, f"A P_col = {A * P_col}"


def test_witness_is_a_nonzero_null_vector_in_the_span_exactly():
    ops = Exact()
    B = _sym([[1, 2, 0, 1], [2, 4, 0, 2], [0, 1, 1, 0]])
    V = _sym(V4)
    z, c = exercise_3_20_witness(ops, B, V, 3)
    assert B * z == sympy.zeros(3, 1), f"Bz = {B * z}"
    assert 1 in list(c), f"c = {c} has no coordinate equal to 1"
    assert (V[:, 3].T * z)[0] == 0, f"z = {z} has a component along v_4"


@pytest.mark.parametrize("rows", [1, 3])
def test_witness_at_high_precision_is_a_unit_null_vector(rows):
    # rows = 1: B V_2 is 1×2 and has to be padded to be tall before its SVD gives the null vector.
    B = [[1, 2, Fraction(1, 3)]] + [
        [Fraction(i, 7), 2 * Fraction(i, 7), Fraction(i, 21)] for i in range(1, rows)
    ]
    with HighPrecision(40) as ops:
        V = ops.matrix(exact.householder([2, -1, 2]))
        z, _ = exercise_3_20_witness(ops, ops.matrix(B), V, 2)
        assert abs(ops.frobenius_sq(z) - 1) < mpmath.mpf(10) ** -35, f"‖z‖² = {ops.frobenius_sq(z)}"
        assert ops.frobenius_sq(ops.matrix(B) * z) < mpmath.mpf(10) ** -70, (
            f"‖Bz‖² = {ops.frobenius_sq(ops.matrix(B) * z)}"
        )
        assert abs((V[:, 2].T * z)[0]) < mpmath.mpf(10) ** -35, f"⟨v_3, z⟩ = {(V[:, 2].T * z)[0]}"


def test_span_of_k_vectors_can_miss_the_null_space():
    # null(B) = span(e2) and span(v_1) = span(e1): the only common vector is 0.
    ops = Exact()
    z, c = exercise_3_20_witness(ops, _sym([[1, 0]]), sympy.eye(2), 1)
    assert z == sympy.zeros(2, 1) and c == sympy.zeros(1, 1), f"z = {z}"


def test_max_entry_counterexample_is_the_documented_one():
    values = eckart_young._exact_max_entry_counterexample()
    ops = Exact()
    with ops:
        bound, _ = bind(ops, values)
        A, B = bound["A"], bound["B"]
        assert max_entry(ops, A - truncation(ops, A, 1)) == 1
        assert max_entry(ops, A - B) == Fraction(2, 3)
        assert B.rank() == 1


def test_l1_counterexample_is_the_documented_one():
    values = eckart_young._exact_l1_counterexample()
    ops = Exact()
    with ops:
        bound, _ = bind(ops, values)
        A, B = bound["A"], bound["B"]
        U, s, V = values["A"].svd
        assert sympy.simplify(U * sympy.diag(*s) * V.T - A) == sympy.zeros(2, 2)
        assert U.T * U == sympy.eye(2)
        assert entrywise_l1(ops, A - truncation(ops, A, 1)) == 2
        assert entrywise_l1(ops, A - B) == Fraction(3, 2)
        assert B.rank() == 1


@pytest.mark.parametrize("build", [eckart_young._exact_generic_4x3, eckart_young._exact_optimal_3x3])
def test_spectral_certificate_is_decided_in_rational_arithmetic(build):
    evaluation = eckart_young.eckart_young_spectral.evaluate(Exact(), build())
    by_label = dict(zip((r.label for r in evaluation.relations), evaluation.differences, strict=True))
    certificate = by_label["certificate: ‖(A − B)z‖² ≥ σ_{k+1}²‖z‖²"]
    assert certificate.is_Rational and certificate >= 0, f"‖(A − B)z‖² − σ_{{k+1}}²‖z‖² = {certificate}"
    assert evaluation.holds, f"verdicts {evaluation.verdicts}"
