"""The backends a claim runs in (``numerics.backends``): ``Float`` against ``HighPrecision``."""

import random
from fractions import Fraction

import numpy
import pytest

from numerics import _parametrise as param
from numerics.backends import Float, FloatMatrix, HighPrecision, singular_values, truncation
from numerics.errors import InvalidArgument
from proofs.registry import claim

A_ROWS = [[3.0, 1.0, -2.0], [0.5, 4.0, 1.0]]
B_ROWS = [[1.0, 0.0], [2.0, -1.0], [0.0, 3.0]]


def _floats(M) -> list[float]:
    return [float(x) for x in M]


@pytest.mark.parametrize(
    "operation",
    [
        lambda ops, A, B: A * B,
        lambda ops, A, B: 2 * A - A / 4 + (-A),
        lambda ops, A, B: A.T * A + ops.zeros(3, 3),
        lambda ops, A, B: ops.column(A, 1) * ops.transpose(ops.column(A, 1)),
        lambda ops, A, B: A[:, 1],
        lambda ops, A, B: truncation(ops, A, 1),
    ],
)
def test_float_matrices_have_mpmath_operator_semantics(operation):
    high, low = HighPrecision(30), Float()
    with high:
        expected = _floats(operation(high, high.matrix(A_ROWS), high.matrix(B_ROWS)))
    got = operation(low, low.matrix(A_ROWS), low.matrix(B_ROWS))
    assert isinstance(got, FloatMatrix)
    assert numpy.allclose(_floats(got), expected, rtol=1e-14, atol=1e-14), (got, expected)


def test_float_norms_and_decompositions_agree_with_high_precision():
    high, low = HighPrecision(30), Float()
    with high:
        A = high.matrix(A_ROWS)
        expected = [high.frobenius_sq(A), high.spectral_sq(A), *singular_values(high, A), high.rank(A)]
    A = low.matrix(A_ROWS)
    got = [low.frobenius_sq(A), low.spectral_sq(A), *singular_values(low, A), low.rank(A)]
    assert numpy.allclose(got, [float(x) for x in expected], rtol=1e-14)
    w, Q = low.eigh(low.matrix([[2.0, 1.0], [1.0, 2.0]]))
    assert w == pytest.approx([3.0, 1.0]) and abs(Q[0, 0]) == pytest.approx(2**-0.5)


def test_float_entries_and_assignment():
    M = Float().matrix([[1, 2], [3, 4]])
    M[0, 1] = 7
    assert list(M) == [1.0, 7.0, 3.0, 4.0] and M.copy()[0, 1] == 7.0 and M[1, 0] == 3.0
    with pytest.raises(TypeError):
        M + 1  # a scalar is not a matrix; only sum()'s starting 0 is accepted


def test_a_negative_square_root_raises_rather_than_turning_complex():
    with pytest.raises(ValueError):
        Float().sqrt(-1e-30)


@pytest.mark.parametrize("name", ["why_project_8k", "truncation_error_spectral", "lora_rank_le_2r"])
def test_claims_evaluate_alike_in_float_and_high_precision(name):
    """The search's inner loop sees what a 16-digit evaluation sees, up to double rounding."""
    target, rng = claim(name), random.Random(0)
    for _ in range(10):
        values = param.decode(target, *param.draw(target, rng, max_side=4, fixed={}))
        low = target.evaluate(Float(), values)
        high = target.evaluate(HighPrecision(30), values)
        for rel, a, b in zip(high.relations, low.differences, high.differences, strict=True):
            scale = float(abs(rel.scale)) or 1.0
            assert abs(a - float(b)) <= 1e-10 * scale, (rel.label, a, b)


@pytest.mark.parametrize("ops", [Float(), HighPrecision(30)], ids=repr)
def test_orthonormal_completion_keeps_the_given_columns(ops):
    with ops:
        u = ops.matrix([[Fraction(3, 5)], [0], [Fraction(4, 5)]])
        Q = ops.orthonormal_completion(u)
        residual = ops.frobenius_sq(
            ops.transpose(Q) * Q - ops.matrix([[int(i == j) for j in range(3)] for i in range(3)])
        )
        assert float(residual) < 1e-28 and [float(Q[i, 0]) for i in range(3)] == pytest.approx(
            [0.6, 0.0, 0.8], abs=1e-15
        )


def test_orthonormal_completion_rejects_columns_that_are_not_orthonormal():
    with pytest.raises(InvalidArgument, match="'Q'"):
        Float().orthonormal_completion(Float().matrix([[1.0], [1.0]]))
