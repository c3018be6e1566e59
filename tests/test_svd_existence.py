from fractions import Fraction

import pytest
import sympy

from numerics import exact
from numerics.backends import Exact, HighPrecision
from numerics.claims import bind, dynamic_range_digits
from numerics.linalg import diagonal
from proofs import registry, svd_existence
from proofs.svd_existence import (
    PRINTED_4,
    PRINTED_ZERO_BLOCK,
    SHARED_INPUTS,
    bilinear_svd,
    independent_eigenbasis,
    naive_miss,
    naive_pairing,
    orthonormal_completion,
    rotation_90,
    svd_via_gram,
    symmetric_indefinite_2x2,
)
from tests.theorem_tests import theorem_tests

test_case, test_exact, test_randomized = theorem_tests(svd_existence)


def _bound(ops, value):
    """``value`` converted to ``ops`` (with its prescribed SVD registered); use inside ``with ops``."""
    bound, _ = bind(ops, {"M": value})
    return bound["M"]


def _prescribed(value):
    svd = value.svd
    return (
        sympy.Matrix(svd.U).applyfunc(sympy.Rational),
        [sympy.Rational(x) for x in svd.s],
        sympy.Matrix(svd.V).applyfunc(sympy.Rational),
    )


@pytest.mark.parametrize("name", SHARED_INPUTS)
def test_both_constructions_give_a_verified_svd_of_the_shared_inputs(name):
    value = SHARED_INPUTS[name]()
    U0, s0, V0 = _prescribed(value)
    with Exact() as ops:
        M = _bound(ops, value)
        rows, cols = M.shape
        gram = svd_via_gram(ops, M)
        bilinear = bilinear_svd(ops, M)
    for U, Sigma, V, how in (
        (gram.U, gram.Sigma(ops, rows, cols), gram.V, "000 (Gram)"),
        (
            bilinear.U,
            diagonal(ops, bilinear.values, shape=(rows, cols)),
            bilinear.V,
            "003 (bilinear maximum)",
        ),
    ):
        assert U.T * U == sympy.eye(rows), f"{name}, {how}: UᵀU = {U.T * U}"
        assert V.T * V == sympy.eye(cols), f"{name}, {how}: VᵀV = {V.T * V}"
        assert U * Sigma * V.T == M, f"{name}, {how}: UΣVᵀ = {U * Sigma * V.T} ≠ M = {M}"
    assert bilinear.values == s0, f"{name}: 003's λ = {bilinear.values}, prescribed σ = {s0}"
    assert gram.sigma == [x for x in s0 if x != 0], f"{name}: 000's Σ_r = {gram.sigma}, σ = {s0}"


@pytest.mark.parametrize("name", SHARED_INPUTS)
def test_the_greedy_construction_verifies_the_same_inputs(name):
    """The third construction (002's greedy sequence, ``proofs.greedy``), found by its catalog id."""
    claim = registry.theorem("svd_exists_via_greedy").claim
    values = {claim.variables[0].name: SHARED_INPUTS[name]()}
    for ops in (Exact(), HighPrecision(30)):
        evaluation = claim.evaluate(ops, values)
        assert evaluation.holds, f"{claim.id} on {name} in {ops}: slack {evaluation.slack}"


def test_the_gram_construction_derives_U_from_whatever_eigenbasis_of_MtM_it_is_handed():
    value = SHARED_INPUTS["tall_3x2"]()
    U, s, V = _prescribed(value)
    flip = sympy.diag(-1, 1)
    with Exact() as ops:
        M = _bound(ops, value)
        ops.known[id(M)] = (sympy.eye(3), s, V * flip)  # only V and σ are read: U here is wrong on purpose
        c = svd_via_gram(ops, M)
    assert c.U_r == U[:, :2] * flip, f"U_r = {c.U_r}, expected {U[:, :2] * flip}"
    assert c.U * c.Sigma(ops, 3, 2) * c.V.T == M, f"UΣVᵀ = {c.U * c.Sigma(ops, 3, 2) * c.V.T}, M = {M}"


def test_the_gram_construction_of_the_zero_matrix_completes_an_empty_U_r():
    with Exact() as ops:
        c = svd_via_gram(ops, _bound(ops, SHARED_INPUTS["zero_3x2"]()))
    assert (c.rank, c.sigma, c.U_r.shape, c.U) == (0, [], (3, 0), sympy.eye(3)), c


def test_the_exact_completion_is_rational_and_keeps_the_given_columns():
    Q = sympy.Matrix(exact.rational_orthogonal([[1, 2, 2, 0], [0, 1, -1, 3]]))[:, :2]
    with Exact() as ops:
        H = orthonormal_completion(ops, Q)
    assert H.T * H == sympy.eye(4), f"HᵀH = {H.T * H}"
    assert H[:, :2] == Q and all(x.is_Rational for x in H), f"H = {H}, Q = {Q}"


def test_the_gram_route_needs_extended_precision_on_a_graded_matrix(monkeypatch):
    """σ = (10²⁰, 10⁻²⁰): at the working precision λ₂ = 10⁻⁴⁰ drowns in u·‖M‖² and σ₂ is lost."""
    value = exact.matrix_with_svd(
        exact.householder([1, 2, 2]), (Fraction(10**20), Fraction(1, 10**20)), exact.householder([1, 3])
    )
    dps = 30 + dynamic_range_digits({"M": value})
    claim = svd_existence.svd_exists_via_gram
    assert claim.evaluate(HighPrecision(dps), {"M": value}).holds
    monkeypatch.setattr(svd_existence, "GUARD", 1)
    evaluation = claim.evaluate(HighPrecision(dps), {"M": value})
    failed = [rel.label for rel, ok in zip(evaluation.relations, evaluation.verdicts, strict=True) if not ok]
    assert "M = U_rΣ_rV_rᵀ" in failed, f"at GUARD = 1 the failed relations are {failed}"


def test_the_symmetric_indefinite_witness_is_the_pair_one_eigendecomposition_gives():
    """M = Q·diag(2, −3)·Qᵀ: flipping u₁ gives U' = V, the pair (V, V) of one eigendecomposition of M²."""
    with Exact() as ops:
        M = _bound(ops, symmetric_indefinite_2x2())
        c, naive_U = naive_pairing(ops, M, 1, 0)
        miss = naive_miss(ops, M, c, naive_U)
    assert naive_U == c.V, f"U' = {naive_U}, V = {c.V}"
    assert miss == 36, f"‖M − VΣVᵀ‖_F² = {miss}, expected 4·3² = 36"


def test_the_rotation_witness_is_the_identity_pair_and_no_sign_convention_repairs_it():
    with Exact() as ops:
        M = _bound(ops, rotation_90())
        c, naive_U = naive_pairing(ops, M, 1, 1)
        _, signed = naive_pairing(ops, M, 1, 1, fix_signs=True)
        misses = naive_miss(ops, M, c, naive_U), naive_miss(ops, M, c, signed)
    assert naive_U == sympy.eye(2) == c.V, f"U' = {naive_U}, V = {c.V}"
    assert signed == naive_U and misses == (4, 4), f"signed U' = {signed}, misses {misses}"


def test_a_single_sign_flip_is_undone_by_the_sign_convention():
    with Exact() as ops:
        M = _bound(ops, SHARED_INPUTS["tall_3x2"]())
        c, signed = naive_pairing(ops, M, 1, 0, fix_signs=True)
    assert signed == c.U, f"signed U' = {signed}, U = {c.U}"


def test_independent_eigenbasis_turns_within_the_plane_of_u_j_and_u_j1():
    U = sympy.Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    with Exact() as ops:
        turned = independent_eigenbasis(ops, U, 2, 1)
        flipped = independent_eigenbasis(ops, U, 2, 0)
    assert turned == sympy.Matrix([[1, -3, 2], [4, -6, 5], [7, -9, 8]]), turned
    assert flipped == sympy.Matrix([[1, -2, 3], [4, -5, 6], [7, -8, 9]]), flipped


@pytest.mark.parametrize(
    ("literal", "name"),
    [(PRINTED_4, "tall_3x2"), (PRINTED_4, "wide_2x3"), (PRINTED_ZERO_BLOCK, "wide_2x3")],
)
def test_the_printed_blocks_cannot_be_assembled_on_a_non_square_matrix(literal, name):
    value = SHARED_INPUTS[name]()
    evaluation = literal.evaluate(Exact(), {"M": value})
    (relation,) = evaluation.relations
    assert not evaluation.holds and {relation.lhs, relation.rhs} == set(value.shape), (name, relation)


def test_the_printed_zero_block_is_empty_and_harmless_at_full_column_rank():
    """tall_3x2 has r = m = 2: 0_{m×(m−r)} has no columns, so its wrong height misplaces nothing."""
    assert PRINTED_ZERO_BLOCK.evaluate(Exact(), {"M": SHARED_INPUTS["tall_3x2"]()}).holds


def test_the_printed_4_holds_on_square_matrices():
    value = exact.matrix_with_svd(exact.householder([1, 2]), (3, 1), exact.householder([2, 1]))
    assert PRINTED_4.evaluate(Exact(), {"M": value}).holds


def test_the_deflated_svd_is_an_svd_of_A1():
    value = SHARED_INPUTS["rank_deficient_4x3"]()
    with Exact() as ops:
        A = _bound(ops, value)
        first = bilinear_svd(ops, A).steps[0]
        P, s, Q = svd_existence._deflated_svd(ops, ops.svd(A), first.U1, first.V1)
    A1, Sigma = first.S[1:, 1:], diagonal(ops, s, shape=(3, 2))
    assert P.T * P == sympy.eye(3) and Q.T * Q == sympy.eye(2), f"P = {P}, Q = {Q}"
    assert P * Sigma * Q.T == A1, f"P·Σ·Qᵀ = {P * Sigma * Q.T}, A₁ = {A1}"


def test_u_parallel_to_Av_breaks_down_at_the_zero_block():
    """rank 2 of 3: the third deflated block is 0, and u₃ ∥ A₂v₃ = 0 is no unit vector."""
    value = SHARED_INPUTS["rank_deficient_4x3"]()
    with Exact() as ops:
        A = _bound(ops, value)
        steps = bilinear_svd(ops, A, maximiser=svd_existence._maximiser_along_Av).steps
    assert steps[2].A == sympy.zeros(2, 1), f"A₂ = {steps[2].A}"
    assert steps[2].u == sympy.zeros(2, 1) and steps[2].value == 0, (steps[2].u, steps[2].value)


def test_the_high_precision_maximiser_is_certified_by_the_spectral_norm():
    value = exact.ExactMatrix(((3, 1, -2), (0, 2, 5)), "rational")
    with HighPrecision(40) as ops:
        A = ops.matrix(value.rows)
        first = bilinear_svd(ops, A).steps[0]
        gap = abs(first.value**2 - ops.spectral_sq(A))
    assert gap < 1e-35, f"λ₁² − ‖A‖₂² = {gap}"
