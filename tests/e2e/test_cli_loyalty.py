"""`rcdesk loyalty …` and the loyalty reports through the entry point."""

import calendar
import csv
import json
import sqlite3
from datetime import date, timedelta

from pypdf import PdfReader

from rcdesk.cli import main
from rcdesk.db import close_database, open_database
from rcdesk.models.customers import Customer


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def base(tmp_path) -> str:
    path = tmp_path / "base.db"
    open_database(path)
    Customer.insert(first_name="Marc", last_name="Delattre", civility="M.", phone="+33612480917",
                    email="marc@exemple.fr", status="client", consent=True,
                    address="8 rue Esquermoise", postal_code="59000", city="Lille",
                    sort_name="delattre marc").execute()
    Customer.insert(first_name="Léa", last_name="Roy", phone="+33611223344",
                    email="lea@exemple.fr", status="client", consent=False,
                    sort_name="roy lea").execute()
    close_database()
    return str(path)


def months_later(day: date, months: int) -> date:
    """The same day `months` months later (earlier when negative), or that month's last day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def fr(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def ledger(db) -> list[tuple]:
    con = sqlite3.connect(db)
    rows = con.execute('SELECT kind, points FROM loyalty_ledger ORDER BY id').fetchall()
    con.close()
    return rows


def test_counter_session(tmp_path, capsys):
    # the dates follow today's: `use`, `replace` and `card` without a date work on today
    today = date.today()
    issued = months_later(today - timedelta(days=14), -12)  # expired 2 weeks ago (15 days
    expired = months_later(issued, 12)                       # when that was a 29 February)
    bought = issued + timedelta(days=107)
    db = base(tmp_path)
    status, out, _ = run(capsys, "--db", db, "loyalty", "issue", "marc@exemple.fr",
                         "--date", fr(issued))
    number = out.strip()
    assert status == 0 and len(number) == 16 and number.startswith("29")
    status, out, _ = run(capsys, "--db", db, "loyalty", "purchase", number, "123,45",
                         "--date", fr(bought), "--reference", "T-1")
    assert status == 0 and "Points gagnés : 123" in out
    # TP1: two weeks after expiry, the points are still earned and renewal offered
    status, out, _ = run(capsys, "--db", db, "loyalty", "purchase", "06 12 48 09 17", "20",
                         "--date", fr(today))
    assert status == 0 and "Points gagnés : 20" in out
    assert "Carte à renouveler — renouvelable ici" in out
    status, out, _ = run(capsys, "--db", db, "loyalty", "redeem", number, "--date", fr(today))
    code = out.splitlines()[0]
    assert status == 0 and len(code) == 12
    status, out, _ = run(capsys, "--db", db, "loyalty", "card", number, "--as-of", fr(today),
                         "--json")
    card = json.loads(out)
    assert (card["status"], card["balance"], card["customer"]) == ("grace", 43, "Marc Delattre")
    assert card["vouchers"] == [{"code": code, "value": 10.0,
                                 "expires_on": (today + timedelta(days=90)).isoformat(),
                                 "used": None}]
    assert card["points_expiring"] == [
        {"points": 23, "on": months_later(bought, 24).isoformat()},
        {"points": 20, "on": months_later(today, 24).isoformat()}]
    assert card["sentence"] == "Vous avez 1 bon de 10\u00a0€ et 43 points"
    assert run(capsys, "--db", db, "loyalty", "use", code)[0] == 0
    status, _, err = run(capsys, "--db", db, "loyalty", "use", code)
    assert status == 2 and "déjà utilisé le" in err
    # renewed within its grace period: a year from the old expiry, not from today
    status, out, _ = run(capsys, "--db", db, "loyalty", "renew", number, "--date", fr(today))
    assert status == 0 and fr(months_later(expired, 12)) in out
    assert fr(months_later(today, 12)) not in out
    status, out, _ = run(capsys, "--db", db, "loyalty", "replace", number)
    new = out.splitlines()[0]
    status, _, err = run(capsys, "--db", db, "loyalty", "purchase", number, "10")
    assert status == 2 and "bloquée" in err
    assert json.loads(run(capsys, "--db", db, "loyalty", "card", new, "--json")[1])["balance"] == 43
    status, out, _ = run(capsys, "--db", db, "check")
    assert status == 0


def test_bad_input_is_refused_and_the_ledger_unchanged(tmp_path, capsys):
    # the commands below work on today: the card must be active today
    today = date.today()
    db = base(tmp_path)
    number = run(capsys, "--db", db, "loyalty", "issue", "1", "--date",
                 fr(today - timedelta(days=60)))[1].strip()
    run(capsys, "--db", db, "loyalty", "purchase", number, "50", "--date",
        fr(today - timedelta(days=30)))
    before = ledger(db)
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    cases = [
        (("loyalty", "purchase", wrong, "10"), "chiffre de contrôle faux"),
        (("loyalty", "redeem", number), "Solde insuffisant : 50 points, il en faut 100"),
        (("loyalty", "adjust", number, "20"), "motif est obligatoire"),
        (("loyalty", "purchase", number, "dix"), "Montant invalide"),
        (("loyalty", "purchase", number, "10", "--date", "31/02/2026"), "Date invalide"),
        (("loyalty", "use", "981234567891"), "Code de bon invalide"),
        (("loyalty", "use", "981234567890"), "Bon inconnu : 981234567890"),
        (("loyalty", "issue", "1"), "déjà la carte"),
        (("loyalty", "programme", "--threshold", "0"), "seuil"),
    ]
    for argv, message in cases:
        status, _, err = run(capsys, "--db", db, *argv)
        assert status == 2 and message in err, (argv, err)
    assert ledger(db) == before


def test_expire_twice_changes_nothing_the_second_time(tmp_path, capsys):
    db = base(tmp_path)
    number = run(capsys, "--db", db, "loyalty", "issue", "1", "--date", "01/01/2024")[1].strip()
    run(capsys, "--db", db, "loyalty", "purchase", number, "80", "--date", "02/01/2024")
    status, out, _ = run(capsys, "--db", db, "loyalty", "expire", "--as-of", "02/01/2026")
    assert status == 0 and "Points expirés : 80 sur 1 carte(s)." in out
    status, out, _ = run(capsys, "--db", db, "loyalty", "expire", "--as-of", "02/01/2026")
    assert "Points expirés : 0 sur 0 carte(s)." in out
    assert ledger(db) == [("earn", 80), ("expire", -80)]


def test_programme_change_from_a_date(tmp_path, capsys):
    db = base(tmp_path)
    status, out, _ = run(capsys, "--db", db, "loyalty", "programme", "--points-per-unit", "2",
                         "--grace-days", "45", "--voucher-value", "15", "--from", "01/06/2026")
    assert status == 0 and "Programme modifié à partir du 01/06/2026" in out
    assert "2 point(s) par unité" in out and "délai de grâce 45 jours" in out
    assert "un bon de 15,00" in out
    out = run(capsys, "--db", db, "loyalty", "programme", "--from", "31/05/2026")[1]
    assert "1 point(s) par unité" in out and "délai de grâce 30 jours" in out


def test_reminders_csv_respects_consent_and_reports(tmp_path, capsys):
    # the letter is written on today: the dates follow today's
    today = date.today()
    one_issued = months_later(today - timedelta(days=14), -12)
    two_issued = one_issued + timedelta(days=5)
    one_expired, two_expired = months_later(one_issued, 12), months_later(two_issued, 12)
    grace_end = one_expired + timedelta(days=30)
    bought = one_issued + timedelta(days=107)
    db = base(tmp_path)
    one = run(capsys, "--db", db, "loyalty", "issue", "1", "--date", fr(one_issued))[1].strip()
    two = run(capsys, "--db", db, "loyalty", "issue", "2", "--date", fr(two_issued))[1].strip()
    run(capsys, "--db", db, "loyalty", "purchase", one, "150", "--date", fr(bought))
    status, out, _ = run(capsys, "--db", db, "loyalty", "reminders", "--as-of", fr(today))
    assert status == 0
    assert f"carte expirée le {fr(one_expired)}, renouvelable jusqu'au {fr(grace_end)}" in out
    # two expired too, a few days ago: in grace, no longer "to renew before"
    assert f"carte à renouveler avant le {fr(two_expired)}" not in out
    assert "150 points : de quoi obtenir 1 bon(s)" in out
    target = tmp_path / "relance.csv"
    status, out, _ = run(capsys, "--db", db, "loyalty", "reminders", "--as-of", fr(today),
                         "--csv", str(target))
    assert status == 0 and "(1 client(s) ; 1 sans consentement non exporté(s))" in out
    with open(target, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:3] == ["Civilité", "Prénom", "Nom"]
    assert [r[2] for r in rows[1:]] == ["Delattre"] and rows[1][8] == one
    assert two not in target.read_text(encoding="utf-8-sig")
    letter = tmp_path / "lettre.pdf"
    assert run(capsys, "--db", db, "report", "loyalty-letter", one, "-o", str(letter))[0] == 0
    text = PdfReader(str(letter)).pages[0].extract_text()
    assert "Vous avez 150 points" in text and fr(grace_end) in text
    cards = tmp_path / "cartes.pdf"
    assert run(capsys, "--db", db, "report", "loyalty-cards", "--customer", "1", "--customer",
               "2", "-o", str(cards))[0] == 0
    text = PdfReader(str(cards)).pages[0].extract_text()
    assert "Marc Delattre" in text and " ".join(one[i:i + 4] for i in range(0, 16, 4)) in text
    rebates = tmp_path / "ristournes.csv"
    assert run(capsys, "--db", db, "loyalty", "purchase", one, "1200", "--date",
               fr(bought + timedelta(days=8)))[0] == 0
    assert run(capsys, "--db", db, "report", "rebates", "--from", fr(one_issued), "--to",
               fr(one_expired), "-o", str(rebates))[0] == 0
    lines = rebates.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1] == "1;Marc Delattre;1350,00;1;13,50;"


def test_stats_keys(tmp_path, capsys):
    db = base(tmp_path)
    run(capsys, "--db", db, "loyalty", "issue", "1", "--date", "15/11/2025")
    status, out, _ = run(capsys, "--db", db, "stats", "--json", "--to", "29/11/2026")
    assert json.loads(out)["loyalty"] == {
        "active_cards": 0, "points_outstanding": 0, "vouchers_outstanding": 0,
        "cards_expiring_soon": 0, "cards_in_grace": 1}


def test_a_cards_pdf_that_fails_keeps_the_old_file(tmp_path, capsys, monkeypatch):
    from rcdesk.reports import loyalty_cards

    db = base(tmp_path)
    run(capsys, "--db", db, "loyalty", "issue", "1", "--date", "15/11/2025")

    def broken(self):
        raise OSError(28, "Plus de place sur le disque")

    monkeypatch.setattr(loyalty_cards.Canvas, "save", broken)
    out = tmp_path / "cartes.pdf"
    out.write_bytes(b"old")
    status, _, err = run(capsys, "--db", db, "report", "loyalty-cards", "--customer", "1",
                         "-o", str(out), "--force")
    assert status == 2 and "Plus de place sur le disque" in err
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_tiers_and_rebate_brackets_from_the_command_line(tmp_path, capsys):
    db = base(tmp_path)
    status, out, _ = run(capsys, "--db", db, "loyalty", "programme", "--tiers",
                         "Membre:0:0; VIP:300:4,5", "--rebate-period", "quarter", "--rebates",
                         "500:1,5", "--from", "01/01/2026")
    assert status == 0
    assert "palier VIP : dès 300,00 € sur 12 mois, remise 4,5 %" in out.replace("\u00a0", " ")
    assert "ristourne par trimestre : dès 500,00 €, 1,5 %" in out.replace("\u00a0", " ")
    number = run(capsys, "--db", db, "loyalty", "issue", "1", "--date", "01/01/2026")[1].strip()
    run(capsys, "--db", db, "loyalty", "purchase", number, "400", "--date", "02/01/2026")
    status, out, _ = run(capsys, "--db", db, "loyalty", "purchase", number, "100",
                         "--date", "03/01/2026")
    assert "Remise VIP 4,5 % : −4,50 €" in out.replace("\u00a0", " ")
    assert "Points gagnés : 95" in out
    status, _, err = run(capsys, "--db", db, "loyalty", "programme", "--tiers", "VIP:300")
    assert status == 2 and "Palier illisible" in err


def test_opening_balances_are_imported_once_per_card(tmp_path, capsys):
    db = base(tmp_path)
    one = run(capsys, "--db", db, "loyalty", "issue", "1", "--date", "01/01/2026")[1].strip()
    two = run(capsys, "--db", db, "loyalty", "issue", "2", "--date", "01/01/2026")[1].strip()
    wrong = one[:-1] + str((int(one[-1]) + 1) % 10)
    source = tmp_path / "soldes.csv"
    source.write_text("N° de carte;Points;Date;Motif\n"
                      f"{one};250;15/01/2026;carte papier\n"
                      f"{wrong};40;15/01/2026;\n"
                      f"{two};dix;15/01/2026;\n"
                      f"{one};30;16/01/2026;\n", encoding="utf-8")
    status, out, _ = run(capsys, "--db", db, "import", "loyalty-balances", str(source))
    assert status == 1 and "1 solde(s) repris (250 points), 3 rejeté(s)" in out
    rejects = (tmp_path / "soldes_rejets.csv").read_text(encoding="utf-8-sig")
    assert "chiffre de contrôle faux" in rejects and "points invalides" in rejects
    assert "même carte qu'à la ligne 2" in rejects
    status, out, _ = run(capsys, "--db", db, "import", "loyalty-balances", str(source))
    assert "0 solde(s) repris (0 points), 4 rejeté(s)" in out
    assert ledger(db) == [("opening", 250)]
