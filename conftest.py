"""Hypothesis profiles for the tests that draw with ``@given`` directly.

The theorem checks take their budget from ``numerics.checks.PROFILES`` (selected
with ``--svd-profile``, default ``ci``); the hypothesis profile of the same name
is loaded here so both move together.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=300,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def pytest_configure(config):
    settings.load_profile(config.getoption("svd_profile", default=None) or "ci")
