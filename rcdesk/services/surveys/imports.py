"""Import survey answers from the CSV / XLSX exports of Google Forms, LimeSurvey, Microsoft
Forms or a French spreadsheet: one row per respondent, one column per question.

Columns are matched to questions by their wording (accents, case and punctuation ignored); a
criterion's two columns by its label plus « satisfaction » / « importance » (Google Forms'
grids write « Accueil [Satisfaction] »); an NPS question's « Pourquoi ? » by the column right
after it whose header says « pourquoi » or « why ». The timestamp column (Horodateur,
Timestamp, Date de soumission, Heure de fin…) dates the response, an e-mail column links it to
the customer (the e-mail itself is not kept). Other columns are listed as ignored.

The file is streamed twice and never held whole: a first pass checks every row (rejects with
their reason go to <file>_rejets.csv), a second writes the good ones in batches inside one
transaction: nothing is half-imported."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from peewee import PostgresqlDatabase, fn

from rcdesk.core.dates import check_date_range
from rcdesk.core.errors import ServiceError
from rcdesk.models.base import database_proxy, write_transaction
from rcdesk.models.customers import Customer
from rcdesk.models.surveys import SurveyAnswer, SurveyResponse
from rcdesk.services.bulk import insert_rows
from rcdesk.services.customers import touch_last_contacts
from rcdesk.services.surveys.campaigns import (
    Answer,
    check_required,
    get_campaign,
    parse_answer,
)
from rcdesk.services.surveys.questionnaires import (
    CRITERION,
    NPS,
    QuestionnaireRow,
    QuestionRow,
    get_questionnaire,
)
from rcdesk.services.tabular import (
    BadRow,
    Cancelled,
    FileFormat,
    cell_text,
    detect_format,
    header_key,
    iter_rows,
    shape_problem,
    write_rejects,
)

BATCH = 2000  # responses per batch written
VALUE, SATISFACTION, IMPORTANCE, WHY = "valeur", "satisfaction", "importance", "pourquoi"
TIMESTAMP, EMAIL, IGNORE = "horodatage", "email", "ignorer"
PARTS = (SATISFACTION, IMPORTANCE, WHY)

# Timestamp headers, the best first (the moment the form was sent rather than opened).
_TIMESTAMPS = ("horodateur", "timestamp", "datedesoumission", "datesubmitted", "submitdate",
               "heuredefin", "completiontime", "horodatage", "datedereponse", "datereponse",
               "date", "datedeladerniereaction", "dateoflastaction", "heurededebut", "starttime",
               "datededebut", "datestarted")
_EMAILS = ("adressee-mail", "adresseemail", "emailaddress", "adressedemessagerie", "email",
           "e-mail", "courriel", "adressecourriel", "mail")


@dataclass(frozen=True)
class Target:
    """What one column holds: a question's value or part, the timestamp, the e-mail."""

    what: str  # VALUE, SATISFACTION, IMPORTANCE, WHY, TIMESTAMP or EMAIL
    question: QuestionRow | None = None

    def describe(self) -> str:
        if self.question is None:
            return "horodatage" if self.what == TIMESTAMP else "e-mail du répondant"
        part = "" if self.what == VALUE else f" ({self.what})"
        return f"Q{self.question.number}{part}"


@dataclass(frozen=True)
class ResponseImportResult:
    imported: int
    rejected: int
    rejects_path: Path | None
    total: int
    dry_run: bool = False
    already: int = 0
    linked: int = 0  # responses tied to a customer by their e-mail
    unknown_emails: int = 0  # e-mails matching no customer: the response stays anonymous
    ignored: tuple[str, ...] = ()
    columns: tuple[tuple[str, str], ...] = ()  # (header, what it was read as)
    day_first: bool = True

    def summary(self) -> str:
        text = f"{self.imported} réponses importées"
        if self.already:
            text += f", {self.already} déjà importées"
        text += f", {self.rejected} rejetées"
        if self.linked or self.unknown_emails:
            text += f" ; {self.linked} liées à un client"
        if self.unknown_emails:
            text += f", {self.unknown_emails} e-mail(s) inconnu(s) (réponses anonymes)"
        return text


def _key(text: str) -> str:
    return header_key(text)


def parse_map(items: list[str], headers: list[str], questionnaire: QuestionnaireRow
              ) -> dict[int, Target | None]:
    """--map "EN-TÊTE=N" / "EN-TÊTE=N:satisfaction" / "EN-TÊTE=horodatage" / "EN-TÊTE=email"
    / "EN-TÊTE=ignorer" as {column index: target or None}; ServiceError naming the column or
    the question that does not exist."""
    by_header: dict[str, int] = {}
    for index, header in enumerate(headers):
        by_header.setdefault(_key(header), index)
    numbers = {q.number: q for q in questionnaire.questions}
    result: dict[int, Target | None] = {}
    for item in items:
        header, sep, spec = item.rpartition("=")
        if not sep or not header.strip() or not spec.strip():
            raise ServiceError(f"--map « {item} » : attendu « EN-TÊTE=N » (N : numéro de "
                               "question, N:satisfaction, N:importance, N:pourquoi, "
                               "horodatage, email ou ignorer).")
        index = by_header.get(_key(header))
        if index is None:
            raise ServiceError(f"--map : la colonne « {header.strip()} » n'existe pas dans le "
                               "fichier.")
        spec = spec.strip().lower()
        if spec in (TIMESTAMP, EMAIL, "e-mail"):
            result[index] = Target(EMAIL if spec != TIMESTAMP else TIMESTAMP)
            continue
        if spec == IGNORE:
            result[index] = None
            continue
        number, _, part = spec.partition(":")
        if not number.isdigit() or int(number) not in numbers:
            raise ServiceError(f"--map « {item} » : la question « {number} » n'existe pas "
                               f"(le questionnaire a {len(numbers)} questions).")
        q = numbers[int(number)]
        part = part or (SATISFACTION if q.kind == CRITERION else VALUE)
        allowed = (SATISFACTION, IMPORTANCE) if q.kind == CRITERION else \
            (VALUE, WHY) if q.kind == NPS else (VALUE,)
        if part not in allowed:
            raise ServiceError(f"--map « {item} » : « {part} » ne convient pas à la question "
                               f"{q.number} ({q.kind} ; attendu : {', '.join(allowed)}).")
        result[index] = Target(part, q)
    return result


def guess_columns(headers: list[str], questionnaire: QuestionnaireRow
                  ) -> dict[int, Target]:
    """Columns recognised by their header (see the module's text)."""
    keys = [_key(h) for h in headers]
    found: dict[int, Target] = {}
    taken: set[tuple[int, str]] = set()

    def take(index: int, target: Target) -> None:
        slot = (target.question.id if target.question else 0, target.what)
        if index not in found and slot not in taken:
            found[index] = target
            taken.add(slot)

    for q in questionnaire.questions:
        label = _key(q.label)
        if not label:
            continue
        for index, key in enumerate(keys):
            if q.kind == CRITERION:
                part = _criterion_part(key, label)
                if part:
                    take(index, Target(part, q))
            elif key == label:
                take(index, Target(VALUE, q))
                if q.kind == NPS and index + 1 < len(keys) and (
                        "pourquoi" in keys[index + 1] or "why" in keys[index + 1]):
                    take(index + 1, Target(WHY, q))
    for names, what in ((_TIMESTAMPS, TIMESTAMP), (_EMAILS, EMAIL)):
        for name in names:
            index = next((i for i, k in enumerate(keys) if k == _key(name) and i not in found),
                         None)
            if index is not None:
                take(index, Target(what))
                break
    return found


def _criterion_part(key: str, label: str) -> str | None:
    """"accueilsatisfaction" for the criterion "Accueil" -> SATISFACTION: the header is the
    label plus the part's word (before or after it, « [Satisfaction] », « - Importance »),
    nothing else (« Accueil du personnel [Satisfaction] » is not « Accueil »)."""
    if key.startswith(label):
        rest = key[len(label):]
    elif key.endswith(label):
        rest = key[:-len(label)]
    else:
        return None
    for word, part in (("satisfaction", SATISFACTION), ("importance", IMPORTANCE),
                       ("satisf", SATISFACTION), ("import", IMPORTANCE)):
        if rest in (word, word + "de", word + "du", word + "dela", word + "des"):
            return part
    return None


# --- timestamps ---------------------------------------------------------------------------

_STAMP = re.compile(r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{2,4})(?:[ T,]+(\d{1,2}):(\d{2})"
                    r"(?::(\d{2}))?(?:[.,]\d+)?\s*([AaPp]\.?[Mm]\.?)?)?")


def _stamp_parts(text: str):
    text = re.sub(r"\s*(UTC|GMT|Z)([+-]\d{1,2}(:?\d{2})?)?\s*$", "", text.strip())
    text = re.sub(r"([+-]\d{2}:?\d{2})$", "", text)
    return _STAMP.fullmatch(text)


def slash_order(text: str) -> str | None:
    """"dmy" or "mdy" when a date like 13/3/2026 or 3/13/2026 settles it, else None."""
    match = _stamp_parts(text)
    if not match or len(match.group(1)) == 4:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    if first > 12 >= second:
        return "dmy"
    if second > 12 >= first:
        return "mdy"
    return None


def parse_timestamp(value, day_first: bool = True) -> datetime | None:
    """A timestamp as the survey tools write it: a spreadsheet date, 2026-03-15 10:23:45
    (LimeSurvey), 15/03/2026 10:23:45 (French), 3/15/2026 10:23:45 (US: day_first=False),
    2026/03/15 10:23:45 AM UTC+1 (Google Forms' CSV); ValueError (French) otherwise."""
    if isinstance(value, datetime):
        check_date_range(value)
        return value
    text = cell_text(value)
    if not text:
        return None
    match = _stamp_parts(text)
    if not match:
        raise ValueError(f"Horodatage illisible : « {text[:40]} ».")
    a, b, c, hour, minute, second, ampm = match.groups()
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    else:
        year = int(c) + (2000 if len(c) == 2 else 0)
        day, month = (int(a), int(b)) if day_first else (int(b), int(a))
    h = int(hour or 0)
    if ampm:
        if not 1 <= h <= 12:
            raise ValueError(f"Heure invalide : « {text[:40]} ».")
        h = h % 12 + (12 if ampm[0] in "Pp" else 0)
    try:
        stamp = datetime(year, month, day, h, int(minute or 0), int(second or 0))
    except ValueError:
        raise ValueError(f"Horodatage invalide : « {text[:40]} »"
                         + ("" if day_first else " (lu mois/jour/année)") + ".") from None
    check_date_range(stamp)
    return stamp


# --- the import ---------------------------------------------------------------------------


class _Rows:
    """The file's data rows, streamed again on each pass."""

    def __init__(self, path: Path, fmt: FileFormat):
        self.path, self.fmt = path, fmt
        rows = iter_rows(path, fmt)
        first = next(rows, None)
        rows.close()
        if first is None:
            raise ServiceError("Le fichier ne contient aucune ligne.")
        if isinstance(first[1], BadRow):
            raise ServiceError(f"Ligne d'en-tête inutilisable : {first[1].problem}.")
        self.headers = [cell_text(c) for c in first[1]]

    def __iter__(self) -> Iterator[tuple[int, list]]:
        rows = iter_rows(self.path, self.fmt)
        next(rows, None)
        yield from rows


@dataclass
class _Plan:
    columns: dict[int, Target]
    questionnaire: QuestionnaireRow
    day_first: bool
    emails: dict[str, int] = field(default_factory=dict)


def _read_row(cells: list, plan: _Plan, width: int, csv: bool
              ) -> tuple[datetime | None, str, dict[int, Answer]]:
    problem = shape_problem(cells, width)
    if problem is None and csv and len(cells) < width:
        problem = f"{len(cells)} colonnes au lieu de {width}"
    if problem:
        raise ValueError(problem)
    raw: dict[int, dict[str, object]] = {}
    stamp, email = None, ""
    for index, target in plan.columns.items():
        value = cells[index] if index < len(cells) else ""
        if target.what == TIMESTAMP:
            stamp = parse_timestamp(value, plan.day_first)
        elif target.what == EMAIL:
            email = cell_text(value).lower()
        else:
            raw.setdefault(target.question.id, {})[target.what] = value
    answers: dict[int, Answer] = {}
    for q in plan.questionnaire.questions:
        parts = raw.get(q.id)
        if parts is None:
            continue
        if q.kind == CRITERION:
            a = parse_answer(q, value=parts.get(SATISFACTION), importance=parts.get(IMPORTANCE))
        elif q.kind == NPS:
            a = parse_answer(q, value=parts.get(VALUE), text=cell_text(parts.get(WHY, "")))
        elif isinstance(parts.get(VALUE), (int, float)) and not isinstance(parts[VALUE], bool):
            a = parse_answer(q, value=parts.get(VALUE))
        else:
            a = parse_answer(q, value=None, text=cell_text(parts.get(VALUE, "")))
        if not a.empty:
            answers[q.id] = a
    check_required(plan.questionnaire.questions, answers)
    if not answers:
        raise ValueError("aucune réponse dans la ligne")
    return stamp, email, answers


def _day_first(rows: _Rows, columns: dict[int, Target]) -> bool:
    """Read the timestamp column once: 13/3 means day first, 3/13 month first; otherwise
    the header says (Timestamp, Start time, Completion time, Date submitted: US tools)."""
    index = next((i for i, t in columns.items() if t.what == TIMESTAMP), None)
    if index is None:
        return True
    for _, cells in rows:
        if index < len(cells) and isinstance(cells[index], str):
            order = slash_order(cells[index])
            if order:
                return order == "dmy"
    return _key(rows.headers[index]) not in ("timestamp", "starttime", "completiontime",
                                               "datesubmitted")


def import_responses(campaign_id: int, path: str | Path, mapping: list[str] | None = None,
                     fmt: FileFormat | None = None, *, dry_run: bool = False,
                     columns: dict[int, Target | None] | None = None,
                     stop: Callable[[], bool] | None = None,
                     progress: Callable[[int], None] | None = None) -> ResponseImportResult:
    """Import the file's answers into the campaign. mapping: the CLI's --map items, applied
    over the columns recognised by their headers; columns (the dialog's choice) replaces both.
    A question that is required and has no column refuses the file (another questionnaire's
    export?); a bad row (score outside the scale, required answer empty, unreadable
    timestamp…) is rejected with its reason and the others are imported."""
    path = Path(path)
    campaign = get_campaign(campaign_id)
    questionnaire = get_questionnaire(campaign.questionnaire_id, counts=False)
    fmt = fmt or detect_format(path)
    rows = _Rows(path, fmt)
    headers = rows.headers
    if columns is None:
        columns = dict(guess_columns(headers, questionnaire))
        if mapping:
            for index, target in parse_map(mapping, headers, questionnaire).items():
                if target is not None:  # a column mapped here is no longer read elsewhere
                    columns = {i: t for i, t in columns.items()
                               if not (t == target and i != index)}
                columns[index] = target
    columns = {i: t for i, t in columns.items() if t is not None}
    _check_columns(columns, questionnaire, campaign.questionnaire_title)
    plan = _Plan(columns, questionnaire, _day_first(rows, columns))
    if any(t.what == EMAIL for t in columns.values()):
        plan.emails = dict(Customer.select(fn.LOWER(Customer.email), Customer.id)
                           .where(Customer.email != "").tuples())
    existing = set(SurveyResponse.select(SurveyResponse.answered_at, SurveyResponse.customer)
                   .where((SurveyResponse.campaign == campaign_id)
                          & (SurveyResponse.source == "import")).tuples())
    # pass 1: check every row, keep only the rejects and what identifies each response
    width = len(headers)
    csv = fmt.kind == "csv"
    rejects: list[tuple[int, str, list]] = []
    skip: set[int] = set()
    seen: dict[tuple, int] = {}
    total = good = already = linked = unknown = 0
    for line, cells in rows:
        total += 1
        if total % 500 == 0:
            if stop is not None and stop():
                raise Cancelled
            if progress:
                progress(total)
        try:
            stamp, email, _answers = _read_row(cells, plan, width, csv)
        except ValueError as exc:
            rejects.append((line, str(exc), list(cells)))
            skip.add(line)
            continue
        customer = plan.emails.get(email) if email else None
        if stamp is not None:
            key = (stamp, customer)
            if key in existing:
                already += 1
                skip.add(line)
                continue
            if customer is not None:  # only known respondents: memory stays small
                if key in seen:
                    rejects.append((line, f"même répondant et même horodatage qu'à la "
                                          f"ligne {seen[key]}", list(cells)))
                    skip.add(line)
                    continue
                seen[key] = line
        good += 1
        linked += customer is not None
        unknown += bool(email) and customer is None
    if total == 0:
        raise ServiceError("Le fichier ne contient que la ligne d'en-tête : aucune réponse à "
                           "importer.")
    seen.clear()
    if good and not dry_run:
        _write(campaign_id, rows, plan, skip, width, csv, progress, stop)
    ignored = tuple(h or f"colonne {i + 1} (sans en-tête)" for i, h in enumerate(headers)
                    if i not in columns)
    rejects_path = write_rejects(path, headers, rejects) if rejects else None
    described = tuple((headers[i] or f"colonne {i + 1}", t.describe())
                      for i, t in sorted(columns.items()))
    return ResponseImportResult(good, len(rejects), rejects_path, total, dry_run, already,
                                linked, unknown, ignored, described, plan.day_first)


def _check_columns(columns: dict[int, Target], questionnaire: QuestionnaireRow,
                   title: str) -> None:
    if not any(t.question for t in columns.values()):
        raise ServiceError(f"Aucune colonne du fichier ne correspond aux questions du "
                           f"questionnaire « {title} » : ce fichier vient-il d'un autre "
                           "questionnaire ? Associez les colonnes (--map « EN-TÊTE=N »).")
    read = {(t.question.id, t.what) for t in columns.values() if t.question}
    for q in questionnaire.questions:
        if not q.required:
            continue
        needed = [SATISFACTION, IMPORTANCE] if q.kind == CRITERION else [VALUE]
        missing = [p for p in needed if (q.id, p) not in read]
        if missing:
            part = "" if q.kind != CRITERION else f" ({' et '.join(missing)})"
            raise ServiceError(f"La question obligatoire Q{q.number} « {q.label[:60]} »{part} "
                               "n'a pas de colonne dans le fichier : ce fichier vient-il d'un "
                               "autre questionnaire ? Associez-la (--map « EN-TÊTE="
                               f"{q.number}{':' + missing[0] if q.kind == CRITERION else ''} »).")
    times = [i for i, t in columns.items() if t.what == TIMESTAMP]
    if len(times) > 1:
        raise ServiceError("Deux colonnes sont lues comme horodatage : gardez-en une "
                           "(--map « EN-TÊTE=ignorer »).")


def _write(campaign_id: int, rows: _Rows, plan: _Plan, skip: set[int], width: int, csv: bool,
           progress, stop) -> None:
    """Pass 2: the good rows in batches, ids given here (one query per batch and table)."""
    db = database_proxy.obj
    now = datetime.now().replace(microsecond=0)
    with write_transaction(SurveyResponse, SurveyAnswer):
        next_response = (SurveyResponse.select(fn.MAX(SurveyResponse.id)).scalar() or 0) + 1
        responses: list[tuple] = []
        answers: list[tuple] = []
        latest: dict[int, datetime] = {}
        done = 0
        for line, cells in rows:
            if line in skip:
                continue
            try:
                stamp, email, parsed = _read_row(cells, plan, width, csv)
            except ValueError as exc:  # the file changed between the two passes
                raise ServiceError(f"Ligne {line} : {exc} (le fichier a-t-il changé pendant "
                                   "l'import ?) ; rien n'a été importé.") from exc
            at = stamp or now
            customer = plan.emails.get(email) if email else None
            rid = next_response
            next_response += 1
            responses.append((rid, campaign_id, customer, at, "import"))
            for qid, a in parsed.items():
                answers.append((rid, qid, a.value, a.importance, a.text))
            if customer is not None and (customer not in latest or latest[customer] < at):
                latest[customer] = at
            if len(responses) >= BATCH:
                if stop is not None and stop():
                    raise Cancelled  # the transaction is rolled back: nothing imported
                done += insert_responses(responses, answers)
                if progress:
                    progress(done)
        done += insert_responses(responses, answers)
        if isinstance(db, PostgresqlDatabase):
            db.execute_sql("SELECT setval(pg_get_serial_sequence('survey_response', 'id'), "
                           "(SELECT MAX(id) FROM survey_response))")
        touch_last_contacts(latest)  # forward only, one UPDATE per 200 customers


def insert_responses(responses: list[tuple], answers: list[tuple]) -> int:
    """Write (id, campaign, customer, answered_at, source) responses and (response, question,
    value, importance, text) answers, then empty both lists; the caller holds the
    transaction and gives the ids (MAX(id) + 1 onwards, PostgreSQL sequence set after)."""
    count = len(responses)
    insert_rows(SurveyResponse, ("id", "campaign", "customer", "answered_at", "source"),
                responses)
    insert_rows(SurveyAnswer, ("response", "question", "value", "importance", "text"), answers)
    responses.clear()
    answers.clear()
    return count
