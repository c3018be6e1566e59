import pytest
import sympy

from numerics.backends import Exact, truncation
from numerics.claims import bind
from numerics.linalg import full_svd, product, rank_at_scale
from proofs import low_rank
from proofs.low_rank import RANK_CASES, REDUCTION_CASES, lora_update_terms, rotated_factors
from tests.theorem_tests import theorem_tests

test_case, test_exact, test_randomized = theorem_tests(low_rank)

ATTAINING = [pytest.param(c, id=c.name) for c in RANK_CASES if c.name.startswith("attaining")]


@pytest.mark.parametrize("case", ATTAINING)
def test_attaining_factors_give_the_rank_2r_truncation(case):
    """A = U_{[:,:r]}, B = V_{[:,r:2r]}ᵀ: AAᵀM + MBᵀB = M_{2r}, of rank exactly 2r."""
    ops = Exact()
    values = case.build()
    bound, _ = bind(ops, values)
    M, r = bound["M"], values["r"]
    left, right = lora_update_terms(ops, M, bound["A"], bound["B"])
    update = (left + right).applyfunc(sympy.cancel)
    best = truncation(ops, M, 2 * r).applyfunc(sympy.cancel)
    assert update == best, f"{case.name}: AAᵀM + MBᵀB = {update}, M_2r = {best}"
    rank = rank_at_scale(ops, update, scale=1, size=4)
    assert rank == 2 * r, f"{case.name}: rank {rank}"


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in REDUCTION_CASES if c.kind == "exact"])
def test_rotated_factors_reach_every_product(case):
    """Uᵀ(UA)(BVᵀ)V = AB exactly, for the full orthogonal U and V of M."""
    ops = Exact()
    bound, _ = bind(ops, case.build())
    M, A, B = bound["M"], bound["A"], bound["B"]
    U, _, V = full_svd(ops, M)
    A_rotated, B_rotated = rotated_factors(ops, A, B, U, V)
    assert product(ops, U.T, A_rotated, B_rotated, V) == product(ops, A, B)


def test_thin_svd_mutant_holds_on_square_matrices():
    """The thin SVD only loses something off the square: for square M, U_p = U and V_p = V."""
    mutant = low_rank.THEOREMS[0].mutant_claims[0]
    square = REDUCTION_CASES[3].build()
    assert square["M"].shape == (3, 3)
    assert mutant.evaluate(Exact(), square).holds
    assert not mutant.evaluate(Exact(), REDUCTION_CASES[2].build()).holds


def test_rank_le_r_mutant_is_refuted_by_the_attaining_case():
    mutant = next(m for m in low_rank.THEOREMS[2].mutant_claims if m.name == "lora_rank_le_r")
    case = next(c for c in RANK_CASES if c.name == "attaining_4x4_r2")
    evaluation = mutant.evaluate(Exact(), case.build())
    assert not evaluation.holds
    assert (evaluation.relations[-1].lhs, evaluation.relations[-1].rhs) == (4, 2), evaluation.relations[-1]


def test_generic_symbolic_rank_is_two():
    """The symbolic 3×3 case really reaches the bound 2r = 2 (the check is not vacuous)."""
    ops = Exact()
    values = next(c for c in RANK_CASES if c.name == "generic_3x3_r1").build()
    bound, _ = bind(ops, values)
    left, right = lora_update_terms(ops, bound["M"], bound["A"], bound["B"])
    assert rank_at_scale(ops, left + right, scale=1, size=3) == 2
