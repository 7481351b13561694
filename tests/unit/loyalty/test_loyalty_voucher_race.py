"""Several counters using the same voucher at the same moment: exactly one succeeds.

Real processes, each with its own connection, released together by a barrier; the database
decides through the conditional UPDATE inside the write transaction."""

import multiprocessing
from datetime import date

import pytest

from rcdesk.models.loyalty import LoyaltyVoucher
from rcdesk.services.loyalty.counter import record_purchase, redeem

COUNTERS = 6


def _counter(target: str, code: str, barrier, results) -> None:
    from rcdesk.core.errors import ServiceError
    from rcdesk.db import open_database
    from rcdesk.services.loyalty.counter import use_voucher
    from rcdesk.services.settings import use_operator

    open_database(target)
    use_operator("caisse")
    barrier.wait(timeout=600)  # spawned interpreters start slowly on a loaded 2-core machine
    try:
        use_voucher(code, date(2026, 3, 2), "course")
        results.put("won")
    except ServiceError as exc:
        results.put(str(exc))


def _race(target: str, code: str) -> list[str]:
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(COUNTERS), ctx.Queue()
    workers = [ctx.Process(target=_counter, args=(target, code, barrier, results))
               for _ in range(COUNTERS)]
    for w in workers:
        w.start()
    outcomes = [results.get(timeout=900) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    return outcomes


def _voucher(card) -> str:
    record_purchase(card.id, 10000, date(2026, 3, 1))
    return redeem(card.id, date(2026, 3, 1)).code


def _check(outcomes: list[str], code: str) -> None:
    assert outcomes.count("won") == 1, outcomes
    losers = [o for o in outcomes if o != "won"]
    assert len(losers) == COUNTERS - 1
    assert all("déjà utilisé le 02/03/2026" in o for o in losers), losers
    voucher = LoyaltyVoucher.get(LoyaltyVoucher.code == code)
    assert voucher.used_on == date(2026, 3, 2) and voucher.used_by == "caisse"


def test_one_counter_wins_on_sqlite(sqlite_database, card_on):
    card = card_on(sqlite_database)
    code = _voucher(card)
    _check(_race(sqlite_database.target, code), code)


@pytest.mark.pg
def test_one_counter_wins_on_postgresql(pg_database, card_on):
    card = card_on(pg_database)
    code = _voucher(card)
    _check(_race(pg_database.target, code), code)
