import pytest
import sympy

from numerics import exact
from numerics.backends import Exact, HighPrecision
from numerics.claims import bind
from numerics.linalg import full_svd, product
from numerics.precision import tolerance
from proofs import pseudo_inverse
from proofs.pseudo_inverse import (
    CASES,
    INVERTING_ZEROS,
    SIGMA_UNTRANSPOSED,
    block_form_objective,
    left_minimiser,
    pseudo_inverse_via_svd,
    right_minimiser,
    sigma_dagger,
    svd_coordinates,
)
from tests.theorem_tests import theorem_tests

test_case, test_exact, test_randomized = theorem_tests(pseudo_inverse)

EXACT_CASES = [pytest.param(c, id=c.name) for c in CASES if c.kind == "exact"]


def _bound(ops, case):
    values = case.build()
    bound, _ = bind(ops, values)
    return values, bound


@pytest.mark.parametrize("case", EXACT_CASES)
def test_svd_construction_agrees_with_full_rank_factorisation(case):
    """VΣ†Uᵀ from the prescribed SVD equals sympy's pinv (Rᵀ(RRᵀ)⁻¹(CᵀC)⁻¹Cᵀ for A = CR), an
    independent formula."""
    ops = Exact()
    _, bound = _bound(ops, case)
    A = bound["A"]
    ours, theirs = pseudo_inverse.pseudo_inverse(ops, A), A.pinv()
    assert ours == theirs, f"{case.name}: VΣ†Uᵀ = {ours} but the full-rank formula gives {theirs}"


@pytest.mark.parametrize("case", EXACT_CASES)
def test_added_terms_are_invisible_to_the_objectives(case):
    """(I − A†A)W lies in null(A) and W(I − AA†) in null(Aᵀ) from the left: exactly zero."""
    ops = Exact()
    _, bound = _bound(ops, case)
    A, W = bound["A"], bound["B"]
    A_dagger = pseudo_inverse.pseudo_inverse(ops, A)
    right = product(ops, A, right_minimiser(ops, A, A_dagger, W) - A_dagger)
    left = product(ops, left_minimiser(ops, A, A_dagger, W) - A_dagger, A)
    assert right == sympy.zeros(*right.shape), f"{case.name}: A(I − A†A)W = {right}"
    assert left == sympy.zeros(*left.shape), f"{case.name}: W(I − AA†)A = {left}"


@pytest.mark.parametrize("case", EXACT_CASES)
def test_sigma_dagger_is_the_block_form_minimiser(case):
    """Z = Σ† makes the first two blocks vanish: ‖ΣZ − I_n‖² = n − k; its shape is r×n."""
    ops = Exact()
    _, bound = _bound(ops, case)
    A = bound["A"]
    n, r = A.shape
    U, s, V = full_svd(ops, A)
    k = sum(1 for x in s if x != 0)
    Z = sigma_dagger(ops, s, k, n, r)
    assert Z.shape == (r, n), f"{case.name}: Σ† has shape {Z.shape}, expected {(r, n)}"
    assert block_form_objective(ops, s, k, Z, n) == n - k
    assert svd_coordinates(ops, pseudo_inverse.pseudo_inverse(ops, A), U, V) == Z


def test_rank_deficient_minimisers_form_a_set():
    """On the tall rank-2 case the minimiser built from B differs from A† but has the same
    objective and a strictly larger norm."""
    ops = Exact()
    _, bound = _bound(ops, CASES[2])
    A, B = bound["A"], bound["B"]
    A_dagger = pseudo_inverse.pseudo_inverse(ops, A)
    other = right_minimiser(ops, A, A_dagger, B)
    identity = sympy.eye(A.rows)
    objective = ((A * other - identity).norm() ** 2, (A * A_dagger - identity).norm() ** 2)
    assert other != A_dagger
    assert sympy.simplify(objective[0] - objective[1]) == 0, f"objectives {objective}"
    assert other.norm() ** 2 > A_dagger.norm() ** 2, (
        f"‖B₁‖² = {other.norm() ** 2}, ‖A†‖² = {A_dagger.norm() ** 2}"
    )


def test_high_precision_pseudo_inverse_matches_exact_on_rank_deficient_case():
    """ops.rank decides that σ₃ (exactly 0, computed ~1e-30) is zero: A† agrees with the exact one."""
    exact_ops = Exact()
    values, bound = _bound(exact_ops, CASES[2])
    exact_dagger = pseudo_inverse.pseudo_inverse(exact_ops, bound["A"])
    with HighPrecision(30) as ops:
        A = ops.matrix(values["A"].rows)
        numeric = pseudo_inverse.pseudo_inverse(ops, A)
        error = max(abs(numeric[i, j] - ops.number(exact_dagger[i, j])) for i in range(3) for j in range(4))
        allowed = tolerance(dps=30, size=4, scale=1)
        assert error <= allowed, f"|A†_hp − A†_exact|_max = {error} > {allowed}"


def test_inverting_zeros_breaks_penrose_2_exactly():
    ops = Exact()
    evaluation = INVERTING_ZEROS.evaluate(ops, CASES[2].build())
    failed = [r.label for r, ok in zip(evaluation.relations, evaluation.verdicts, strict=True) if not ok]
    assert "Penrose 2: A†AA† = A†" in failed, f"failed relations: {failed}"
    # on a full-rank instance there is nothing to invert wrongly
    assert INVERTING_ZEROS.evaluate(ops, CASES[3].build()).holds


def test_inverting_zeros_inverts_rounding_noise_at_high_precision():
    """Without the rank cutoff the computed σ₃ ≈ 1e-31 (not 0) is inverted: Penrose 1 fails."""
    evaluation = INVERTING_ZEROS.evaluate(HighPrecision(30), CASES[2].build())
    failed = [r.label for r, ok in zip(evaluation.relations, evaluation.verdicts, strict=True) if not ok]
    assert "Penrose 1: AA†A = A" in failed, f"failed relations: {failed}"


def test_untransposed_sigma_is_undefined_off_square_and_harmless_on_square():
    off_square = SIGMA_UNTRANSPOSED.evaluate(Exact(), CASES[2].build())
    assert not off_square.holds and len(off_square.relations) == 1, off_square.relations
    assert SIGMA_UNTRANSPOSED.evaluate(Exact(), CASES[4].build()).holds


def test_product_rule_fails_on_the_textbook_counterexample():
    """A = (1 0), B = (1 1)ᵀ: (AB)† = 1 but B†A† = (½ ½)(1 0)ᵀ = ½."""
    mutant = next(m for m in pseudo_inverse.THEOREMS[0].mutant_claims if m.name.endswith("product_reversed"))
    values = {
        "A": exact.ExactMatrix([[1, 0]], "rational"),
        "B": exact.ExactMatrix([[1], [1]], "rational"),
    }
    evaluation = mutant.evaluate(Exact(), values)
    assert not evaluation.holds
    assert evaluation.relations[0].lhs == sympy.Rational(1, 2), evaluation.relations[0]


def test_erratum_literal_is_a_registered_mutant():
    (erratum,) = pseudo_inverse.ERRATA
    assert erratum.literal in pseudo_inverse.THEOREMS[0].mutant_claims
    assert erratum.corrected is pseudo_inverse_via_svd
