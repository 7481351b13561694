# ruff: noqa: E501 - the frozen statements are kept one per line, as run
"""Schema step 15: what keeps the Pilotage figures fast on a large file.

- indicator_cache: each area's figures of a period (JSON), kept until a write can change them;
  triggers on the tables the figures read delete the cached periods containing the date written
  (or all the area's periods for a table without a date): every process, every PC of a shared
  PostgreSQL base, drops what its writes made stale.
- loyalty_holder_day: revenue per day of the card holders' purchases (the loyalty revenue
  share), kept by triggers on purchase and loyalty_card, filled here from the purchases there.
- indexes for the loyalty figures (cards alive at a date, vouchers used or lapsed, renewals)
  and the customers' retention (client_since, lost_at).
- complaint.answer_working_days: the answer delay in working days, stored once answered (NULL
  until computed by the application's rule; a trigger resets it when its dates change, and all
  of them when the company's country changes)."""

from rcdesk.models.migrations.sql import run

VERSION = 15
LABEL = "cache des indicateurs, CA des porteurs de carte par jour, délai de réponse stocké"

SQLITE = (
    'CREATE INDEX "loyalty_card_expires_on_status" ON "loyalty_card" ("expires_on", "status")',
    'CREATE INDEX "loyalty_card_status_balance" ON "loyalty_card" ("status", "balance")',
    'CREATE INDEX "loyalty_voucher_used_on" ON "loyalty_voucher" ("used_on")',
    'CREATE INDEX "loyalty_voucher_expires_on_used_at_issued_on" ON "loyalty_voucher" ("expires_on", "used_at", "issued_on")',
    'CREATE INDEX "loyalty_card_event_kind_on" ON "loyalty_card_event" ("kind", "on")',
    'CREATE INDEX "customer_client_since_lost_at" ON "customer" ("client_since", "lost_at")',
    'CREATE TABLE "indicator_cache" ("id" INTEGER NOT NULL PRIMARY KEY, "area" VARCHAR(40) NOT NULL, "kind" VARCHAR(10) NOT NULL, "period_start" DATE NOT NULL, "period_end" DATE NOT NULL, "valid_until" DATE NOT NULL, "token" VARCHAR(40) NOT NULL, "payload" TEXT)',
    'CREATE UNIQUE INDEX "indicator_cache_area_kind_period_start_period_end" ON "indicator_cache" ("area", "kind", "period_start", "period_end")',
    'CREATE TABLE "loyalty_holder_day" ("day" DATE NOT NULL PRIMARY KEY, "revenue_cents" INTEGER NOT NULL)',
    'ALTER TABLE "complaint" ADD COLUMN "answer_working_days" INTEGER',
    'CREATE INDEX "complaint_received_on_answer_working_days_answer_date_du_f6490c2" ON "complaint" ("received_on", "answer_working_days", "answer_date", "due_date", "cost_cents", "resatisfied")',
    'CREATE TRIGGER complaint_ic_insert AFTER INSERT ON "complaint" BEGIN DELETE FROM indicator_cache WHERE area IN (\'complaints\') AND period_start <= NEW."received_on" AND period_end >= NEW."received_on"; END',
    'CREATE TRIGGER complaint_ic_delete AFTER DELETE ON "complaint" BEGIN DELETE FROM indicator_cache WHERE area IN (\'complaints\') AND period_start <= OLD."received_on" AND period_end >= OLD."received_on"; END',
    'CREATE TRIGGER complaint_ic_update AFTER UPDATE OF received_on, status, due_date, paused_on, answer_date, cost_cents, resatisfied, waited_days ON "complaint" BEGIN DELETE FROM indicator_cache WHERE area IN (\'complaints\') AND period_start <= OLD."received_on" AND period_end >= OLD."received_on"; DELETE FROM indicator_cache WHERE area IN (\'complaints\') AND period_start <= NEW."received_on" AND period_end >= NEW."received_on"; END',
    'CREATE TRIGGER purchase_ic_insert AFTER INSERT ON "purchase" BEGIN DELETE FROM indicator_cache WHERE area IN (\'complaints\', \'customers\', \'loyalty\') AND period_start <= NEW."date" AND period_end >= NEW."date"; END',
    'CREATE TRIGGER purchase_ic_delete AFTER DELETE ON "purchase" BEGIN DELETE FROM indicator_cache WHERE area IN (\'complaints\', \'customers\', \'loyalty\') AND period_start <= OLD."date" AND period_end >= OLD."date"; END',
    'CREATE TRIGGER purchase_ic_update AFTER UPDATE OF date, amount_cents, customer_id ON "purchase" BEGIN DELETE FROM indicator_cache WHERE area IN (\'complaints\', \'customers\', \'loyalty\') AND period_start <= OLD."date" AND period_end >= OLD."date"; DELETE FROM indicator_cache WHERE area IN (\'complaints\', \'customers\', \'loyalty\') AND period_start <= NEW."date" AND period_end >= NEW."date"; END',
    'CREATE TRIGGER customer_ic_insert AFTER INSERT ON "customer" BEGIN DELETE FROM indicator_cache WHERE area IN (\'customers\'); END',
    'CREATE TRIGGER customer_ic_delete AFTER DELETE ON "customer" BEGIN DELETE FROM indicator_cache WHERE area IN (\'customers\'); END',
    'CREATE TRIGGER customer_ic_update AFTER UPDATE OF status, kind, client_since, lost_at, anonymised_at ON "customer" BEGIN DELETE FROM indicator_cache WHERE area IN (\'customers\'); END',
    'CREATE TRIGGER company_ic_insert AFTER INSERT ON "company" BEGIN DELETE FROM indicator_cache WHERE area IN (\'complaints\'); END',
    'CREATE TRIGGER company_ic_delete AFTER DELETE ON "company" BEGIN DELETE FROM indicator_cache WHERE area IN (\'complaints\'); END',
    'CREATE TRIGGER company_ic_update AFTER UPDATE ON "company" BEGIN DELETE FROM indicator_cache WHERE area IN (\'complaints\'); END',
    'CREATE TRIGGER loyalty_programme_ic_insert AFTER INSERT ON "loyalty_programme" BEGIN DELETE FROM indicator_cache WHERE area IN (\'loyalty\'); END',
    'CREATE TRIGGER loyalty_programme_ic_delete AFTER DELETE ON "loyalty_programme" BEGIN DELETE FROM indicator_cache WHERE area IN (\'loyalty\'); END',
    'CREATE TRIGGER loyalty_programme_ic_update AFTER UPDATE ON "loyalty_programme" BEGIN DELETE FROM indicator_cache WHERE area IN (\'loyalty\'); END',
    'CREATE TRIGGER loyalty_card_ic_insert AFTER INSERT ON "loyalty_card" BEGIN DELETE FROM indicator_cache WHERE area IN (\'loyalty\'); END',
    'CREATE TRIGGER loyalty_card_ic_delete AFTER DELETE ON "loyalty_card" BEGIN DELETE FROM indicator_cache WHERE area IN (\'loyalty\'); END',
    'CREATE TRIGGER loyalty_card_ic_update AFTER UPDATE OF customer_id, status, expires_on ON "loyalty_card" BEGIN DELETE FROM indicator_cache WHERE area IN (\'loyalty\'); END',
    'CREATE TRIGGER loyalty_voucher_ic_insert AFTER INSERT ON "loyalty_voucher" BEGIN DELETE FROM indicator_cache WHERE area IN (\'loyalty\'); END',
    'CREATE TRIGGER loyalty_voucher_ic_delete AFTER DELETE ON "loyalty_voucher" BEGIN DELETE FROM indicator_cache WHERE area IN (\'loyalty\'); END',
    'CREATE TRIGGER loyalty_voucher_ic_update AFTER UPDATE ON "loyalty_voucher" BEGIN DELETE FROM indicator_cache WHERE area IN (\'loyalty\'); END',
    'CREATE TRIGGER loyalty_card_event_ic_insert AFTER INSERT ON "loyalty_card_event" BEGIN DELETE FROM indicator_cache WHERE area IN (\'loyalty\') AND period_start <= NEW."on" AND period_end >= NEW."on"; END',
    'CREATE TRIGGER loyalty_card_event_ic_delete AFTER DELETE ON "loyalty_card_event" BEGIN DELETE FROM indicator_cache WHERE area IN (\'loyalty\') AND period_start <= OLD."on" AND period_end >= OLD."on"; END',
    'CREATE TRIGGER loyalty_card_event_ic_update AFTER UPDATE ON "loyalty_card_event" BEGIN DELETE FROM indicator_cache WHERE area IN (\'loyalty\') AND period_start <= OLD."on" AND period_end >= OLD."on"; DELETE FROM indicator_cache WHERE area IN (\'loyalty\') AND period_start <= NEW."on" AND period_end >= NEW."on"; END',
    'CREATE TRIGGER survey_campaign_ic_insert AFTER INSERT ON "survey_campaign" BEGIN DELETE FROM indicator_cache WHERE area IN (\'satisfaction\'); END',
    'CREATE TRIGGER survey_campaign_ic_delete AFTER DELETE ON "survey_campaign" BEGIN DELETE FROM indicator_cache WHERE area IN (\'satisfaction\'); END',
    'CREATE TRIGGER survey_campaign_ic_update AFTER UPDATE ON "survey_campaign" BEGIN DELETE FROM indicator_cache WHERE area IN (\'satisfaction\'); END',
    'CREATE TRIGGER survey_question_ic_insert AFTER INSERT ON "survey_question" BEGIN DELETE FROM indicator_cache WHERE area IN (\'satisfaction\'); END',
    'CREATE TRIGGER survey_question_ic_delete AFTER DELETE ON "survey_question" BEGIN DELETE FROM indicator_cache WHERE area IN (\'satisfaction\'); END',
    'CREATE TRIGGER survey_question_ic_update AFTER UPDATE ON "survey_question" BEGIN DELETE FROM indicator_cache WHERE area IN (\'satisfaction\'); END',
    'CREATE TRIGGER survey_response_ic_insert AFTER INSERT ON "survey_response" BEGIN DELETE FROM indicator_cache WHERE area IN (\'satisfaction\'); END',
    'CREATE TRIGGER survey_response_ic_delete AFTER DELETE ON "survey_response" BEGIN DELETE FROM indicator_cache WHERE area IN (\'satisfaction\'); END',
    'CREATE TRIGGER survey_response_ic_update AFTER UPDATE ON "survey_response" BEGIN DELETE FROM indicator_cache WHERE area IN (\'satisfaction\'); END',
    'CREATE TRIGGER survey_answer_ic_insert AFTER INSERT ON "survey_answer" BEGIN DELETE FROM indicator_cache WHERE area IN (\'satisfaction\'); END',
    'CREATE TRIGGER survey_answer_ic_delete AFTER DELETE ON "survey_answer" BEGIN DELETE FROM indicator_cache WHERE area IN (\'satisfaction\'); END',
    'CREATE TRIGGER survey_answer_ic_update AFTER UPDATE ON "survey_answer" BEGIN DELETE FROM indicator_cache WHERE area IN (\'satisfaction\'); END',
    'CREATE TRIGGER purchase_holder_ai AFTER INSERT ON purchase BEGIN INSERT INTO loyalty_holder_day (day, revenue_cents) SELECT NEW.date, NEW.amount_cents WHERE EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = NEW.customer_id) ON CONFLICT (day) DO UPDATE SET revenue_cents = loyalty_holder_day.revenue_cents + excluded.revenue_cents; END',
    'CREATE TRIGGER purchase_holder_ad AFTER DELETE ON purchase BEGIN UPDATE loyalty_holder_day SET revenue_cents = revenue_cents - OLD.amount_cents WHERE day = OLD.date AND EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = OLD.customer_id); END',
    'CREATE TRIGGER purchase_holder_au AFTER UPDATE OF date, amount_cents, customer_id ON purchase BEGIN UPDATE loyalty_holder_day SET revenue_cents = revenue_cents - OLD.amount_cents WHERE day = OLD.date AND EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = OLD.customer_id); INSERT INTO loyalty_holder_day (day, revenue_cents) SELECT NEW.date, NEW.amount_cents WHERE EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = NEW.customer_id) ON CONFLICT (day) DO UPDATE SET revenue_cents = loyalty_holder_day.revenue_cents + excluded.revenue_cents; END',
    'CREATE TRIGGER card_holder_ai AFTER INSERT ON loyalty_card WHEN NOT EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = NEW.customer_id AND id <> NEW.id) BEGIN INSERT INTO loyalty_holder_day (day, revenue_cents) SELECT date, SUM(amount_cents) FROM purchase WHERE customer_id = NEW.customer_id GROUP BY date ON CONFLICT (day) DO UPDATE SET revenue_cents = loyalty_holder_day.revenue_cents + excluded.revenue_cents; END',
    'CREATE TRIGGER card_holder_ad AFTER DELETE ON loyalty_card WHEN NOT EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = OLD.customer_id) BEGIN UPDATE loyalty_holder_day SET revenue_cents = revenue_cents - COALESCE((SELECT SUM(amount_cents) FROM purchase WHERE customer_id = OLD.customer_id AND date = loyalty_holder_day.day), 0) WHERE day IN (SELECT date FROM purchase WHERE customer_id = OLD.customer_id); END',
    'CREATE TRIGGER card_holder_au_old AFTER UPDATE OF customer_id ON loyalty_card WHEN OLD.customer_id IS NOT NEW.customer_id AND NOT EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = OLD.customer_id) BEGIN UPDATE loyalty_holder_day SET revenue_cents = revenue_cents - COALESCE((SELECT SUM(amount_cents) FROM purchase WHERE customer_id = OLD.customer_id AND date = loyalty_holder_day.day), 0) WHERE day IN (SELECT date FROM purchase WHERE customer_id = OLD.customer_id); END',
    'CREATE TRIGGER card_holder_au_new AFTER UPDATE OF customer_id ON loyalty_card WHEN OLD.customer_id IS NOT NEW.customer_id AND NOT EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = NEW.customer_id AND id <> NEW.id) BEGIN INSERT INTO loyalty_holder_day (day, revenue_cents) SELECT date, SUM(amount_cents) FROM purchase WHERE customer_id = NEW.customer_id GROUP BY date ON CONFLICT (day) DO UPDATE SET revenue_cents = loyalty_holder_day.revenue_cents + excluded.revenue_cents; END',
    'CREATE TRIGGER complaint_delay_reset AFTER UPDATE OF received_on, answer_date, waited_days ON complaint WHEN NEW.answer_working_days IS NOT NULL AND NEW.answer_working_days IS OLD.answer_working_days AND (NEW.received_on IS NOT OLD.received_on OR NEW.answer_date IS NOT OLD.answer_date OR NEW.waited_days IS NOT OLD.waited_days) BEGIN UPDATE complaint SET answer_working_days = NULL WHERE id = NEW.id; END',
    'CREATE TRIGGER company_country_delays AFTER UPDATE OF country ON company WHEN NEW.country IS NOT OLD.country BEGIN UPDATE complaint SET answer_working_days = NULL WHERE answer_working_days IS NOT NULL; END',
    'INSERT INTO loyalty_holder_day (day, revenue_cents) SELECT date, SUM(amount_cents) FROM purchase WHERE customer_id IN (SELECT customer_id FROM loyalty_card) GROUP BY date',
)

POSTGRESQL = (
    'CREATE INDEX "loyalty_card_expires_on_status" ON "loyalty_card" ("expires_on", "status")',
    'CREATE INDEX "loyalty_card_status_balance" ON "loyalty_card" ("status", "balance")',
    'CREATE INDEX "loyalty_voucher_used_on" ON "loyalty_voucher" ("used_on")',
    'CREATE INDEX "loyalty_voucher_expires_on_used_at_issued_on" ON "loyalty_voucher" ("expires_on", "used_at", "issued_on")',
    'CREATE INDEX "loyalty_card_event_kind_on" ON "loyalty_card_event" ("kind", "on")',
    'CREATE INDEX "customer_client_since_lost_at" ON "customer" ("client_since", "lost_at")',
    'CREATE TABLE "indicator_cache" ("id" SERIAL NOT NULL PRIMARY KEY, "area" VARCHAR(40) NOT NULL, "kind" VARCHAR(10) NOT NULL, "period_start" DATE NOT NULL, "period_end" DATE NOT NULL, "valid_until" DATE NOT NULL, "token" VARCHAR(40) NOT NULL, "payload" TEXT)',
    'CREATE UNIQUE INDEX "indicator_cache_area_kind_period_start_period_end" ON "indicator_cache" ("area", "kind", "period_start", "period_end")',
    'CREATE TABLE "loyalty_holder_day" ("day" DATE NOT NULL PRIMARY KEY, "revenue_cents" BIGINT NOT NULL)',
    'ALTER TABLE "complaint" ADD COLUMN "answer_working_days" INTEGER',
    'CREATE INDEX "complaint_received_on_answer_working_days_answer_date_du_f6490c2" ON "complaint" ("received_on", "answer_working_days", "answer_date", "due_date", "cost_cents", "resatisfied")',
    "CREATE FUNCTION indicator_cache_drop() RETURNS trigger LANGUAGE plpgsql AS $$\nDECLARE areas text[] := string_to_array(TG_ARGV[0], ','); col text := TG_ARGV[1];\nday date;\nBEGIN\n  IF col = '' THEN\n    DELETE FROM indicator_cache WHERE area = ANY(areas);\n    RETURN NULL;\n  END IF;\n  IF TG_OP <> 'DELETE' THEN\n    day := (to_jsonb(NEW) ->> col)::date;\n    DELETE FROM indicator_cache WHERE area = ANY(areas) AND period_start <= day\n      AND period_end >= day;\n  END IF;\n  IF TG_OP <> 'INSERT' THEN\n    day := (to_jsonb(OLD) ->> col)::date;\n    DELETE FROM indicator_cache WHERE area = ANY(areas) AND period_start <= day\n      AND period_end >= day;\n  END IF;\n  RETURN NULL;\nEND $$",
    'CREATE TRIGGER complaint_indicator_cache AFTER INSERT OR DELETE OR UPDATE OF received_on, status, due_date, paused_on, answer_date, cost_cents, resatisfied, waited_days ON "complaint" FOR EACH ROW EXECUTE FUNCTION indicator_cache_drop(\'complaints\', \'received_on\')',
    'CREATE TRIGGER purchase_indicator_cache AFTER INSERT OR DELETE OR UPDATE OF date, amount_cents, customer_id ON "purchase" FOR EACH ROW EXECUTE FUNCTION indicator_cache_drop(\'complaints,customers,loyalty\', \'date\')',
    'CREATE TRIGGER customer_indicator_cache AFTER INSERT OR DELETE OR UPDATE OF status, kind, client_since, lost_at, anonymised_at ON "customer" FOR EACH ROW EXECUTE FUNCTION indicator_cache_drop(\'customers\', \'\')',
    'CREATE TRIGGER company_indicator_cache AFTER INSERT OR DELETE OR UPDATE ON "company" FOR EACH ROW EXECUTE FUNCTION indicator_cache_drop(\'complaints\', \'\')',
    'CREATE TRIGGER loyalty_programme_indicator_cache AFTER INSERT OR DELETE OR UPDATE ON "loyalty_programme" FOR EACH ROW EXECUTE FUNCTION indicator_cache_drop(\'loyalty\', \'\')',
    'CREATE TRIGGER loyalty_card_indicator_cache AFTER INSERT OR DELETE OR UPDATE OF customer_id, status, expires_on ON "loyalty_card" FOR EACH ROW EXECUTE FUNCTION indicator_cache_drop(\'loyalty\', \'\')',
    'CREATE TRIGGER loyalty_voucher_indicator_cache AFTER INSERT OR DELETE OR UPDATE ON "loyalty_voucher" FOR EACH ROW EXECUTE FUNCTION indicator_cache_drop(\'loyalty\', \'\')',
    'CREATE TRIGGER loyalty_card_event_indicator_cache AFTER INSERT OR DELETE OR UPDATE ON "loyalty_card_event" FOR EACH ROW EXECUTE FUNCTION indicator_cache_drop(\'loyalty\', \'on\')',
    'CREATE TRIGGER survey_campaign_indicator_cache AFTER INSERT OR DELETE OR UPDATE ON "survey_campaign" FOR EACH ROW EXECUTE FUNCTION indicator_cache_drop(\'satisfaction\', \'\')',
    'CREATE TRIGGER survey_question_indicator_cache AFTER INSERT OR DELETE OR UPDATE ON "survey_question" FOR EACH ROW EXECUTE FUNCTION indicator_cache_drop(\'satisfaction\', \'\')',
    'CREATE TRIGGER survey_response_indicator_cache AFTER INSERT OR DELETE OR UPDATE ON "survey_response" FOR EACH ROW EXECUTE FUNCTION indicator_cache_drop(\'satisfaction\', \'\')',
    'CREATE TRIGGER survey_answer_indicator_cache AFTER INSERT OR DELETE OR UPDATE ON "survey_answer" FOR EACH ROW EXECUTE FUNCTION indicator_cache_drop(\'satisfaction\', \'\')',
    "CREATE FUNCTION purchase_holder_day() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  IF TG_OP = 'UPDATE' THEN UPDATE loyalty_holder_day SET revenue_cents = revenue_cents - OLD.amount_cents WHERE day = OLD.date AND EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = OLD.customer_id); END IF;\n  INSERT INTO loyalty_holder_day (day, revenue_cents) SELECT NEW.date, NEW.amount_cents WHERE EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = NEW.customer_id) ON CONFLICT (day) DO UPDATE SET revenue_cents = loyalty_holder_day.revenue_cents + excluded.revenue_cents;\n  RETURN NULL;\nEND $$",
    'CREATE TRIGGER purchase_holder_day AFTER INSERT OR UPDATE OF date, amount_cents, customer_id ON purchase FOR EACH ROW EXECUTE FUNCTION purchase_holder_day()',
    'CREATE FUNCTION purchase_holder_gone() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  UPDATE loyalty_holder_day SET revenue_cents = revenue_cents - OLD.amount_cents WHERE day = OLD.date AND EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = OLD.customer_id);\n  RETURN OLD;\nEND $$',
    'CREATE TRIGGER purchase_holder_gone BEFORE DELETE ON purchase FOR EACH ROW EXECUTE FUNCTION purchase_holder_gone()',
    "CREATE FUNCTION card_holder_day() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  IF TG_OP = 'UPDATE' THEN\n    IF OLD.customer_id IS NOT DISTINCT FROM NEW.customer_id THEN RETURN NULL; END IF;\n    IF NOT EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = OLD.customer_id) THEN UPDATE loyalty_holder_day SET revenue_cents = revenue_cents - COALESCE((SELECT SUM(amount_cents) FROM purchase WHERE customer_id = OLD.customer_id AND date = loyalty_holder_day.day), 0) WHERE day IN (SELECT date FROM purchase WHERE customer_id = OLD.customer_id); END IF;\n  END IF;\n  IF NOT EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = NEW.customer_id AND id <> NEW.id) THEN INSERT INTO loyalty_holder_day (day, revenue_cents) SELECT date, SUM(amount_cents) FROM purchase WHERE customer_id = NEW.customer_id GROUP BY date ON CONFLICT (day) DO UPDATE SET revenue_cents = loyalty_holder_day.revenue_cents + excluded.revenue_cents; END IF;\n  RETURN NULL;\nEND $$",
    'CREATE TRIGGER card_holder_day AFTER INSERT OR UPDATE OF customer_id ON loyalty_card FOR EACH ROW EXECUTE FUNCTION card_holder_day()',
    'CREATE FUNCTION card_holder_gone() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM loyalty_card WHERE customer_id = OLD.customer_id AND id <> OLD.id) THEN UPDATE loyalty_holder_day SET revenue_cents = revenue_cents - COALESCE((SELECT SUM(amount_cents) FROM purchase WHERE customer_id = OLD.customer_id AND date = loyalty_holder_day.day), 0) WHERE day IN (SELECT date FROM purchase WHERE customer_id = OLD.customer_id); END IF;\n  RETURN OLD;\nEND $$',
    'CREATE TRIGGER card_holder_gone BEFORE DELETE ON loyalty_card FOR EACH ROW EXECUTE FUNCTION card_holder_gone()',
    'CREATE FUNCTION complaint_delay_reset() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  IF NEW.answer_working_days IS NOT DISTINCT FROM OLD.answer_working_days AND\n     (NEW.received_on, NEW.answer_date, NEW.waited_days) IS DISTINCT FROM\n     (OLD.received_on, OLD.answer_date, OLD.waited_days) THEN\n    NEW.answer_working_days := NULL;\n  END IF;\n  RETURN NEW;\nEND $$',
    'CREATE TRIGGER complaint_delay_reset BEFORE UPDATE ON complaint FOR EACH ROW EXECUTE FUNCTION complaint_delay_reset()',
    'CREATE FUNCTION company_country_delays() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  UPDATE complaint SET answer_working_days = NULL WHERE answer_working_days IS NOT NULL;\n  RETURN NULL;\nEND $$',
    'CREATE TRIGGER company_country_delays AFTER UPDATE OF country ON company FOR EACH ROW WHEN (NEW.country IS DISTINCT FROM OLD.country) EXECUTE FUNCTION company_country_delays()',
    'INSERT INTO loyalty_holder_day (day, revenue_cents) SELECT date, SUM(amount_cents) FROM purchase WHERE customer_id IN (SELECT customer_id FROM loyalty_card) GROUP BY date',
)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
