"""Schema step 14: « Dernier contact » as an imported customers file gave it, kept apart.

customer gets "last_contact_imported" (UTC, NULL: none imported). « Dernier contact » is the
latest contact over every area; when an interaction is deleted or re-dated it is recomputed from
what the areas hold, and a date only a file gave would be lost: the customers area counts this
column as one of its contacts.

Files made before this step did not keep it apart: a customer whose « Dernier contact » is later
than every contact the file holds (interactions, complaints received, answered or closed with the
customer asked, survey answers) got that date from an import, and it is copied here. (An answer
date is compared at 09:00 of its day, the latest time an answer was counted at.)"""

from rcdesk.models.migrations.sql import run

VERSION = 14
LABEL = "dernier contact importé, gardé à part"

_UNEXPLAINED = (
    'UPDATE "customer" SET "last_contact_imported" = "last_contact" '
    'WHERE "last_contact" IS NOT NULL '
    'AND NOT EXISTS (SELECT 1 FROM "interaction" i WHERE i."customer_id" = "customer"."id" '
    'AND i."at" >= "customer"."last_contact") '
    'AND NOT EXISTS (SELECT 1 FROM "survey_response" r WHERE r."customer_id" = "customer"."id" '
    'AND r."answered_at" >= "customer"."last_contact") '
    'AND NOT EXISTS (SELECT 1 FROM "complaint" c WHERE c."customer_id" = "customer"."id" '
    'AND (c."received_at" >= "customer"."last_contact" OR {answer} >= "customer"."last_contact" '
    'OR (c."resatisfied" IN (\'oui\', \'non\') AND c."closed_at" >= {closed_floor})))'
)

SQLITE = (
    'ALTER TABLE "customer" ADD COLUMN "last_contact_imported" DATETIME',
    # datetimes are ISO text there: compared as text, the answer day padded to 09:00:00
    _UNEXPLAINED.format(answer='(c."answer_date" || \' 09:00:00\')',
                        closed_floor='substr("customer"."last_contact", 1, 19)'),
)

POSTGRESQL = (
    'ALTER TABLE "customer" ADD COLUMN "last_contact_imported" TIMESTAMP',
    _UNEXPLAINED.format(answer='(c."answer_date" + TIME \'09:00\')',
                        closed_floor='date_trunc(\'second\', "customer"."last_contact")'),
)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
