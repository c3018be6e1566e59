"""One module per topic of the source documents: statements as claims, proof steps as
functions, fixed cases and mutants; ``registry`` collects them, ``cli`` runs them."""

from proofs.registry import Theorem, claim, theorem, theorems

__all__ = ["Theorem", "claim", "theorem", "theorems"]
