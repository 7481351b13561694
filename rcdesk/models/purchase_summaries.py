"""Purchase summaries kept by the database itself (schema step 16): per day, per customer, and
per cached period (buyers and the best customers). Triggers on "purchase" keep them in the
same transaction as every write of a purchase, whatever wrote it (a form, an import, a merge,
a customer deleted with its purchases, a transfer, a GDPR erasure): no service maintains them.

- purchase_day: rows, sales (rows with amount >= 0, the sales_count() rule) and revenue of a
  day; a period's figures are a sum over its days.
- customer_purchase: a customer's rows, sales, total and last sale day (RFM reads 1 row per
  customer instead of all their purchases). A row exists while the customer has a purchase.
- purchase_period: a period asked for by the figures (Clients ▸ Chiffres), its buyers
  (customers with a purchase row in it) kept up to date by the triggers; purchase_period_top
  its best customers by total (ties: lowest id first), the exact top-M for some M <= TOP_KEPT:
  a customer who climbs enters (and the last one leaves past TOP_KEPT), one who falls below
  the last kept leaves (M shrinks); the service recomputes the period when M is too short.
Open period sides are stored as PERIOD_MIN / PERIOD_MAX.

The SQL here is what today's code declares (tests compare it with what the steps create); the
step module holds its own frozen copy."""

from peewee import (
    BigIntegerField,
    CompositeKey,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
)

from rcdesk.models.base import BaseModel, utcnow

PERIOD_MIN = "0001-01-01"
PERIOD_MAX = "9999-12-31"
TOP_KEPT = 50  # best customers kept per cached period (the figures show 10)


class PurchaseDay(BaseModel):
    day = DateField(primary_key=True)
    row_count = IntegerField()
    sales = IntegerField()
    revenue_cents = BigIntegerField()


class CustomerPurchase(BaseModel):
    customer_id = IntegerField(primary_key=True)  # no foreign key: the triggers remove the row
    row_count = IntegerField()
    sales = IntegerField(index=True)
    total_cents = BigIntegerField(index=True)
    last_sale_day = DateField(null=True, index=True)  # None: only refunds


class PurchasePeriod(BaseModel):
    period_start = DateField()
    period_end = DateField()
    buyers = IntegerField()
    computed_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("period_start", "period_end"), True),)


class PurchasePeriodTop(BaseModel):
    period = ForeignKeyField(PurchasePeriod, on_delete="CASCADE", index=False)
    customer_id = IntegerField()
    total_cents = BigIntegerField()
    sales = IntegerField()

    class Meta:
        primary_key = CompositeKey("period", "customer_id")


MODELS = [PurchaseDay, CustomerPurchase, PurchasePeriod, PurchasePeriodTop]
TABLES = tuple(m._meta.table_name for m in MODELS)

# --- the triggers (SQLite) -------------------------------------------------------------------


def _sqlite_period_buyers(row: str, sign: str) -> str:
    return (f"UPDATE purchase_period SET buyers = buyers {sign} 1 WHERE {row}.date BETWEEN "
            "period_start AND period_end AND NOT EXISTS (SELECT 1 FROM purchase p WHERE "
            f"p.customer_id = {row}.customer_id AND p.date BETWEEN purchase_period.period_start "
            f"AND purchase_period.period_end AND p.id <> {row}.id);")


def _top_statements(c: str, d: str, total: str, sales: str) -> tuple[str, ...]:
    """Refresh customer c's place in the tops of the periods holding day d (after the write):
    c's period total and sales are the expressions total(pp) and sales(pp)."""
    t, n = total, sales
    periods = f"SELECT pp.id FROM purchase_period pp WHERE {d} BETWEEN pp.period_start AND pp.period_end"
    count = "(SELECT COUNT(*) FROM purchase_period_top t WHERE t.period_id = pp.id)"
    worse = (f"(t.total_cents < {t} OR (t.total_cents = {t} AND t.customer_id > {c}))")
    return (
        # listed, and now gone from the period or fallen below every other kept customer
        f"DELETE FROM purchase_period_top WHERE customer_id = {c} AND period_id IN ({periods} "
        f"AND ({t} IS NULL OR (pp.buyers > {count} AND {t} < (SELECT t.total_cents FROM "
        f"purchase_period_top t WHERE t.period_id = pp.id AND t.customer_id = {c}) AND NOT "
        f"EXISTS (SELECT 1 FROM purchase_period_top t WHERE t.period_id = pp.id AND "
        f"t.customer_id <> {c} AND {worse}))));",
        # listed: its new total
        f"UPDATE purchase_period_top SET total_cents = (SELECT {t} FROM purchase_period pp "
        f"WHERE pp.id = purchase_period_top.period_id), sales = (SELECT {n} FROM purchase_period "
        f"pp WHERE pp.id = purchase_period_top.period_id) WHERE customer_id = {c} AND period_id "
        f"IN ({periods});",
        # not listed: enters when every other buyer is listed or it beats a kept one
        f"INSERT INTO purchase_period_top (period_id, customer_id, total_cents, sales) SELECT "
        f"pp.id, {c}, {t}, {n} FROM purchase_period pp WHERE {d} BETWEEN pp.period_start AND "
        f"pp.period_end AND {t} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM purchase_period_top t "
        f"WHERE t.period_id = pp.id AND t.customer_id = {c}) AND ({count} = pp.buyers - 1 OR "
        f"EXISTS (SELECT 1 FROM purchase_period_top t WHERE t.period_id = pp.id AND {worse}));",
        # past TOP_KEPT: the last one leaves
        f"DELETE FROM purchase_period_top WHERE period_id IN ({periods}) AND (SELECT COUNT(*) "
        f"FROM purchase_period_top t WHERE t.period_id = purchase_period_top.period_id) > "
        f"{TOP_KEPT} AND NOT EXISTS (SELECT 1 FROM purchase_period_top t WHERE t.period_id = "
        "purchase_period_top.period_id AND (t.total_cents < purchase_period_top.total_cents OR "
        "(t.total_cents = purchase_period_top.total_cents AND t.customer_id > "
        "purchase_period_top.customer_id)));",
    )


def _sqlite_top(row: str) -> tuple[str, ...]:
    c, d = f"{row}.customer_id", f"{row}.date"
    where = f"FROM purchase p WHERE p.customer_id = {c} AND p.date BETWEEN pp.period_start AND pp.period_end"
    return _top_statements(c, d, f"(SELECT SUM(p.amount_cents) {where})",
                           f"(SELECT SUM(p.amount_cents >= 0) {where})")


def _sqlite_customer_refresh(row: str) -> tuple[str, ...]:
    return (f"DELETE FROM customer_purchase WHERE customer_id = {row}.customer_id;",
            "INSERT INTO customer_purchase (customer_id, row_count, sales, total_cents, "
            "last_sale_day) SELECT customer_id, COUNT(*), SUM(amount_cents >= 0), "
            "SUM(amount_cents), MAX(CASE WHEN amount_cents >= 0 THEN date END) FROM purchase "
            f"WHERE customer_id = {row}.customer_id GROUP BY customer_id;")


_SQLITE_DAY_ADD = (
    "INSERT INTO purchase_day (day, row_count, sales, revenue_cents) VALUES (NEW.date, 1, "
    "NEW.amount_cents >= 0, NEW.amount_cents) ON CONFLICT (day) DO UPDATE SET row_count = "
    "row_count + 1, sales = sales + excluded.sales, revenue_cents = revenue_cents + "
    "excluded.revenue_cents;")
_SQLITE_DAY_REMOVE = (
    "UPDATE purchase_day SET row_count = row_count - 1, sales = sales - (OLD.amount_cents >= 0), "
    "revenue_cents = revenue_cents - OLD.amount_cents WHERE day = OLD.date;",
    "DELETE FROM purchase_day WHERE day = OLD.date AND row_count = 0;")
_SQLITE_CUSTOMER_ADD = (
    "INSERT INTO customer_purchase (customer_id, row_count, sales, total_cents, last_sale_day) "
    "VALUES (NEW.customer_id, 1, NEW.amount_cents >= 0, NEW.amount_cents, CASE WHEN "
    "NEW.amount_cents >= 0 THEN NEW.date END) ON CONFLICT (customer_id) DO UPDATE SET "
    "row_count = row_count + 1, sales = sales + excluded.sales, total_cents = total_cents + "
    "excluded.total_cents, last_sale_day = CASE WHEN excluded.last_sale_day IS NULL THEN "
    "last_sale_day WHEN last_sale_day IS NULL OR excluded.last_sale_day > last_sale_day THEN "
    "excluded.last_sale_day ELSE last_sale_day END;")


def _trigger(name: str, event: str, body: tuple[str, ...]) -> str:
    return f"CREATE TRIGGER {name} AFTER {event} ON purchase BEGIN " + " ".join(body) + " END"


SQLITE_TRIGGERS = (
    _trigger("purchase_sum_ai", "INSERT", (
        _SQLITE_DAY_ADD, _SQLITE_CUSTOMER_ADD, _sqlite_period_buyers("NEW", "+"),
        *_sqlite_top("NEW"))),
    _trigger("purchase_sum_ad", "DELETE", (
        *_SQLITE_DAY_REMOVE, *_sqlite_customer_refresh("OLD"), _sqlite_period_buyers("OLD", "-"),
        *_sqlite_top("OLD"))),
    _trigger("purchase_sum_au", "UPDATE OF customer_id, date, amount_cents", (
        *_SQLITE_DAY_REMOVE, _SQLITE_DAY_ADD, *_sqlite_customer_refresh("OLD"),
        *_sqlite_customer_refresh("NEW"), _sqlite_period_buyers("OLD", "-"),
        _sqlite_period_buyers("NEW", "+"), *_sqlite_top("OLD"), *_sqlite_top("NEW"))),
)
SQLITE_TRIGGER_NAMES = ("purchase_sum_ai", "purchase_sum_ad", "purchase_sum_au")

# --- the triggers (PostgreSQL) ----------------------------------------------------------------
# An AFTER ROW trigger of PostgreSQL sees every change of its statement (a customer deleted
# with all their purchases, a merge moving many at once), not the state after its own row as
# SQLite's do. The day and customer summaries do not mind (added deltas, or a customer's row
# made again from the table); the periods' buyers and tops are changed by BEFORE ROW triggers,
# which see the rows processed before theirs (row by row, as on SQLite) and add their own row's
# change themselves: x is the id of the row written, (nc, nd, na) the row after the write
# (NULL for a deletion).

_PG_ROWS = ("(SELECT p.amount_cents AS v FROM purchase p WHERE p.customer_id = c AND p.date "
            "BETWEEN pp.period_start AND pp.period_end AND p.id <> x UNION ALL SELECT na WHERE "
            "nc = c AND nd BETWEEN pp.period_start AND pp.period_end) s")
_PG_TOP = "\n".join("  " + s for s in _top_statements(
    "c", "d", f"(SELECT SUM(v) FROM {_PG_ROWS})", f"(SELECT SUM((v >= 0)::int) FROM {_PG_ROWS})"))


def _pg_buyers(row: str, sign: str) -> str:
    return (f"    UPDATE purchase_period pp SET buyers = buyers {sign} 1 WHERE {row}.date BETWEEN "
            "pp.period_start\n      AND pp.period_end AND NOT EXISTS (SELECT 1 FROM purchase p "
            f"WHERE p.customer_id =\n      {row}.customer_id AND p.date BETWEEN pp.period_start AND "
            f"pp.period_end AND p.id <> {row}.id);\n")


POSTGRESQL_FUNCTIONS = (
    "CREATE FUNCTION purchase_customer_refresh(c integer) RETURNS void LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "  DELETE FROM customer_purchase WHERE customer_id = c;\n"
    "  INSERT INTO customer_purchase (customer_id, row_count, sales, total_cents, last_sale_day)\n"
    "  SELECT customer_id, COUNT(*), SUM((amount_cents >= 0)::int), SUM(amount_cents),\n"
    "         MAX(CASE WHEN amount_cents >= 0 THEN date END)\n"
    "  FROM purchase WHERE customer_id = c GROUP BY customer_id;\n"
    "END $$",
    "CREATE FUNCTION purchase_summaries() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "  IF TG_OP <> 'INSERT' THEN\n"
    "    UPDATE purchase_day SET row_count = row_count - 1,\n"
    "      sales = sales - (OLD.amount_cents >= 0)::int, revenue_cents = revenue_cents - OLD.amount_cents\n"
    "      WHERE day = OLD.date;\n"
    "    DELETE FROM purchase_day WHERE day = OLD.date AND row_count = 0;\n"
    "    PERFORM purchase_customer_refresh(OLD.customer_id);\n"
    "  END IF;\n"
    "  IF TG_OP <> 'DELETE' THEN\n"
    "    INSERT INTO purchase_day AS s (day, row_count, sales, revenue_cents)\n"
    "      VALUES (NEW.date, 1, (NEW.amount_cents >= 0)::int, NEW.amount_cents)\n"
    "      ON CONFLICT (day) DO UPDATE SET row_count = s.row_count + 1,\n"
    "      sales = s.sales + excluded.sales, revenue_cents = s.revenue_cents + excluded.revenue_cents;\n"
    "    IF TG_OP = 'INSERT' THEN\n"
    "      INSERT INTO customer_purchase AS s (customer_id, row_count, sales, total_cents, last_sale_day)\n"
    "        VALUES (NEW.customer_id, 1, (NEW.amount_cents >= 0)::int, NEW.amount_cents,\n"
    "                CASE WHEN NEW.amount_cents >= 0 THEN NEW.date END)\n"
    "        ON CONFLICT (customer_id) DO UPDATE SET row_count = s.row_count + 1,\n"
    "        sales = s.sales + excluded.sales, total_cents = s.total_cents + excluded.total_cents,\n"
    "        last_sale_day = GREATEST(s.last_sale_day, excluded.last_sale_day);\n"
    "    ELSIF NEW.customer_id <> OLD.customer_id THEN\n"
    "      PERFORM purchase_customer_refresh(NEW.customer_id);\n"
    "    END IF;\n"
    "  END IF;\n"
    "  RETURN NULL;\n"
    "END $$",
    "CREATE FUNCTION purchase_top_refresh(c integer, d date, x integer, nc integer, nd date, "
    "na integer) RETURNS void LANGUAGE plpgsql AS $$\n"
    f"BEGIN\n{_PG_TOP}\nEND $$",
    "CREATE FUNCTION purchase_periods() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "  IF NOT EXISTS (SELECT 1 FROM purchase_period) THEN\n"
    "    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;\n"
    "  END IF;\n"
    "  IF TG_OP <> 'INSERT' THEN\n"
    f"{_pg_buyers('OLD', '-')}"
    "  END IF;\n"
    "  IF TG_OP <> 'DELETE' THEN\n"
    f"{_pg_buyers('NEW', '+')}"
    "  END IF;\n"
    "  IF TG_OP = 'INSERT' THEN\n"
    "    PERFORM purchase_top_refresh(NEW.customer_id, NEW.date, NEW.id, NEW.customer_id, NEW.date,\n"
    "                                 NEW.amount_cents);\n"
    "    RETURN NEW;\n"
    "  ELSIF TG_OP = 'DELETE' THEN\n"
    "    PERFORM purchase_top_refresh(OLD.customer_id, OLD.date, OLD.id, NULL, NULL, NULL);\n"
    "    RETURN OLD;\n"
    "  END IF;\n"
    "  PERFORM purchase_top_refresh(OLD.customer_id, OLD.date, OLD.id, NEW.customer_id, NEW.date,\n"
    "                               NEW.amount_cents);\n"
    "  PERFORM purchase_top_refresh(NEW.customer_id, NEW.date, OLD.id, NEW.customer_id, NEW.date,\n"
    "                               NEW.amount_cents);\n"
    "  RETURN NEW;\n"
    "END $$",
)
POSTGRESQL_TRIGGERS = (
    "CREATE TRIGGER purchase_summaries_trg AFTER INSERT OR DELETE OR UPDATE OF customer_id, "
    "date, amount_cents ON purchase FOR EACH ROW EXECUTE FUNCTION purchase_summaries()",
    "CREATE TRIGGER purchase_periods_trg BEFORE INSERT OR DELETE OR UPDATE OF customer_id, "
    "date, amount_cents ON purchase FOR EACH ROW EXECUTE FUNCTION purchase_periods()",
)


POSTGRESQL_TRIGGER_NAMES = ("purchase_summaries_trg", "purchase_periods_trg")


def summary_triggers_off(db, engine: str) -> list[str]:
    """Stop ONLY the triggers keeping these summaries (other modules' triggers on purchase,
    e.g. the indicators' cache and the card holders' revenue per day of models/indicators.py,
    keep firing); returns the statements that turn them back on, for the same transaction.
    SQLite drops and remakes them; PostgreSQL disables them by name."""
    if engine == "sqlite":
        found = dict(db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
            "'purchase'").fetchall())
        again = []
        for name in SQLITE_TRIGGER_NAMES:
            if name in found:
                db.execute_sql(f'DROP TRIGGER "{name}"')
                again.append(found[name])
        return again
    for name in POSTGRESQL_TRIGGER_NAMES:
        db.execute_sql(f'ALTER TABLE purchase DISABLE TRIGGER "{name}"')
    return [f'ALTER TABLE purchase ENABLE TRIGGER "{name}"' for name in POSTGRESQL_TRIGGER_NAMES]


def refill_sql(engine: str) -> tuple[str, ...]:
    """The summaries made again from the purchases in plain SQL ("sqlite" or "postgresql"),
    for a copy written with the triggers off (rcdesk transfer): days and customers refilled,
    periods forgotten."""
    sales = "SUM(amount_cents >= 0)" if engine == "sqlite" else "SUM((amount_cents >= 0)::int)"
    return (
        "DELETE FROM purchase_period_top", "DELETE FROM purchase_period",
        "DELETE FROM purchase_day", "DELETE FROM customer_purchase",
        f"INSERT INTO purchase_day (day, row_count, sales, revenue_cents) SELECT date, COUNT(*), "
        f"{sales}, SUM(amount_cents) FROM purchase GROUP BY date",
        "INSERT INTO customer_purchase (customer_id, row_count, sales, total_cents, "
        f"last_sale_day) SELECT customer_id, COUNT(*), {sales}, SUM(amount_cents), MAX(CASE "
        "WHEN amount_cents >= 0 THEN date END) FROM purchase GROUP BY customer_id",
    )


# SQLite: the purchases of id above ? (a bulk insert made with the triggers dropped) added to
# the day and customer summaries in two statements (the periods are forgotten instead).
SQLITE_ADD_NEWER = (
    "DELETE FROM purchase_period_top",
    "DELETE FROM purchase_period",
    "INSERT INTO purchase_day (day, row_count, sales, revenue_cents) SELECT date, COUNT(*), "
    "SUM(amount_cents >= 0), SUM(amount_cents) FROM purchase WHERE id > ? GROUP BY date "
    "ON CONFLICT (day) DO UPDATE SET row_count = row_count + excluded.row_count, sales = sales "
    "+ excluded.sales, revenue_cents = revenue_cents + excluded.revenue_cents",
    "INSERT INTO customer_purchase (customer_id, row_count, sales, total_cents, last_sale_day) "
    "SELECT customer_id, COUNT(*), SUM(amount_cents >= 0), SUM(amount_cents), MAX(CASE WHEN "
    "amount_cents >= 0 THEN date END) FROM purchase WHERE id > ? GROUP BY customer_id "
    "ON CONFLICT (customer_id) DO UPDATE SET row_count = row_count + excluded.row_count, "
    "sales = sales + excluded.sales, total_cents = total_cents + excluded.total_cents, "
    "last_sale_day = CASE WHEN excluded.last_sale_day IS NULL THEN last_sale_day WHEN "
    "last_sale_day IS NULL OR excluded.last_sale_day > last_sale_day THEN "
    "excluded.last_sale_day ELSE last_sale_day END",
)

# PostgreSQL: the same, the triggers disabled for the insert (ALTER TABLE ... DISABLE TRIGGER)
POSTGRESQL_ADD_NEWER = (
    "DELETE FROM purchase_period_top",
    "DELETE FROM purchase_period",
    "INSERT INTO purchase_day AS s (day, row_count, sales, revenue_cents) SELECT date, COUNT(*), "
    "SUM((amount_cents >= 0)::int), SUM(amount_cents) FROM purchase WHERE id > %s GROUP BY date "
    "ON CONFLICT (day) DO UPDATE SET row_count = s.row_count + excluded.row_count, sales = "
    "s.sales + excluded.sales, revenue_cents = s.revenue_cents + excluded.revenue_cents",
    "INSERT INTO customer_purchase AS s (customer_id, row_count, sales, total_cents, "
    "last_sale_day) SELECT customer_id, COUNT(*), SUM((amount_cents >= 0)::int), "
    "SUM(amount_cents), MAX(CASE WHEN amount_cents >= 0 THEN date END) FROM purchase WHERE "
    "id > %s GROUP BY customer_id ON CONFLICT (customer_id) DO UPDATE SET row_count = "
    "s.row_count + excluded.row_count, sales = s.sales + excluded.sales, total_cents = "
    "s.total_cents + excluded.total_cents, last_sale_day = GREATEST(s.last_sale_day, "
    "excluded.last_sale_day)",
)
