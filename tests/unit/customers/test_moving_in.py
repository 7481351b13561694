"""Moving in: customer files written by Odoo, Dolibarr, SuiteCRM, Google Contacts, Outlook and
an old Excel workbook import whole. Every row is imported, stored as a contact of its company,
or listed with a reason a person can act on (tests/fixtures/moving_in/make_files.py says what
each file reproduces)."""

import csv
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from rcdesk.core.errors import ServiceError
from rcdesk.services.customers import CustomerQuery, get_customer, list_customers
from rcdesk.services.customers.contacts import (
    ContactData,
    add_contact,
    delete_contact,
    list_contacts,
    update_contact,
)
from rcdesk.services.customers.imports import detect_format, guess_mapping, import_customers

FIXTURES = Path(__file__).parents[2] / "fixtures" / "moving_in"


def fixture(tmp_path, name):
    """A copy beside which the rejects and warnings files are written."""
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def one(text):
    hits = list_customers(CustomerQuery(text=text), 0, 5)
    assert len(hits) == 1, f"{text}: {len(hits)} résultat(s)"
    return get_customer(hits[0][0])


def reasons(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {int(r[0]): r[1] for r in list(csv.reader(handle, delimiter=";"))[1:]}


def test_odoo_contact_template_countries_by_name_and_contacts_of_companies(tmp_path, database):
    path = fixture(tmp_path, "odoo_contacts_template.csv")
    assert detect_format(path).separator == ","
    result = import_customers(path)
    assert (result.total, result.imported, result.contacts, result.rejected) == (6, 4, 1, 1)
    assert reasons(result.rejects_path) == {
        5: "Téléphone : Le numéro « 123456789 » n'est pas un numéro valide (pays : "
           "États-Unis) ; un numéro d'un autre pays s'écrit avec son indicatif, ex. "
           "+32 470 12 34 56."}
    lakeside = one("Lakeside")
    assert (lakeside.kind, lakeside.company_name, lakeside.country, lakeside.phone,
            lakeside.postal_code, lakeside.region) == (
        "professionnel", "Lakeside Diner LLC", "US", "+16085550142", "53703", "Wisconsin")
    brasserie = one("Brasserie")
    assert (brasserie.kind, brasserie.country, brasserie.segments) == (
        "professionnel", "FR", ["Restauration"])
    [camille] = list_contacts(brasserie.id)
    assert (camille.name, camille.role, camille.email, camille.phone) == (
        "Camille Rouvier", "Gérante", "camille@brasserie-vp.example", "+33612345670")
    nadia = one("Berrada")
    assert (nadia.kind, nadia.country, nadia.phone, nadia.segments) == (
        "particulier", "MA", "+212661234567", ["VIP"])
    luc = one("Vanderbeke")
    assert (luc.country, luc.postal_code, luc.phone) == ("BE", "1000", "+3225112233")
    assert list_contacts(lakeside.id) == []  # Jordan's row was rejected, not half-stored


def test_keep_invalid_keeps_the_row_and_the_raw_value(tmp_path, database):
    path = fixture(tmp_path, "odoo_contacts_template.csv")
    result = import_customers(path, keep_invalid=True)
    assert (result.imported, result.contacts, result.rejected, result.warned) == (4, 2, 0, 1)
    assert result.warnings_path == tmp_path / "odoo_contacts_template_avertissements.csv"
    assert reasons(result.warnings_path) == {5: "Téléphone « 123456789 » gardé(e) dans les notes"}
    [jordan] = list_contacts(one("Lakeside").id)
    assert (jordan.name, jordan.role, jordan.phone) == ("Jordan Miller", "Manager", "")
    assert jordan.notes == "Téléphone, valeur non reconnue à l'import : 123456789"


def test_odoo_export_with_ids_flags_and_ranks(tmp_path, database):
    path = fixture(tmp_path, "odoo_export_partners.csv")
    mapping = guess_mapping(detect_headers(path))
    assert {k: mapping[k] for k in ("external_id", "parent", "last_name", "kind", "country",
                                    "phone", "phone2", "status", "active", "role",
                                    "civility", "address", "address2", "notes")} == {
        "external_id": 0, "parent": 1, "last_name": 2, "kind": 3, "country": 8, "phone": 9,
        "phone2": 10, "status": 14, "active": 15, "role": 16, "civility": 17, "address": 4,
        "address2": 5, "notes": 13}
    result = import_customers(path)
    assert (result.imported, result.contacts, result.rejected) == (2, 1, 2)
    got = reasons(result.rejects_path)
    assert got[5] == "Code postal : Le code postal (CA) doit avoir la forme H2X 1Y4."
    assert got[6] == ("société rattachée « __export__.res_partner_999_ffffffff » introuvable "
                      "dans le fichier et dans la base (importez d'abord les sociétés)")
    company = one("Érablière")
    assert (company.kind, company.company_name, company.status, company.country,
            company.postal_code, company.external_id) == (
        "professionnel", "Érablière Saint-Laurent inc.", "client", "CA", "J0K 1A0",
        "__export__.res_partner_101_a1b2c3d4")
    [genevieve] = list_contacts(company.id)
    assert (genevieve.name, genevieve.role, genevieve.phone, genevieve.notes) == (
        "Mme Geneviève Tremblay", "Acheteuse", "+14503724419", "Commande au printemps")
    marc = one("Gagnon")
    assert (marc.kind, marc.status, marc.civility, marc.address, marc.external_id) == (
        "particulier", "client", "M.", "45 boulevard des Laurentides\napp. 3",
        "__export__.res_partner_103_c9d0e1f2")
    kept = import_customers(path, keep_invalid=True, only_lines={5})
    assert (kept.imported, kept.rejected, kept.warned) == (1, 0, 1)
    sophie = one("Lavoie")
    assert (sophie.status, sophie.postal_code) == ("prospect", "")  # customer_rank 0, active 0
    assert sophie.notes == ("Inactif (archivé) dans le fichier d'origine\nCode postal (colonne "
                            "« zip »), valeur non reconnue à l'import : 0")


def detect_headers(path):
    from rcdesk.services.customers.imports import read_preview

    return read_preview(path, detect_format(path), 1)[0]


def test_dolibarr_template_codes_and_technical_names(tmp_path, database):
    path = fixture(tmp_path, "dolibarr_societe_template.csv")
    fmt = detect_format(path)
    assert (fmt.separator, fmt.encoding) == (";", "utf-8")
    result = import_customers(path)
    assert (result.imported, result.rejected) == (3, 1)
    assert reasons(result.rejects_path) == {3: "Code postal : Le code postal doit comporter 5 "
                                               "chiffres."}
    assert result.ignored == (
        "Alias name (s.name_alias) (nom commercial (Dolibarr), non importé)",
        "Supplier* (s.fournisseur) (fournisseur (Dolibarr), non importé)")
    garnier = one("Garnier")
    assert (garnier.kind, garnier.status, garnier.legal_id, garnier.external_id, garnier.phone,
            garnier.notes) == ("professionnel", "client", "73282932000074", "CU2611-00001",
                               "+33478123456", "Client depuis 2019")
    jeanne = one("Morel")  # TE_PRIVATE, customer and prospect (3), closed (status 0)
    assert (jeanne.kind, jeanne.last_name, jeanne.status, jeanne.country,
            jeanne.postal_code) == ("particulier", "Jeanne Morel", "ancien client", "CH", "1204")
    bazar = one("Essaouira")  # s.client 0: neither customer nor prospect yet
    assert (bazar.kind, bazar.status, bazar.country, bazar.phone) == (
        "professionnel", "prospect", "MA", "+212524470000")


def test_suitecrm_cp1252_accounts_become_companies_with_their_contacts(tmp_path, database):
    path = fixture(tmp_path, "suitecrm_contacts.csv")
    fmt = detect_format(path)
    assert (fmt.encoding, fmt.separator) == ("cp1252", ",")
    result = import_customers(path)
    assert (result.imported, result.companies, result.contacts, result.rejected) == (1, 1, 2, 1)
    [problem] = result.problems
    assert (problem.reason, problem.count, problem.field, problem.raw, problem.lines) == (
        "Civilité : civilité inconnue « Dr. »", 1, "civility", "Dr.", (5,))
    assert "Email Opt Out (refus des e-mails : le consentement n'est pas importé d'un refus)" \
        in result.ignored
    bakery = one("Boulangerie Rénier")
    assert (bakery.kind, bakery.company_name) == ("professionnel", "Boulangerie Rénier")
    helene, theo = list_contacts(bakery.id)
    assert (helene.name, helene.role, helene.email, helene.phone) == (
        "Mme Hélène Rénier", "Gérante", "helene@boulangerie-renier.example", "+33623456781")
    assert helene.notes.splitlines()[:2] == ["Livraison le mardi",
                                             "Autre téléphone : +33 3 20 12 34 56"]
    assert (theo.name, theo.role, theo.phone) == ("M. Théo Rénier", "Apprenti", "+33634567812")
    ines = one("Château")
    assert (ines.civility, ines.phone, ines.source, ines.region, ines.postal_code) == (
        "Mme", "+33645678123", "Cold Call", "Pays de la Loire", "44000")

    # The value step: « Dr. » read as no civility, on the rejected line only.
    fixed = import_customers(path, values={"civility": {"Dr.": ""}},
                             only_lines=set(result.rejected_lines))
    assert (fixed.total, fixed.imported, fixed.rejected) == (1, 1, 0)
    assert (one("Haddad").civility, one("Haddad").phone) == ("", "+33656781234")
    # remembered for this column: a new run reads « Dr. » without being told
    again = import_customers(path, dry_run=True)
    assert not [p for p in again.problems if p.field == "civility"]
    # the same file twice: nothing new, the contacts are not added again
    assert again.imported == 0 and again.contacts == 0
    assert sorted(reasons_of(again)) == ["client déjà présent (n° …) : importez avec la mise à "
                                         "jour pour le modifier"] * 2 + [
        "contact déjà enregistré pour le client n° …"] * 2
    assert len(list_contacts(bakery.id)) == 2


def reasons_of(result):
    return [p.reason for p in result.problems for _ in range(p.count)]


def test_google_contacts_lists_labels_and_yearless_birthdays(tmp_path, database):
    result = import_customers(fixture(tmp_path, "google_contacts.csv"))
    assert (result.imported, result.rejected) == (3, 0)
    elodie = one("Marchand")
    assert (elodie.civility, elodie.first_name, elodie.phone, elodie.segments,
            elodie.birth_date, elodie.postal_code, elodie.region) == (
        "Mme", "Élodie", "+33611223344", ["Clients"], date(1988, 7, 14), "75002",
        "Île-de-France")
    assert elodie.notes == "Cliente fidèle\nAutres numéros : +33 1 44 55 66 77"
    youssef = one("Alaoui")
    assert (youssef.country, youssef.phone, youssef.company_name, youssef.birth_date) == (
        "MA", "+212522334455", "Atlas Import", None)
    assert youssef.notes == "Anniversaire (sans année) : 21/03\nFonction : Directeur"
    soleil = one("Soleil")
    assert (soleil.kind, soleil.segments) == ("professionnel", ["Fournisseurs"])


def test_outlook_csv_home_address_and_every_phone(tmp_path, database):
    path = fixture(tmp_path, "outlook_contacts.csv")
    assert detect_format(path).encoding == "cp1252"
    result = import_customers(path)
    assert (result.imported, result.rejected) == (2, 0)
    sylvie = one("Lambert")
    assert (sylvie.civility, sylvie.address, sylvie.postal_code, sylvie.city, sylvie.phone,
            sylvie.phone2, sylvie.birth_date, sylvie.segments) == (
        "Mme", "12 rue Victor Hugo", "37000", "Tours", "+33247123456", "+33678123456", None,
        ["Clients", "Newsletter"])
    gregoire = one("Dufresne")
    assert (gregoire.company_name, gregoire.email2, gregoire.phone, gregoire.phone2) == (
        "Cabinet Dufresne", "compta@cabinet-dufresne.example", "+33387654321", "+33687654321")
    assert "Home Street" not in " ".join(result.ignored)  # read when Business Street is blank


def test_old_excel_xls(tmp_path, database):
    path = fixture(tmp_path, "odoo10_customers.xls")
    assert detect_format(path).kind == "xls"
    result = import_customers(path)
    assert (result.imported, result.rejected) == (3, 0)
    rose = one("Delmas")  # numbers in the sheet: leading zeros given back for France
    assert (rose.postal_code, rose.phone, rose.status) == ("04100", "+33612345678", "client")
    fromagerie = one("Bastide")
    assert (fromagerie.kind, fromagerie.status, fromagerie.postal_code) == (
        "professionnel", "client", "84000")
    assert (one("Tazi").country, one("Tazi").status) == ("MA", "prospect")


def write_ods(path, rows):
    """A minimal OpenDocument spreadsheet as LibreOffice writes it: repeated cells and rows."""
    cells = []
    for row in rows:
        xml = []
        for value in row:
            if isinstance(value, (int, float)):
                xml.append(f'<table:table-cell office:value-type="float" office:value="{value}">'
                           f"<text:p>{value}</text:p></table:table-cell>")
            elif value == "":
                xml.append('<table:table-cell table:number-columns-repeated="2"/>')
            else:
                xml.append(f'<table:table-cell office:value-type="string"><text:p>{value}'
                           "</text:p></table:table-cell>")
        xml.append('<table:table-cell table:number-columns-repeated="1016"/>')
        cells.append("<table:table-row>" + "".join(xml) + "</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        '<office:body><office:spreadsheet><table:table table:name="Clients">'
        + "".join(cells)
        + '<table:table-row table:number-rows-repeated="1048570"><table:table-cell '
          'table:number-columns-repeated="1024"/></table:table-row>'
        + '</table:table><table:table table:name="Autre"><table:table-row><table:table-cell '
          'office:value-type="string"><text:p>ignoré</text:p></table:table-cell>'
          "</table:table-row></table:table></office:spreadsheet></office:body>"
          "</office:document-content>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)


def test_libreoffice_ods(tmp_path, database):
    path = tmp_path / "clients.ods"
    write_ods(path, [["Nom", "Prénom", "Code postal", "", "Pays"],
                     ["Garcia", "Lucía", 28013, "", "Espagne"],
                     ["Peeters", "Anke", 2000, "", "België"]])
    assert detect_format(path).kind == "ods"
    result = import_customers(path)
    assert (result.total, result.imported, result.rejected) == (2, 2, 0)
    assert (one("Garcia").country, one("Garcia").postal_code) == ("ES", "28013")
    assert (one("Peeters").country, one("Peeters").postal_code) == ("BE", "2000")


def test_contact_persons_are_edited_in_the_customer_file(database):
    from rcdesk.services.customers import CustomerData, create_customer, delete_customer

    cid = create_customer(CustomerData(kind="professionnel", company_name="Café Lumière",
                                       country="BE"))
    first = add_contact(cid, ContactData(name="Inge Claes", role="Gérante",
                                         phone="02 511 22 33", email="INGE@cafe.example"))
    add_contact(cid, ContactData(name="Tom Wouters"))
    assert [(c.name, c.phone, c.email) for c in list_contacts(cid)] == [
        ("Inge Claes", "+3225112233", "INGE@cafe.example"), ("Tom Wouters", "", "")]
    update_contact(first, ContactData(name="Inge Claes", role="Associée"))
    assert list_contacts(cid)[0].role == "Associée"
    with pytest.raises(Exception) as info:
        add_contact(cid, ContactData(name=""))
    assert "obligatoire" in str(info.value)
    delete_contact(first)
    assert [c.name for c in list_contacts(cid)] == ["Tom Wouters"]
    delete_customer(cid)
    assert list_contacts(cid) == []


def test_command_line_map_value_and_keep_invalid(tmp_path, database, capsys):
    from rcdesk.cli import main
    from rcdesk.db import close_database

    path = fixture(tmp_path, "suitecrm_contacts.csv")
    db = str(tmp_path / "cli.db")
    close_database()
    assert main(["--db", db, "import", "customers", str(path), "--dry-run",
                 "--map", "Account Name=", "--value", "Salutation:Dr.="]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Simulation : 4 importés, 0 mis à jour, 0 rejetés"
    assert "Account Name" in out  # listed as ignored now
    assert main(["--db", db, "import", "customers", str(path), "--value",
                 "Salutation:Dr.=Docteur"]) == 2
    assert "n'est pas une valeur possible de « Civilité »" in capsys.readouterr().err
    assert main(["--db", db, "import", "customers", str(path), "--map", "Salutation=titre"]) == 2
    assert "champ inconnu « titre »" in capsys.readouterr().err
    assert main(["--db", db, "import", "customers", str(path), "--keep-invalid"]) == 0
    out = capsys.readouterr().out
    assert "1 importé(s) avec une valeur gardée dans les notes" in out
    assert "suitecrm_contacts_avertissements.csv" in out


def test_vocabulary_tables():
    from rcdesk.services.customers.vocabulary import (
        UnknownValue,
        Vocabulary,
        canonical_choice,
        country_choices,
        country_code,
        parse_flag,
    )

    assert [country_code(t) for t in ("United States", "Etats Unis", "USA", "base.us",
                                      "Royaume-Uni", "Deutschland", "Maroc", "Morocco",
                                      "Belgique", "ch", "Atlantide")] == [
        "US", "US", "US", "US", "GB", "DE", "MA", "MA", "BE", "CH", None]
    assert [parse_flag(t) for t in ("1", "0", "TRUE", "false", "oui", "Non", "x", "✓", "",
                                    "peut-être")] == [True, False, True, False, True, False,
                                                      True, True, False, None]
    assert ("MA", "Maroc") in country_choices() and len(country_choices()) > 240
    dolibarr = Vocabulary(["Customer* (s.client)"], {"status": 0})
    assert [dolibarr.read("status", c) for c in "0123"] == [
        "prospect", "client", "prospect", "client"]
    odoo = Vocabulary(["customer_rank"], {"status": 0})
    assert [odoo.read("status", c) for c in ("0", "3")] == ["prospect", "client"]
    kinds = Vocabulary(["is_company"], {"kind": 0})
    assert [kinds.read("kind", c) for c in ("1", "0", "Company", "TE_PRIVATE")] == [
        "professionnel", "particulier", "professionnel", "particulier"]
    with pytest.raises(UnknownValue):
        kinds.read("kind", "Fournisseur")
    assert canonical_choice("country", "Etats-Unis") == "US"
    with pytest.raises(ServiceError):
        canonical_choice("status", "gagné")


def test_tools_headers_are_recognised():
    suitecrm = ["ID", "Name", "Salutation", "First Name", "Last Name", "Title", "Account Name",
                "Email Address", "Mobile", "Office Phone", "Email Opt Out"]
    assert guess_mapping(suitecrm) == {
        "external_id": 0, "civility": 2, "first_name": 3, "last_name": 4, "role": 5,
        "parent": 6, "email": 7, "phone": 8, "phone2": 9}
    outlook = ["Title", "First Name", "Last Name", "Company", "Job Title", "E-mail Address"]
    assert guess_mapping(outlook) == {"civility": 0, "first_name": 1, "last_name": 2,
                                      "company_name": 3, "role": 4, "email": 5}
    dolibarr = ["Nom* (s.nom)", "Code client (s.code_client)", "Code postal (s.zip)",
                "Ville (s.town)", "Pays (s.fk_pays)"]
    assert guess_mapping(dolibarr) == {"company_name": 0, "external_id": 1, "postal_code": 2,
                                       "city": 3, "country": 4}


def test_contacts_go_with_a_gdpr_erasure_and_appear_in_the_access_export(database):
    from rcdesk.services.customers import CustomerData, create_customer
    from rcdesk.services.gdpr import anonymise_customers, export_customer_data

    cid = create_customer(CustomerData(kind="professionnel", company_name="Atelier Vert"))
    add_contact(cid, ContactData(name="Léon Vidal", role="Gérant", email="leon@vert.example"))
    exported = export_customer_data(cid)
    assert exported["contact_persons"] == [
        {"nom": "Léon Vidal", "fonction": "Gérant", "e-mail": "leon@vert.example",
         "téléphone": "", "notes": ""}]
    assert anonymise_customers([cid]) == 1
    assert list_contacts(cid) == []
    with pytest.raises(ServiceError):
        add_contact(cid, ContactData(name="Léon Vidal"))


def test_dolibarr_contacts_file_attaches_people_to_stored_companies(tmp_path, database):
    """Dolibarr's contacts template (socpeople: « sp.xxx ») after its third parties: each
    person goes to the company already stored, found by name (case and accents aside); a
    company given by a number that matches nothing is a reject, not a company named « 12 »."""
    import_customers(fixture(tmp_path, "dolibarr_societe_template.csv"))
    path = tmp_path / "contacts.csv"
    path.write_bytes(
        ('"Lastname* (sp.lastname)";"Firstname (sp.firstname)";"Civility (sp.civility)";'
         '"Third party (sp.fk_soc)";"Job position (sp.poste)";"Email (sp.email)";'
         '"Mobile phone (sp.phone_mobile)"\r\n'
         '"Garnier";"Paul";"MR";"MENUISERIE GARNIER SARL";"Gérant";"paul@menuiserie-garnier.'
         'example";"06 11 22 33 44"\r\n'
         '"Vidal";"Anne";"MME";"12";"";"";""\r\n').encode("utf-8"))
    result = import_customers(path)
    assert (result.imported, result.contacts, result.companies, result.rejected) == (0, 1, 0, 1)
    assert reasons(result.rejects_path)[3].startswith("société rattachée « 12 » introuvable")
    [paul] = list_contacts(one("Menuiserie").id)
    assert (paul.name, paul.role, paul.phone) == ("M. Paul Garnier", "Gérant", "+33611223344")


def test_an_erased_person_leaves_no_trace_as_another_company_s_contact(database):
    """Zoé is a customer and the contact person of a company: her erasure blanks her name,
    e-mail and phone in the company's contacts too, and the company keeps its other contact."""
    from rcdesk.models.customers import CustomerContact
    from rcdesk.services.customers import CustomerData, create_customer
    from rcdesk.services.gdpr import anonymise_customers

    zoe = create_customer(CustomerData(first_name="Zoé", last_name="Parrain",
                                       email="zoe.parrain@example.org", phone="06 12 34 56 78"))
    company = create_customer(CustomerData(kind="professionnel", company_name="Atelier Vert"))
    add_contact(company, ContactData(name="Zoé Parrain", role="Comptable",
                                     email="zoe.parrain@example.org", phone="06 12 34 56 78",
                                     notes="Demander Zoé Parrain le matin"))
    add_contact(company, ContactData(name="Léon Vidal", role="Gérant"))
    assert anonymise_customers([zoe]) == 1
    rows = [(c.name, c.email, c.phone, c.notes) for c in
            CustomerContact.select().where(CustomerContact.customer == company)
            .order_by(CustomerContact.position)]
    assert len(rows) == 2 and rows[1][0] == "Léon Vidal"
    kept = " ".join(" ".join(r) for r in rows)
    assert "Parrain" not in kept and "zoe.parrain" not in kept and "12 34 56" not in kept
    assert "3361234567" not in kept.replace(" ", "")


def test_odoo_vat_number_is_kept_in_the_notes_with_its_name(tmp_path, database):
    # Odoo's export writes the VAT number in « vat » (Dolibarr in « s.tva_intra »): rcdesk has
    # no field for it, so the import keeps it, named, in the notes instead of dropping it
    path = tmp_path / "odoo_vat.csv"
    path.write_text("id,name,is_company,zip,city,country_id/id,vat,comment\n"
                    "__export__.res_partner_7_aa,Verrerie Dumas,1,69003,Lyon,base.fr,"
                    "FR40303265045,Client historique\n", encoding="utf-8")
    assert guess_mapping(detect_headers(path))["vat"] == 6
    assert guess_mapping(["Nom* (s.nom)", "N° TVA (s.tva_intra)"]) == {"company_name": 0,
                                                                        "vat": 1}
    result = import_customers(path)
    assert (result.imported, result.rejected) == (1, 0)
    dumas = one("Dumas")
    assert (dumas.company_name, dumas.notes) == (
        "Verrerie Dumas", "Client historique\nN° de TVA : FR40303265045")


def _outlook_us(tmp_path, birthdays):
    """An Outlook CSV as the US edition writes it: English headers, every cell quoted,
    birthdays month first (« 0/0/00 » for none)."""
    path = tmp_path / "contacts_us.csv"
    lines = ['"First Name","Last Name","Birthday","E-mail Address"']
    for n, day in enumerate(birthdays):
        lines.append(f'"Anne{n}","Walker{n}","{day}","anne{n}@example.com"')
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    return path


def test_a_us_export_s_month_first_birthdays_are_read_month_first(tmp_path, database):
    path = _outlook_us(tmp_path, ["3/15/1980", "12/5/1975", "7/4/1969", "0/0/00"])
    result = import_customers(path)
    assert (result.imported, result.rejected) == (4, 0)
    assert result.month_first == ("Birthday",)
    assert "dates lues mois/jour/année (format américain) : « Birthday »" in result.summary()
    births = [one(f"Walker{n}").birth_date for n in range(4)]
    # 3/15 settles the column: 12/5/1975 is 5 December, 7/4/1969 is 4 July
    assert births == [date(1980, 3, 15), date(1975, 12, 5), date(1969, 7, 4), None]


def test_day_first_and_undecided_columns_stay_day_first(tmp_path, database):
    french = _outlook_us(tmp_path, ["15/03/1980", "12/5/1975"])
    result = import_customers(french)
    assert result.month_first == () and result.rejected == 0
    assert one("Walker1").birth_date == date(1975, 5, 12)  # 15/03 proves day first
    undecided = tmp_path / "undecided.csv"
    undecided.write_text('"First Name","Last Name","Birthday"\n"Paul","Ambig","1/2/1990"\n',
                         encoding="utf-8")
    assert import_customers(undecided).month_first == ()
    assert one("Ambig").birth_date == date(1990, 2, 1)  # nothing says otherwise: French
    mixed = tmp_path / "mixed.csv"
    mixed.write_text('"First Name","Last Name","Birthday"\n"Jean","Mixte","13/1/1990"\n'
                     '"Joe","Mixed","1/13/1990"\n', encoding="utf-8")
    result = import_customers(mixed)
    # both orders in one column: read day first, the impossible date refused with its reason
    assert (result.imported, result.rejected, result.month_first) == (1, 1, ())
    assert one("Mixte").birth_date == date(1990, 1, 13)
