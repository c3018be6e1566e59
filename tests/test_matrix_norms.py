from proofs import matrix_norms
from tests.theorem_tests import theorem_tests

test_case, test_exact, test_randomized = theorem_tests(matrix_norms)
