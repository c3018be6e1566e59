import mpmath
import pytest
import sympy

from numerics import exact
from numerics.backends import Exact, HighPrecision
from numerics.claims import bind
from numerics.precision import tolerance
from proofs import spectral_theorem
from proofs.spectral_theorem import (
    NONZERO_EIGENVALUE,
    eigenpair,
    eigenspace,
    eliminated_combination,
    linear_dependence,
    orthogonal_completion,
    quadratic_form_imaginary_part,
    real_eigenvalue_count,
    similar_matrix,
    spectral_decomposition,
    spectral_theorem_induction_step,
)
from tests.theorem_tests import theorem_tests

test_case, test_exact, test_randomized = theorem_tests(spectral_theorem)

EXACT = Exact()


def _matrix(rows):
    return sympy.Matrix(rows)


def _case(name):
    return getattr(spectral_theorem, name)()


def test_real_root_count_counts_multiplicities_and_certifies_irrational_spectra():
    irrational = _case("_exact_irrational_3x3")["M"].to_sympy()
    assert real_eigenvalue_count(irrational) == 3, irrational.charpoly()
    assert real_eigenvalue_count(_matrix([[1, 0], [0, 1]])) == 2
    assert real_eigenvalue_count(_matrix([[0, -1], [1, 0]])) == 0


def test_quadratic_form_is_real_exactly_when_symmetric():
    p = sympy.Matrix(sympy.symbols("p0:2", real=True))
    q = sympy.Matrix(sympy.symbols("q0:2", real=True))
    general = _case("_symbolic_general_2x2")["M"].matrix
    assert sympy.expand(quadratic_form_imaginary_part(EXACT, general, p, q)) == 0
    rotation = _matrix([[0, -1], [1, 0]])
    value = sympy.expand(quadratic_form_imaginary_part(EXACT, rotation, p, q))
    assert value == 2 * (p[1] * q[0] - p[0] * q[1]), value


def test_a_rotation_refutes_real_eigenvalues_without_symmetry():
    mutant = spectral_theorem.THEOREMS[0].mutant_claims[0]
    values = {"M": exact.ExactMatrix(((0, -1), (1, 0)), "rational")}
    evaluation = mutant.evaluate(EXACT, values)
    assert not evaluation.holds and evaluation.differences == (2,), evaluation
    with HighPrecision(30) as ops:
        (relation,) = mutant.relation(ops, M=ops.matrix(values["M"].rows))
        assert abs(relation.lhs - 1) < 1e-25, relation


def test_eigenspace_basis_of_a_repeated_eigenvalue_is_not_orthogonal():
    M = _case("_exact_repeated_3x3")["M"].to_sympy()
    x, y = eigenspace(EXACT, M, 2, scale=0)
    assert (M * x, M * y) == (2 * x, 2 * y), (x, y)
    assert (x.T * y)[0] == 4, (x, y)
    (z,) = eigenspace(EXACT, M, -1, scale=0)
    assert (x.T * z)[0] == (y.T * z)[0] == 0, (x, y, z)


def test_similar_matrix_is_not_symmetric_and_keeps_the_spectrum():
    values = spectral_theorem._exact_similar((3, 2, -1))()
    with EXACT as ops:
        bound, _ = bind(ops, values)
        M = similar_matrix(ops, bound["S"], bound["B"])
    assert M != M.T, M
    lam = sympy.Symbol("lam")
    assert sympy.factor(M.charpoly(lam).as_expr()) == (lam - 3) * (lam - 2) * (lam + 1), M


def test_linear_dependence_lemma_finds_no_contradiction_for_a_repeated_eigenvalue():
    values = spectral_theorem._exact_similar((2, 2, -1))()
    with EXACT as ops:
        bound, _ = bind(ops, values)
        M = similar_matrix(ops, bound["S"], bound["B"])
        eigenvalues = [2, 2, -1]
        vectors = [eigenspace(ops, M, lam, scale=0)[0] for lam in eigenvalues]
        assert linear_dependence(ops, vectors) == (2, [1]), vectors
        combination = eliminated_combination(ops, eigenvalues, vectors, 2, [1])
        assert combination == sympy.zeros(3, 1), combination
        distinct = [vectors[0], vectors[2]]
        assert linear_dependence(ops, distinct) is None, distinct


def test_exact_completion_is_orthogonal_with_the_given_first_column():
    for u in (
        sympy.Matrix([1, 2, 2]) / 3,
        sympy.Matrix([1, 1, 0]) / sympy.sqrt(2),
        sympy.Matrix([1, 0, 0]),
        sympy.Matrix([-1, 0, 0]),
    ):
        P = orthogonal_completion(EXACT, u)
        assert sympy.simplify(P.T * P - sympy.eye(3)) == sympy.zeros(3, 3), (u, P)
        assert sympy.simplify(P[:, 0] - u) == sympy.zeros(3, 1), (u, P)


def test_exact_search_prefers_a_simple_eigenvalue_and_stays_rational():
    M = _case("_exact_repeated_3x3")["M"].to_sympy()
    lam, u = eigenpair(EXACT, M)
    assert lam == -1 and u.T * u == sympy.Matrix([[1]]), (lam, u)
    decomposition = spectral_decomposition(EXACT, M)
    assert all(x.is_Rational for x in decomposition.U), decomposition.U
    assert decomposition.eigenvalues == [-1, 2, 2], decomposition.eigenvalues


def test_induction_normalises_with_radicals_where_it_must():
    M = _case("_exact_radical_3x3")["M"].to_sympy()
    decomposition = spectral_decomposition(EXACT, M)
    U, eigenvalues = decomposition.U, decomposition.eigenvalues
    assert eigenvalues == [5, 3, 1], eigenvalues
    assert any(x.has(sympy.sqrt(2)) for x in U), U
    assert sympy.simplify(U * sympy.diag(*eigenvalues) * U.T - M) == sympy.zeros(3, 3), U


def test_decomposition_is_assembled_by_the_recursion():
    """U = (u₁, QV): the first column is the first step's eigenvector, the others Q times the
    decomposition of QᵀMQ, and the eigensolver only ever searches one eigenpair per block."""
    M = _case("_exact_double_pairs_4x4")["M"]
    orders = []

    class Recording(HighPrecision):
        def eigh(self, S):
            orders.append(S.rows)
            return super().eigh(S)

    with Recording(40) as ops:
        A = ops.matrix(M.rows)
        decomposition = spectral_decomposition(ops, A)
        (block, step), *_ = decomposition.steps
        rest = spectral_decomposition(ops, step.deflated)
        expected = step.Q * rest.U
        residual = mpmath.mnorm(decomposition.U[:, 1:] - expected, "f")
        assert residual < tolerance(dps=40, size=4, scale=1), residual
        assert decomposition.U[:, 0] == step.vector, (decomposition.U, step.vector)
    assert orders == [4, 3, 2, 3, 2], orders


@pytest.mark.parametrize("name", ["_exact_zero_3x3", "_exact_repeated_3x3", "_exact_double_pairs_4x4"])
def test_high_precision_induction_recovers_the_spectrum(name):
    M = _case(name)["M"]
    with HighPrecision(40) as ops:
        A = ops.matrix(M.rows)
        decomposition = spectral_decomposition(ops, A)
        U = decomposition.U
        Lam = mpmath.diag(decomposition.eigenvalues)
        scale = mpmath.mnorm(A, "f")
        residual = mpmath.mnorm(U * Lam * U.T - A, "f")
        assert residual <= tolerance(dps=40, size=3, scale=scale), (name, residual)
        found = sorted(decomposition.eigenvalues, reverse=True)
        expected = [mpmath.mpf(w.numerator) / w.denominator for w in M.eigen.w]
        assert max(abs(a - b) for a, b in zip(found, expected, strict=True)) < 1e-30, (found, expected)


def test_printed_nonzero_eigenvalue_fails_on_zero_and_any_eigenvalue_works():
    values = _case("_exact_zero_3x3")
    literal = NONZERO_EIGENVALUE.evaluate(EXACT, values)
    failed = [r.label for r, ok in zip(literal.relations, literal.verdicts, strict=True) if not ok]
    assert failed == ["000: a non-zero eigenvalue λ₁ exists"], failed
    for ops in (EXACT, HighPrecision(30)):
        evaluation = spectral_theorem_induction_step.evaluate(ops, values)
        assert evaluation.holds, (ops, evaluation.differences)
