"""Schema step 8: satisfaction surveys (questionnaires, questions, campaigns, responses,
answers)."""

from rcdesk.models.migrations.sql import run

VERSION = 8
LABEL = "enquêtes de satisfaction"

SQLITE = (
    'CREATE TABLE "questionnaire" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"title" VARCHAR(255) NOT NULL, "audience" VARCHAR(255) NOT NULL, "intro" TEXT NOT NULL, '
    '"created_at" DATETIME NOT NULL, "version" INTEGER NOT NULL DEFAULT 1)',
    'CREATE TABLE "survey_question" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"questionnaire_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, '
    '"kind" VARCHAR(255) NOT NULL, "label" VARCHAR(500) NOT NULL, "choices" TEXT NOT NULL, '
    '"required" INTEGER NOT NULL, "scale_min" INTEGER NOT NULL, '
    '"scale_max" INTEGER NOT NULL, '
    'FOREIGN KEY ("questionnaire_id") REFERENCES "questionnaire" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "survey_question_questionnaire_id" ON "survey_question" '
    '("questionnaire_id")',
    'CREATE INDEX "survey_question_questionnaire_id_position" ON "survey_question" '
    '("questionnaire_id", "position")',
    'CREATE TABLE "survey_campaign" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"questionnaire_id" INTEGER NOT NULL, "title" VARCHAR(255) NOT NULL, '
    '"start_date" DATE NOT NULL, "end_date" DATE, "channel" VARCHAR(255) NOT NULL, '
    '"asked" INTEGER, "created_at" DATETIME NOT NULL, "version" INTEGER NOT NULL DEFAULT 1, '
    'FOREIGN KEY ("questionnaire_id") REFERENCES "questionnaire" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "survey_campaign_questionnaire_id" ON "survey_campaign" '
    '("questionnaire_id")',
    'CREATE TABLE "survey_response" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"campaign_id" INTEGER NOT NULL, "customer_id" INTEGER, "answered_at" DATETIME NOT NULL, '
    '"source" VARCHAR(255) NOT NULL, '
    'FOREIGN KEY ("campaign_id") REFERENCES "survey_campaign" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "survey_response_campaign_id" ON "survey_response" ("campaign_id")',
    'CREATE INDEX "survey_response_customer_id" ON "survey_response" ("customer_id")',
    'CREATE TABLE "survey_answer" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"response_id" INTEGER NOT NULL, "question_id" INTEGER NOT NULL, "value" INTEGER, '
    '"importance" INTEGER, "text" TEXT NOT NULL, '
    'FOREIGN KEY ("response_id") REFERENCES "survey_response" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("question_id") REFERENCES "survey_question" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "survey_answer_response_id" ON "survey_answer" ("response_id")',
    'CREATE INDEX "survey_answer_question_id" ON "survey_answer" ("question_id")',
)

POSTGRESQL = (
    'CREATE TABLE "questionnaire" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"title" VARCHAR(255) NOT NULL, "audience" VARCHAR(255) NOT NULL, "intro" TEXT NOT NULL, '
    '"created_at" TIMESTAMP NOT NULL, "version" INTEGER NOT NULL DEFAULT 1)',
    'CREATE TABLE "survey_question" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"questionnaire_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, '
    '"kind" VARCHAR(255) NOT NULL, "label" VARCHAR(500) NOT NULL, "choices" TEXT NOT NULL, '
    '"required" BOOLEAN NOT NULL, "scale_min" INTEGER NOT NULL, '
    '"scale_max" INTEGER NOT NULL, '
    'FOREIGN KEY ("questionnaire_id") REFERENCES "questionnaire" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "survey_question_questionnaire_id" ON "survey_question" '
    '("questionnaire_id")',
    'CREATE INDEX "survey_question_questionnaire_id_position" ON "survey_question" '
    '("questionnaire_id", "position")',
    'CREATE TABLE "survey_campaign" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"questionnaire_id" INTEGER NOT NULL, "title" VARCHAR(255) NOT NULL, '
    '"start_date" DATE NOT NULL, "end_date" DATE, "channel" VARCHAR(255) NOT NULL, '
    '"asked" INTEGER, "created_at" TIMESTAMP NOT NULL, "version" INTEGER NOT NULL DEFAULT 1, '
    'FOREIGN KEY ("questionnaire_id") REFERENCES "questionnaire" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "survey_campaign_questionnaire_id" ON "survey_campaign" '
    '("questionnaire_id")',
    'CREATE TABLE "survey_response" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"campaign_id" INTEGER NOT NULL, "customer_id" INTEGER, '
    '"answered_at" TIMESTAMP NOT NULL, "source" VARCHAR(255) NOT NULL, '
    'FOREIGN KEY ("campaign_id") REFERENCES "survey_campaign" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "survey_response_campaign_id" ON "survey_response" ("campaign_id")',
    'CREATE INDEX "survey_response_customer_id" ON "survey_response" ("customer_id")',
    'CREATE TABLE "survey_answer" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"response_id" INTEGER NOT NULL, "question_id" INTEGER NOT NULL, "value" INTEGER, '
    '"importance" INTEGER, "text" TEXT NOT NULL, '
    'FOREIGN KEY ("response_id") REFERENCES "survey_response" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("question_id") REFERENCES "survey_question" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "survey_answer_response_id" ON "survey_answer" ("response_id")',
    'CREATE INDEX "survey_answer_question_id" ON "survey_answer" ("question_id")',
)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
