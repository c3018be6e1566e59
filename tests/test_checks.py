from fractions import Fraction

import pytest

from numerics import checks, records
from numerics.claims import Case, Claim, Integer, Matrix, at_most
from numerics.errors import InvalidArgument
from numerics.exact import ExactMatrix

SPECTRAL_LE_FROBENIUS = Claim(
    id="example_spectral_le_frobenius",
    title="t",
    source="s",
    statement="‖M‖₂² ≤ ‖M‖_F²",
    variables=(Matrix("M"),),
    relation=lambda ops, M: at_most(ops.spectral_sq(M), ops.frobenius_sq(M), scale=ops.frobenius_sq(M)),
)
REVERSED = SPECTRAL_LE_FROBENIUS.mutant(
    "example_frobenius_le_spectral",
    statement="‖M‖_F² ≤ ‖M‖₂²",
    relation=lambda ops, M: at_most(ops.frobenius_sq(M), ops.spectral_sq(M), scale=ops.frobenius_sq(M)),
)


@pytest.fixture(autouse=True)
def made():
    """These tests fail checks on purpose: keep their records out of the evidence."""
    with records.captured() as sink:
        yield sink


def test_a_true_claim_passes_over_every_family(made):
    result = checks.check_randomized(SPECTRAL_LE_FROBENIUS)
    assert result.status == "passed" and result.kind == "randomized"
    assert set(result.families) >= {"gaussian", "graded", "huge", "tiny", "zero", "repeated", "clustered"}
    assert result.instances >= len(result.families) * checks.MIN_PER_FAMILY
    assert result.dps >= checks.current()[0].dps
    assert float(result.worst_slack) >= -1e-20
    assert made == [result] and result not in records.collected()


def test_a_false_claim_fails_with_its_instance(made):
    false_claim = Claim("example_false", "t", "s", "‖M‖_F² ≤ ‖M‖₂²", (Matrix("M"),), REVERSED.relation)
    with pytest.raises(checks.CheckFailed, match=r"example_false \[exact\] fails on: M = ExactMatrix"):
        checks.check_exact(false_claim)
    (failed,) = made
    assert failed.status == "failed" and "ExactMatrix" in failed.failure


def test_mutants_are_refuted_and_recorded(made):
    result = checks.refute(REVERSED)
    assert made == [result] and result.status == "refuted" and result.kind == "exact"
    assert REVERSED.name in result.instance and Fraction(result.slack) < 0


def test_a_true_statement_is_no_mutant(made):
    survivor = SPECTRAL_LE_FROBENIUS.mutant("example_survivor", statement="the same, again")
    with pytest.raises(checks.CheckFailed, match="survived"):
        checks.refute(survivor)
    assert [r.status for r in made] == ["survived"]


def test_checks_are_deterministic_for_a_seed():
    first = checks.check_randomized(SPECTRAL_LE_FROBENIUS)
    second = checks.check_randomized(SPECTRAL_LE_FROBENIUS)
    assert (first.instances, first.worst_slack, first.families) == (
        second.instances,
        second.worst_slack,
        second.families,
    )


def test_a_fixed_case_is_checked_exactly():
    case = Case("two_by_two", lambda: {"M": ExactMatrix(((1, 2), (3, 4)), "rational")}, kind="exact")
    result = checks.check_case(SPECTRAL_LE_FROBENIUS, case)
    assert result.name == "exact:two_by_two" and result.instances == 1 and result.dps is None


def test_runners_reject_the_wrong_kind_of_claim():
    with pytest.raises(InvalidArgument):
        checks.check_randomized(REVERSED)
    with pytest.raises(InvalidArgument):
        checks.refute(SPECTRAL_LE_FROBENIUS)


def test_configure_validates():
    with pytest.raises(InvalidArgument) as error:
        checks.configure(profile="fast", seed=0)
    assert error.value.argument == "profile"
    with pytest.raises(InvalidArgument) as error:
        checks.configure(profile="ci", seed=-1)
    assert error.value.argument == "seed"


def test_an_error_inside_a_check_is_recorded_as_a_failure(made):
    broken = Claim("example_broken", "t", "s", "1/0", (Matrix("M"),), lambda ops, M: at_most(1 / 0, 1))
    with pytest.raises(ZeroDivisionError):
        checks.check_randomized(broken)
    (failed,) = made
    assert failed.status == "failed" and "ZeroDivisionError" in failed.failure


def test_a_case_that_breaks_the_hypotheses_is_an_error(made):
    case = Case("wrong_k", lambda: {"M": ExactMatrix(((1, 2),), "rational"), "k": 3}, kind="exact")
    with_k = Claim(
        "example_k",
        "t",
        "s",
        "k",
        (Matrix("M"), Integer("k", 0, lambda v: min(v["M"].shape))),
        lambda ops, M, k: at_most(0, k),
    )
    with pytest.raises(InvalidArgument, match=r"k = 3 is outside \[0, 1\]"):
        checks.check_case(with_k, case)
