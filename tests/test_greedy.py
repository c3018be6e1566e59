from fractions import Fraction

import mpmath
import sympy

from numerics import exact
from numerics.backends import Exact, HighPrecision
from numerics.claims import bind
from numerics.linalg import dot
from proofs import greedy
from tests.theorem_tests import theorem_tests

test_case, test_exact, test_randomized = theorem_tests(greedy)

A_VALUES = (7, 3, 1)  # the prescribed singular values of the module's 4×3 cases


def _bound(ops, values):
    """The case's values converted to ``ops`` (prescribed SVDs registered); use inside ``with ops``."""
    return bind(ops, values)[0]


def _failures(claim, values):
    evaluation = claim.evaluate(Exact(), values)
    return [
        (rel.label, diff)
        for rel, diff, ok in zip(
            evaluation.relations, evaluation.differences, evaluation.verdicts, strict=True
        )
        if not ok
    ]


def test_greedy_sequence_finds_the_singular_values_at_high_precision():
    ops = HighPrecision(30)
    with ops:
        A = _bound(ops, {"A": greedy._prescribed_4x3()})["A"]
        sequence = greedy.greedy_sequence(ops, A)
        V = sequence.vectors
        gram = [[dot(ops, V[i], V[j]) for j in range(3)] for i in range(3)]
        captured = [ops.frobenius_sq(A * v) for v in V]
    assert sequence.rank == 3, sequence
    for i in range(3):
        for j in range(3):
            assert abs(gram[i][j] - (i == j)) < 1e-25, (i, j, gram)
    for value, expected in zip(captured, A_VALUES, strict=True):
        assert abs(value - expected**2) < 1e-24, (captured, A_VALUES)


def test_greedy_sequence_stops_at_the_rank_and_completes_the_basis():
    ops = HighPrecision(30)
    with ops:
        A = _bound(ops, {"A": greedy._prescribed_4x3((5, 2, 0))})["A"]
        sequence = greedy.greedy_sequence(ops, A)
        beyond = ops.frobenius_sq(A * sequence.vectors[2])
        unit = ops.frobenius_sq(sequence.vectors[2])
    assert sequence.rank == 2, sequence
    assert beyond < 1e-25 and abs(unit - 1) < 1e-25, (beyond, unit)


def test_certificate_accepts_the_maximiser_and_refutes_a_smaller_bound():
    ops = Exact()
    with ops:
        A = _bound(ops, {"A": greedy._prescribed_4x3()})["A"]
        V = greedy.greedy_sequence(ops, A).vectors
        accepted = greedy.greedy_step_certificate(ops, A, V[:1], 9, step=2)
        refuted = greedy.greedy_step_certificate(ops, A, [], 9, step=1)  # σ₂² claimed for step 1
    assert all(rel.rhs >= 0 for rel in accepted), [(rel.label, rel.rhs) for rel in accepted]
    # e₁(9I − AᵀA) = 27 − (49 + 9 + 1) < 0: v₂'s value is not the maximum over all unit w
    assert refuted[0].rhs == 27 - 59, [(rel.label, rel.rhs) for rel in refuted]


def test_char_coefficients_are_the_same_in_both_backends():
    M = [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]
    exact_e = greedy.char_coefficients(Exact(), sympy.Matrix(M))
    with HighPrecision(30) as ops:
        numeric_e = greedy.char_coefficients(ops, mpmath.matrix(M))
    assert exact_e == [6, 10, 4], exact_e
    assert all(abs(a - b) < 1e-25 for a, b in zip(exact_e, numeric_e, strict=True)), (exact_e, numeric_e)


def test_step_1_basis_has_its_last_vector_orthogonal_to_the_greedy_vectors():
    ops = Exact()
    V = [sympy.Matrix(c) for c in exact.householder([2, -1, 2])]
    W = sympy.Matrix(exact.rational_orthogonal([[1, 1, 0], [0, 1, 2]]))
    X = [W[:, j] for j in range(3)]
    basis = greedy.basis_orthogonal_to_greedy(ops, X, V[:2])
    P = greedy.span_projector(ops, X, 3)
    assert [dot(ops, v, basis[-1]) for v in V[:2]] == [0, 0], basis
    assert all(dot(ops, basis[a], basis[b]) == 0 for a in range(3) for b in range(a)), basis
    assert all(P * y == y and y != sympy.zeros(3, 1) for y in basis), basis


def test_step_1_basis_when_the_list_is_already_orthogonal_to_the_greedy_vectors():
    """⟨v_1, w_j⟩ = 0 for every j: the maximal minors vanish and the null space gives the vector."""
    ops = Exact()
    e = [sympy.eye(3)[:, j] for j in range(3)]
    basis = greedy.basis_orthogonal_to_greedy(ops, [e[2], e[1]], [e[0]])
    assert len(basis) == 2 and dot(ops, basis[0], basis[1]) == 0, basis
    assert dot(ops, e[0], basis[-1]) == 0 and basis[-1] != sympy.zeros(3, 1), basis


def _documented_perturbation():
    """The case rotated_pair_4x3: v_1, v_2 rotated by (4/5, 3/5), so σ_1² = 173/5, σ_2² = 117/5 and
    ⟨Av_1, Av_2⟩ = (12/25)(9 − 49) = −96/5 < 0 (the sign flip is exercised)."""
    ops = Exact()
    values = {"A": greedy._prescribed_4x3(), "Q": greedy._rotated_pair(Fraction(4, 5), Fraction(3, 5))}
    with ops:
        bound = _bound(ops, values)
        A, Q = bound["A"], bound["Q"]
        vectors = [Q[:, j] for j in range(3)]
        pair = greedy.first_nonorthogonal_pair(ops, A, vectors)
        steps = greedy.perturbation_steps(ops, A, vectors, *pair)
    return pair, {rel.label: rel for rel in steps}


def test_perturbation_on_the_documented_list():
    pair, steps = _documented_perturbation()
    assert pair == (0, 1), pair
    eps = steps["ε < 1"].lhs
    assert eps == sympy.Rational(96, 269), eps  # g/(σ_1² + g) with g = 96/5 after the flip
    gain = steps["‖Av_1'‖² − σ_1² ≥ εσ_1σ_2δ > 0: not greedy at step 1"]
    assert gain.lhs == eps * sympy.Rational(96, 5) and gain.rhs - gain.lhs >= 0 and gain.lhs > 0, gain


def test_printed_expansion_misses_the_corrected_one_by_its_cubic_term():
    _, steps = _documented_perturbation()
    rel = steps["(σ_1 + εσ_2δ)(1 − ε²/2) = σ_1 + εσ_2δ − ε²σ_1/2 − ε³σ_2δ/2"]
    sigma_1 = sympy.sqrt(sympy.Rational(173, 5))
    a = sympy.Rational(96, 5) / sigma_1
    eps = sympy.Rational(96, 269)
    assert sympy.simplify(rel.lhs - greedy.expansion(sigma_1, a, eps)) == 0, rel
    printed_gap = greedy.expansion(sigma_1, a, eps) - greedy.expansion_as_printed(sigma_1, a, eps)
    assert sympy.simplify(printed_gap - eps**3 * a * (sigma_1 - 1) / 2) == 0, printed_gap
    assert printed_gap != 0, printed_gap


def test_completion_from_j_as_printed_fails_below_the_rank():
    values = {"A": greedy._prescribed_4x3(), "j": 1, "Q": greedy._householder_101()}
    failures = dict(_failures(greedy.COMPLETION_FROM_J, values))
    assert failures.get("v_1..v_r, v_{j+1}..v_m are m vectors") == -2, failures  # 3 + (3 − 1) ≠ 3
    assert "Av_2 = 0 (i = 2..m)" in failures and "Av_3 = 0 (i = 2..m)" in failures, failures
    assert greedy.variational_characterization.evaluate(Exact(), values).holds


def test_greedy_without_orthogonality_repeats_the_first_vector():
    ops = Exact()
    with ops:
        A = _bound(ops, {"A": greedy._prescribed_4x3()})["A"]
        sequence = greedy.greedy_sequence(ops, A, orthogonal=False)
    assert len(set(map(tuple, sequence.vectors))) == 1 and sequence.rank == 3, sequence
    failures = _failures(greedy.GREEDY_WITHOUT_ORTHOGONALITY, {"A": greedy._prescribed_4x3()})
    assert ("(1) ⟨v_1, v_2⟩ = 0", -1) in failures, failures


def test_max_entry_norm_counterexample():
    """k = 1, w_1 the first column of H(1, 0, 1): ‖Aw_1‖_∞² exceeds ‖Av_1‖_∞² by 295/729 here."""
    values = {"A": greedy._prescribed_4x3(), "k": 1, "W": greedy._householder_101()}
    failures = _failures(greedy.BEST_SUBSPACE_MAX_ENTRY, values)
    assert failures and failures[0][1] == sympy.Rational(-295, 729), failures
    assert greedy.greedy_finds_best_subspace.evaluate(Exact(), values).holds
