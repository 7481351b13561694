"""Opening balances from a file (a paper card, another system): one per card, never twice.

Columns: « N° de carte » (checked with its Luhn digit), « Points », optionally « Date » (today
by default) and « Motif ». Rejected lines go to a rejects file beside the source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rcdesk.core.errors import ServiceError
from rcdesk.core.loyalty import add_months
from rcdesk.core.text import clean_text
from rcdesk.models.base import write_transaction
from rcdesk.models.loyalty import LoyaltyCard, LoyaltyLedger
from rcdesk.services.loyalty.ledger import MAX_POINTS, append
from rcdesk.services.loyalty.programme import programme_at
from rcdesk.services.loyalty.till import card_number_or_error, cards_by_number
from rcdesk.services.tabular import (
    FileFormat,
    cell_text,
    checked_rows,
    header_key,
    parse_date_cell,
    read_table,
    write_rejects,
)

FIELDS = {"card_number": ("ndecarte", "carte", "numerocarte", "cartefidelite", "ncarte",
                          "nodecarte", "cardnumber"),
          "points": ("points", "solde", "soldepoints", "pointsfidelite"),
          "date": ("date", "datedusolde", "dateouverture"),
          "reason": ("motif", "commentaire", "raison")}


@dataclass(frozen=True)
class OpeningResult:
    imported: int
    rejected: int
    rejects_path: Path | None
    points: int
    dry_run: bool = False

    def summary(self) -> str:
        return (f"{self.imported} solde(s) repris ({self.points} points), "
                f"{self.rejected} rejeté(s)")


def import_opening_balances(path: str | Path, fmt: FileFormat | None = None, *,
                            dry_run: bool = False) -> OpeningResult:
    path = Path(path)
    fmt, headers, body = read_table(path, fmt)
    keys = [header_key(h) for h in headers]
    mapping = {}
    for name, words in FIELDS.items():
        found = next((i for i, k in enumerate(keys) if k in words), None)
        if found is not None:
            mapping[name] = found
    for needed, label in (("card_number", "N° de carte"), ("points", "Points")):
        if needed not in mapping:
            raise ServiceError(f"Colonne « {label} » introuvable dans le fichier.")
    rejects: list[tuple[int, str, list]] = []
    rows = []
    for line, cells in checked_rows(body, len(headers), fmt, rejects):
        value = {name: cells[i] if i < len(cells) else "" for name, i in mapping.items()}
        number, problem = card_number_or_error(cell_text(value["card_number"]))
        if problem:
            rejects.append((line, problem, cells))
            continue
        text = cell_text(value["points"]).replace(" ", "").replace("\u00a0", "")
        if not text.isdigit() or not 0 < int(text) <= MAX_POINTS:
            rejects.append((line, f"points invalides « {text[:20]} » (entier positif)", cells))
            continue
        try:
            day = parse_date_cell(value["date"]) if cell_text(value.get("date", "")) else None
        except ValueError as exc:
            rejects.append((line, str(exc), cells))
            continue
        reason = clean_text(cell_text(value.get("reason", "")), multiline=False)[:200]
        rows.append((line, cells, number, int(text), day or date.today(), reason))
    cards = cards_by_number(r[2] for r in rows)
    done = {key for (key,) in LoyaltyLedger.select(LoyaltyLedger.source_key).where(
        LoyaltyLedger.source_key.in_([f"opening:{cards[r[2]][0]}" for r in rows
                                      if r[2] in cards])).tuples()} if rows else set()
    good, seen = [], {}
    for line, cells, number, points, day, reason in rows:
        if number not in cards:
            rejects.append((line, f"carte {number} inconnue", cells))
            continue
        card_id = cards[number][0]
        if f"opening:{card_id}" in done:
            rejects.append((line, "solde d'ouverture déjà repris pour cette carte", cells))
            continue
        if card_id in seen:
            rejects.append((line, f"même carte qu'à la ligne {seen[card_id]}", cells))
            continue
        seen[card_id] = line
        good.append((card_id, points, day, reason or "reprise du solde"))
    if good and not dry_run:
        with write_transaction(LoyaltyLedger, LoyaltyCard):
            for card_id, points, day, reason in good:
                append(card_id, "opening", points, day, f"opening:{card_id}",
                       expires_on=add_months(day, programme_at(day).points_months),
                       reason=reason)
    rejects_path = write_rejects(path, headers, rejects) if rejects else None
    return OpeningResult(len(good), len(rejects), rejects_path, sum(g[1] for g in good),
                         dry_run)
