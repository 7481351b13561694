"""The customers of one RFM segment (profil d'achat): list, filter, and a mailing list that
respects consent."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from peewee import fn

from rcdesk.core.errors import ValidationError
from rcdesk.core.files import write_atomically
from rcdesk.models.customers import Customer, Purchase
from rcdesk.services.customers.export import neutralise
from rcdesk.services.customers.figures import SEGMENTS, rfm_scores
from rcdesk.services.customers.search import display_name, display_phone


@dataclass(frozen=True)
class SegmentMember:
    customer_id: int
    name: str
    email: str
    phone: str  # formatted: the company's country national, others international
    city: str
    consent: bool
    last_purchase: date | None
    total_cents: int
    code: str  # R2F4M4


def segment_members(label: str, *, consent_only: bool = False, with_email: bool = False,
                    text: str = "") -> list[SegmentMember]:
    """The customers whose RFM segment is label (« À risque »…), best amount first.

    consent_only keeps those who accepted marketing messages; with_email those with an
    e-mail; text filters on the name, e-mail or town (case and accents ignored). Anonymised
    customers are never listed."""
    if label not in SEGMENTS:
        raise ValidationError("segment", f"Segment inconnu : « {label} » (attendu : "
                                         f"{', '.join(SEGMENTS)}).")
    from rcdesk.core.text import fold
    from rcdesk.services.settings import get_company

    scores = {cid: s for cid, s in rfm_scores().items() if s.label == label}
    if not scores:
        return []
    home = get_company().country or "FR"
    members = []
    ids = list(scores)
    needle = fold(text.strip()) if text.strip() else ""
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        query = (Customer.select(Customer.id, Customer.first_name, Customer.last_name,
                                 Customer.company_name, Customer.kind, Customer.email,
                                 Customer.phone, Customer.city,
                                 Customer.consent,
                                 fn.MAX(Purchase.date), fn.COALESCE(fn.SUM(Purchase.amount_cents),
                                                                    0))
                 .join(Purchase).where(Customer.id.in_(chunk) & Customer.anonymised_at.is_null())
                 .group_by(Customer.id))
        if consent_only:
            query = query.where(Customer.consent == True)  # noqa: E712
        if with_email:
            query = query.where(Customer.email != "")
        for (cid, first, last, company, kind, email, phone, city, consent, last_day,
             total) in query.tuples():
            name = display_name(first, last, company, kind)
            if needle and needle not in fold(f"{name} {email} {city}"):
                continue
            if isinstance(last_day, str):
                last_day = date.fromisoformat(last_day)
            members.append(SegmentMember(cid, name, email, display_phone(phone, home), city,
                                         bool(consent), last_day, int(total),
                                         scores[cid].code))
    members.sort(key=lambda m: (-m.total_cents, m.name.casefold(), m.customer_id))
    return members


MAILING_HEADERS = ["Nom", "E-mail", "Ville", "Profil d'achat", "Dernier achat"]


def export_mailing_list(label: str, path: str | Path) -> int:
    """A CSV (French Excel: « ; », UTF-8 with BOM) of the segment's customers who accepted
    marketing messages and have an e-mail: name, e-mail, town, segment, last purchase. The
    others are left out (consent, CNIL / loi 09-08). Returns how many were written."""
    members = segment_members(label, consent_only=True, with_email=True)

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(MAILING_HEADERS)
            for m in members:
                writer.writerow([neutralise(m.name), neutralise(m.email), neutralise(m.city),
                                 f"{label} ({m.code})",
                                 m.last_purchase.strftime("%d/%m/%Y") if m.last_purchase
                                 else ""])

    write_atomically(write, path, overwrite=True)
    return len(members)
