import pytest
import sympy
from hypothesis import given, settings

from numerics import claims, strategies
from numerics.backends import Exact, HighPrecision, NotDecidable
from numerics.claims import Claim, Integer, Matrix, Orthogonal, at_most, equal
from numerics.errors import InvalidArgument
from numerics.exact import ExactMatrix, exact_matmul, exact_transpose, matrix_with_svd

FROBENIUS_SQ = Claim(
    id="example_frobenius",
    title="t",
    source="s",
    statement="‖M‖_F² = tr(MᵀM)",
    variables=(Matrix("M"),),
    relation=lambda ops, M: equal(
        ops.frobenius_sq(M), ops.total((ops.transpose(M) * M)[i, i] for i in range(ops.shape(M)[1]))
    ),
)


def test_exact_evaluation_is_exact():
    value = ExactMatrix(((1, 2), (3, 4)), "rational")
    evaluation = FROBENIUS_SQ.evaluate(Exact(), {"M": value})
    assert evaluation.holds and evaluation.slack == 0 and evaluation.dps is None


def test_high_precision_evaluation_records_its_dps():
    evaluation = FROBENIUS_SQ.evaluate(HighPrecision(45), {"M": ExactMatrix(((1, 2), (3, 4)), "rational")})
    assert evaluation.holds and evaluation.dps == 45


def _nearly(ops, M):
    scale = ops.frobenius_sq(M)
    return equal(scale, scale * (1 + ops.number(10) ** -40), scale=scale)


NEARLY = FROBENIUS_SQ.mutant("nearly", statement="‖M‖_F² = (1 + 10⁻⁴⁰)‖M‖_F²", relation=_nearly)


def test_tolerance_policy_accepts_what_exact_arithmetic_refutes():
    value = {"M": ExactMatrix(((1, 2), (3, 4)), "rational")}
    assert NEARLY.evaluate(HighPrecision(30), value).holds
    assert not NEARLY.evaluate(HighPrecision(60), value).holds
    assert not NEARLY.evaluate(Exact(), value).holds


def test_exact_backend_decides_algebraic_numbers():
    M = ExactMatrix(((1, 2), (3, 4)), "rational")
    spectral = Claim(
        "example_spectral",
        "t",
        "s",
        "‖M‖₂² = 15 + √221",
        (Matrix("M"),),
        lambda ops, M: equal(ops.spectral_sq(M), 15 + sympy.sqrt(221)),
    )
    assert spectral.evaluate(Exact(), {"M": M}).holds
    wrong = spectral.mutant(
        "wrong",
        statement="‖M‖₂² = 15 + √220",
        relation=lambda ops, M: equal(ops.spectral_sq(M), 15 + sympy.sqrt(220)),
    )
    assert not wrong.evaluate(Exact(), {"M": M}).holds


def test_exact_backend_refuses_an_undecidable_sign():
    a = sympy.Symbol("a", real=True)
    claim = Claim("example_sign", "t", "s", "a ≤ 1", (Integer("k", 0, 0),), lambda ops, k: at_most(a, 1))
    with pytest.raises(NotDecidable):
        claim.evaluate(Exact(), {"k": 0})


def test_exact_svd_must_be_prescribed():
    claim = Claim(
        "example_svd", "t", "s", "σ₁ ≥ 0", (Matrix("M"),), lambda ops, M: at_most(0, ops.svd(M)[1][0])
    )
    assert claim.evaluate(Exact(), {"M": matrix_with_svd(((1,),), (2,), ((1,),))}).holds
    with pytest.raises(InvalidArgument) as error:
        claim.evaluate(Exact(), {"M": ExactMatrix(((2,),), "rational")})
    assert error.value.argument == "M"


SHAPED = Claim(
    id="example_shapes",
    title="t",
    source="s",
    statement="shapes",
    variables=(
        Matrix("A", "m", "n", nonzero=True, prescribed=True),
        Matrix("B", "n", 2),
        Orthogonal("Q", "m"),
        Integer("k", 0, lambda v: claims.rank(v["A"]) - 1),
    ),
    relation=lambda ops, A, B, Q, k: equal(0, 0),
)


@settings(max_examples=60)
@given(claims.instances(SHAPED, exact=True))
def test_instances_respect_shapes_and_constraints(values):
    A, B, Q, k = values["A"], values["B"], values["Q"], values["k"]
    assert A.shape[1] == B.shape[0] and B.shape[1] == 2 and Q.shape == (A.shape[0],) * 2
    assert A.family in strategies.KNOWN_SVD_FAMILIES and A.family != "zero"
    assert 0 <= k < claims.rank(A)
    assert exact_matmul(exact_transpose(Q.rows), Q.rows) == tuple(
        tuple(int(i == j) for j in range(Q.shape[0])) for i in range(Q.shape[0])
    )


def test_primary_families_follow_the_hypotheses():
    assert "zero" not in claims.primary_families(SHAPED)
    assert "gaussian" in claims.primary_families(SHAPED)
    assert "gaussian" not in claims.primary_families(SHAPED, exact=True)


@pytest.mark.parametrize("family", ["zero", "nonsense"])
def test_instances_reject_a_family_the_claim_excludes(family):
    with pytest.raises(InvalidArgument) as error:
        claims.instances(SHAPED, family=family)
    assert error.value.argument == "family"


@pytest.mark.parametrize(
    "change, argument",
    [
        ({"id": ""}, "id"),
        ({"statement": None}, "statement"),
        ({"variables": [Matrix("M")]}, "variables"),
        ({"variables": (Matrix("M"), Matrix("M"))}, "variables"),
        ({"relation": "M = M"}, "relation"),
    ],
)
def test_claims_validate_their_fields(change, argument):
    fields = dict(
        id="x", title="t", source="s", statement="x", variables=(Matrix("M"),), relation=lambda ops, M: []
    )
    with pytest.raises(InvalidArgument) as error:
        Claim(**{**fields, **change})
    assert error.value.argument == argument


def test_a_relation_must_say_something():
    empty = Claim("example_empty", "t", "s", "nothing", (Matrix("M"),), lambda ops, M: [])
    with pytest.raises(InvalidArgument) as error:
        empty.evaluate(Exact(), {"M": ExactMatrix(((1,),), "rational")})
    assert error.value.argument == "relation"


EIGEN = Claim(
    id="example_eigen",
    title="t",
    source="s",
    statement="S q₁ = w₁ q₁",
    variables=(claims.Symmetric("S", prescribed=True),),
    relation=lambda ops, S: equal(
        ops.frobenius_sq(
            S * ops.column(ops.eigh(S)[1], 0) - ops.eigh(S)[0][0] * ops.column(ops.eigh(S)[1], 0)
        ),
        0,
        scale=ops.frobenius_sq(S),
    ),
)


@settings(max_examples=40)
@given(claims.instances(EIGEN, exact=True))
def test_symmetric_instances_carry_their_spectral_decomposition(values):
    S = values["S"]
    assert S.is_symmetric and S.eigen is not None and S.svd is not None
    assert sorted(abs(w) for w in S.eigen.w) == sorted(S.svd.s)
    assert EIGEN.evaluate(Exact(), values).holds
    assert EIGEN.evaluate(HighPrecision(30 + claims.dynamic_range_digits(values)), values).holds


@settings(max_examples=20)
@given(claims.instances(EIGEN, family="gaussian"))
def test_symmetric_gaussian_instances_are_symmetric(values):
    assert values["S"].is_symmetric and values["S"].eigen is None
    assert EIGEN.evaluate(HighPrecision(30), values).holds


def test_a_non_symmetric_value_breaks_the_hypothesis():
    assert EIGEN.violations({"S": ExactMatrix(((1, 2), (3, 4)), "rational")}) == ["S is not symmetric"]


def test_exact_square_roots_of_huge_rationals_are_decided():
    """sympy 1.14 fails factoring 4·10²⁰⁰ + 1 inside √; the backend works around it."""
    ops = Exact()
    root = ops.sqrt(sympy.Integer(4 * 10**200 + 1) / 4)
    above = at_most(sympy.Integer(10) ** 100, root)
    below = at_most(root, sympy.Integer(10) ** 100 + sympy.Rational(1, 10**99))
    assert claims.exact_verdict(above, claims.exact_difference(above))
    assert claims.exact_verdict(below, claims.exact_difference(below))
