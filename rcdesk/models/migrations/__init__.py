"""Ordered, frozen schema steps: version N is reached by running step N on version N-1.

Each released step is a module vNNNN_what.py holding the exact SQL it runs, written out for
SQLite and for PostgreSQL. It never imports the model classes: a model edited later does not
change what an old step creates, so every file of a version has the same schema.

A step never changes once released. A change of the schema is a new module appended to STEPS,
with explicit DDL for both engines; before releasing it, a fixture file of the previous version
goes into tests/fixtures/schema/ (make_fixtures.py) and tests/unit/foundation/test_schema_steps.py
must pass: it compares a database made by the steps with what the models declare."""

from collections.abc import Callable

from rcdesk.models.migrations import (
    v0001_settings,
    v0002_customers,
    v0003_assessment_charter,
    v0004_complaints_actions,
    v0005_versions,
    v0006_customer_contacts,
    v0007_customer_history,
    v0008_surveys,
    v0009_loyalty,
    v0010_pilotage,
    v0011_search_prefixes,
    v0012_double_precision,
    v0013_criterion_steps,
    v0014_imported_last_contact,
    v0015_indicator_cache,
    v0016_purchase_summaries,
)

STEPS = (v0001_settings, v0002_customers, v0003_assessment_charter, v0004_complaints_actions,
         v0005_versions, v0006_customer_contacts, v0007_customer_history, v0008_surveys,
         v0009_loyalty, v0010_pilotage, v0011_search_prefixes,
         v0012_double_precision,
         v0013_criterion_steps,
         v0014_imported_last_contact,
         v0015_indicator_cache,
         v0016_purchase_summaries)

# (version, what it adds, step)
MIGRATIONS: list[tuple[int, str, Callable]] = [(step.VERSION, step.LABEL, step.apply) for step in STEPS]

LATEST_VERSION = MIGRATIONS[-1][0]
