"""`rcdesk import …`: ignored columns named, French refusals (2), rejects (1), and an
unexpected error with its own status (3) logged without personal data."""

from datetime import date

from openpyxl import Workbook

from rcdesk.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_ignored_columns_are_named_in_the_summary(capsys, tmp_path):
    db = str(tmp_path / "c.db")
    source = tmp_path / "clients.csv"
    source.write_text("Nom;Prénom;Couleur;Pointure\nDupont;Hélène;bleu;38\n", encoding="utf-8")
    status, out, _ = run(capsys, "--db", db, "import", "customers", str(source))
    assert (status, out.splitlines()) == (0, ["1 importés, 0 mis à jour, 0 rejetés",
                                              "Colonnes ignorées : Couleur, Pointure"])


def test_broken_files_and_huge_values_are_refusals_or_reject_lines(capsys, tmp_path):
    db = str(tmp_path / "c.db")
    customers = tmp_path / "clients.csv"
    customers.write_text("Nom;E-mail;Code client\nDupont;helene@exemple.fr;C1\n",
                         encoding="utf-8")
    assert run(capsys, "--db", db, "import", "customers", str(customers))[0] == 0
    register = tmp_path / "registre.csv"
    register.write_text("Date de réception;E-mail client;Description;Statut;Date de réponse;"
                        "Coût\n02/03/2026;helene@exemple.fr;Vase;Clôturée;03/03/2026;"
                        "99999999999999999999\n", encoding="utf-8")
    status, out, _ = run(capsys, "--db", db, "import", "complaints", str(register))
    assert status == 1 and out.startswith("0 réclamation(s) importée(s), 1 rejetée(s)")
    book = Workbook()
    book.active.append(["Code client", "Date", "Montant"])
    book.active.append(["C1", date(2026, 1, 5), 1e308])
    sales = tmp_path / "achats.xlsx"
    book.save(sales)
    status, out, _ = run(capsys, "--db", db, "import", "purchases", str(sales))
    assert status == 1 and out.startswith("0 importés, 0 mis à jour, 1 rejetés")
    broken = tmp_path / "casse.xlsx"
    broken.write_bytes(sales.read_bytes()[:-40])
    status, _, err = run(capsys, "--db", db, "import", "customers", str(broken))
    assert status == 2 and "n'est pas un classeur Excel lisible" in err


def test_an_unexpected_error_exits_3_and_logs_no_personal_data(capsys, tmp_path, monkeypatch,
                                                               isolated_data_dir):
    from rcdesk.services.customers import imports

    personal = ", ".join(("Hélène Dupont", "helene@exemple.fr", "06 12 34 56 78"))

    def broken(*args, **kwargs):
        raise RuntimeError(personal)  # as a cell quoted in a message would be

    monkeypatch.setattr(imports, "import_customers", broken)
    source = tmp_path / "clients.csv"
    source.write_text("Nom\nDupont\n", encoding="utf-8")
    status, out, err = run(capsys, "--db", str(tmp_path / "c.db"), "import", "customers",
                           str(source))
    assert status == 3
    assert err.startswith("rcdesk : nouvelle base créée : ")  # the import made the base
    assert "\nErreur inattendue : RuntimeError" in err and "voir le journal" in err
    log = (isolated_data_dir / "rcdesk.log").read_text(encoding="utf-8")
    assert "commande « rcdesk import customers »" in log
    assert "builtins.RuntimeError" in log and "in broken" in log
    assert "Hélène" not in log and "helene@" not in log and "06 12" not in log
