"""Importing a register kept in a spreadsheet: good rows numbered, bad rows to a rejects file."""

import csv
from datetime import date

import pytest
from openpyxl import Workbook

from rcdesk.core.errors import ServiceError
from rcdesk.models.complaints import Complaint, ComplaintCategory, ComplaintEvent
from rcdesk.models.customers import Customer
from rcdesk.services.complaints import get_complaint
from rcdesk.services.complaints.imports import import_complaints

HEADER = ("Date de réception;E-mail client;Client;Canal;Catégorie;Description;Statut;"
          "Date de réponse;Coût\n")


@pytest.fixture
def customers(company):
    a = Customer.create(first_name="Hélène", last_name="Dupont", email="helene@example.fr").id
    b = Customer.create(first_name="Paul", last_name="Martin", external_id="C-42").id
    return a, b


def write(tmp_path, body: str, name="registre.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_good_rows_imported_in_receipt_order_bad_rows_rejected(customers, tmp_path):
    a, b = customers
    path = write(tmp_path, (
        "15/03/2026;helene@example.fr;;téléphone;Livraison;Colis en retard;Clôturée;"
        "18/03/2026;25,50\n"
        "02/03/2026;;Paul Martin;Email;Emballage;Vase cassé;;;\n"
        "05/03/2026;inconnu@example.fr;;comptoir;Accueil;Attente;;;\n"
        "06/03/2026;helene@example.fr;;comptoir;Accueil;Attente;Clôturée;04/03/2026;\n"
        "07/03/2026;helene@example.fr;;comptoir;Accueil;Attente;Clôturée;08/03/2026;-5\n"
        "08/03/2026;helene@example.fr;;comptoir;Accueil;Attente;Clôturée;09/03/2026;beaucoup\n"
        "09/03/2026;helene@example.fr;;pigeon;Accueil;Attente;;;\n"
        "10/03/2026;helene@example.fr;;comptoir;Accueil;Attente;Clôturée;;\n"))
    before = path.read_bytes()
    result = import_complaints(path)
    assert (result.imported, result.rejected, result.new_categories) == (2, 6, ("Emballage",))
    assert path.read_bytes() == before
    rows = list(Complaint.select(Complaint.number, Complaint.customer, Complaint.channel,
                                 Complaint.status, Complaint.cost_cents, Complaint.received_on)
                .order_by(Complaint.number).tuples())
    assert rows == [("REC-2026-0001", b, "e-mail", "Reçue", 0, date(2026, 3, 2)),
                    ("REC-2026-0002", a, "téléphone", "Clôturée", 2550, date(2026, 3, 15))]
    first = get_complaint(Complaint.get(Complaint.number == "REC-2026-0001").id)
    assert first.category == "Emballage"
    assert first.due_date == date(2026, 3, 9)
    assert "Importée du registre « registre.csv » (ligne 3)" == first.timeline[0].what
    with result.rejects_path.open(encoding="utf-8-sig") as handle:
        rejects = list(csv.reader(handle, delimiter=";"))
    assert rejects[0][:2] == ["Ligne", "Motif"]
    reasons = {int(r[0]): r[1] for r in rejects[1:]}
    assert reasons[4] == "client inconnu (e-mail « inconnu@example.fr »)"
    assert reasons[5] == "réponse datée avant la réception"
    assert reasons[6] == "coût négatif"
    assert reasons[7].startswith("Montant invalide")
    assert reasons[8] == "canal inconnu « pigeon »"
    assert reasons[9] == "statut « Clôturée » sans date de réponse"


def test_dry_run_writes_nothing(customers, tmp_path):
    path = write(tmp_path, "02/03/2026;helene@example.fr;;comptoir;Nouvelle;Vase;;;\n")
    result = import_complaints(path, dry_run=True)
    assert (result.imported, result.rejected) == (1, 0)
    assert Complaint.select().count() == 0
    assert not ComplaintCategory.select().where(ComplaintCategory.name == "Nouvelle").exists()


def test_xlsx_register_with_real_dates(customers, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Identifiant client", "Canal", "Description", "Coût"])
    sheet.append([date(2026, 2, 3), "C-42", "courrier", "Facture erronée", 12.5])
    path = tmp_path / "registre.xlsx"
    book.save(path)
    result = import_complaints(path)
    assert (result.imported, result.rejected) == (1, 0)
    row = Complaint.get()
    assert (row.number, row.channel, row.cost_cents) == ("REC-2026-0001", "courrier", 1250)


def test_numbers_follow_those_already_given(customers, tmp_path):
    from rcdesk.services.complaints import ComplaintInput, register_complaint

    register_complaint(ComplaintInput(customer_id=customers[0], description="x"),
                       received_on=date(2026, 1, 5))
    import_complaints(write(tmp_path, "02/01/2026;helene@example.fr;;;;Vase;;;\n"))
    assert [n for (n,) in Complaint.select(Complaint.number).order_by(Complaint.number)
            .tuples()] == ["REC-2026-0001", "REC-2026-0002"]


@pytest.mark.parametrize("content, message", [
    ("", "vide"),
    (HEADER, "aucune réclamation à importer"),
    ("Nom;Prénom\nDupont;Hélène\n", "Colonnes introuvables"),
])
def test_unusable_files_refused_and_nothing_written(customers, tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ServiceError) as err:
        import_complaints(path)
    assert message in str(err.value)
    assert Complaint.select().count() == 0
    assert ComplaintEvent.select().count() == 0
    assert not list(tmp_path.glob("*rejets*"))


def reasons_of(result) -> dict[int, str]:
    with result.rejects_path.open(encoding="utf-8-sig") as handle:
        return {int(r[0]): r[1] for r in list(csv.reader(handle, delimiter=";"))[1:]}


def test_importing_the_same_register_twice_adds_nothing(customers, tmp_path):
    path = write(tmp_path, (
        "02/03/2026;helene@example.fr;;comptoir;Accueil;Attente en caisse;;;\n"
        "03/03/2026;;Paul Martin;téléphone;Livraison;\"Colis abîmé\nvase cassé\";;;\n"))
    first = import_complaints(path)
    assert (first.imported, first.already, first.rejected) == (2, 0, 0)
    again = import_complaints(path)
    assert (again.imported, again.already, again.rejected) == (0, 2, 0)
    assert again.summary() == "0 réclamation(s) importée(s), 2 déjà présente(s), 0 rejetée(s)"
    assert Complaint.select().count() == 2
    more = write(tmp_path, "02/03/2026;helene@example.fr;;comptoir;Accueil;Attente en caisse;;;\n"
                           "04/03/2026;helene@example.fr;;comptoir;Accueil;Attente en caisse;;;\n",
                 name="suite.csv")
    third = import_complaints(more)
    assert (third.imported, third.already) == (1, 1)
    assert Complaint.select().count() == 3


def test_the_same_complaint_twice_in_a_file_is_rejected_naming_the_first(customers, tmp_path):
    path = write(tmp_path, ("02/03/2026;helene@example.fr;;comptoir;Accueil;Attente;;;\n"
                            "02/03/2026;helene@example.fr;;téléphone;Accueil;Attente;;;\n"))
    result = import_complaints(path)
    assert (result.imported, result.rejected) == (1, 1)
    assert reasons_of(result) == {3: "même réclamation qu'à la ligne 2 (même client, date et "
                                     "description)"}


def test_too_long_texts_odd_dates_misshapen_rows_and_huge_costs_are_reject_lines(
        customers, tmp_path):
    header = HEADER.replace("Coût\n", "Coût;Produit\n")
    rows = [
        f"02/03/2026;helene@example.fr;;comptoir;Accueil;{'x' * 10_001};;;;\n",
        f"02/03/2026;helene@example.fr;;comptoir;Accueil;Vase;;;;{'p' * 201}\n",
        f"02/03/2026;helene@example.fr;;comptoir;{'C' * 101};Vase 2;;;;\n",
        "01/01/0001;helene@example.fr;;comptoir;Accueil;Vase 3;;;;\n",
        "01/01/2101;helene@example.fr;;comptoir;Accueil;Vase 4;;;;\n",
        "02/03/2026;helene@example.fr;;comptoir;Accueil;Vase; cassé;;;;\n",
        "02/03/2026;helene@example.fr;;comptoir;Accueil;Vase 5;Clôturée;03/03/2026;"
        "99999999999999999999;\n",
        "02/03/2026;helene@example.fr;;comptoir;Accueil;Vase 6;Clôturée;03/03/2026;"
        "50000000;\n",
        "02/03/2026;helene@example.fr;;comptoir;Accueil;Vase 7;Clôturée;03/03/2026;"
        "1e308;\n",
        "02/03/2026;helene@example.fr;;comptoir;Accueil;Tout va bien;;;;\n",
    ]
    path = tmp_path / "registre.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    result = import_complaints(path)
    assert (result.imported, result.rejected) == (1, 9)
    reasons = reasons_of(result)
    assert reasons[2] == "Description : dépasse 10000 caractères (10001)"
    assert reasons[3] == "Produit / service : dépasse 200 caractères (201)"
    assert reasons[4] == "Catégorie : dépasse 100 caractères (101)"
    assert reasons[5] == ("Date hors limites : 01/01/0001 (les dates vont du 01/01/1900 au "
                          "31/12/2100).")
    assert reasons[6].startswith("Date hors limites")
    assert reasons[7] == "11 colonnes au lieu de 10 (séparateur dans une valeur ?)"
    assert "trop grand" in reasons[8]
    assert reasons[9] == "Coût de la compensation : Le coût est trop élevé."
    assert reasons[10].startswith("Montant invalide")
    assert not ComplaintCategory.select().where(ComplaintCategory.name.startswith("CCC")).exists()
    assert [c.description for c in Complaint.select()] == ["Tout va bien"]


def test_columns_the_register_import_does_not_read_are_named(customers, tmp_path):
    path = tmp_path / "registre.csv"
    path.write_text("Date;E-mail;Description;Humeur\n02/03/2026;helene@example.fr;Vase;bof\n",
                    encoding="utf-8")
    result = import_complaints(path)
    assert (result.imported, result.ignored) == (1, ("Humeur",))


def test_a_reason_quotes_a_long_cell_shortened(customers, tmp_path):
    path = write(tmp_path, f"02/03/2026;{'x' * 500}@example.fr;;comptoir;;Vase;;;\n")
    result = import_complaints(path)
    assert reasons_of(result) == {2: f"client inconnu (e-mail « {'x' * 60}… »)"}
