"""Optimistic locking of the records a form edits (customer, complaint, action, commitment,
company profile): the save is a conditional update of the version the form started from.

    UPDATE ... SET ..., version = version + 1 WHERE id = ? AND version = ?

No row updated means another counter saved the record meanwhile: the service raises
StaleRecordError with what changed (changes()) and the stored record, and writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime

from rcdesk.core.formatting import format_date, format_number

MAX_SHOWN = 40  # a long text is shown by its beginning
_MISSING = object()


def shown(value) -> str:
    """A stored value as the message shows it: dates JJ/MM/AAAA, oui/non, « vide »..."""
    if value is None or value == "" or value == [] or value == ():
        return "vide"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (date, datetime)):
        return format_date(value)
    if isinstance(value, float):
        return format_number(value, 0 if value == int(value) else 1)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "image"
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 1].rstrip() + "…"


def _comparable(value):
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, str):
        return value.strip()
    return value


def changes(labels: Mapping[str, str], before, after,
            show: Mapping[str, Callable] | None = None) -> list[tuple[str, str, str]]:
    """(label, before, after) as text for each attribute of labels whose value differs between
    before and after (an attribute one of them lacks is skipped); show formats a field's value
    when shown() is not enough (a phone, an id that stands for a name)."""
    show = show or {}
    found = []
    for name, label in labels.items():
        old, new = getattr(before, name, _MISSING), getattr(after, name, _MISSING)
        if old is _MISSING or new is _MISSING or _comparable(old) == _comparable(new):
            continue
        render = show.get(name, shown)
        found.append((label, render(old), render(new)))
    return found


def save_version(model, record_id, version: int | None, values: Mapping, *,
                 overwrite: bool = False) -> bool:
    """Write values over the record and bump its version, only if it still is at version
    (None or overwrite: whatever its version). False when no row was written: the record
    changed since (or is gone; the caller tells which)."""
    query = model.update(**values, version=model.version + 1).where(
        model._meta.primary_key == record_id)
    if version is not None and not overwrite:
        query = query.where(model.version == version)
    return query.execute() > 0
