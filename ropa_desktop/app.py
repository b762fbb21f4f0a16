"""The composition root and the command line (filled in with the register core)."""


def main() -> int:
    return 0
