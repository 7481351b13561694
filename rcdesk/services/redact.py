"""Blank a person's names, e-mails and phones wherever an area's free texts mention them."""

from __future__ import annotations

import re
import unicodedata

from peewee import NodeList, PostgresqlDatabase, fn

ERASED = "[effacé]"


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pattern(needles: list[str]) -> re.Pattern | None:
    """One case-insensitive pattern for every needle, with and without its accents, as whole
    words (so erasing "Lea" leaves "Leader" alone)."""
    forms = set()
    for needle in needles:
        forms.add(needle)
        forms.add(_strip_accents(needle))
    forms = sorted((f for f in forms if f.strip()), key=len, reverse=True)
    if not forms:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def redact(text: str, needles: list[str]) -> str:
    """text with every needle (case and accents ignored) replaced by ERASED."""
    pattern = _pattern(needles)
    return pattern.sub(ERASED, text) if pattern and text else text


def _variants(needles: list[str]) -> set[str]:
    """Spellings to look for in SQL: as given, without accents, lower, upper, capitalised
    (SQLite's lower() only folds ASCII, so non-ASCII capitals are searched as they are)."""
    result = set()
    for needle in needles:
        for form in (needle, _strip_accents(needle)):
            result.update((form.lower(), form.upper(), form.title(), form))
    return {v for v in result if v.strip()}


def redact_model(model, fields: list, needles: list[str]) -> int:
    """Rewrite the rows of model whose text fields mention a needle; returns rows changed.

    Candidates are found in SQL (instr/strpos of each spelling, lower-cased on both sides),
    then each text is redacted in Python with the exact rule of redact()."""
    pattern = _pattern(needles)
    if pattern is None:
        return 0
    find = fn.STRPOS if isinstance(model._meta.database.obj, PostgresqlDatabase) else fn.INSTR
    terms = []
    for field in fields:
        for variant in _variants(needles):
            terms += [find(fn.LOWER(field), variant.lower()) > 0, find(field, variant) > 0]
    condition = NodeList(terms, glue=" OR ", parens=True)  # flat: no nesting depth to overflow
    changed = 0
    for row in model.select(model._meta.primary_key, *fields).where(condition):
        updates = {}
        for field in fields:
            old = getattr(row, field.name) or ""
            new = pattern.sub(ERASED, old)
            if new != old:
                updates[field.name] = new
        if updates:
            if "version" in model._meta.fields:  # a form opened before sees it changed
                updates["version"] = model.version + 1
            model.update(**updates).where(model._meta.primary_key == row.get_id()).execute()
            changed += 1
    return changed

