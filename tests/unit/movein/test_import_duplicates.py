"""Probable duplicates at import, by the form's one rule: same phone in any format, same e-mail,
close name in the same postal code; listed with the customer's number, decided by line."""

from __future__ import annotations

import csv

import pytest

from rcdesk.models.customers import Customer
from rcdesk.services.customers.duplicates import CREATE, SKIP
from rcdesk.services.customers.imports import import_customers
from rcdesk.services.customers.records import (
    CustomerData,
    create_customer,
    duplicate_keys,
    duplicate_reason,
    find_duplicates,
    get_customer,
)

HEADER = "Nom;Prénom;Courriel;E-mail 2;Tél;Code postal;Ville;Code client"


def write(tmp_path, rows, name="clients.csv"):
    path = tmp_path / name
    path.write_text("\r\n".join([HEADER, *rows]) + "\r\n", encoding="utf-8")
    return path


def rejects_of(result) -> list[list[str]]:
    with open(result.rejects_path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))[1:]


@pytest.fixture
def stored(database):
    return {
        "dupont": create_customer(CustomerData(first_name="Hélène", last_name="Dupont",
                                               phone="06 12 34 56 78", postal_code="59000",
                                               city="Lille")),
        "martin": create_customer(CustomerData(first_name="Loïc", last_name="Martin",
                                               email="loic@exemple.fr", postal_code="75011")),
        "lefevre": create_customer(CustomerData(first_name="Jean", last_name="Lefèvre",
                                                postal_code="69003")),
    }


def test_the_rule_itself():
    a = duplicate_keys("Jean", "Lefèvre", "", "particulier", "69003", (), ())
    assert duplicate_reason(a, duplicate_keys("Jean", "Lefevre", "", "particulier", "69 003",
                                              (), ())) == "nom proche dans le même code postal"
    assert duplicate_reason(a, duplicate_keys("Jean", "Lefèvre", "", "particulier", "69004",
                                              (), ())) is None
    assert duplicate_reason(a, duplicate_keys("Paul", "Martin", "", "particulier", "69003",
                                              (), ())) is None
    phone = duplicate_keys("A", "B", "", "particulier", "", (), ("+33 6 12 34 56 78",))
    assert duplicate_reason(phone, duplicate_keys("X", "Y", "", "particulier", "", (),
                                                  ("06.12.34.56.78",))) == "même téléphone"
    # two customers their source numbers differently are two customers
    assert duplicate_reason(
        duplicate_keys("A", "B", "", "particulier", "", (), ("0612345678",), "FR", "C1"),
        duplicate_keys("A", "B", "", "particulier", "", (), ("0612345678",), "FR", "C2")) is None


def test_a_probable_duplicate_is_rejected_with_the_customers_number(tmp_path, stored):
    path = write(tmp_path, [
        "Dupond;Hélène;;;+33 6 12 34 56 78;;;",  # same phone, international format
        "Martin;L.;;LOIC@exemple.fr;;;;",  # e-mail 2 = stored e-mail
        "Lefevre;Jean;;;;69003;Lyon;",  # close name, same postal code
        "Lefevre;Jean;;;;69004;Lyon;",  # same name elsewhere: another person
        "Nouveau;Client;nouveau@exemple.fr;;;;;",
    ])
    result = import_customers(path)
    assert (result.imported, result.rejected) == (2, 3)
    assert [(d.line, d.customer_id, d.reason) for d in result.probable] == [
        (2, stored["dupont"], "même téléphone"),
        (3, stored["martin"], "même e-mail"),
        (4, stored["lefevre"], "nom proche dans le même code postal")]
    lines = rejects_of(result)
    assert lines[0][:2] == ["2", f"doublon probable du client n° {stored['dupont']} « Hélène "
                                 "Dupont » (même téléphone) : vérifiez, puis fusionnez, "
                                 "ignorez ou créez"]
    assert Customer.select().count() == 5


def test_two_rows_of_the_file_naming_one_person(tmp_path, database):
    path = write(tmp_path, [
        "Durand;Léa;;;06 11 22 33 44;;;",
        "Durand;Léa;;;+33611223344;;;",
        "Petit;Marc;;;;13001;Marseille;",
        "Petitt;Marc;;;;13001;Marseille;",
    ])
    result = import_customers(path)
    assert result.imported == 2
    assert [(d.line, d.other_line, d.reason) for d in result.probable] == [
        (3, 2, "même téléphone"), (5, 4, "nom proche dans le même code postal")]
    assert rejects_of(result)[0][1] == "doublon probable de la ligne 2 (même téléphone)"


def test_importing_the_same_file_twice_creates_nothing_new(tmp_path, database):
    path = write(tmp_path, [
        "Avec;Email;a@exemple.fr;;;;;",
        "Avec;Code;;;;;;K7",
        "Seulement;Tel;;;07 98 76 54 32;;;",
        "Nom;Etcp;;;;44000;Nantes;",
        "Nom;Seul;;;;;;",
    ])
    first = import_customers(path)
    assert (first.imported, first.rejected) == (5, 0)
    second = import_customers(path)
    assert second.imported == 0 and second.rejected == 5
    assert Customer.select().count() == 5


def test_decisions_skip_create_or_merge(tmp_path, stored):
    path = write(tmp_path, [
        "Dupond;Hélène;;;+33 6 12 34 56 78;;Lille-Centre;",  # merge into Dupont
        "Martin;L.;;LOIC@exemple.fr;;;;",  # skip
        "Lefevre;Jean;;;;69003;Lyon;",  # create anyway
    ])
    result = import_customers(path, duplicates={2: stored["dupont"], 3: SKIP, 4: CREATE})
    assert (result.imported, result.updated, result.skipped, result.rejected) == (1, 1, 1, 0)
    merged = get_customer(stored["dupont"])
    assert (merged.last_name, merged.city, merged.postal_code) == ("Dupond", "Lille-Centre",
                                                                   "59000")
    assert Customer.select().where(Customer.last_name == "Lefevre").count() == 1
    assert Customer.select().count() == 4


def test_the_form_applies_the_same_rule(stored):
    hits = find_duplicates(CustomerData(first_name="Jean", last_name="Lefevre",
                                        postal_code="69003"))
    assert [(h.customer_id, h.reason) for h in hits] == [
        (stored["lefevre"], "nom proche dans le même code postal")]
    assert [h.reason for h in find_duplicates(CustomerData(last_name="X",
                                                           phone="+33612345678"))] == [
        "même téléphone"]


def test_only_the_decided_lines_are_run_again(tmp_path, stored):
    path = write(tmp_path, [
        "Dupond;Hélène;;;+33 6 12 34 56 78;;;",
        "Autre;Personne;autre@exemple.fr;;;;;",
    ])
    first = import_customers(path)
    assert (first.imported, first.rejected) == (1, 1)
    again = import_customers(path, duplicates={2: CREATE}, only_lines={2})
    assert (again.total, again.imported, again.rejected) == (1, 1, 0)
    assert Customer.select().count() == 5


def test_numbered_rows_are_still_compared_with_unnumbered_customers(tmp_path, database):
    """Ten namesakes in one postal code (the name block is searched with rapidfuzz), numbered
    or not: a numbered row matches an unnumbered customer, two numbered ones never match."""
    for n in range(10):
        create_customer(CustomerData(first_name=f"Prénom{n}", last_name="Lambert",
                                     postal_code="59000", external_id=f"K{n}"))
    plain = create_customer(CustomerData(first_name="Jeanne", last_name="Lambert",
                                         postal_code="59000"))
    path = write(tmp_path, [
        "Lambert;Jeanne;;;;59000;Lille;K99",  # numbered, like an unnumbered customer
        "Lambert;Prénom1;;;;59000;Lille;K100",  # numbered differently from K1
    ])
    result = import_customers(path)
    assert [(d.line, d.customer_id) for d in result.probable] == [(2, plain)]
    assert result.imported == 1


def test_cli_lists_probable_duplicates_then_skips_or_creates_them(tmp_path, capsys):
    from rcdesk.cli import main
    from rcdesk.db import close_database, open_database

    base = tmp_path / "b.db"
    open_database(base)
    kept = create_customer(CustomerData(first_name="Hélène", last_name="Dupont",
                                        phone="06 12 34 56 78"))
    close_database()
    path = write(tmp_path, ["Dupond;Hélène;;;+33 6 12 34 56 78;;;"])
    assert main(["--db", str(base), "import", "customers", str(path)]) == 1
    out = capsys.readouterr().out
    assert "0 importés, 0 mis à jour, 1 rejetés" in out
    with open(tmp_path / "clients_rejets.csv", encoding="utf-8-sig") as handle:
        assert f"doublon probable du client n° {kept} « Hélène Dupont »" in handle.read()
    assert main(["--db", str(base), "import", "customers", str(path),
                 "--duplicates", "ignorer"]) == 0
    assert "1 doublon(s) probable(s) ignoré(s)" in capsys.readouterr().out
    assert main(["--db", str(base), "import", "customers", str(path),
                 "--duplicates", "créer"]) == 0
    assert "1 importés" in capsys.readouterr().out
    open_database(base)
    assert Customer.select().count() == 2
