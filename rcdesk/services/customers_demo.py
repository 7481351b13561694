"""Demo customers, purchases and interactions (filled in next)."""


def populate(fake, rng, options) -> None:
    return None
