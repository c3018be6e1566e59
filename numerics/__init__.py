"""The arbitrary-precision core: precision and tolerance, matrices, exact constructions,
matrix families, claims and the checks that run them.  It knows nothing of particular
theorems (those live in ``proofs``)."""

from numerics.backends import Exact, HighPrecision, NotDecidable
from numerics.checks import (
    PROFILES,
    CheckFailed,
    check_case,
    check_exact,
    check_randomized,
    configure,
    refute,
)
from numerics.claims import Case, Claim, Integer, Matrix, Orthogonal, Relation, Symmetric, at_most, equal
from numerics.errors import InvalidArgument
from numerics.exact import ExactEigen, ExactMatrix, ExactSVD, matrix_with_svd, symmetric_with_eigen
from numerics.oracle import EighResult, SVDResult, eigh, svd
from numerics.precision import current_dps, tolerance, workdps

__all__ = [
    "PROFILES",
    "EighResult",
    "ExactEigen",
    "SVDResult",
    "Symmetric",
    "eigh",
    "svd",
    "symmetric_with_eigen",
    "Case",
    "CheckFailed",
    "Claim",
    "Exact",
    "ExactMatrix",
    "ExactSVD",
    "HighPrecision",
    "Integer",
    "InvalidArgument",
    "Matrix",
    "NotDecidable",
    "Orthogonal",
    "Relation",
    "at_most",
    "check_case",
    "check_exact",
    "check_randomized",
    "configure",
    "current_dps",
    "equal",
    "matrix_with_svd",
    "refute",
    "tolerance",
    "workdps",
]
