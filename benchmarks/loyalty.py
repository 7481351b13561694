"""Loyalty timings beside their floor: the same work done with raw sqlite3.

Targets (issue 15): a card found by number or by phone among 100,000 cards (< 20 ms), a
purchase recorded (< 20 ms, flat with the ledger's size: measured at 100,000 and at 2,000,000
ledger rows), the expiry run over 100,000 cards and 2,000,000 ledger rows (< 10 s), the
« À relancer » list (< 500 ms).
Data is bulk-inserted with raw sqlite3 (ledger indexes dropped during the load, rebuilt after).
Run: .venv/bin/python benchmarks/loyalty.py [--cards 100000] [--rows 2000000] [--runs 5]"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path


def median_time(runs: int, function) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def luhn_number(body: str) -> str:
    from stdnum import luhn

    return body + luhn.calc_check_digit(body)


def load(con: sqlite3.Connection, cards: int, rows: int, rng: random.Random, today: date,
         start_row: int = 0) -> None:
    """Customers and cards (once), then ledger rows up to `rows` (earn rows, and a redeem
    whenever a card reaches 100 points, seven times out of ten)."""
    con.execute("BEGIN")
    have = con.execute("SELECT COUNT(*) FROM loyalty_card").fetchone()[0]
    if not have:
        con.executemany(
            "INSERT INTO customer (id, kind, status, civility, first_name, last_name, "
            "company_name, legal_id, email, email2, phone, phone2, address, postal_code, city, "
            "region, country, segments, source, preferred_channel, consent, consent_how, "
            "created_at, notes, sort_name, search_phones, version) VALUES (?, 'particulier', "
            "'client', '', ?, ?, '', '', ?, '', ?, '', '', '59000', 'Lille', '', 'FR', '', '', "
            "'', ?, '', '2024-01-01 00:00:00', '', ?, ?, 1)",
            ((i, f"Prénom{i}", f"Nom{i}", f"client{i}@exemple.fr", f"+3360{i:07d}",
              i % 3 != 0, f"nom{i} prenom{i}", f"3360{i:07d} 060{i:07d} 60{i:07d}")
             for i in range(1, cards + 1)))
        con.executemany(
            "INSERT INTO loyalty_card (id, number, customer_id, issued_on, expires_on, status, "
            "blocked_reason, format, balance, next_expiry_points, created_at) VALUES (?, ?, ?, "
            "?, ?, 'active', '', 'carte', 0, 0, '2024-01-01 00:00:00')",
            ((i, luhn_number(f"29{i:013d}"), i, (today - timedelta(days=700)).isoformat(),
              (today + timedelta(days=rng.randrange(-60, 365))).isoformat())
             for i in range(1, cards + 1)))
    indexes = [r for r in con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = "
        "'loyalty_ledger' AND sql IS NOT NULL").fetchall()]
    for name, _sql in indexes:
        con.execute(f'DROP INDEX "{name}"')
    per_card = max(1, (rows - start_row) // cards)
    from rcdesk.core.loyalty import Lot, remaining_lots

    lots: dict[int, tuple[list, int]] = {}  # card -> (credits, debits): its next expiry after

    def ledger():
        n = start_row
        for card in range(1, cards + 1):
            balance = 0
            credits, debits = lots.setdefault(card, ([], 0))
            day = today - timedelta(days=900)
            for _ in range(per_card):
                day += timedelta(days=rng.randrange(1, 900 // per_card + 2))
                day = min(day, today)
                points = rng.randrange(5, 60)
                n += 1
                expires = day + timedelta(days=730)
                yield (card, day.isoformat(), "earn", points, expires.isoformat(), points * 100,
                       f"bench:{n}")
                credits.append(Lot(points, expires))
                balance += points
                if balance >= 100 and rng.random() < 0.7:
                    n += 1
                    yield (card, day.isoformat(), "redeem", -100, None, 0, f"bench:{n}")
                    balance -= 100
                    debits += 100
            lots[card] = (credits, debits)

    con.executemany(
        'INSERT INTO loyalty_ledger (card_id, "on", at, kind, points, expires_on, amount_cents, '
        "discount_cents, reason, operator, source_key) VALUES (?, ?, '2024-01-01 00:00:00', ?, "
        "?, ?, ?, 0, '', 'bench', ?)", ledger())
    for _name, sql in indexes:
        con.execute(sql)
    con.execute('UPDATE loyalty_card SET balance = (SELECT COALESCE(SUM(points), 0) FROM '
                'loyalty_ledger WHERE card_id = loyalty_card.id)')
    firsts = []
    for card, (credits, debits) in lots.items():
        left = remaining_lots(credits, debits)
        firsts.append((left[0].expires_on.isoformat() if left else None,
                       left[0].points if left else 0, card))
    con.executemany("UPDATE loyalty_card SET next_expiry_on = ?, next_expiry_points = ? "
                    "WHERE id = ?", firsts)
    con.execute("COMMIT")
    con.execute("ANALYZE")


# --- the floor: the same statements through raw sqlite3 ---------------------------------

def raw_lookup_number(con, number: str) -> list:
    return con.execute("SELECT c.id, c.number, c.status, c.expires_on, u.first_name, "
                       "u.last_name, u.company_name, u.kind FROM loyalty_card c JOIN customer u "
                       "ON c.customer_id = u.id WHERE c.number = ?", (number,)).fetchall()


def raw_lookup_phone(con, e164: str) -> list:
    ids = [r[0] for r in con.execute("SELECT id FROM customer WHERE phone = ?", (e164,))]
    return con.execute("SELECT c.id, c.number, c.status, c.expires_on, u.first_name, "
                       "u.last_name, u.company_name, u.kind FROM loyalty_card c JOIN customer u "
                       f"ON c.customer_id = u.id WHERE c.customer_id IN ({','.join('?' * len(ids))})",
                       ids).fetchall()


def raw_purchase(con, card: int, customer: int, today: date, n: int) -> None:
    con.execute("BEGIN IMMEDIATE")
    con.execute("SELECT expires_on, status, balance FROM loyalty_card WHERE id = ?",
                (card,)).fetchone()
    con.execute("SELECT SUM(amount_cents) FROM purchase WHERE customer_id = ? AND date >= ?",
                (customer, today - timedelta(days=365))).fetchone()
    cur = con.execute("INSERT INTO purchase (customer_id, date, amount_cents, channel, "
                      "reference) VALUES (?, ?, 4790, 'comptoir', '')", (customer, today))
    con.execute('INSERT INTO loyalty_ledger (card_id, "on", at, kind, points, expires_on, '
                "amount_cents, discount_cents, reason, operator, source_key, purchase_id) "
                "VALUES (?, ?, ?, 'earn', 47, ?, 4790, 0, '', 'bench', ?, ?)",
                (card, today, today, today + timedelta(days=730), f"raw:{n}", cur.lastrowid))
    con.execute("UPDATE loyalty_card SET balance = balance + 47 WHERE id = ?", (card,))
    con.execute("COMMIT")


def raw_expiry_scan(con, as_of: date) -> list:
    return con.execute(
        "SELECT card_id, SUM(CASE WHEN points > 0 AND expires_on <= ? THEN points ELSE 0 END), "
        "SUM(CASE WHEN points < 0 THEN -points ELSE 0 END) FROM loyalty_ledger GROUP BY card_id",
        (as_of,)).fetchall()


RAW_CARD = ("SELECT c.id, c.number, c.balance, c.expires_on, u.id, u.civility, u.first_name, "
            "u.last_name, u.company_name, u.kind, u.email, u.phone, u.address, u.postal_code, "
            "u.city, u.consent{extra} FROM {source} JOIN customer u ON c.customer_id = u.id "
            "WHERE c.status != 'blocked' AND ")


def raw_reminders(con, today: date) -> None:
    """The list's two statements through sqlite3: one pass over the cards (each joined once to
    its customer, what the list shows of him), the vouchers about to expire."""
    horizon, grace = today + timedelta(days=30), today - timedelta(days=30)
    con.execute("SELECT c.id, c.number, c.balance, c.expires_on, u.id, u.first_name, "
                "u.last_name, u.company_name, u.kind, u.consent, c.next_expiry_points, "
                "c.next_expiry_on FROM loyalty_card c NOT INDEXED JOIN customer u ON "
                "c.customer_id = u.id WHERE c.status != 'blocked' AND c.expires_on >= ? AND "
                "(c.expires_on <= ? OR c.balance >= 100 OR (c.next_expiry_on BETWEEN ? AND ? "
                "AND c.next_expiry_points > 0))", (grace, horizon, today, horizon)).fetchall()
    con.execute("SELECT card_id, value_cents, expires_on FROM loyalty_voucher WHERE used_at IS "
                "NULL AND expires_on BETWEEN ? AND ? ORDER BY expires_on, id",
                (today, horizon)).fetchall()


def raw_reminders_before(con, today: date) -> None:
    """The four queries the list ran before (each with its whole customer), for comparison."""
    horizon, grace = today + timedelta(days=30), today - timedelta(days=30)
    card = RAW_CARD.format(extra="", source="loyalty_card c")
    con.execute(card + "c.expires_on BETWEEN ? AND ?", (grace, horizon)).fetchall()
    con.execute(card + "c.balance >= 100 AND c.expires_on >= ?", (grace,)).fetchall()
    con.execute(RAW_CARD.format(extra=", v.value_cents, v.expires_on", source=(
        "loyalty_voucher v JOIN loyalty_card c ON v.card_id = c.id"))
        + "v.used_at IS NULL AND v.expires_on BETWEEN ? AND ?", (today, horizon)).fetchall()
    con.execute(RAW_CARD.format(extra=", c.next_expiry_points, c.next_expiry_on",
                                source="loyalty_card c")
                + "c.expires_on >= ? AND c.next_expiry_on BETWEEN ? AND ? AND "
                "c.next_expiry_points > 0", (grace, today, horizon)).fetchall()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(15)
    today = date.today()
    table: list[tuple[str, float, float | None, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RCDESK_DATA_DIR"] = tmp
        from rcdesk.db import open_database
        from rcdesk.services.loyalty.cards import lookup
        from rcdesk.services.loyalty.counter import record_purchase, run_expiry
        from rcdesk.services.loyalty.reminders import reminders
        from rcdesk.services.settings import CompanyProfile, save_company

        path = Path(tmp) / "bench.db"
        open_database(path)
        save_company(CompanyProfile(name="Banc d'essai", country="FR"))
        con = sqlite3.connect(str(path), isolation_level=None)
        con.execute("PRAGMA synchronous = normal")
        con.execute("PRAGMA busy_timeout = 5000")
        started = time.perf_counter()
        small = args.cards  # one row per card first: the purchase at a small ledger
        load(con, args.cards, small, rng, today)
        loaded_small = time.perf_counter() - started
        n = [0]

        def ours_purchase():
            card = rng.randrange(1, args.cards + 1)
            record_purchase(card, 4790, today)

        def floor_purchase():
            n[0] += 1
            card = rng.randrange(1, args.cards + 1)
            raw_purchase(con, card, card, today, n[0])

        size = con.execute("SELECT COUNT(*) FROM loyalty_ledger").fetchone()[0]
        table.append((f"achat enregistré ({size:,} lignes de relevé)".replace(",", " "),
                      median_time(args.runs * 4, ours_purchase),
                      median_time(args.runs * 4, floor_purchase), "< 20 ms"))
        started = time.perf_counter()
        load(con, args.cards, args.rows, rng, today, start_row=size)
        loaded = loaded_small + time.perf_counter() - started
        size = con.execute("SELECT COUNT(*) FROM loyalty_ledger").fetchone()[0]
        table.append((f"achat enregistré ({size:,} lignes de relevé)".replace(",", " "),
                      median_time(args.runs * 4, ours_purchase),
                      median_time(args.runs * 4, floor_purchase), "< 20 ms"))
        numbers = [luhn_number(f"29{rng.randrange(1, args.cards + 1):013d}") for _ in range(50)]
        it = iter(numbers * 10)
        table.append((f"carte par numéro ({args.cards:,} cartes)".replace(",", " "),
                      median_time(args.runs * 4, lambda: lookup(next(it))),
                      median_time(args.runs * 4, lambda: raw_lookup_number(con, next(it))),
                      "< 20 ms"))
        phones = [rng.randrange(1, args.cards + 1) for _ in range(50)]
        ip = iter(phones * 10)
        table.append((f"carte par téléphone ({args.cards:,} cartes)".replace(",", " "),
                      median_time(args.runs * 4, lambda: lookup(f"060{next(ip):07d}")),
                      median_time(args.runs * 4,
                                  lambda: raw_lookup_phone(con, f"+3360{next(ip):07d}")),
                      "< 20 ms"))
        listed = len(reminders(today))
        table.append((f"« À relancer » ({listed:,} lignes)".replace(",", " "),
                      median_time(args.runs, lambda: reminders(today)),
                      median_time(args.runs, lambda: raw_reminders(con, today)), "< 500 ms"))
        before = median_time(args.runs, lambda: raw_reminders_before(con, today))
        floor = median_time(1, lambda: raw_expiry_scan(con, today))
        started = time.perf_counter()
        result = run_expiry(today)
        ours = time.perf_counter() - started
        table.append((f"expiration ({size:,} lignes, {result.points:,} points sur "
                      f"{result.cards:,} cartes)".replace(",", " "), ours, floor, "< 10 s"))
        started = time.perf_counter()
        run_expiry(today)
        table.append(("expiration relancée (rien à faire)", time.perf_counter() - started,
                      floor, "< 10 s"))
        con.close()
    print(f"Données chargées en {loaded:.1f} s ; {platform.platform()}, Python "
          f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}")
    print(f"{'mesure':<62} {'rcdesk':>10} {'SQL brut':>10} {'ratio':>7}  cible")
    for label, ours, floor, target in table:
        ratio = f"{ours / floor:.1f}" if floor else "—"
        print(f"{label:<62} {ours * 1000:>8.1f}ms {floor * 1000:>8.1f}ms {ratio:>7}  {target}")
    print(f"« À relancer » : les quatre requêtes d'avant, en SQL brut : {before * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
