"""Ordered schema migrations: version N is reached by running step N on version N-1.

A step never changes once released: a later change of a table is a new step using
playhouse.migrate. Each step imports its models lazily so opening a file stays cheap."""

from collections.abc import Callable
from importlib import import_module


def _install(*modules: str) -> Callable:
    def step(db) -> None:
        for name in modules:
            import_module(f"rcdesk.models.{name}").install(db)

    return step


# (version, what it adds, step)
MIGRATIONS: list[tuple[int, str, Callable]] = [
    (1, "entreprise, paramètres, opérateurs", _install("settings")),
    (2, "fichier client", _install("customers")),
    (3, "auto-évaluation et charte", _install("assessment", "charter")),
    (4, "réclamations et plan d'actions", _install("complaints", "actions")),
]

LATEST_VERSION = MIGRATIONS[-1][0]
