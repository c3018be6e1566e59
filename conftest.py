"""Hypothesis profiles for the tests that draw with ``@given`` directly, and the
imports that keep every process's draws the same.

The theorem checks take their budget from ``numerics.checks.PROFILES`` (selected
with ``--svd-profile``, default ``ci``); the hypothesis profile of the same name
is loaded here so both move together.

Hypothesis mixes into its draws constants it reads from the *local* modules
loaded at the time (``hypothesis.internal.conjecture.providers``).  Under
``pytest -n N`` each worker would otherwise have loaded a different set of the
project's lazily imported modules when a given check runs, and draw different
instances from one run to the next; importing them all up front makes the pool
the same in every process, so evidence.json is reproducible.
"""

import importlib
import pkgutil

from hypothesis import HealthCheck, settings

PROJECT_PACKAGES = ("numerics", "proofs")
TEST_HELPERS = ("tests.theorem_tests", "tests.faulty_svds", "tests.user_claims_example")


def import_project_modules() -> None:
    for package_name in PROJECT_PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if not module.name.endswith(".__main__"):
                importlib.import_module(module.name)
    for name in TEST_HELPERS:
        importlib.import_module(name)


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
    import_project_modules()
