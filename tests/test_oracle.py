"""The certified oracle (``numerics.oracle``): every bound checked against a reference computed
much more precisely — exact singular values and subspaces for the known-SVD families, mpmath at
``dps + 40`` for float inputs — plus the paths, the argument validation and the bench's smoke run.

A violated bound fails.  A bound more than ``LOOSE`` = 10^6 times the true error (floored at the
output resolution ``2^-prec``) is *reported* as a ``LooseBound`` warning, not failed: the
residual-based angle bounds are known to be loose by about ``‖A‖/gap`` for tightly clustered or
strongly graded spectra, where the computed vectors are far better than perturbation theory for
a normwise residual can prove.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import mpmath
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mpmath.libmp import dps_to_prec

from numerics import oracle, strategies
from numerics.errors import InvalidArgument
from numerics.exact import matrix_with_svd, rational_orthogonal

LOOSE = 1e6
EXTRA = 40  # digits of the mpmath reference beyond the oracle's
HALF_PI = mpmath.pi / 2
EXAMPLES = settings(
    max_examples=20, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


class LooseBound(UserWarning):
    """A certified bound more than 10^6 times the true error."""


# --------------------------------------------------------------------------- references


def _mp(rows) -> mpmath.matrix:
    return mpmath.matrix([[mpmath.mpf(x.numerator) / x.denominator for x in row] for row in rows])


def _columns(M: mpmath.matrix, indices) -> mpmath.matrix:
    return mpmath.matrix([[M[r, c] for c in indices] for r in range(M.rows)])


def _sin_theta(computed: mpmath.matrix, complement: mpmath.matrix) -> mpmath.mpf:
    """Largest principal angle's sine between span(computed) and the complement's orthogonal
    complement: ``‖Eᵀ Q‖₂`` with ``Q`` an orthonormal basis of the computed columns."""
    if complement.cols == 0:
        return mpmath.mpf(0)
    Q = mpmath.qr(computed)[0]
    Q = _columns(Q, range(computed.cols))
    M = complement.T * Q
    return mpmath.sqrt(max(max(mpmath.eigsy(M.T * M, eigvals_only=True)), 0))


class Looseness:
    """Worst bound/true-error ratios seen, reported as one ``LooseBound`` warning."""

    def __init__(self):
        self.worst: dict[str, tuple[float, str]] = {}

    def add(self, what: str, bound, error, floor, instance: str) -> None:
        ratio = float(bound / max(error, floor))
        if ratio > self.worst.get(what, (0.0, ""))[0]:
            self.worst[what] = (ratio, instance)

    def report(self) -> None:
        loose = {what: v for what, v in self.worst.items() if v[0] > LOOSE}
        if loose:
            text = "; ".join(
                f"{what}: bound {r:.1e}x the true error ({where})" for what, (r, where) in loose.items()
            )
            warnings.warn(LooseBound(text), stacklevel=2)


def check_svd(result: oracle.SVDResult, values, left, right, label: str, looseness: Looseness) -> None:
    """Every bound of ``result`` against the true singular ``values`` (descending) and the true
    left/right singular vectors (full orthogonal mpmath matrices, columns in the same order)."""
    m, n = left.rows, right.rows
    p = min(m, n)
    prec = dps_to_prec(result.dps)
    scale = max(abs(values[0]), mpmath.mpf(2) ** -2000)
    for i in range(p):
        error = abs(result.s[i] - values[i])
        assert error <= result.s_radii[i], f"{label}: |s_{i} - σ_{i}| = {error} > radius {result.s_radii[i]}"
        looseness.add("values", result.s_radii[i], error, mpmath.mpf(2) ** -prec * scale, label)
    for group in result.groups:
        inside = [values[i] for i in group]
        outside = [values[j] for j in range(p) if j not in group]
        unique = all(a != b for a in inside for b in outside)
        sides = [("u", result.U, left, result.u_angles, m), ("v", result.Vt.T, right, result.v_angles, n)]
        for side, X, exact, angles, dim in sides:
            bound = angles[group[0]]
            assert all(angles[i] == bound for i in group), f"{label}: one angle per group"
            undetermined = not unique or (dim > p and min(inside) == 0)
            if undetermined:
                assert bound >= HALF_PI - mpmath.mpf(10) ** -10, (
                    f"{label}: {side} group {group} bounded but not unique"
                )
                continue
            complement = _columns(exact, [j for j in range(dim) if j not in group])
            angle = mpmath.asin(min(_sin_theta(_columns(X, group), complement), 1))
            assert angle <= bound, f"{label}: {side} group {group}: angle {angle} > bound {bound}"
            if bound < HALF_PI:
                looseness.add(f"{side}-angles", bound, angle, mpmath.mpf(2) ** -prec, label)


def check_eigh(result: oracle.EighResult, values, vectors, label: str, looseness: Looseness) -> None:
    """Every bound of ``result`` against the true eigenvalues (descending) and eigenvectors."""
    n = vectors.rows
    prec = dps_to_prec(result.dps)
    scale = max(max(abs(v) for v in values), mpmath.mpf(2) ** -2000)
    for i in range(n):
        error = abs(result.w[i] - values[i])
        assert error <= result.w_radii[i], f"{label}: |w_{i} - λ_{i}| = {error} > radius {result.w_radii[i]}"
        looseness.add("values", result.w_radii[i], error, mpmath.mpf(2) ** -prec * scale, label)
    for group in result.groups:
        inside = [values[i] for i in group]
        unique = all(a != values[j] for a in inside for j in range(n) if j not in group)
        bound = result.angles[group[0]]
        if not unique:
            assert bound >= HALF_PI - mpmath.mpf(10) ** -10, f"{label}: group {group} bounded but not unique"
            continue
        complement = _columns(vectors, [j for j in range(n) if j not in group])
        angle = mpmath.asin(min(_sin_theta(_columns(result.Q, group), complement), 1))
        assert angle <= bound, f"{label}: group {group}: angle {angle} > bound {bound}"
        if bound < HALF_PI:
            looseness.add("angles", bound, angle, mpmath.mpf(2) ** -prec, label)


# --------------------------------------------------------------------------- bounds against exact data


def test_documented_example():
    r = oracle.svd([[3, 0], [4, 5]], dps=30)
    with mpmath.workdps(40):
        assert abs(r.s[0] - 3 * mpmath.sqrt(5)) <= r.s_radii[0] < mpmath.mpf(10) ** -28
        assert abs(r.s[1] - mpmath.sqrt(5)) <= r.s_radii[1]
    assert r.path == "refined-float64-seed" and r.dps == 30 and r.groups == ((0,), (1,))


@pytest.mark.parametrize(
    "families",
    [
        ("gaussian", "rational", "known_svd", "tiny", "huge"),
        ("rank_deficient", "zero", "repeated", "clustered", "graded"),
    ],
)
def test_svd_bounds_hold_on_matrices_with_exactly_known_svd(families):
    looseness = Looseness()

    @EXAMPLES
    @given(
        strategies.any_matrices(
            families=[f for f in families if f in strategies.KNOWN_SVD_FAMILIES], max_side=4
        ),
        st.sampled_from([8, 20, 40]),
    )
    def check(matrix, dps):
        result = oracle.svd(matrix.rows, dps=dps)
        with mpmath.workdps(dps + 80):
            values = [mpmath.mpf(x.numerator) / x.denominator for x in matrix.svd.s]
            check_svd(
                result, values, _mp(matrix.svd.U), _mp(matrix.svd.V), f"{matrix!r} at dps {dps}", looseness
            )

    check()
    looseness.report()


def test_eigh_bounds_hold_on_matrices_with_exactly_known_eigenvectors():
    looseness = Looseness()
    families = [f for f in strategies.KNOWN_SVD_FAMILIES]

    @EXAMPLES
    @given(
        st.sampled_from(families).flatmap(
            lambda f: st.integers(1, 4).flatmap(lambda n: strategies.symmetric_matrices(family=f, size=n))
        ),
        st.sampled_from([8, 20, 40]),
    )
    def check(matrix, dps):
        result = oracle.eigh(matrix.rows, dps=dps)
        with mpmath.workdps(dps + 80):
            values = [mpmath.mpf(x.numerator) / x.denominator for x in matrix.eigen.w]
            check_eigh(result, values, _mp(matrix.eigen.Q), f"{matrix!r} at dps {dps}", looseness)

    check()
    looseness.report()


def _known(m, n, values, seed=0):
    rng = np.random.default_rng(seed)

    def orthogonal(size):
        vectors = [[int(x) for x in rng.integers(-3, 4, size)] for _ in range(3)]
        return rational_orthogonal([v for v in vectors if any(v)], size=size)

    return matrix_with_svd(orthogonal(m), sorted(values, reverse=True), orthogonal(n))


HARD = {
    "clustered below float64": (5, 5, [1 + Fraction(k, 10**25) for k in range(5)]),
    "graded to 1e-40": (5, 4, [Fraction(1, 10 ** (10 * k)) for k in range(4)]),
    "repeated with a zero": (4, 6, [2, 2, 2, 0]),
    "nearly repeated pairs": (6, 6, [3, 3 + Fraction(1, 10**30), 1, 1 + Fraction(1, 10**18), 0, 0]),
}


@pytest.mark.parametrize("name", sorted(HARD))
@pytest.mark.parametrize("dps", [30, 60])
def test_spectra_float64_cannot_seed_are_refined_and_certified(name, dps):
    m, n, values = HARD[name]
    matrix = _known(m, n, [Fraction(v) for v in values])
    result = oracle.svd(matrix.rows, dps=dps)
    assert result.path in ("refined-float64-seed", "refined-float64-seed+clusters"), result.path
    with mpmath.workdps(dps + 80):
        exact = [mpmath.mpf(x.numerator) / x.denominator for x in matrix.svd.s]
        check_svd(result, exact, _mp(matrix.svd.U), _mp(matrix.svd.V), name, Looseness())
        assert max(result.s_radii) < mpmath.mpf(10) ** (2 - dps) * exact[0]


def test_the_mpmath_fallback_is_certified_the_same_way():
    matrix = _known(4, 3, [Fraction(5), Fraction(2), Fraction(1, 3)])
    result = oracle.svd(matrix.rows, dps=25, method="mpmath")
    assert result.path == "fallback-mpmath" and result.iterations == 0
    with mpmath.workdps(100):
        exact = [mpmath.mpf(x.numerator) / x.denominator for x in matrix.svd.s]
        check_svd(result, exact, _mp(matrix.svd.U), _mp(matrix.svd.V), "fallback", Looseness())
    eigen = oracle.eigh([[2, 1], [1, 2]], dps=25, method="mpmath")
    assert eigen.path == "fallback-mpmath"
    with mpmath.workdps(60):
        assert abs(eigen.w[0] - 3) <= eigen.w_radii[0] and abs(eigen.w[1] - 1) <= eigen.w_radii[1]


# --------------------------------------------------------------------------- float inputs against mpmath


def _mpmath_svd(A: np.ndarray, dps: int):
    with mpmath.workdps(dps):
        m, n = A.shape
        U, s, Vt = mpmath.svd_r(mpmath.matrix(A.tolist()), full_matrices=True)
        return [s[i] for i in range(min(m, n))], U, Vt.T


FLOATS = {
    "gaussian 5x5": np.random.default_rng(1).standard_normal((5, 5)),
    "tall 6x3": np.random.default_rng(2).standard_normal((6, 3)),
    "wide 2x5": np.random.default_rng(3).standard_normal((2, 5)),
    "1x4": np.random.default_rng(4).standard_normal((1, 4)),
    "4x1": np.random.default_rng(5).standard_normal((4, 1)),
    "scaled 1e150": 1e150 * np.random.default_rng(6).standard_normal((3, 3)),
    "scaled 1e-150": 1e-150 * np.random.default_rng(7).standard_normal((3, 4)),
    "rank one": np.outer([1.0, 2.0, -1.5], [0.5, 1.0, 3.0, -2.0]),
}


@pytest.mark.parametrize("name", sorted(FLOATS))
def test_svd_bounds_hold_on_float_inputs_against_mpmath_at_higher_precision(name):
    A = FLOATS[name]
    dps = 30
    result = oracle.svd(A, dps=dps)
    values, U, V = _mpmath_svd(A, dps + EXTRA)
    with mpmath.workdps(dps + EXTRA):
        order = sorted(range(len(values)), key=lambda i: -values[i])
        values = [values[i] for i in order]
        U = _columns(U, order + list(range(len(order), U.rows)))
        V = _columns(V, order + list(range(len(order), V.rows)))
        if name == "rank one":  # exactly rank 1: the zero singular values are exactly tied
            values = values[:1] + [mpmath.mpf(0)] * (len(values) - 1)
        check_svd(result, values, U, V, name, Looseness())


@pytest.mark.parametrize("seed", range(3))
def test_eigh_bounds_hold_on_float_inputs_against_mpmath_at_higher_precision(seed):
    X = np.random.default_rng(seed).standard_normal((5, 5))
    S = X + X.T
    result = oracle.eigh(S, dps=30)
    with mpmath.workdps(30 + EXTRA):
        w, Q = mpmath.eigsy(mpmath.matrix(S.tolist()))
        order = sorted(range(5), key=lambda i: -w[i])
        check_eigh(result, [w[i] for i in order], _columns(Q, order), f"seed {seed}", Looseness())


def test_at_least_as_many_correct_digits_as_mpmath():
    A = np.random.default_rng(11).standard_normal((8, 8))
    dps = 30
    result = oracle.svd(A, dps=dps)
    reference, _, _ = _mpmath_svd(A, dps + EXTRA)
    own, _, _ = _mpmath_svd(A, dps)
    with mpmath.workdps(dps + EXTRA):
        reference = sorted(reference, reverse=True)
        oracle_error = max(abs(a - b) for a, b in zip(result.s, reference, strict=True))
        mpmath_error = max(abs(a - b) for a, b in zip(sorted(own, reverse=True), reference, strict=True))
        assert oracle_error <= max(2 * mpmath_error, mpmath.mpf(10) ** (-dps - 1) * reference[0])


# --------------------------------------------------------------------------- shapes, paths, zero matrix


@pytest.mark.parametrize("shape", [(1, 1), (1, 5), (5, 1), (3, 5), (5, 3), (4, 4)])
def test_results_have_the_reduced_shapes_and_mpmath_types(shape):
    A = np.random.default_rng(0).standard_normal(shape)
    r = oracle.svd(A, dps=20)
    m, n = shape
    p = min(shape)
    assert isinstance(r.U, mpmath.matrix) and (r.U.rows, r.U.cols) == (m, p)
    assert isinstance(r.Vt, mpmath.matrix) and (r.Vt.rows, r.Vt.cols) == (p, n)
    assert len(r.s) == p and all(isinstance(x, mpmath.mpf) for x in r.s)
    assert list(r.s) == sorted(r.s, reverse=True) and r.s[-1] >= 0
    assert len(r.s_radii) == len(r.u_angles) == len(r.v_angles) == p
    assert sorted(i for g in r.groups for i in g) == list(range(p))
    assert r.dps == 20 and r.path in oracle.PATHS and r.iterations >= 1


def test_zero_matrix_is_exact_and_its_undetermined_vectors_say_so():
    square = oracle.svd(np.zeros((3, 3)), dps=20)
    assert square.s == (0, 0, 0) and square.s_radii == (0, 0, 0)
    assert square.u_angles == square.v_angles == (0, 0, 0)  # the whole space: any basis is right
    tall = oracle.svd([[0, 0], [0, 0], [0, 0]], dps=20)
    assert tall.s_radii == (0, 0) and tall.v_angles == (0, 0)
    assert all(angle >= HALF_PI - 1e-15 for angle in tall.u_angles)  # 2 of 3 dimensions: not determined
    eigen = oracle.eigh(np.zeros((2, 2)), dps=20)
    assert eigen.w == (0, 0) and eigen.w_radii == (0, 0)


def test_eigh_is_descending_and_accepts_every_input_form():
    S = [[Fraction(2), Fraction(1, 3)], [Fraction(1, 3), Fraction(-1)]]
    forms = [
        S,
        mpmath.matrix([[2, mpmath.mpf(1) / 3], [mpmath.mpf(1) / 3, -1]]),
        np.array([[2, 0.5], [0.5, -1]]),
    ]
    for form in forms:
        r = oracle.eigh(form, dps=25)
        assert r.w[0] > r.w[1] and (r.Q.rows, r.Q.cols) == (2, 2)


def test_precision_is_scoped_not_global():
    before = mpmath.mp.dps
    oracle.svd([[1, 2], [3, 4]], dps=45)
    assert mpmath.mp.dps == before
    with mpmath.workdps(33):
        assert oracle.svd([[1, 2], [3, 4]]).dps == 33


# --------------------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: oracle.svd([[1.0]], dps=7), "dps"),
        (lambda: oracle.svd([[1.0]], dps=10_001), "dps"),
        (lambda: oracle.svd([[1.0]], dps=30.0), "dps"),
        (lambda: oracle.svd([[1.0]], dps=True), "dps"),
        (lambda: oracle.svd([[1.0]], method="lapack"), "method"),
        (lambda: oracle.svd(np.array([[1.0, np.nan]]), dps=20), "A"),
        (lambda: oracle.svd(np.array([[np.inf]]), dps=20), "A"),
        (lambda: oracle.svd([], dps=20), "A"),
        (lambda: oracle.svd(np.zeros((0, 3)), dps=20), "A"),
        (lambda: oracle.svd([[1, 2], [3]], dps=20), "A"),
        (lambda: oracle.svd(np.array([[1j]]), dps=20), "A"),
        (lambda: oracle.svd("matrix", dps=20), "A"),
        (lambda: oracle.eigh([[1, 2], [3, 4]], dps=20), "S"),
        (lambda: oracle.eigh([[1, 2, 3], [2, 1, 0]], dps=20), "S"),
        (
            lambda: oracle.eigh(
                np.array([[1.0, 0.1], [0.1 + 1e-17, 1.0]]) + np.array([[0, 0], [1e-16, 0]]), dps=20
            ),
            "S",
        ),
        (lambda: oracle.eigh([[1.0]], dps=5), "dps"),
    ],
)
def test_invalid_arguments_are_named(call, argument):
    with pytest.raises(InvalidArgument) as raised:
        call()
    assert raised.value.argument == argument, raised.value


def test_a_non_symmetric_matrix_is_an_error_not_symmetrised():
    with pytest.raises(InvalidArgument, match="symmetric"):
        oracle.eigh([[1.0, 2.0], [2.000000001, 1.0]], dps=20)


# --------------------------------------------------------------------------- the bench


def test_quick_bench_prints_ratios_digits_and_paths(capsys):
    from proofs import cli

    assert cli.main(["oracle", "bench", "--quick", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "ratio" in out and "certificate" in out and "digits" in out
    rows = [line for line in out.splitlines() if line.lstrip().startswith(("10 ", "20 "))]
    assert len(rows) == 4 and all("x " in row and "refined-float64-seed" in row for row in rows), rows
    assert "fallback-mpmath" in out and " NO " not in out  # every special case enclosed
