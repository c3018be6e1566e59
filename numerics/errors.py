"""The one error type for bad arguments."""


class InvalidArgument(ValueError):
    """An argument of a public function is not what it expects.

    The message always names the argument and says what was expected.
    """

    def __init__(self, argument: str, expected: str, got: object = None):
        self.argument = argument
        self.expected = expected
        detail = "" if got is None else f", got {_describe(got)}"
        super().__init__(f"argument {argument!r}: expected {expected}{detail}")


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
