from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings

from numerics import claims, corner, exact
from numerics.backends import Exact, HighPrecision, truncation
from numerics.claims import bind
from numerics.linalg import rank_at_scale
from proofs import why_project as wp
from tests.theorem_tests import theorem_tests

test_case, test_exact, test_randomized = theorem_tests(wp)

DELTAS = (Fraction(1, 2), Fraction(1, 10), Fraction(1, 1000), Fraction(1, 10**6), Fraction(7))


def _exact(values):
    ops = Exact()
    bound, _ = bind(ops, values)
    return ops, bound


@pytest.mark.parametrize("k", [1, 2, 3])
@pytest.mark.parametrize("delta", DELTAS, ids=str)
def test_tight_instance_exceeds_five_minus_delta(k, delta):
    epsilon, values = wp.tight_instance(k, delta)
    ops, v = _exact(values)
    ratio = wp.kmeans_ratio(ops, v["A"], v["C"], k)
    assert epsilon > 0 and ratio == wp.tight_ratio(epsilon), (k, delta, epsilon, ratio)
    assert 5 - delta < ratio < 5, (k, delta, epsilon, ratio)
    assert not wp.why_project_8k.violations(values), wp.why_project_8k.violations(values)


def test_tight_epsilon_needs_a_positive_delta():
    with pytest.raises(ValueError, match="delta"):
        wp.tight_epsilon(0)


@pytest.mark.parametrize("k", [1, 2])
def test_ratio_is_exactly_five_when_sigma_k_equals_sigma_k_plus_1(k):
    ops, v = _exact(wp.tight_matrices(k, 0))
    ratio = wp.kmeans_ratio(ops, v["A"], v["C"], k)
    assert ratio == 5, (k, ratio)


@pytest.mark.parametrize(
    "mutant, case",
    [
        ("why_project_sharp_4_5k", "tight_k1_delta_1_2"),
        ("why_project_sharp_4_9k", "tight_k1_delta_1_10"),
        ("why_project_sharp_4_9k", "tight_k3_delta_1_1000"),
        ("why_project_sharp_min_off_by_one", "tight_k2_delta_1_2"),
        ("why_project_sharp_without_sigma_k_plus_1", "tight_k1_delta_1_2"),
        ("why_project_sharp_min_over_rank_of_a", "rank_step_tight"),
        ("why_project_8k_without_k", "tight_k2_delta_1_10"),
        ("why_project_numerical_corner_vh_column", "generic_2x2_k1"),
    ],
)
def test_constant_too_small_is_refuted_by_a_case_the_theorem_passes(mutant, case):
    mutant = next(m for t in wp.THEOREMS for m in t.mutant_claims if m.name == mutant)
    theorem = next(t for t in wp.THEOREMS if t.id == mutant.id)
    values = next(c for c in theorem.cases if c.name == case).build()
    assert theorem.claim.evaluate(Exact(), values).holds, (theorem.id, case)
    evaluation = mutant.evaluate(Exact(), values)
    assert not evaluation.holds, (mutant.name, case, evaluation.differences)


def test_sharp_constant():
    assert wp.sharp_constant(2, 4, 4) == 10
    assert wp.sharp_constant(2, 3, 5) == 6  # min(k, m − k, n − k) = 1
    assert wp.sharp_constant(3, 3, 6) == 3  # k = m: no complement, only the projected term
    assert all(
        wp.sharp_constant(k, m, n) <= 5 * k for k in range(1, 5) for m in range(k, 9) for n in range(k, 9)
    )


def _generic_values():
    return next(c for c in wp.EXTREMAL_CASES if c.name == "generic_4x3_k2").build()


def test_split_by_left_singular_vectors_is_an_orthogonal_decomposition():
    ops, v = _exact(_generic_values())
    A, C, k = v["A"], v["C"], v["k"]
    first, second = wp.split_by_left_singular_vectors(ops, A, C, k)
    assert truncation(ops, A, k) - C == first - second, (first, second)
    assert first.T * second == sympy.zeros(3, 3), first.T * second
    assert second.rank() <= min(k, A.rows - k), (second.rank(), k, A.rows)


def test_split_by_right_singular_vectors_is_an_orthogonal_decomposition():
    ops, v = _exact(_generic_values())
    A, C, k = v["A"], v["C"], v["k"]
    first, second = wp.split_by_right_singular_vectors(ops, A, C, k)
    assert truncation(ops, A, k) - C == first - second, (first, second)
    assert first * second.T == sympy.zeros(4, 4), first * second.T
    assert second.rank() <= min(k, A.cols - k), (second.rank(), k, A.cols)


def test_projector_is_an_orthogonal_projection_of_rank_k():
    ops, v = _exact(_generic_values())
    P = wp.projector(ops, ops.svd(v["A"])[0], 2)
    assert P * P == P and P.T == P and P.rank() == 2, P


@pytest.mark.parametrize(
    "build, ratios",
    [
        (
            lambda: next(c for c in wp.EXTREMAL_CASES if c.name == "rank_step_tight").build(),
            (1, Fraction(1, 4)),
        ),
        (lambda: wp.tight_matrices(1, 0), (Fraction(5, 8), 1)),
        (lambda: wp.tight_matrices(3, 0), (Fraction(5, 8), 1)),
    ],
    ids=["rank_step_tight", "repeated_sigma_k1", "repeated_sigma_k3"],
)
def test_each_step_of_002_is_tight_alone_but_not_both(build, ratios):
    """ρ₁ ≤ 1/2 + 1/(8ρ₂) with equality at both ends: ρ₁ = 1 forces ρ₂ = 1/4, ρ₂ = 1 forces ρ₁ = 5/8."""
    values = build()
    ops, v = _exact(values)
    rho1, rho2 = wp.chain_ratios(ops, v["A"], v["C"], v["k"])
    assert (rho1, rho2) == ratios, (rho1, rho2)
    assert rho1 == Fraction(1, 2) + 1 / (8 * rho2), (rho1, rho2)
    assert rho1 * rho2 <= Fraction(5, 8), (rho1, rho2)


@settings(max_examples=40)
@given(claims.instances(wp.why_project_sharp_5k, max_side=4))
def test_002_steps_are_never_tight_together(values):
    ops = HighPrecision(40 + claims.dynamic_range_digits(values))
    with ops:
        bound, _ = bind(ops, values)
        A, C, k = bound["A"], bound["C"], bound["k"]
        F = truncation(ops, A, k) - C
        scale = wp.data_scale(ops, A, C)
        if ops.spectral_sq(F) <= 1e-20 * scale or ops.spectral_sq(A - C) <= 1e-20 * scale:
            return
        rho1, rho2 = wp.chain_ratios(ops, A, C, k)
        assert rho1 <= 0.5 + 1 / (8 * rho2) + 1e-15, (rho1, rho2, claims.describe(values))
        assert rho1 * rho2 <= 0.625 + 1e-15, (rho1, rho2, claims.describe(values))


def test_rank_at_scale_ignores_rounding():
    """(I − P)C = 0 exactly when C's columns lie in span(u_1..u_k); numerically it is rounding, of rank 0."""
    U = exact.householder([1, 2, 2])
    A = exact.matrix_with_svd(U, (3, 2, 1), exact.householder([1, 1, 0]))
    C = exact.ExactMatrix(exact.exact_matmul([[row[0]] for row in U], [[1, 2, 3]]), "rational")
    ops = HighPrecision(30)
    with ops:
        bound, _ = bind(ops, {"A": A, "C": C})
        second = wp.split_by_left_singular_vectors(ops, bound["A"], bound["C"], 1)[1]
        scale = ops.sqrt(wp.data_scale(ops, bound["A"], bound["C"]))
        assert rank_at_scale(ops, second, scale=scale) == 0, ops.svd(second)[1]


def test_exact_checks_decide_a_tiny_a_against_a_huge_c():
    """‖A‖ ≈ 10⁻¹⁰⁰, ‖C‖ ≈ 10¹⁰⁰: the triangle steps hold to ~200 digits, decided on rational bounds."""
    eye = exact.rational_orthogonal([], size=4)
    A = exact.matrix_with_svd(exact.householder([1, 3]), (Fraction(1, 10**98), Fraction(1, 10**100)), eye)
    C = exact.ExactMatrix(((0, 0, 0, 0), (6 * 10**99, 0, 0, 0)), "huge")
    values = {"A": A, "k": 1, "C": C}
    for theorem in wp.THEOREMS:
        evaluation = theorem.claim.evaluate(Exact(), values)
        assert evaluation.holds, (theorem.id, evaluation.differences)


@pytest.mark.parametrize("digits", [10, 50])
def test_rational_bounds_enclose_the_value(digits):
    x = sympy.symbols("x")
    root = sympy.CRootOf(x**3 - 3 * x + 1, 2)
    value = (1 + sympy.sqrt(root)) ** 2 / 7 - 4 * root + sympy.sqrt(3)
    low, high = wp.rational_bounds(value, digits)
    assert low <= value <= high and high - low < sympy.Rational(1, 10 ** (digits - 4)), (low, high)


def test_rational_bounds_reject_what_they_cannot_bound():
    with pytest.raises(ValueError, match="cannot bound"):
        wp.rational_bounds(sympy.pi, 10)


def test_numerical_corner_reproduces_the_printed_numbers_and_the_corrected_ones():
    result = corner.reproduce()
    assert min(result["digits"].values()) >= 12, result["digits"]
    rounded = {name: round(value, 1) for name, value in result["corrected"].items()}
    assert rounded == {"frob": 200925.7, "top_sval_sq": 2095.4, "frob_proj": 1614.2}, result["corrected"]
    assert result["bound"]["ratio"] <= 5, result["bound"]


@pytest.mark.parametrize("printed_centres", [True, False])
def test_numerical_corner_vh_column_is_harmless_on_its_data(printed_centres):
    """v₁ ≈ ±e₁ on this data, so vh[:,0] ≈ vh[0,:] (in general they differ: the mutant's case)."""
    objectives = wp.corner_projection_objectives(printed_centres=printed_centres)
    assert objectives["vh[:,0]"] == pytest.approx(objectives["vh[0,:]"], rel=1e-10), objectives


def test_printed_centres_are_the_generators_swapped():
    ops = Exact()
    printed = wp.cluster_centres(ops, 3, 2, 3, printed=True)
    generator = wp.cluster_centres(ops, 3, 2, 3, printed=False)
    assert printed == -generator and printed[0, 0] == -3 and generator[0, 0] == 3, (printed, generator)


def test_errata_literals_are_mutants_of_why_project_8k():
    mutants = {m.name for t in wp.THEOREMS for m in t.mutant_claims}
    for erratum in wp.ERRATA:
        assert erratum.literal.name in mutants and erratum.corrected is wp.why_project_8k, erratum.name
