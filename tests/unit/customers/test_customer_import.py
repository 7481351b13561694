"""Customer and purchase imports: French Excel CSV, XLSX, rejects with line and reason, update."""

import csv
from datetime import date

import pytest
from openpyxl import Workbook

from rcdesk.core.errors import ServiceError
from rcdesk.services.customers import (
    CustomerData,
    CustomerQuery,
    count_customers,
    create_customer,
    get_customer,
    list_customers,
    list_purchases,
)
from rcdesk.services.customers.imports import (
    detect_format,
    guess_mapping,
    import_customers,
    read_preview,
    remembered_mapping,
)
from rcdesk.services.customers.purchases_import import import_purchases

HEADER = "Civilité;Nom;Prénom;Courriel;Tél;Code postal;Ville;Date de naissance;Code client"
GOOD = [
    "Mme;Dupont;Hélène;helene@exemple.fr;06 12 34 56 78;59000;Lille;05/03/1980;C1",
    "M.;Martin;Loïc;loic@exemple.fr;0798765432;75011;Paris;;C2",
]


def write(tmp_path, lines, name="clients.csv", encoding="cp1252"):
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def read_rejects(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_french_excel_csv_is_detected_and_mapped(tmp_path, database):
    path = write(tmp_path, [HEADER, *GOOD])
    fmt = detect_format(path)
    assert (fmt.kind, fmt.encoding, fmt.separator) == ("csv", "cp1252", ";")
    headers, rows = read_preview(path, fmt)
    assert headers[0] == "Civilité" and rows[0][2] == "Hélène"
    assert guess_mapping(headers) == {"civility": 0, "last_name": 1, "first_name": 2, "email": 3,
                                      "phone": 4, "postal_code": 5, "city": 6, "birth_date": 7,
                                      "external_id": 8}


def test_good_rows_imported_bad_rows_rejected_with_line_and_reason(tmp_path, database):
    lines = [HEADER, *GOOD,
             "Mme;Durand;Anne;pas-un-mail;0612345679;59000;Lille;;C3",
             "M.;Petit;Jean;jean@exemple.fr;0612345670;59000;Lille;31/02/1990;C4",
             "M.;Roux;Paul;paul@exemple.fr;123;59000;Lille;;C5",
             "M.;Trop;De;trop@exemple.fr;0612345671;59000;Lille;;C6;en plus",
             "M.;Court;Pas",
             GOOD[0],
             "Mme;Long;Anne;long@exemple.fr;0612345672;59000;Lille;;" + "x" * 1_000_000,
             HEADER]
    path = write(tmp_path, lines)
    result = import_customers(path)
    assert (result.imported, result.updated, result.rejected) == (2, 0, 8)
    assert result.summary() == "2 importés, 0 mis à jour, 8 rejetés"
    assert result.rejects_path == tmp_path / "clients_rejets.csv"
    rejects = read_rejects(result.rejects_path)
    assert rejects[0][:3] == ["Ligne", "Motif", "Civilité"]
    reasons = {int(r[0]): r[1] for r in rejects[1:]}
    assert sorted(reasons) == [4, 5, 6, 7, 8, 9, 10, 11]
    assert reasons[4].startswith("E-mail")
    assert "Date invalide" in reasons[5]
    assert reasons[6].startswith("Téléphone")
    assert "10 colonnes au lieu de 9" in reasons[7]
    assert "3 colonnes au lieu de 9" in reasons[8]
    assert reasons[9] == "ligne identique à la ligne 2"
    assert reasons[10] == "colonne « Code client » : la cellule dépasse 32767 caractères (1000000)"
    assert reasons[11] == "en-tête répété (fichiers mis bout à bout ?)"
    assert count_customers(CustomerQuery()) == 2
    hits = count_customers(CustomerQuery(text="helene 06 12 34 56 78"))
    assert hits == 1
    assert path.read_bytes().startswith(b"Civilit\xe9")  # the source is left unchanged


def test_corrected_rejects_file_imports(tmp_path, database):
    path = write(tmp_path, [HEADER, GOOD[0], "Mme;Durand;Anne;pas-un-mail;;59000;Lille;;C3"])
    result = import_customers(path)
    assert (result.imported, result.rejected) == (1, 1)
    rows = read_rejects(result.rejects_path)
    rows[1][5] = "anne@exemple.fr"
    fixed = tmp_path / "corrige.csv"
    with fixed.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    again = import_customers(fixed)
    assert (again.imported, again.rejected, again.rejects_path) == (1, 0, None)
    assert count_customers(CustomerQuery(text="anne@exemple.fr")) == 1


def test_existing_customers_rejected_unless_update(tmp_path, database):
    cid = create_customer(CustomerData(first_name="Hélène", last_name="Dupont",
                                       email="helene@exemple.fr", city="Douai", notes="gardée"))
    path = write(tmp_path, [HEADER, *GOOD])
    first = import_customers(path, dry_run=True)
    assert (first.imported, first.updated, first.rejected, first.dry_run) == (1, 0, 1, True)
    assert count_customers(CustomerQuery()) == 1  # dry run wrote nothing
    updated = import_customers(path, update=True)
    assert (updated.imported, updated.updated, updated.rejected) == (1, 1, 0)
    data = get_customer(cid)
    assert (data.city, data.external_id, data.phone, data.notes) == (
        "Lille", "C1", "+33612345678", "gardée")
    again = import_customers(path, update=True)  # now matched by external id
    assert (again.imported, again.updated) == (0, 2)
    assert count_customers(CustomerQuery()) == 2


def test_cancel_leaves_database_unchanged(tmp_path, database):
    lines = [HEADER] + [f"M.;Nom{i};Jean;jean{i}@exemple.fr;;59000;Lille;;X{i}"
                        for i in range(1200)]
    path = write(tmp_path, lines, encoding="utf-8-sig")
    seen = []
    result = import_customers(path, progress=lambda done, total: seen.append((done, total)),
                              cancelled=lambda: len(seen) >= 2)
    assert result.cancelled and result.imported == 0
    assert seen[:2] == [(500, 1200), (1000, 1200)]
    assert count_customers(CustomerQuery()) == 0
    assert not (tmp_path / "clients_rejets.csv").exists()


@pytest.mark.parametrize("content, message", [
    (b"", "vide"),
    (b"Nom;Pr\xc3\xa9nom\r\n", "en-tête"),
    (b"\x00\x01\x02binary\x00junk" * 50, "binaire"),
    (b"Nom;Ville\r\nA\x81\x8d\x8f;Lille\r\n", "Encodage"),
])
def test_unusable_files_get_a_clear_message(tmp_path, database, content, message):
    path = tmp_path / "clients.csv"
    path.write_bytes(content)
    with pytest.raises(ServiceError) as info:
        import_customers(path)
    assert message in str(info.value)
    assert count_customers(CustomerQuery()) == 0


def test_xlsx_with_spreadsheet_values(tmp_path, database):
    book = Workbook()
    sheet = book.active
    sheet.append(["Raison sociale", "SIRET", "E-mail", "Portable", "CP", "Ville", "Type",
                  "Notes"])
    sheet.append(["Durand SA", "73282932000074", "contact@durand.fr", 612345678, 1000, "Bourg",
                  "Professionnel"])  # ends before the empty Notes cell
    sheet.append(["Atelier Léa", "123", "x@y.fr", "", "", "", "pro"])
    path = tmp_path / "pros.xlsx"
    book.save(path)
    result = import_customers(path)
    assert (result.imported, result.rejected) == (1, 1)
    [row] = read_rejects(result.rejects_path)[1:]
    assert row[0] == "3" and row[1].startswith("SIRET / ICE : Le SIRET")
    [hit] = list_customers(CustomerQuery(text="durand"), 0, 5)
    data = get_customer(hit[0])
    assert (data.kind, data.legal_id, data.phone, data.postal_code) == (
        "professionnel", "73282932000074", "+33612345678", "01000")


def test_remembered_mapping_wins_over_guess(database):
    from rcdesk.services.customers.imports import remember_mapping

    headers = ["Nom", "Colonne bizarre"]
    remember_mapping(headers, {"last_name": 0, "email": 1})
    assert remembered_mapping(headers) == {"last_name": 0, "email": 1}


def test_purchases_import_by_external_id_and_email_with_decimal_comma(tmp_path, database):
    cid = create_customer(CustomerData(last_name="Dupont", email="helene@exemple.fr",
                                       external_id="C1"))
    lines = ["Code client;E-mail;Date;Montant TTC;Canal;N° ticket",
             "C1;;05/01/2026;1 234,56 €;comptoir;T1",
             ";helene@exemple.fr;06/01/2026;12,5;site web;T2",
             "C9;;06/01/2026;10;;T3",
             "C1;;32/01/2026;10;;T4",
             "C1;;07/01/2026;dix euros;;T5"]
    path = write(tmp_path, lines, "achats.csv")
    result = import_purchases(path)
    assert (result.imported, result.rejected) == (2, 3)
    reasons = {int(r[0]): r[1] for r in read_rejects(result.rejects_path)[1:]}
    assert reasons[4] == "client introuvable (C9)"
    assert "Date invalide" in reasons[5]
    assert "Montant invalide" in reasons[6]
    assert [(p.date, p.amount_cents, p.reference) for p in list_purchases(cid)] == [
        (date(2026, 1, 6), 1250, "T2"), (date(2026, 1, 5), 123456, "T1")]
    assert get_customer(cid).status == "client"
    twice = import_purchases(path)
    assert (twice.imported, twice.rejected) == (0, 5)
    assert len(list_purchases(cid)) == 2


def test_cancel_while_writing_rolls_back_and_search_still_indexes(tmp_path, database):
    lines = [HEADER] + [f"M.;Nom{i};Jean;jean{i}@exemple.fr;;59000;Lille;;X{i}"
                        for i in range(300)]
    path = write(tmp_path, lines, encoding="utf-8-sig")
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 1  # passes the reading, stops in the writing

    result = import_customers(path, cancelled=cancelled)
    assert result.cancelled
    assert count_customers(CustomerQuery()) == 0
    cid = create_customer(CustomerData(first_name="Zoé", last_name="Après"))
    assert [r[0] for r in list_customers(CustomerQuery(text="zoe"), 0, 5)] == [cid]
    done = import_customers(path)
    assert done.imported == 300
    assert count_customers(CustomerQuery(text="nom299")) == 1


def test_formats_utf16_tab_comma_quoted_and_xlsx_renamed_csv(tmp_path, database):
    text = "Nom\tPrénom\tE-mail\r\nDupont\tHélène\thelene@exemple.fr\r\n"
    utf16 = tmp_path / "unicode.txt"
    utf16.write_bytes(text.encode("utf-16"))
    fmt = detect_format(utf16)
    assert (fmt.encoding, fmt.separator) == ("utf-16", "\t")
    assert import_customers(utf16).imported == 1
    comma = tmp_path / "virgules.csv"
    comma.write_text('Nom,Prénom,Adresse\n"Martin","Loïc","3, rue des Lilas\n2e étage"\n',
                     encoding="utf-8")
    assert detect_format(comma).separator == ","
    assert import_customers(comma).imported == 1
    [hit] = list_customers(CustomerQuery(text="loic"), 0, 5)
    assert get_customer(hit[0]).address == "3, rue des Lilas\n2e étage"
    book = Workbook()
    book.active.append(["Nom", "Ville"])
    book.active.append(["Petit", "Lille"])
    disguised = tmp_path / "vraiment_excel.csv"
    book.save(disguised)
    assert detect_format(disguised).kind == "xlsx"
    assert import_customers(disguised).imported == 1


@pytest.mark.parametrize("name, content, message", [
    ("vieux.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
    ("faux.xlsx", b"Nom;Ville\r\nPetit;Lille\r\n", "classeur Excel"),
    ("casse.xlsx", b"PK\x03\x04" + b"\x00" * 100, "classeur Excel"),
])
def test_broken_spreadsheets_get_a_clear_message(tmp_path, database, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ServiceError) as info:
        import_customers(path)
    assert message in str(info.value)


def test_mapping_without_a_name_column_is_refused(tmp_path, database):
    path = write(tmp_path, ["Ville;CP", "Lille;59000"])
    with pytest.raises(ServiceError) as info:
        import_customers(path)
    assert "nom" in str(info.value)


def test_quotes_backslashes_and_empty_values_survive_the_bulk_path(tmp_path, database):
    path = tmp_path / "guillemets.csv"
    path.write_text('Raison sociale;Notes;E-mail\n"Le ""Petit"" Café";\\N et \\\\;\n',
                    encoding="utf-8")
    assert import_customers(path).imported == 1
    [hit] = list_customers(CustomerQuery(text="petit"), 0, 5)
    data = get_customer(hit[0])
    assert (data.company_name, data.notes, data.email, data.birth_date) == (
        'Le "Petit" Café', "\\N et \\\\", "", None)
    assert data.kind == "professionnel"


def test_purchases_date_back_when_an_imported_client_became_one(tmp_path, database):
    from rcdesk.models.customers import Customer

    cid = create_customer(CustomerData(last_name="Dupont", status="client", external_id="C1"))
    assert Customer.get_by_id(cid).client_since == date.today()
    path = write(tmp_path, ["Code client;Date;Montant", "C1;05/01/2025;10", "C1;05/03/2025;10"],
                 "achats.csv")
    assert import_purchases(path).imported == 2
    assert Customer.get_by_id(cid).client_since == date(2025, 1, 5)


def test_country_names_and_words_of_status_kind_consent(tmp_path, database):
    path = write(tmp_path, ["Nom;Pays;Téléphone;Statut;Type;Consentement;Segments",
                            "Benali;Maroc;0661234567;Actif;Part;oui;VIP|Fidèle",
                            "Peeters;Belgique;+32 2 512 34 56;perdu;B2B;non;",
                            "Zed;Atlantide;;;;peut-être;"], encoding="utf-8")
    result = import_customers(path)
    assert (result.imported, result.rejected) == (1, 2)
    [hit] = list_customers(CustomerQuery(text="benali"), 0, 5)
    data = get_customer(hit[0])
    assert (data.country, data.phone, data.status, data.kind, data.consent, data.segments) == (
        "MA", "+212661234567", "client", "particulier", True, ["VIP", "Fidèle"])
    reasons = [r[1] for r in read_rejects(result.rejects_path)[1:]]
    assert reasons[0].startswith("Raison sociale")  # a B2B row needs its company name
    assert reasons[1] == "Pays : pays inconnu « Atlantide »"  # read before the consent


def test_rejects_go_to_the_data_folder_when_the_source_folder_is_read_only(
        tmp_path, database, isolated_data_dir, monkeypatch):
    from rcdesk.services import tabular as customers_files

    path = write(tmp_path, [HEADER, "M.;Roux;Paul;paul@;;59000;Lille;;C5"])
    real = customers_files._write_rejects_at

    def refuse_beside_source(target, headers, rejects, *rest):
        if target.parent == tmp_path:
            raise PermissionError("lecture seule")
        return real(target, headers, rejects, *rest)

    monkeypatch.setattr(customers_files, "_write_rejects_at", refuse_beside_source)
    result = import_customers(path)
    assert result.rejects_path == isolated_data_dir / "clients_rejets.csv"
    assert read_rejects(result.rejects_path)[1][0] == "2"


def test_a_stray_quote_does_not_swallow_the_next_rows(tmp_path, database):
    path = write(tmp_path, ["Nom;Prénom;E-mail",
                            'Dupont;"Hélène;helene@exemple.fr',
                            "Martin;Loïc;loic@exemple.fr",
                            "Petit;Jean;jean@exemple.fr",
                            'Roux;"Paul, dit ""Polo""";paul@exemple.fr'], encoding="utf-8")
    result = import_customers(path)
    assert (result.imported, result.rejected) == (4, 0)
    [hit] = list_customers(CustomerQuery(text="loic"), 0, 5)
    assert get_customer(hit[0]).first_name == "Loïc"
    [hit] = list_customers(CustomerQuery(text="roux"), 0, 5)
    assert get_customer(hit[0]).first_name == 'Paul, dit "Polo"'
    [hit] = list_customers(CustomerQuery(text="dupont"), 0, 5)
    assert get_customer(hit[0]).first_name == '"Hélène'  # kept as typed: nothing altered


def test_an_import_that_updates_a_customer_makes_an_open_form_stale(tmp_path, database):
    """PC 1 has the customer's form open; an import updates that customer; PC 1's save is
    refused with what changed, instead of silently reverting the imported values."""
    from rcdesk.core.errors import StaleRecordError
    from rcdesk.services.customers import update_customer

    cid = create_customer(CustomerData(first_name="Hélène", last_name="Dupont",
                                       email="helene@exemple.fr", city="Douai"))
    opened = get_customer(cid)
    import_customers(write(tmp_path, [HEADER, GOOD[0]]), update=True)
    assert get_customer(cid).version == opened.version + 1
    opened.notes = "rappeler"
    with pytest.raises(StaleRecordError) as info:
        update_customer(cid, opened)
    assert "Douai → Lille" in str(info.value)
    assert get_customer(cid).city == "Lille"
