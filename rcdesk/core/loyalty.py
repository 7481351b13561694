"""Loyalty rules without the database: programme terms, points, tiers, rebates, card status,
card numbers (Luhn), the oldest-first expiry of points and the sentence a clerk reads out.

M303 (loyalty chapter, TP1, TP3): points turn into vouchers quickly, a card is warned about
before it expires, a grace period lets purchases still earn, tiers give a permanent discount
(remise), a rebate (ristourne) rewards the volume of a period, referral rewards both customers."""

from __future__ import annotations

import calendar
import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta

from stdnum import luhn

from rcdesk.core.formatting import format_date, format_money, format_number

ROUNDINGS = {"down": "arrondi à l'inférieur", "nearest": "arrondi au plus proche"}
ACTIVE, GRACE, EXPIRED, BLOCKED = "active", "grace", "expired", "blocked"
STATUS_LABELS = {ACTIVE: "active", GRACE: "en délai de grâce", EXPIRED: "expirée",
                 BLOCKED: "bloquée"}
CARD_PREFIX = "29"  # card numbers: 29 + 13 digits + Luhn check digit (16 digits)
VOUCHER_PREFIX = "98"  # voucher codes: 98 + 9 digits + Luhn check digit (12 digits)
CARD_LENGTH, VOUCHER_LENGTH = 16, 12


@dataclass(frozen=True)
class Tier:
    name: str
    min_spend_cents: int  # over the last 12 months
    discount_pct: float  # permanent discount (remise)


@dataclass(frozen=True)
class Bracket:
    min_spend_cents: int  # over the rebate period
    rate_pct: float  # rebate (ristourne) on the whole period's spend


@dataclass(frozen=True)
class Programme:
    """The programme's terms; a version applies from valid_from until the next one."""

    valid_from: date = date(1900, 1, 1)
    points_per_unit: int = 1
    rounding: str = "down"
    threshold_points: int = 100
    voucher_value_cents: int = 1000
    voucher_days: int = 90
    card_months: int = 12
    card_price_cents: int = 0
    warn_days: int = 30
    grace_days: int = 30
    points_months: int = 24
    tiers: tuple[Tier, ...] = (Tier("Bronze", 0, 0.0), Tier("Argent", 50000, 3.0),
                               Tier("Or", 150000, 5.0))
    rebate_period: str = "year"  # quarter / year
    brackets: tuple[Bracket, ...] = (Bracket(100000, 1.0), Bracket(300000, 2.0))
    referrer_points: int = 50
    newcomer_points: int = 50

    def tiers_json(self) -> str:
        return json.dumps([asdict(t) for t in self.tiers])

    def rebates_json(self) -> str:
        return json.dumps({"period": self.rebate_period,
                           "brackets": [asdict(b) for b in self.brackets]})

    @classmethod
    def from_row(cls, row) -> "Programme":
        tiers = tuple(Tier(**t) for t in json.loads(row.tiers or "[]"))
        rebates = json.loads(row.rebates or "{}")
        return cls(valid_from=row.valid_from, points_per_unit=row.points_per_unit,
                   rounding=row.rounding, threshold_points=row.threshold_points,
                   voucher_value_cents=row.voucher_value_cents, voucher_days=row.voucher_days,
                   card_months=row.card_months, card_price_cents=row.card_price_cents,
                   warn_days=row.warn_days, grace_days=row.grace_days,
                   points_months=row.points_months, tiers=tiers,
                   rebate_period=rebates.get("period", "year"),
                   brackets=tuple(Bracket(**b) for b in rebates.get("brackets", [])),
                   referrer_points=row.referrer_points, newcomer_points=row.newcomer_points)

    def with_changes(self, **changes) -> "Programme":
        return replace(self, **changes)


def check_programme(p: Programme) -> None:
    """Raises ValueError with a French message for terms that cannot work."""
    checks = (
        (p.points_per_unit >= 1, "Les points par unité dépensée doivent être au moins 1."),
        (p.points_per_unit <= 1000, "Au plus 1 000 points par unité dépensée."),
        (p.rounding in ROUNDINGS, "Arrondi inconnu (down ou nearest)."),
        (p.threshold_points >= 1, "Le seuil d'un bon doit être d'au moins 1 point."),
        (p.voucher_value_cents > 0, "La valeur d'un bon doit être positive."),
        (1 <= p.voucher_days <= 3660, "La validité d'un bon va de 1 à 3 660 jours."),
        (1 <= p.card_months <= 120, "La validité d'une carte va de 1 à 120 mois."),
        (p.card_price_cents >= 0, "Le prix d'une carte ne peut pas être négatif."),
        (0 <= p.warn_days <= 365, "Le délai d'avertissement va de 0 à 365 jours."),
        (0 <= p.grace_days <= 365, "Le délai de grâce va de 0 à 365 jours."),
        (1 <= p.points_months <= 120, "La validité des points va de 1 à 120 mois."),
        (p.rebate_period in ("quarter", "year"), "Période de ristourne : quarter ou year."),
        (p.referrer_points >= 0 and p.newcomer_points >= 0,
         "Les points de parrainage ne peuvent pas être négatifs."),
        (all(0 <= t.discount_pct <= 50 for t in p.tiers), "Une remise va de 0 à 50 %."),
        (all(0 <= b.rate_pct <= 50 for b in p.brackets), "Une ristourne va de 0 à 50 %."),
    )
    for ok, message in checks:
        if not ok:
            raise ValueError(message)


def add_months(day: date, months: int) -> date:
    """31/01 + 1 month -> 28/02 (or 29/02): the last day when the month is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def points_for(amount_cents: int, p: Programme) -> int:
    """Points earned for an amount paid (negative for a return): 1 point per unit, 47,90 € ->
    47 points (down) or 48 (nearest)."""
    sign = -1 if amount_cents < 0 else 1
    raw = abs(amount_cents) * p.points_per_unit
    points = raw // 100 if p.rounding == "down" else (raw + 50) // 100
    return sign * points


def tier_for(spend_cents: int, p: Programme) -> Tier | None:
    """The highest tier whose 12-month spend is reached; None without tiers."""
    reached = [t for t in p.tiers if spend_cents >= t.min_spend_cents]
    return max(reached, key=lambda t: t.min_spend_cents) if reached else None


def next_tier(spend_cents: int, p: Programme) -> tuple[Tier, int] | None:
    """The next tier up and what is missing to reach it, or None at the top."""
    above = sorted((t for t in p.tiers if t.min_spend_cents > spend_cents),
                   key=lambda t: t.min_spend_cents)
    return (above[0], above[0].min_spend_cents - spend_cents) if above else None


def discount_cents(amount_cents: int, tier: Tier | None) -> int:
    """The tier's permanent discount on an amount, rounded to the cent (half up)."""
    if tier is None or amount_cents <= 0 or not tier.discount_pct:
        return 0
    return int((amount_cents * round(tier.discount_pct * 100) + 5000) // 10000)


def rebate_for(spend_cents: int, p: Programme) -> tuple[float, int]:
    """(rate %, rebate in cents) of the highest bracket reached, applied to the whole spend."""
    reached = [b for b in p.brackets if spend_cents >= b.min_spend_cents]
    if not reached or spend_cents <= 0:
        return 0.0, 0
    rate = max(reached, key=lambda b: b.min_spend_cents).rate_pct
    return rate, int((spend_cents * round(rate * 100) + 5000) // 10000)


def card_status(expires_on: date, blocked: bool, as_of: date, p: Programme) -> str:
    """active until expires_on included; grace for grace_days after; then expired."""
    if blocked:
        return BLOCKED
    if as_of <= expires_on:
        return ACTIVE
    if as_of <= expires_on + timedelta(days=p.grace_days):
        return GRACE
    return EXPIRED


def renewed_expiry(expires_on: date, as_of: date, p: Programme) -> date:
    """A card renewed before its expiry or within its grace period continues from its expiry
    (the customer loses no day); renewed later, it starts again from the day of renewal."""
    start = expires_on if as_of <= expires_on + timedelta(days=p.grace_days) else as_of
    return add_months(start, p.card_months)


@dataclass(frozen=True)
class Lot:
    points: int
    expires_on: date | None


def remaining_lots(credits: list[Lot], debited: int) -> list[Lot]:
    """What is left of each credit once debits (redeemed, expired, returned, moved) consume
    them oldest expiry first; lots without an expiry go last."""
    ordered = sorted(credits, key=lambda lot: (lot.expires_on is None, lot.expires_on or date.max))
    left, result = debited, []
    for lot in ordered:
        take = min(left, lot.points)
        left -= take
        if lot.points - take > 0:
            result.append(Lot(lot.points - take, lot.expires_on))
    return result


def points_to_expire(credits_expiring: int, debited: int) -> int:
    """Points an expiry run takes at a date: the credits expired by then not yet consumed.

    credits_expiring: sum of the credits whose expiry is on or before the date; debited: every
    debit ever (redeems, returns, earlier expiries, transfers). Oldest first, so debits consumed
    the expiring credits first; a second run finds nothing (its own expiry is a debit)."""
    return max(0, credits_expiring - debited)


def check_number(number: str, length: int, prefix: str, what: str) -> str:
    """Digits only, the right length and prefix, and a valid Luhn check digit; else ValueError."""
    digits = "".join(ch for ch in str(number) if not ch.isspace())
    if not digits.isdigit():
        raise ValueError(f"{what} invalide : « {str(number)[:40]} » (chiffres uniquement).")
    if len(digits) != length or not digits.startswith(prefix):
        raise ValueError(f"{what} invalide : « {digits[:40]} » ({length} chiffres commençant "
                         f"par {prefix}).")
    if not luhn.is_valid(digits):
        raise ValueError(f"{what} invalide : « {digits} » (chiffre de contrôle faux, "
                         "vérifiez la saisie).")
    return digits


def make_number(body_digits: str, prefix: str) -> str:
    """prefix + body + its Luhn check digit."""
    stem = prefix + body_digits
    return stem + luhn.calc_check_digit(stem)


def group_digits(number: str) -> str:
    """"2912345678901234" -> "2912 3456 7890 1234" (as printed on the card)."""
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


@dataclass(frozen=True)
class VoucherInfo:
    code: str
    value_cents: int
    expires_on: date
    used_on: date | None = None


@dataclass
class Summary:
    """What a customer has, for the sentence read out at the counter and the letter."""

    balance: int
    vouchers: list[VoucherInfo] = field(default_factory=list)  # usable ones
    expiring: list[Lot] = field(default_factory=list)  # soonest first


def _plural(count: int, one: str, many: str) -> str:
    return f"{format_number(count, 0)} {one if abs(count) < 2 else many}"


def spoken_summary(s: Summary, currency: str = "EUR", *, threshold: int | None = None) -> str:
    """« Vous avez 2 bons de 10 € et 340 points ; 120 points expirent le 31/01 »."""
    groups: dict[int, int] = {}
    for v in s.vouchers:
        groups[v.value_cents] = groups.get(v.value_cents, 0) + 1
    parts = []
    for value, count in sorted(groups.items(), reverse=True):
        money = format_money(value, currency).replace(",00", "")
        parts.append(f"{_plural(count, 'bon', 'bons')} de {money}")
    parts.append(_plural(s.balance, "point", "points"))
    text = "Vous avez " + (", ".join(parts[:-1]) + " et " + parts[-1] if len(parts) > 1
                           else parts[0])
    if s.expiring:
        first = s.expiring[0]
        verb = "expire" if first.points < 2 else "expirent"
        text += (f" ; {_plural(first.points, 'point', 'points')} {verb} le "
                 f"{format_date(first.expires_on)[:5]}")
    if threshold and s.balance >= threshold:
        text += f" ; de quoi obtenir {_plural(s.balance // threshold, 'bon', 'bons')} maintenant"
    return text


def _percent(text: str, what: str) -> float:
    try:
        value = float(text.strip().replace(",", ".").rstrip("%").strip())
    except ValueError:
        raise ValueError(f"{what} : pourcentage invalide « {text.strip()[:20]} ».") from None
    if not 0 <= value <= 50:
        raise ValueError(f"{what} : un pourcentage va de 0 à 50.")
    return value


def parse_tiers(text: str) -> tuple[Tier, ...]:
    """"Bronze:0:0; Argent:500:3; Or:1500:5" (name, 12-month spend, discount %)."""
    from rcdesk.core.money import parse_money

    tiers = []
    for part in (p for p in text.split(";") if p.strip()):
        bits = part.split(":")
        if len(bits) != 3 or not bits[0].strip():
            raise ValueError(f"Palier illisible : « {part.strip()[:40]} » (attendu "
                             "nom:achats sur 12 mois:remise %, séparés par « ; »).")
        tiers.append(Tier(bits[0].strip()[:40], parse_money(bits[1], field="Palier"),
                          _percent(bits[2], "Palier")))
    if len({t.name for t in tiers}) != len(tiers):
        raise ValueError("Deux paliers portent le même nom.")
    return tuple(sorted(tiers, key=lambda t: t.min_spend_cents))


def parse_brackets(text: str) -> tuple[Bracket, ...]:
    """"1000:1; 3000:2" (spend over the period, rebate %)."""
    from rcdesk.core.money import parse_money

    brackets = []
    for part in (p for p in text.split(";") if p.strip()):
        bits = part.split(":")
        if len(bits) != 2:
            raise ValueError(f"Palier de ristourne illisible : « {part.strip()[:40]} » (attendu "
                             "achats:taux %, séparés par « ; »).")
        brackets.append(Bracket(parse_money(bits[0], field="Ristourne"),
                                _percent(bits[1], "Ristourne")))
    return tuple(sorted(brackets, key=lambda b: b.min_spend_cents))


def pct(value: float) -> str:
    """3.0 -> "3 %", 4.5 -> "4,5 %", 2.25 -> "2,25 %" (a rate of the programme)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text}\u00a0%"
