"""Every `rcdesk report …` command: -o refuses an existing file without --force (exit 2, French
message, file untouched), replaces it with --force; a failed build keeps the old file."""

import shutil
from datetime import date

import pytest

from rcdesk.cli import build_parser, main
from rcdesk.db import close_database, open_database
from rcdesk.models.assessment import Assessment
from rcdesk.models.complaints import Complaint
from rcdesk.models.loyalty import LoyaltyCard

OLD = b"old contents, kept byte for byte\n"

# command -> its arguments besides -o ({answered}, {complaint}, {assessment}, {year} from the
# demo)
REPORTS = {
    "complaints": ["--from", "01/01/2000"],
    "ack": ["{complaint}"],
    "answer": ["{answered}"],
    "paq": [],
    "maturity": ["{assessment}"],
    "charter": [],
    "charter-compliance": [],
    "customer-data": ["1"],
    "satisfaction": ["1"],  # the demo's first campaign
    "questionnaire": ["1"],  # and its questionnaire
    "loyalty-cards": ["--customer", "{holder}"],
    "loyalty-letter": ["{card}"],
    "rebates": ["--from", "01/01/2000", "--to", "31/12/2099"],
    "review": [],
    "journey": [],
    "comm-plan": ["--year", "{year}"],
}
CASES = [(name, ".pdf") for name in REPORTS] + [("customer-data", ".json"),
                                                ("comm-plan", ".xlsx")]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A demo database (customers, complaints, actions, charter, assessments), made once."""
    folder = tmp_path_factory.mktemp("reports")
    path = folder / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RCDESK_DATA_DIR", str(folder))
        assert main(["--db", str(path), "demo", "--customers", "30"]) == 0
        open_database(path)
        try:
            values = {
                "complaint": Complaint.select(Complaint.number).order_by(Complaint.id).scalar(),
                "answered": Complaint.select(Complaint.number).where(
                    Complaint.answer_text != "").order_by(Complaint.id).scalar(),
                "assessment": str(Assessment.select(Assessment.id).order_by(
                    Assessment.id).scalar()),
                "year": str(date.today().year),  # the demo's communication plan
            }
            card = LoyaltyCard.select().where(LoyaltyCard.status == "active").order_by(
                LoyaltyCard.id).first()
            values.update(holder=str(card.customer_id), card=card.number)
        finally:
            close_database()
    return path, values


@pytest.fixture
def db(demo, tmp_path):
    path, values = demo
    copy = tmp_path / "demo.db"
    shutil.copyfile(path, copy)
    return str(copy), values


def argv(db, name: str, output) -> list[str]:
    path, values = db
    return ["--db", path, "report", name, *(a.format(**values) for a in REPORTS[name]),
            "-o", str(output)]


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or
                  p.suffix == ".tmp")


def test_every_report_command_is_tested_here_and_takes_force():
    parser = build_parser()
    top = next(a for a in parser._actions if a.dest == "command")
    report = top.choices["report"]
    commands = next(a for a in report._actions if a.dest == "what").choices
    assert set(commands) == set(REPORTS)
    for name, command in commands.items():
        options = {o for a in command._actions for o in a.option_strings}
        assert {"-o", "--output", "--force"} <= options, name


@pytest.mark.parametrize("name,suffix", CASES)
def test_existing_output_is_refused_without_force_then_replaced_with_it(capsys, tmp_path, db,
                                                                       name, suffix):
    out = tmp_path / f"sortie{suffix}"
    out.write_bytes(OLD)
    assert main(argv(db, name, out)) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"Le fichier « {out} » existe déjà : ajoutez --force pour le remplacer."
    assert out.read_bytes() == OLD
    assert main(argv(db, name, out) + ["--force"]) == 0, capsys.readouterr().err
    assert str(out) in capsys.readouterr().out
    written = out.read_bytes()
    assert written.startswith({".pdf": b"%PDF", ".json": b"{", ".xlsx": b"PK"}[suffix])
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name,suffix", CASES)
def test_new_output_is_written_without_force(capsys, tmp_path, db, name, suffix):
    out = tmp_path / f"sortie{suffix}"
    assert main(argv(db, name, out)) == 0, capsys.readouterr().err
    assert out.exists() and leftovers(tmp_path) == []


# the cards are drawn on a canvas, not a document template: tests/e2e/test_cli_loyalty.py
@pytest.mark.parametrize("name", [n for n in REPORTS if n not in ("customer-data",
                                                                   "loyalty-cards")])
def test_a_build_that_fails_keeps_the_old_file_and_leaves_no_temp_file(capsys, tmp_path, db,
                                                                        monkeypatch, name):
    from rcdesk.reports import base

    def broken(self, flowables, **kwargs):
        with open(self.filename, "wb") as handle:  # half a PDF in the temporary file
            handle.write(b"%PDF-1.4 half")
        raise OSError(28, "Plus de place sur le disque")

    monkeypatch.setattr(base.CompanyDocTemplate, "build", broken)
    out = tmp_path / "sortie.pdf"
    out.write_bytes(OLD)
    assert main(argv(db, name, out) + ["--force"]) == 2
    assert f"Impossible d'écrire « {out} » : Plus de place sur le disque." in \
        capsys.readouterr().err
    assert out.read_bytes() == OLD
    assert leftovers(tmp_path) == []
