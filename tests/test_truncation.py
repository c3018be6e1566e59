from proofs import truncation
from tests.theorem_tests import theorem_tests

test_case, test_exact, test_randomized = theorem_tests(truncation)
