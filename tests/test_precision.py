import mpmath
import pytest

from numerics.errors import InvalidArgument
from numerics.precision import SAFETY, current_dps, tolerance, unit_roundoff, workdps


def test_workdps_scopes_the_precision():
    before = current_dps()
    with workdps(77):
        assert current_dps() == 77
    assert current_dps() == before


def test_tolerance_formula():
    with workdps(60):
        expected = SAFETY * 5**2 * mpmath.mpf(10) ** (1 - 40) * 7
        assert mpmath.almosteq(tolerance(dps=40, size=5, scale=7), expected, rel_eps=mpmath.mpf(10) ** -50)


def test_tolerance_grows_with_size_and_scale_and_shrinks_with_dps():
    base = tolerance(dps=30, size=3, scale=1)
    assert mpmath.almosteq(tolerance(dps=30, size=6, scale=1), 4 * base)
    assert tolerance(dps=30, size=3, scale=10**100) > base * 10**99
    assert tolerance(dps=50, size=3, scale=1) < base * 10**-19


def test_tolerance_is_zero_for_zero_data():
    assert tolerance(dps=30, size=3, scale=0) == 0


@pytest.mark.parametrize(
    "kwargs, argument",
    [
        ({"dps": 3, "size": 2, "scale": 1}, "dps"),
        ({"dps": 30.0, "size": 2, "scale": 1}, "dps"),
        ({"dps": 30, "size": 0, "scale": 1}, "size"),
        ({"dps": 30, "size": 2, "scale": -1}, "scale"),
        ({"dps": 30, "size": 2, "scale": mpmath.inf}, "scale"),
    ],
)
def test_bad_arguments_are_named(kwargs, argument):
    with pytest.raises(InvalidArgument) as error:
        tolerance(**kwargs)
    assert error.value.argument == argument


def test_unit_roundoff():
    with workdps(40):
        assert mpmath.almosteq(unit_roundoff(20), mpmath.mpf(10) ** -19, rel_eps=mpmath.mpf(10) ** -30)
