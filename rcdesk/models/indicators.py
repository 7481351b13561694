"""The indicator cache: each area's figures of a period, kept in the database until a write
can change them (schema step 15).

services/indicators.py reads and writes it. Triggers on the tables an area's figures read
delete that area's cached periods containing the date written (or all its periods, for a table
without a date): any process writing the base, another PC's included on a shared PostgreSQL
base, drops what it made stale. WATCHED is that map; cache_trigger_sql() spells its triggers for
each engine (the frozen copy is in migrations/v0015_indicator_cache.py)."""

from peewee import BigIntegerField, CharField, DateField, TextField

from rcdesk.models.base import BaseModel

OPEN_START = "0001-01-01"  # period_start of a period without start
OPEN_END = "9999-12-31"  # period_end of a period without end; valid_until of lasting figures


class IndicatorCache(BaseModel):
    area = CharField(max_length=40)
    kind = CharField(max_length=10)  # "measure" (the registry) or "stats" (`rcdesk stats`)
    period_start = DateField()
    period_end = DateField()
    # the last day the figures hold: those of a period still running depend on today (lateness,
    # "as of" counts); the area says until when (Area.figures_valid_until), else the day computed
    valid_until = DateField()
    token = CharField(max_length=40)  # who is computing it (a placeholder until payload)
    payload = TextField(null=True)  # JSON; NULL while being computed

    class Meta:
        table_name = "indicator_cache"
        indexes = ((("area", "kind", "period_start", "period_end"), True),)


MODELS = [IndicatorCache]

# table -> (areas whose figures it feeds, its date column or None: every period, the columns
# whose update matters or None: any update)
WATCHED: tuple[tuple[str, tuple[str, ...], str | None, tuple[str, ...] | None], ...] = (
    ("complaint", ("complaints",), "received_on",
     ("received_on", "status", "due_date", "paused_on", "answer_date", "cost_cents",
      "resatisfied", "waited_days")),
    ("purchase", ("complaints", "customers", "loyalty"), "date",
     ("date", "amount_cents", "customer_id")),
    ("customer", ("customers",), None,
     ("status", "kind", "client_since", "lost_at", "anonymised_at")),
    ("company", ("complaints",), None, None),
    ("loyalty_programme", ("loyalty",), None, None),
    # not balance: the points outstanding are read live (services/loyalty/figures.py)
    ("loyalty_card", ("loyalty",), None, ("customer_id", "status", "expires_on")),
    ("loyalty_voucher", ("loyalty",), None, None),
    ("loyalty_card_event", ("loyalty",), "on", None),
    ("survey_campaign", ("satisfaction",), None, None),
    ("survey_question", ("satisfaction",), None, None),
    ("survey_response", ("satisfaction",), None, None),
    ("survey_answer", ("satisfaction",), None, None),
)


def _sqlite_delete(areas, column, row) -> str:
    names = ", ".join(f"'{a}'" for a in areas)
    sql = f"DELETE FROM indicator_cache WHERE area IN ({names})"
    if column:
        sql += f' AND period_start <= {row}."{column}" AND period_end >= {row}."{column}"'
    return sql + ";"


def cache_trigger_sql(engine: str) -> tuple[str, ...]:
    """The statements creating the invalidation triggers of WATCHED on engine ("sqlite" or
    "postgresql"), and on PostgreSQL the function they run."""
    statements = []
    if engine == "postgresql":
        statements.append(
            "CREATE FUNCTION indicator_cache_drop() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "DECLARE areas text[] := string_to_array(TG_ARGV[0], ','); col text := TG_ARGV[1];\n"
            "day date;\n"
            "BEGIN\n"
            "  IF col = '' THEN\n"
            "    DELETE FROM indicator_cache WHERE area = ANY(areas);\n"
            "    RETURN NULL;\n"
            "  END IF;\n"
            "  IF TG_OP <> 'DELETE' THEN\n"
            "    day := (to_jsonb(NEW) ->> col)::date;\n"
            "    DELETE FROM indicator_cache WHERE area = ANY(areas) AND period_start <= day\n"
            "      AND period_end >= day;\n"
            "  END IF;\n"
            "  IF TG_OP <> 'INSERT' THEN\n"
            "    day := (to_jsonb(OLD) ->> col)::date;\n"
            "    DELETE FROM indicator_cache WHERE area = ANY(areas) AND period_start <= day\n"
            "      AND period_end >= day;\n"
            "  END IF;\n"
            "  RETURN NULL;\n"
            "END $$")
    for table, areas, column, columns in WATCHED:
        of = f" OF {', '.join(columns)}" if columns else ""
        if engine == "postgresql":
            statements.append(
                f"CREATE TRIGGER {table}_indicator_cache AFTER INSERT OR DELETE OR UPDATE{of} "
                f'ON "{table}" FOR EACH ROW EXECUTE FUNCTION '
                f"indicator_cache_drop('{','.join(areas)}', '{column or ''}')")
            continue
        for op, rows in (("INSERT", ("NEW",)), ("DELETE", ("OLD",)),
                         (f"UPDATE{of}", ("OLD", "NEW"))):
            name = f"{table}_ic_{op.split()[0].lower()}"
            body = " ".join(_sqlite_delete(areas, column, row) for row in rows[:1 if not column
                                                                               else 2])
            statements.append(f'CREATE TRIGGER {name} AFTER {op} ON "{table}" BEGIN {body} END')
    return tuple(statements)


def delay_trigger_sql(engine: str) -> tuple[str, ...]:
    """complaint.answer_working_days back to NULL (to be computed again) when the dates it
    comes from or the days waited change, and for every complaint when the company's country
    (its public holidays) changes; a write that sets it itself keeps its value."""
    if engine == "sqlite":
        return (
            "CREATE TRIGGER complaint_delay_reset AFTER UPDATE OF received_on, answer_date, "
            "waited_days ON complaint WHEN NEW.answer_working_days IS NOT NULL "
            "AND NEW.answer_working_days IS OLD.answer_working_days "
            "AND (NEW.received_on IS NOT OLD.received_on OR NEW.answer_date IS NOT "
            "OLD.answer_date OR NEW.waited_days IS NOT OLD.waited_days) "
            "BEGIN UPDATE complaint SET answer_working_days = NULL WHERE id = NEW.id; END",
            "CREATE TRIGGER company_country_delays AFTER UPDATE OF country ON company "
            "WHEN NEW.country IS NOT OLD.country BEGIN UPDATE complaint SET "
            "answer_working_days = NULL WHERE answer_working_days IS NOT NULL; END",
        )
    return (
        "CREATE FUNCTION complaint_delay_reset() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  IF NEW.answer_working_days IS NOT DISTINCT FROM OLD.answer_working_days AND\n"
        "     (NEW.received_on, NEW.answer_date, NEW.waited_days) IS DISTINCT FROM\n"
        "     (OLD.received_on, OLD.answer_date, OLD.waited_days) THEN\n"
        "    NEW.answer_working_days := NULL;\n"
        "  END IF;\n"
        "  RETURN NEW;\n"
        "END $$",
        "CREATE TRIGGER complaint_delay_reset BEFORE UPDATE ON complaint FOR EACH ROW "
        "EXECUTE FUNCTION complaint_delay_reset()",
        "CREATE FUNCTION company_country_delays() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  UPDATE complaint SET answer_working_days = NULL WHERE answer_working_days IS NOT NULL;\n"
        "  RETURN NULL;\n"
        "END $$",
        "CREATE TRIGGER company_country_delays AFTER UPDATE OF country ON company FOR EACH ROW "
        "WHEN (NEW.country IS DISTINCT FROM OLD.country) EXECUTE FUNCTION "
        "company_country_delays()",
    )


class LoyaltyHolderDay(BaseModel):
    """Revenue of a day's purchases made by customers holding a loyalty card (any card, as
    the loyalty revenue share counts them), kept by triggers on purchase and loyalty_card."""

    day = DateField(primary_key=True)
    revenue_cents = BigIntegerField(default=0)

    class Meta:
        table_name = "loyalty_holder_day"


MODELS.append(LoyaltyHolderDay)

_HOLDER = "EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = {row}.customer_id{other})"
_ADD_DAY = ("INSERT INTO loyalty_holder_day (day, revenue_cents) {values} "
            "ON CONFLICT (day) DO UPDATE SET revenue_cents = "
            "loyalty_holder_day.revenue_cents + excluded.revenue_cents;")
_ADD_CUSTOMER = _ADD_DAY.format(values="SELECT date, SUM(amount_cents) FROM purchase WHERE "
                                       "customer_id = {row}.customer_id GROUP BY date")
_SUB_CUSTOMER = ("UPDATE loyalty_holder_day SET revenue_cents = revenue_cents - COALESCE(("
                 "SELECT SUM(amount_cents) FROM purchase WHERE customer_id = {row}.customer_id "
                 "AND date = loyalty_holder_day.day), 0) WHERE day IN (SELECT date FROM "
                 "purchase WHERE customer_id = {row}.customer_id);")
_ADD_PURCHASE = _ADD_DAY.format(values="SELECT {row}.date, {row}.amount_cents WHERE "
                                       + _HOLDER.format(row="{row}", other=""))
_SUB_PURCHASE = ("UPDATE loyalty_holder_day SET revenue_cents = revenue_cents - "
                 "{row}.amount_cents WHERE day = {row}.date AND "
                 + _HOLDER.format(row="{row}", other="") + ";")
_FIRST_CARD = "NOT " + _HOLDER.format(row="{row}", other=" AND id <> {row}.id")
_NO_CARD = "NOT " + _HOLDER.format(row="{row}", other="")


def holder_day_sql(engine: str) -> tuple[str, ...]:
    """The triggers keeping loyalty_holder_day: a purchase of a card holder added, removed or
    changed; a customer's first card (all his purchases become holders' revenue), his last
    card removed or moved to another customer."""
    def on(row, text):
        return text.format(row=row)

    purchase_ins = on("NEW", _ADD_PURCHASE)
    purchase_del = on("OLD", _SUB_PURCHASE)
    card_ins = f"IF {on('NEW', _FIRST_CARD)} THEN {on('NEW', _ADD_CUSTOMER)} END IF;"
    card_del = f"IF {on('OLD', _NO_CARD)} THEN {on('OLD', _SUB_CUSTOMER)} END IF;"
    if engine == "sqlite":
        return (
            f"CREATE TRIGGER purchase_holder_ai AFTER INSERT ON purchase BEGIN {purchase_ins} END",
            f"CREATE TRIGGER purchase_holder_ad AFTER DELETE ON purchase BEGIN {purchase_del} END",
            "CREATE TRIGGER purchase_holder_au AFTER UPDATE OF date, amount_cents, customer_id "
            f"ON purchase BEGIN {purchase_del} {purchase_ins} END",
            f"CREATE TRIGGER card_holder_ai AFTER INSERT ON loyalty_card WHEN "
            f"{on('NEW', _FIRST_CARD)} BEGIN {on('NEW', _ADD_CUSTOMER)} END",
            f"CREATE TRIGGER card_holder_ad AFTER DELETE ON loyalty_card WHEN "
            f"{on('OLD', _NO_CARD)} BEGIN {on('OLD', _SUB_CUSTOMER)} END",
            "CREATE TRIGGER card_holder_au_old AFTER UPDATE OF customer_id ON loyalty_card WHEN "
            f"OLD.customer_id IS NOT NEW.customer_id AND {on('OLD', _NO_CARD)} BEGIN "
            f"{on('OLD', _SUB_CUSTOMER)} END",
            "CREATE TRIGGER card_holder_au_new AFTER UPDATE OF customer_id ON loyalty_card WHEN "
            f"OLD.customer_id IS NOT NEW.customer_id AND {on('NEW', _FIRST_CARD)} BEGIN "
            f"{on('NEW', _ADD_CUSTOMER)} END",
        )
    # PostgreSQL runs a cascade's AFTER triggers once the whole cascade is done: a customer
    # deleted with his cards and purchases would find neither. Deletions are counted BEFORE
    # each row goes (a row-level BEFORE trigger sees the rows the statement already deleted).
    card_gone = (f"IF NOT {_HOLDER.format(row='OLD', other=' AND id <> OLD.id')} THEN "
                 f"{on('OLD', _SUB_CUSTOMER)} END IF;")
    return (
        "CREATE FUNCTION purchase_holder_day() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
        f"  IF TG_OP = 'UPDATE' THEN {purchase_del} END IF;\n"
        f"  {purchase_ins}\n"
        "  RETURN NULL;\nEND $$",
        "CREATE TRIGGER purchase_holder_day AFTER INSERT OR UPDATE OF date, amount_cents, "
        "customer_id ON purchase FOR EACH ROW EXECUTE FUNCTION purchase_holder_day()",
        "CREATE FUNCTION purchase_holder_gone() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
        f"  {purchase_del}\n"
        "  RETURN OLD;\nEND $$",
        "CREATE TRIGGER purchase_holder_gone BEFORE DELETE ON purchase FOR EACH ROW EXECUTE "
        "FUNCTION purchase_holder_gone()",
        "CREATE FUNCTION card_holder_day() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
        "  IF TG_OP = 'UPDATE' THEN\n"
        "    IF OLD.customer_id IS NOT DISTINCT FROM NEW.customer_id THEN RETURN NULL; END IF;\n"
        f"    {card_del}\n"
        "  END IF;\n"
        f"  {card_ins}\n"
        "  RETURN NULL;\nEND $$",
        "CREATE TRIGGER card_holder_day AFTER INSERT OR UPDATE OF customer_id ON loyalty_card "
        "FOR EACH ROW EXECUTE FUNCTION card_holder_day()",
        "CREATE FUNCTION card_holder_gone() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
        f"  {card_gone}\n"
        "  RETURN OLD;\nEND $$",
        "CREATE TRIGGER card_holder_gone BEFORE DELETE ON loyalty_card FOR EACH ROW EXECUTE "
        "FUNCTION card_holder_gone()",
    )


# the table filled from the purchases already there (step 15, and a rebuild)
HOLDER_DAY_FILL = ("INSERT INTO loyalty_holder_day (day, revenue_cents) SELECT date, "
                   "SUM(amount_cents) FROM purchase WHERE customer_id IN (SELECT customer_id "
                   "FROM loyalty_card) GROUP BY date")


# Tables the base derives itself (triggers, caches): never copied by a transfer, rebuilt on the
# target from the rows copied (rebuild_derived).
DERIVED_TABLES = ("indicator_cache", "loyalty_holder_day")


def _trigger_names(engine: str) -> list[tuple[str, str]]:
    """(trigger, table) of every trigger of this module on engine."""
    found = []
    for statement in cache_trigger_sql(engine) + holder_day_sql(engine):
        if statement.startswith("CREATE TRIGGER "):
            words = statement.split()
            found.append((words[2], words[words.index("ON") + 1].strip('"')))
    return found


def derived_triggers_off(db, engine: str) -> tuple[str, ...]:
    """Drop the triggers keeping DERIVED_TABLES (a bulk copy fills them once at the end, not row
    by row over tables whose indexes are dropped meanwhile); returns the statements making them
    again. The caller's transaction makes it all or nothing."""
    for name, table in _trigger_names(engine):
        if engine == "sqlite":
            db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
        else:
            db.execute_sql(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
    return tuple(s for s in cache_trigger_sql(engine) + holder_day_sql(engine)
                 if s.startswith("CREATE TRIGGER "))


def rebuild_derived(db) -> None:
    """DERIVED_TABLES made again from the rows there: no figure kept, the card holders'
    revenue per day summed from the purchases."""
    db.execute_sql("DELETE FROM indicator_cache")
    db.execute_sql("DELETE FROM loyalty_holder_day")
    db.execute_sql(HOLDER_DAY_FILL)
