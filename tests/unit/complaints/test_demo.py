"""The complaints demo: the bulk-written history is what the real services would have left."""

import re
from collections import defaultdict
from datetime import date

from rcdesk.core.workdays import add_working_days
from rcdesk.models.actions import QualityAction
from rcdesk.models.base import utcnow
from rcdesk.models.complaints import Complaint, ComplaintCounter, ComplaintEvent
from rcdesk.services.area_types import DemoOptions
from rcdesk.services.complaints.demo import THROUGH_SERVICES
from rcdesk.services.demo import make_demo


def _shape(what: str) -> str:
    """A timeline line without its particulars (dates, names, amounts)."""
    if what.startswith("Statut"):
        return what
    return re.sub(r"\d", "0", re.split(r"[:(]", what)[0].strip())


def test_demo_complaints_are_numbered_due_and_dated_like_real_ones(database):
    make_demo(DemoOptions(customers=150, seed=7))
    rows = list(Complaint.select().order_by(Complaint.received_at, Complaint.id))
    assert len(rows) >= 12 + 9 and len(rows) > THROUGH_SERVICES
    today, now = date.today(), utcnow()
    by_year = defaultdict(list)
    for row in rows:
        year, seq = re.fullmatch(r"REC-(\d{4})-(\d{4,})", row.number).groups()
        assert int(year) == row.received_on.year
        by_year[row.received_on.year].append(int(seq))
        assert row.due_date == add_working_days(row.received_on, 5, "FR")
        assert row.received_on <= today and row.received_at <= now
        if row.status in ("Réponse envoyée", "Clôturée"):
            assert row.answer_text and row.received_on <= row.answer_date <= today
            assert row.category_id is not None
        else:
            assert row.answer_date is None and not row.answer_text
        if row.status == "Clôturée":
            assert row.resatisfied in ("oui", "non", "sans réponse")
            assert row.answer_date <= row.closed_at.date() and row.closed_at <= now
        else:
            assert row.closed_at is None and row.resatisfied == ""
        if row.status == "En attente du client":
            assert row.received_on < row.paused_on <= today
            assert row.paused_from == "Qualifiée"
        else:
            assert row.paused_on is None
        assert (row.category_id is None) == (row.status == "Reçue")
    counters = dict(ComplaintCounter.select(ComplaintCounter.year, ComplaintCounter.last)
                    .tuples())
    for year, seqs in by_year.items():  # 1..n in receipt order, the counter at n
        assert seqs == list(range(1, len(seqs) + 1))
        assert counters[year] == len(seqs)
    # the satisfaction demo and pilotage's demo reviews add their own actions
    assert QualityAction.select().where(QualityAction.origin.not_in(
        ["enquête de satisfaction", "revue d'indicateurs"])).count() == 5


def test_demo_timelines_match_the_services_ones(database):
    make_demo(DemoOptions(customers=150, seed=11))
    events = defaultdict(list)
    for cid, at, who, what in (ComplaintEvent.select(
            ComplaintEvent.complaint, ComplaintEvent.at, ComplaintEvent.who,
            ComplaintEvent.what).order_by(ComplaintEvent.id).tuples()):
        events[cid].append((at, who, what))
    # the satisfaction demo turns a detractor into a complaint at "now": not this demo's
    rows = list(Complaint.select(Complaint.id, Complaint.status, Complaint.received_at)
                .where(~Complaint.description.startswith("Enquête de satisfaction"))
                .order_by(Complaint.received_at, Complaint.id).tuples())
    serviced = {cid for cid, _, _ in rows[-THROUGH_SERVICES:]}
    shapes = defaultdict(set)  # status -> timeline shapes, bulk and services alike
    for cid, status, received_at in rows:
        timeline = [e for e in events[cid] if not e[2].startswith("Action du plan")]
        assert timeline[0][2].startswith("Réclamation enregistrée (")
        assert timeline[0][0] == received_at
        stamps = [at for at, _, _ in timeline]
        assert stamps == sorted(stamps) and stamps[-1] <= utcnow()
        assert {who for _, who, _ in timeline} <= {"sophie.martin", "karim.benali",
                                                   "julie.moreau"}
        assert len({who for _, who, _ in timeline}) == 1
        shape = tuple(_shape(w) for _, _, w in timeline)
        shapes[(status, cid in serviced)].add(shape)
    closed = ("Réclamation enregistrée", "Qualification", "Statut : Reçue → Qualifiée",
              "Réponse du 01/01/2026 ; compensation", "Statut : Qualifiée → Réponse envoyée",
              "Statut : Réponse envoyée → Clôturée", "Clôture")
    expected = tuple(_shape(w) for w in closed)
    assert shapes[("Clôturée", False)] == {expected}
    if ("Clôturée", True) in shapes:
        assert shapes[("Clôturée", True)] == {expected}


def test_demo_bad_faith_is_unfounded_and_its_answer_proposes_no_solution(database):
    make_demo(DemoOptions(customers=300, seed=11))
    rows = list(Complaint.select().where(Complaint.category.is_null(False)))
    bad_faith = [r for r in rows if r.type == "mauvaise foi"]
    assert bad_faith and all(r.founded is False for r in bad_faith)
    refused = [r for r in rows if r.answer_text and (r.founded is False
                                                      or r.type == "mauvaise foi")]
    assert refused
    assert not [r.number for r in refused if "solution" in r.answer_text]
    granted = [r for r in rows if r.answer_text and r.founded and r.compensation != "aucune"]
    assert granted and all("solution" in r.answer_text for r in granted)
